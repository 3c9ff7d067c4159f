"""One definition per op: the registry of irtk ops and what is derived from each definition.

An op is *defined* once — for an elementwise op by `elementwise(...)` below, for other families by a class
that implements `TensorOp`'s three hooks — and *registered* here with its frontend spelling. Everything else
is derived from the registry, never kept in a second list:
- the op class itself (for declared ops) and its place in the `irtk` dialect;
- `TensorBuilder.<name>(...)` (gradient rules and rewrites build ops by name);
- the frontend function `irtk.tensor.<name>` and its aliases, and the `Variable` methods and operators;
- the FAST_COMPILE evaluation and the lowering (both from the op's structured form);
- the op's row in `docs/dialect.md` (`python -m irtk.dialects.irtk.opdef` prints the table).

A plugin defines an op the same way, from outside irtk: `elementwise(...)` or `register(MyOp, ...)`; the op
then lowers, fuses, differentiates and runs in both modes like a built-in one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from irtk.dialects.irtk.types import is_complex, is_float, is_integer, part_dtype, true_div_dtype, upcast


@dataclass(frozen=True)
class Frontend:
    """How the frontend spells an op: function names in `irtk.tensor`, `Variable` methods and operators.

    `kind` names the calling convention the frontend derives: "elementwise" (operands of any rank,
    aligned and broadcast as Theano does; Python numbers become constants), or "custom" (the op is
    reached through a hand-written frontend function only).
    """

    names: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    #: reflected operators (`2 - x` calls `x.__rsub__(2)`): the operands are swapped
    reflected: tuple[str, ...] = ()
    kind: str = "elementwise"


@dataclass
class OpEntry:
    op: type
    frontend: Frontend
    summary: str


#: Every irtk op, by its name without the `irtk.` prefix, in order of definition.
OPS: dict[str, OpEntry] = {}
_LISTENERS: list[Callable[[OpEntry], None]] = []


def register(op: type, frontend: Frontend = Frontend(kind="custom"), summary: str | None = None) -> type:
    """Add an op class to the irtk registry (and so to every context made after this call)."""
    name = op.name.removeprefix("irtk.")
    if name in OPS and OPS[name].op is not op:
        raise ValueError(f"op '{op.name}' is already defined")
    text = summary or op.__doc__ or ""
    entry = OpEntry(op, frontend, " ".join(text.strip().split("\n\n")[0].split()))
    OPS[name] = entry
    for listener in list(_LISTENERS):
        listener(entry)
    return op


def on_register(listener: Callable[[OpEntry], None]) -> None:
    """Call `listener` for every op registered so far and every op registered later (the frontend uses
    this to install functions and methods, so that it needs no list of its own)."""
    _LISTENERS.append(listener)
    for entry in list(OPS.values()):
        listener(entry)


def op_named(name: str) -> type:
    try:
        return OPS[name.removeprefix("irtk.")].op
    except KeyError:
        raise AttributeError(f"no irtk op named '{name}'") from None


# ---------------------------------------------------------------- dtype rules of elementwise ops


@dataclass(frozen=True)
class DtypeRule:
    """Operand dtypes -> (the dtype each operand is converted to before the body, the result dtype).

    Keeping the two apart is what lets a comparison compute in the operands' common dtype and return bool,
    `switch` keep a boolean condition, and `**` keep an integer exponent.
    """

    rule: Callable[[Sequence[str]], tuple[Sequence[str], str]]
    description: str

    def __call__(self, dtypes: Sequence[str]) -> tuple[list[str], str]:
        operand_dtypes, result = self.rule(list(dtypes))
        return list(operand_dtypes), result


def upgrade_to_float(dtype: str) -> str:
    """Theano's rule for float-valued functions of integers: small ints to float32, others to float64."""
    if is_float(dtype) or dtype.startswith("complex"):
        return dtype
    return "float32" if dtype in ("bool", "int8", "uint8", "int16", "uint16") else "float64"


def _no_bool(name: str, dtype: str) -> str:
    if dtype == "bool":
        raise TypeError(f"{name}: not defined for booleans (numpy refuses it too)")
    return dtype


SAME = DtypeRule(lambda d: ([upcast(*d)] * len(d), upcast(*d)), "the operands' common (upcast) dtype")
FLOAT = DtypeRule(
    lambda d: ([upgrade_to_float(upcast(*d))] * len(d), upgrade_to_float(upcast(*d))),
    "float: the common dtype, integers upgraded to float (float32 up to 16 bits, else float64)",
)
TRUE_DIV = DtypeRule(lambda d: ([true_div_dtype(*d)] * len(d), true_div_dtype(*d)), "float: integers divide as float64")
COMPARISON = DtypeRule(lambda d: ([upcast(*d)] * len(d), "bool"), "bool; compared in the common dtype")
PREDICATE = DtypeRule(lambda d: (d, "bool"), "bool")


