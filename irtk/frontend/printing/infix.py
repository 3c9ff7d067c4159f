"""`pprint` (alias `pp`): a graph as one infix expression, the way Theano prints it.

    >>> pp(x * y + 2.0)
    '((x * y) + TensorConstant{2.0})'

How an op prints is read from the registry, so a new op needs nothing here: an op whose frontend declares a
Python operator method (`__add__`, `__neg__`, `__lt__`, ...) prints as that operator, any other elementwise op
as a call of its first frontend name (`tanh(x)`), and every other op as a call of its op name with its
properties as keywords (`sum(x, axis=[0])`, `dot(x, W)`). Only two ops have a spelling of their own, because
Theano users read them so: `cast{float32}(x)` (the dtype names the variant) and dimshuffle, which is hidden
where it only adds broadcastable dimensions on the left (the frontend adds those to align operands), `x.T`
where it reverses the dimensions, and `DimShuffle{1,0,x}(x)` otherwise. A result of an op with several results
is named by what its op declares: `argmax(x, axis=[1]).index`.

Theano parenthesizes every operator application, which keeps the text unambiguous whatever the operators;
`minimal_parentheses=True` writes only the parentheses Python's precedence rules need (`x * y + 2`).
Named variables inside the graph print as their name; the variable asked for prints as its expression.
"""

from __future__ import annotations

from dataclasses import dataclass

from irtk.dialects.irtk.opdef import OPS
from irtk.frontend.variable import Variable
from irtk.frontend.printing.labels import leaf_text, op_name, properties, result_name, roots


@dataclass(frozen=True)
class Operator:
    """A Python operator: its symbol, its precedence (higher binds tighter, as in Python's grammar) and how
    operands of the same precedence group: "left" (`a - b - c`), "right" (`a ** b ** c`), "none"
    (comparisons, which Python would chain) or "unary"."""

    symbol: str
    precedence: int
    assoc: str = "left"

    @property
    def arity(self) -> int:
        return 1 if self.assoc == "unary" else 2


#: The Python operator methods an op's frontend may declare, and how each prints.
OPERATORS: dict[str, Operator] = {
    "__pow__": Operator("**", 7, "right"),
    "__neg__": Operator("-", 6, "unary"),
    "__invert__": Operator("~", 6, "unary"),
    "__mul__": Operator("*", 5),
    "__truediv__": Operator("/", 5),
    "__floordiv__": Operator("//", 5),
    "__mod__": Operator("%", 5),
    "__add__": Operator("+", 4),
    "__sub__": Operator("-", 4),
    "__and__": Operator("&", 3),
    "__xor__": Operator("^", 2),
    "__or__": Operator("|", 1),
    "__lt__": Operator("<", 0, "none"),
    "__le__": Operator("<=", 0, "none"),
    "__gt__": Operator(">", 0, "none"),
    "__ge__": Operator(">=", 0, "none"),
    "__eq__": Operator("==", 0, "none"),
    "__ne__": Operator("!=", 0, "none"),
}

#: Python built-in functions that call an operator method: `abs(x)` is `x.__abs__()`.
FUNCTION_METHODS: dict[str, str] = {"__abs__": "abs"}

#: Property names printed under Theano's keyword for them.
KEYWORDS: dict[str, str] = {"axes": "axis"}

#: Properties that name a variant of the op, printed in braces after its name: `cast{float32}(x)`.
BRACED: frozenset[str] = frozenset({"dtype"})

#: The precedence of a name, a call or a parenthesized expression: never parenthesized again.
ATOM = 100


def spelling(op: type) -> Operator | str:
    """How the registry says `op` prints: an `Operator`, or the name to call it by."""
    key = op.name.removeprefix("irtk.")
    entry = OPS.get(key)
    if entry is None or entry.op is not op:
        return key
    for method in entry.frontend.methods:
        if method in OPERATORS:
            return OPERATORS[method]
        if method in FUNCTION_METHODS:
            return FUNCTION_METHODS[method]
    if entry.frontend.kind == "elementwise" and entry.frontend.names:
        return entry.frontend.names[0]
    return key


