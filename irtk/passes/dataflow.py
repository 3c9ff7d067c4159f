"""What the derivative expansions (`autodiff`'s reverse sweep and Jacobian loop, `forward_mode`'s forward sweep)
ask of a block: the ops before a request, which values depend on some roots, which ops a set of values needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xdsl.ir import Operation, SSAValue


def ops_before(request: Operation) -> list[Operation]:
    """The ops of the request's block that come before it, in order."""
    ops = []
    for op in request.parent_block().ops:
        if op is request:
            break
        ops.append(op)
    return ops


def reads(op: Operation) -> Iterable[SSAValue]:
    """The values `op` reads: its operands, and for an op with regions (an expanded Jacobian's loop) every value its
    body reads too, so that dependence through a loop is seen (and refused by the sweep, not missed)."""
    if not op.regions:
        return op.operands
    return [o for inner in op.walk() for o in inner.operands]


def depending_on(ops: Sequence[Operation], roots: set[SSAValue]) -> set[SSAValue]:
    """The roots and every result of `ops` (in program order) that reads one of them, directly or not."""
    dependent = set(roots)
    for op in ops:
        if any(o in dependent for o in reads(op)):
            dependent.update(op.results)
    return dependent


def needed_for(values: Iterable[SSAValue]) -> set[Operation]:
    """The ops whose results `values` are computed from."""
    needed: set[Operation] = set()
    stack = list(values)
    while stack:
        owner = stack.pop().owner
        if isinstance(owner, Operation) and owner not in needed:
            needed.add(owner)
            stack.extend(reads(owner))
    return needed


__all__ = ["depending_on", "needed_for", "ops_before", "reads"]