def numeric(name: str) -> DtypeRule:
    """The common dtype, which must not be bool (`-`, `abs` of booleans are refused, as numpy does)."""
    return DtypeRule(lambda d: ([_no_bool(name, upcast(*d))] * len(d), _no_bool(name, upcast(*d))), "the common dtype, not bool")


def magnitude(name: str) -> DtypeRule:
    """`abs`: the common dtype (not bool); a complex number's magnitude is a float of its parts' width."""

    def rule(d):
        common = _no_bool(name, upcast(*d))
        return [common] * len(d), part_dtype(common)

    return DtypeRule(rule, "the common dtype, not bool; complex gives its parts' float dtype")


def integral(name: str) -> DtypeRule:
    """The common dtype, which must be bool or an integer (bitwise operations)."""

    def rule(d):
        common = upcast(*d)
        if not is_integer(common):
            raise TypeError(f"{name}: needs integer or boolean operands, got {', '.join(d)}")
        return [common] * len(d), common

    return DtypeRule(rule, "the common dtype, integer or bool")


@dataclass(frozen=True)
class ElementwiseDef:
    """The declaration of an elementwise op (see `elementwise`)."""

    name: str
    arity: int
    body: Callable
    dtypes: DtypeRule
    grad: Callable | None
    frontend: Frontend
    doc: str
    operand_names: tuple[str, ...] = field(default=())
    #: Whether the body knows complex operands; an op that does not refuses them when its type is inferred.
    takes_complex: bool = False

    def check_dtypes(self, op_name: str, dtypes: Sequence[str]) -> None:
        if not self.takes_complex and any(is_complex(d) for d in dtypes):
            raise TypeError(f"{op_name}: not defined for complex operands (got {', '.join(dtypes)})")


def elementwise(
    name: str,
    arity: int,
    body: Callable,
    *,
    dtypes: DtypeRule = SAME,
    grad: Callable | None = None,
    names: Sequence[str] | None = None,
    methods: Sequence[str] = (),
    reflected: Sequence[str] = (),
    doc: str = "",
    dialect_name: str = "irtk",
    takes_complex: bool = False,
) -> type:
    """Define an elementwise op from its scalar body, and register it. Returns the op class.

    - `body(s, *operands)`: the result for one element, built with a `ScalarBuilder` `s` from operands
      already converted to the dtypes `dtypes` chose; this is the op's only meaning.
    - `dtypes`: the type rule (a `DtypeRule`).
    - `grad(tb, op, g)`: the gradient of each operand given the result's gradient `g`, before
      un-broadcasting (the machinery sums over broadcast dimensions and casts back); None for an operand
      that gets none. Integer operands never get one.
    - `names`: the frontend functions (default: `name`); `methods`: Variable methods and operators;
      `reflected`: reflected operators (`__radd__`).
    - `takes_complex`: whether the body handles complex64/complex128 operands (`ScalarBuilder` gives them numpy's
      meaning); otherwise the type rule refuses them, so a body written for real numbers never sees one.
    """
    from irtk.dialects.irtk.elementwise import make_elementwise_op

    definition = ElementwiseDef(
        name, arity, body, dtypes, grad, Frontend(tuple(names if names is not None else [name]), tuple(methods), tuple(reflected)), doc,
        takes_complex=takes_complex,
    )
    op = make_elementwise_op(definition, dialect_name)
    return register(op, definition.frontend, doc)


def markdown_table() -> str:
    """The table of irtk's own ops for `docs/dialect.md`, from the registry (plugins' ops are left out)."""
    rows = ["| op | frontend | summary |", "|---|---|---|"]
    for name, entry in OPS.items():
        if not entry.op.__module__.startswith("irtk."):
            continue
        spelled = ", ".join(f"`{n}`" for n in entry.frontend.names) or "–"
        rows.append(f"| `irtk.{name}` | {spelled} | {entry.summary} |")
    return "\n".join(rows)


if __name__ == "__main__":
    import irtk.dialects.irtk  # noqa: F401 (defines the built-in ops)
    from irtk.dialects.irtk import opdef  # the registry lives in the imported module, not in __main__

    print(opdef.markdown_table())