def _grouped(text: str, precedence: int, needs: bool) -> str:
    return f"({text})" if needs and precedence < ATOM else text


def _operator(form: Operator, args: list[tuple[str, int]], minimal: bool) -> tuple[str, int]:
    p = form.precedence
    if form.assoc == "unary":
        (text, q), = args
        out = form.symbol + _grouped(text, q, q <= p)
    else:
        (left, lp), (right, rp) = args
        left = _grouped(left, lp, lp < p or (lp == p and form.assoc in ("right", "none")))
        right = _grouped(right, rp, rp < p or (rp == p and form.assoc in ("left", "none")))
        out = f"{left} {form.symbol} {right}"
    return (out, p) if minimal else (f"({out})", ATOM)


def _dimshuffle(pattern: list, ndim: int, arg: tuple[str, int]) -> tuple[str, int]:
    """Theano's reading of a dimshuffle: leading new axes are the broadcasting the frontend adds, and hidden."""
    text, precedence = arg
    while pattern and pattern[0] == "x":
        pattern = pattern[1:]
    if pattern == list(range(ndim)):
        return text, precedence
    if ndim > 1 and pattern == list(reversed(range(ndim))):
        return f"{_grouped(text, precedence, True)}.T", ATOM
    return f"DimShuffle{{{','.join(str(p) for p in pattern)}}}({text})", ATOM


def _call(node, name: str, args: list[tuple[str, int]]) -> tuple[str, int]:
    props = properties(node)
    braced = "".join(f"{{{props.pop(k)}}}" for k in list(props) if k in BRACED)
    keywords = [f"{KEYWORDS.get(k, k)}={v!r}" for k, v in props.items()]
    return f"{name}{braced}({', '.join([text for text, _ in args] + keywords)})", ATOM


def _node_text(v: Variable, args: list[tuple[str, int]], minimal: bool) -> tuple[str, int]:
    node = v.owner
    if op_name(node) == "dimshuffle" and "pattern" in node.properties and len(args) == 1:
        return _dimshuffle(properties(node)["pattern"], node.inputs[0].ndim, args[0])
    form = spelling(node.op)
    if isinstance(form, Operator) and form.arity == len(args) and len(node.outputs) == 1:
        return _operator(form, args, minimal)
    text, precedence = _call(node, form if isinstance(form, str) else op_name(node), args)
    which = result_name(node, v.index)
    if which is not None:
        text += f".{which}" if which.isidentifier() else f"[{which}]"
    return text, precedence


def expression(root: Variable, minimal_parentheses: bool = False) -> str:
    """The infix text of one variable (iteratively: a deep graph does not exhaust Python's stack)."""
    memo: dict[int, tuple[str, int]] = {}
    stack: list[tuple[Variable, bool]] = [(root, False)]
    while stack:
        v, ready = stack.pop()
        if id(v) in memo:
            continue
        if v.owner is None or (v.name and v is not root):
            memo[id(v)] = (leaf_text(v), ATOM)
        elif not ready:
            stack.append((v, True))
            stack.extend((i, False) for i in reversed(v.owner.inputs) if id(i) not in memo)
        else:
            memo[id(v)] = _node_text(v, [memo[id(i)] for i in v.owner.inputs], minimal_parentheses)
    return memo[id(root)][0]


def pprint(obj, minimal_parentheses: bool = False) -> str:
    """The expression of a variable; of a list of variables or a compiled Function, one line per output, then
    one `shared <- new value` line per update."""
    outputs, updates = roots(obj, "pprint")
    lines = [expression(v, minimal_parentheses) for v in outputs]
    lines += [f"{leaf_text(shared)} <- {expression(new, minimal_parentheses)}" for shared, new in updates]
    return "\n".join(lines)


pp = pprint
