"""`fuse-outer-loops`: consecutive loop nests over the same rows become one nest over those rows.

`fuse` merges generics that map element to element; a reduction ends a fused group, because the elements after
it need the whole reduced row. So row softmax leaves `lower-to-loops` as six nests over the rows: fill the row
maxima, the row max, `e = exp(x - max)`, fill the row sums, the row sum of e, `e / sum`. Each nest streams the
whole 32 MB matrix through memory for a 4096×1024 input. But every nest touches only row i in its iteration i,
so they can run row by row instead: one nest whose iteration i does all six steps for row i, while the 8 KB row
stays in cache. That is two passes over the data in memory (read x, write the result) instead of six.

    scf.parallel (%i) = (0) to (%rows)      { store -inf, %max[%i] }
    scf.parallel (%i) = (0) to (%rows)      { ... row max of %x[%i, :] into %max[%i] ... }
    scf.parallel (%i, %j) = (0, 0) to (%rows, %cols) { %e[%i, %j] = exp(%x[%i, %j] - %max[%i]) }
  =>
    scf.parallel (%i) = (0) to (%rows) {
      store -inf, %max[%i]
      ... row max of %x[%i, :] into %max[%i] ...
      scf.parallel (%j) = (0) to (%cols) { %e[%i, %j] = exp(%x[%i, %j] - %max[%i]) }
    }

Two nests are fused when:
- both are `scf.parallel` of one or two dimensions (the threads then cut the fused nest as they cut each alone: by
  rows) without results or recorded work (`irtk.work_per_iteration`), and their first
  dimensions have the same lower bound, upper bound and step: the same SSA values, or values a `cf.assert` of
  `arith.cmpi eq` earlier in the block has checked to be equal (cross-entropy's nest runs over the labels);
- the ops between them only compute values or allocate (`arith` constants, `memref.dim`, `memref.alloc`), or
  check (`cf.assert`) where the first nest has no check and writes only memory the function allocated: they move
  above the first nest, so a failing check still fails before anything the caller can see was written;
- every buffer that one of them writes and the other touches was allocated by the function (not an argument or
  a view, which may alias other memory), and every access to it in both nests is a `memref.load` or
  `memref.store` of the buffer itself whose first index is the nest's first induction variable: iteration i of
  either touches only row i of it, so running the second nest's row i right after the first's computes what
  running it after all of the first did;
- at most one of them holds a check (`cf.assert`), and then neither writes memory the function did not
  allocate: the first failure is the one the unfused nests would meet first, and a failed call has changed no
  argument;
- both or neither allocate from the heap or call a function: the C++ target runs such a nest on one thread, and
  fused with a nest that could use all of them, it would take their threads away.
The fused nest is the first one's outer dimension; a nest of several dimensions keeps the others as an inner
`scf.parallel`. Every op keeps its operands and order within a row, so the bits are the same. The pass runs on
the loop level, after `lower-to-loops`.

Contract
  Level: loops (memrefs)
  Needs: `scf.parallel` nests without reductions, as `lower-to-loops` builds them.
  Guarantees: the same values; nests over the same rows with only row-local dependences run as one nest.
  Fails: never: nests that do not qualify are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import arith, cf, func, memref, scf
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.traits import is_side_effect_free

from irtk.passes.loop_utils import WORK_PER_ITERATION, parallel_loop

#: Ops that may sit between two nests and move above the first: they compute a value or allocate a buffer.
_MOVABLE = (arith.ConstantOp, memref.DimOp, memref.AllocOp)

#: Views: a buffer reached through one of these is the buffer of its source.
_VIEWS = (memref.SubviewOp, memref.CollapseShapeOp, memref.ExpandShapeOp, memref.CastOp, memref.ReinterpretCastOp)


@dataclass
class _Access:
    """What a nest does to one buffer (an allocation, or every non-allocated buffer together)."""

    writes: bool = False
    #: Every access is a load or store of the buffer itself whose first index is the nest's row.
    row_local: bool = True


@dataclass
class _Footprint:
    """The buffers a nest touches, by their allocation (None: memory the function did not allocate), whether it
    checks, and whether it allocates from the heap or calls a function (the C++ target runs such a nest on one
    thread)."""

    buffers: dict[Operation | None, _Access] = field(default_factory=dict)
    checks: bool = False
    sequential: bool = False

    def touch(self, root: Operation | None, writes: bool, row_local: bool) -> None:
        access = self.buffers.setdefault(root, _Access())
        access.writes |= writes
        access.row_local &= row_local

    def writes_unallocated(self) -> bool:
        return None in self.buffers and self.buffers[None].writes


def _allocation(value: SSAValue) -> Operation | None:
    """The `memref.alloc`/`memref.alloca` whose buffer `value` is or views, else None (an argument, a global, a
    call's result: memory that other values may alias)."""
    while isinstance(value.owner, _VIEWS):
        value = value.owner.operands[0]
    owner = value.owner
    return owner if isinstance(owner, (memref.AllocOp, memref.AllocaOp)) else None


def footprint(loop: scf.ParallelOp) -> _Footprint:
    """What `loop` reads, writes and checks (see `_Footprint`)."""
    row = loop.body.block.args[0]
    found = _Footprint()
    for op in loop.body.walk():
        if isinstance(op, cf.AssertOp):
            found.checks = True
        if isinstance(op, (memref.AllocOp, func.CallOp)):
            found.sequential = True
        if isinstance(op, memref.DimOp):
            continue
        for operand in op.operands:
            if not isinstance(operand.type, MemRefType) or isinstance(op, _VIEWS):
                continue
            root = _allocation(operand)
            if isinstance(op, (memref.LoadOp, memref.StoreOp)):
                direct = root is not None and operand is root.results[0]
                row_local = direct and len(op.indices) > 0 and op.indices[0] is row
                found.touch(root, isinstance(op, memref.StoreOp), row_local)
            else:  # a copy, a call, ...: read and written anywhere
                found.touch(root, True, False)
    return found


def _fusable(loop: Operation) -> bool:
    """An `scf.parallel` of one or two dimensions without results or recorded work. (The C++ target cuts a
    nest's outer dimensions, all but the last, into threads' blocks: for one or two dimensions that is the rows,
    fused or not; a fused nest of three would be cut by its rows alone.)"""
    return (isinstance(loop, scf.ParallelOp) and not loop.results and WORK_PER_ITERATION not in loop.attributes
            and len(loop.body.blocks) == 1 and len(loop.lowerBound) <= 2)


def can_fuse(first: scf.ParallelOp, second: scf.ParallelOp, equal: _Equalities) -> bool:
    """Whether `second` may run row by row right after `first`'s row (the conditions in the module notes)."""
    same_rows = (equal.same(first.lowerBound[0], second.lowerBound[0])
                 and equal.same(first.upperBound[0], second.upperBound[0]) and equal.same(first.step[0], second.step[0]))
    if not same_rows:
        return False
    a, b = footprint(first), footprint(second)
    if a.checks and b.checks or a.sequential != b.sequential:
        return False
    if (a.checks or b.checks) and (a.writes_unallocated() or b.writes_unallocated()):
        return False
    for root in a.buffers.keys() & b.buffers.keys():
        in_a, in_b = a.buffers[root], b.buffers[root]
        if not (in_a.writes or in_b.writes):
            continue
        if root is None or not (in_a.row_local and in_b.row_local):
            return False
    return True


class _Equalities:
    """Index values a `cf.assert` of `arith.cmpi eq` has checked to be equal: once it has passed, a nest over
    `%rows` and one over `%labels` (asserted equal to `%rows`) run over the same rows."""

    def __init__(self) -> None:
        self._parent: dict[SSAValue, SSAValue] = {}

    def _find(self, value: SSAValue) -> SSAValue:
        while value in self._parent:
            value = self._parent[value]
        return value

    def same(self, a: SSAValue, b: SSAValue) -> bool:
        return a is b or self._find(a) is self._find(b)

    def learn(self, check: cf.AssertOp) -> None:
        compare = check.arg.owner
        if isinstance(compare, arith.CmpiOp) and compare.predicate.value.data == 0:  # eq
            a, b = self._find(compare.lhs), self._find(compare.rhs)
            if a is not b:
                self._parent[b] = a


def _row_part(loop: scf.ParallelOp, row: SSAValue) -> list[Operation]:
    """`loop`'s body for the row `row`: its ops, or for a nest of several dimensions an `scf.parallel` over the
    others. The loop is left empty, ready to be erased."""
    block = loop.body.block
    first_iv: BlockArgument = block.args[0]
    first_iv.replace_all_uses_with(row)
    if len(block.args) == 1:
        ops = [op for op in block.ops if op is not block.last_op]
        for op in ops:
            op.detach()
        return ops
    block.erase_arg(first_iv)
    loop.body.detach_block(block)
    inner = parallel_loop(loop.lowerBound[1:], loop.upperBound[1:], loop.step[1:], Region(block))
    inner.location = loop.location
    return [inner]


def _as_row_loop(loop: scf.ParallelOp) -> scf.ParallelOp:
    """`loop` itself if it has one dimension, else a one-dimensional loop over its rows that replaces it."""
    if len(loop.lowerBound) == 1:
        return loop
    outer = parallel_loop([loop.lowerBound[0]], [loop.upperBound[0]], [loop.step[0]])
    outer.location = loop.location
    loop.parent_block().insert_op_before(outer, loop)
    _append_row(outer, loop)
    return outer


def _append_row(outer: scf.ParallelOp, loop: scf.ParallelOp) -> None:
    """Move `loop`'s work for a row to the end of `outer`'s body (before its terminator) and erase `loop`."""
    body = outer.body.block
    terminator = body.last_op
    for op in _row_part(loop, body.args[0]):
        body.insert_op_before(op, terminator)
    loop.detach()
    loop.erase()


def _movable(op: Operation, current: scf.ParallelOp) -> bool:
    """Whether `op`, between `current` and a nest that may join it, can move above `current`: it computes a value
    or allocates, or it is a check that `current` can neither fail before nor make visible effects before (no
    check inside, no write to memory the function did not allocate)."""
    if isinstance(op, cf.AssertOp):
        before = footprint(current)
        return not before.checks and not before.writes_unallocated()
    return isinstance(op, _MOVABLE) or (not op.regions and is_side_effect_free(op) and not isinstance(op, scf.ReduceOp))


def fuse_block(block: Block) -> int:
    """Fuse the runs of consecutive fusable nests of `block`; the number of nests fused away."""
    fused = 0
    equal = _Equalities()
    current: scf.ParallelOp | None = None
    between: list[Operation] = []
    op = block.first_op
    while op is not None:
        following = op.next_op
        if isinstance(op, cf.AssertOp):
            equal.learn(op)
        if _fusable(op) and current is not None and can_fuse(current, op, equal):
            for moved in between:
                moved.detach()
                block.insert_op_before(moved, current)
            between = []
            current = _as_row_loop(current)
            _append_row(current, op)
            fused += 1
        elif _fusable(op):
            current, between = op, []
        elif current is not None and _movable(op, current):
            between.append(op)
        else:
            current, between = None, []
        op = following
    return fused


class FuseOuterLoops(ModulePass):
    """Run consecutive loop nests over the same rows as one nest over the rows.

    Where each nest touches only its own row of what the other writes: row softmax's six nests become one, which
    reads the matrix once and writes the result once. The ops and their order within a row are unchanged, so the
    bits are the same. See the module notes for the conditions."""

    name = "fuse-outer-loops"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for function in [o for o in op.walk() if isinstance(o, func.FuncOp)]:
            for block in function.body.blocks:
                fuse_block(block)
