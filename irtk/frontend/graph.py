"""From a symbolic graph to one `func.func @main` in the irtk dialect.

Arguments are the function's explicit inputs, then every shared variable the graph reads (in order of
first use); results are the outputs, then the new values of updated shared variables. Each `Apply`
becomes the dialect op it names, built through `TensorBuilder` so that types are inferred by the same
rules the frontend used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.dialects import func
from xdsl.dialects.builtin import FileLineColLoc, IntAttr, ModuleOp, StringAttr
from xdsl.ir import Block, Region, SSAValue
from xdsl.rewriter import InsertPoint

from irtk.dialects import irtk as ir
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.frontend.shared import SharedVariable
from irtk.frontend.variable import Apply, Constant, Variable


class MissingInputError(ValueError):
    """An output depends on a variable that is neither an input, a constant nor shared."""


@dataclass
class GraphSignature:
    """What the compiled function takes and returns, in the IR's argument and result order."""

    inputs: list[Variable]
    shared: list[SharedVariable]
    outputs: list[Variable]
    updated: list[SharedVariable]


def toposort(outputs: Sequence[Variable]) -> list[Apply]:  # used by printing
    """Apply nodes in an order where each comes after the nodes defining its inputs."""
    order: list[Apply] = []
    seen: set[int] = set()
    stack: list[tuple[Apply, bool]] = [(v.owner, False) for v in reversed(outputs) if v.owner is not None]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            if id(node) not in seen:
                seen.add(id(node))
                order.append(node)
            continue
        if id(node) in seen:
            continue
        stack.append((node, True))
        stack.extend((v.owner, False) for v in reversed(node.inputs) if v.owner is not None and id(v.owner) not in seen)
    return order


def build_module(
    inputs: Sequence[Variable],
    outputs: Sequence[Variable],
    updates: Sequence[tuple[SharedVariable, Variable]],
    givens: dict[Variable, Variable] | None = None,
) -> tuple[ModuleOp, GraphSignature]:
    """The irtk-dialect module computing `outputs` and the update values from `inputs`."""
    results = substitute(list(outputs) + [new for _, new in updates], givens or {})
    roots = leaves(results)
    input_ids = {id(v) for v in inputs}
    shared = [v for v in roots if isinstance(v, SharedVariable) and id(v) not in input_ids]
    for v in roots:
        if id(v) not in input_ids and not isinstance(v, (Constant, SharedVariable)):
            raise MissingInputError(
                f"the graph needs the value of variable {v!r} ({v.type}), which is not among the function's inputs"
            )
    args = list(inputs) + shared
    block = Block(arg_types=[v.type.ir_type() for v in args])
    values: dict[int, SSAValue] = {}
    for v, arg in zip(args, block.args):
        _name(arg, v.name)
        values[id(v)] = arg
    tb = TensorBuilder(InsertPoint.at_end(block))

    def value_of(v: Variable) -> SSAValue:
        """The IR value of `v`, emitting the ops of the nodes it needs (iteratively: graphs can be deep)."""
        stack = [v]
        while stack:
            cur = stack[-1]
            if id(cur) in values:
                stack.pop()
            elif isinstance(cur, Constant):
                values[id(cur)] = tb.constant(cur.data)
            elif cur.owner is None:
                raise MissingInputError(f"the graph needs the value of variable {cur!r} ({cur.type}), which is not an input")
            else:
                needed = cur.owner.inputs
                missing = [i for i in needed if id(i) not in values]
                if missing:
                    stack.extend(reversed(missing))
                else:
                    emit(cur.owner, [values[id(i)] for i in needed])
        return values[id(v)]

    def emit(node: Apply, operands: list[SSAValue]) -> None:
        tb.location = _location(node.source)
        if node.op is ir.CastOp:
            new = [tb.cast(operands[0], node.properties["dtype"])]
        else:
            new = tb.build_n(node.op, operands, **node.properties)
        for out, value in zip(node.outputs, new):
            _name(value, out.name)
            values[id(out)] = value

    returned = [value_of(v) for v in results]
    block.add_op(func.ReturnOp(*returned))
    main = func.FuncOp("main", ([a.type for a in block.args], [r.type for r in returned]), Region(block))
    signature = GraphSignature(list(inputs), shared, list(outputs), [s for s, _ in updates])
    return ModuleOp([main]), signature


def substitute(results: Sequence[Variable], givens: dict[Variable, Variable]) -> list[Variable]:
    """`results` with each `givens` key replaced by its value, Theano's `givens`: the graph is rebuilt where
    it changes; a replacement is used as it is (it is not itself substituted, so `{x: x * 2}` is fine)."""
    if not givens:
        return list(results)
    memo: dict[int, Variable] = {id(old): new for old, new in givens.items()}
    for result in results:
        stack = [result]
        while stack:
            cur = stack[-1]
            if id(cur) in memo:
                stack.pop()
            elif cur.owner is None:
                memo[id(cur)] = stack.pop()
            elif missing := [i for i in cur.owner.inputs if id(i) not in memo]:
                stack.extend(missing)
            else:
                node = stack.pop().owner
                new_inputs = [memo[id(i)] for i in node.inputs]
                if all(n is o for n, o in zip(new_inputs, node.inputs)):
                    memo.update((id(o), o) for o in node.outputs)
                    continue
                copy = Apply(node.op, new_inputs, node.properties)
                copy.source = node.source
                copy.outputs = [Variable(o.type, owner=copy, index=o.index, name=o.name) for o in node.outputs]
                memo.update((id(o), c) for o, c in zip(node.outputs, copy.outputs))
    return [memo[id(r)] for r in results]


def leaves(results: Sequence[Variable]) -> list[Variable]:
    """The variables without an owner that `results` depend on, in order of first use (depth first, left to right)."""
    roots: dict[int, Variable] = {}
    visited: set[int] = set()
    stack = list(reversed(results))
    while stack:
        v = stack.pop()
        if id(v) in visited:
            continue
        visited.add(id(v))
        if v.owner is None:
            roots[id(v)] = v
        else:
            stack.extend(reversed(v.owner.inputs))
    return list(roots.values())


def _location(source: tuple[str, int] | None) -> FileLineColLoc | None:
    if source is None:
        return None
    return FileLineColLoc(StringAttr(source[0]), IntAttr(source[1]), IntAttr(1))


_SSA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*")


def _name(value: SSAValue, name: str | None) -> None:
    """Use a variable's name for its IR value where the IR's name syntax allows it (a name is cosmetic). The printer
    drops a `_<digits>` suffix (its own way of making names unique), so the hint is the name without it: the text
    then parses back to the same names (`_1` and `_1_2` leave nothing: no hint)."""
    if name and _SSA_NAME.fullmatch(name):
        hint = name
        while hint and SSAValue.extract_valid_name(hint) != hint:  # `x_1_2` -> `x_1` -> `x`
            hint = SSAValue.extract_valid_name(hint)
        if hint:
            value.name_hint = hint
