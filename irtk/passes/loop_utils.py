"""Small builders shared by the loop-level passes (`lower-to-loops`, `tile`).

Loops are built the way the loop level (docs/architecture.md) wants them: `scf.parallel` with no reductions and a
body that ends in an empty `scf.reduce`; index constants are plain `arith.constant`s (no affine anywhere).
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.builder import Builder
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import IndexType, IntegerAttr, LocationAttr, UnknownLoc
from xdsl.ir import Block, Operation, Region, SSAValue


def index_constant(value: int) -> arith.ConstantOp:
    """`%c<value> = arith.constant <value> : index`."""
    constant = arith.ConstantOp(IntegerAttr.from_index_int_value(value))
    constant.result.name_hint = f"c{value}"
    return constant


def constant_index_value(value: SSAValue) -> int | None:
    """The integer an index value is known to hold, when an `arith.constant` defines it; else None."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


#: The attribute that tells the C++ emitter how much work one iteration of an `scf.parallel` is, where the loops
#: in its body do not show it (`irtk/codegen/threads.py` starts threads only for enough work): a blocked
#: reduction's chunk is CHUNK elements, behind an `scf.if` whose first branch only fills 8 lanes.
WORK_PER_ITERATION = "irtk.work_per_iteration"


def parallel_loop(
    lower: Sequence[SSAValue], upper: Sequence[SSAValue], steps: Sequence[SSAValue], body: Region | None = None,
    work_per_iteration: int | None = None,
) -> scf.ParallelOp:
    """An `scf.parallel` without reductions; a fresh body holds only its terminator, the empty `scf.reduce`.
    `work_per_iteration`, if given, is recorded for the emitter (WORK_PER_ITERATION)."""
    if body is None:
        body = Region(Block([scf.ReduceOp()], arg_types=[IndexType()] * len(lower)))
    loop = scf.ParallelOp(lower, upper, steps, body)
    if work_per_iteration is not None:
        loop.attributes[WORK_PER_ITERATION] = IntegerAttr(work_per_iteration, 64)
    return loop


def inline_body(block: Block, builder: Builder, values: Sequence[SSAValue]) -> list[SSAValue]:
    """Move the ops of `block` but its terminator to `builder`, its arguments replaced by `values` (the ops keep
    their locations); the values the terminator yields."""
    for arg, value in zip(block.args, values, strict=True):
        arg.replace_all_uses_with(value)
    terminator = block.last_op
    assert terminator is not None
    for op in list(block.ops):
        if op is terminator:
            break
        op.detach()
        builder.insert(op)
    return list(terminator.operands)


def stamp_location(ops: Sequence[Operation], location: LocationAttr) -> None:
    """Give `location` to every op in `ops`, nested ones included, that has no location of its own."""
    for top in ops:
        for op in top.walk():
            if isinstance(op.location, UnknownLoc):
                op.location = location
            for arg in (arg for region in op.regions for block in region.blocks for arg in block.args):
                if isinstance(arg.location, UnknownLoc):
                    arg.location = location


def ops_after(start: Operation | None, block: Block, stop: Operation) -> list[Operation]:
    """The ops of `block` strictly after `start` (from the first op when None) and strictly before `stop`."""
    op = block.first_op if start is None else start.next_op
    found: list[Operation] = []
    while op is not None and op is not stop:
        found.append(op)
        op = op.next_op
    return found
