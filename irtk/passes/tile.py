"""tile{sizes=a,b,...}: split each outermost `scf.parallel` into a loop over tiles and a loop inside one tile.

Preconditions: loop-level IR (docs/architecture.md), as `lower-to-loops` produces it; `sizes` are integers (not
booleans) from 0 to 2**63 - 1, the range of `index`.

For an outermost `scf.parallel` (one inside no other `scf.parallel`) over dimensions k = 0..n-1 with bounds
`lb_k`, `ub_k`, `step_k`, the size `T_k = sizes[k]` tiles dimension k; a missing size or a size of 0 leaves it
untiled, and sizes past the loop's rank are ignored. With tiled dimensions t1 < t2 < ... the loop becomes

    scf.parallel (%o_t1, ...) = (lb_t1, ...) to (ub_t1, ...) step (step_t1 * T_t1, ...)    // over tiles
      scf.parallel (...) = (..., %o_k, ...) to (..., arith.minsi(%o_k + step_k * T_k, ub_k), ...) step (step_0, ...)

The inner loop keeps the original body, induction variables and steps; an untiled dimension keeps its bounds. The
`arith.minsi` is left out when constant bounds show that every tile is whole. No affine op is introduced. Tiling only
regroups the parallel iterations: the body of each iteration, and so the order of any reduction inside it (an
`scf.for`), is unchanged. A loop with no tiled dimension is left as it is. New ops take the tiled loop's location.

Afterwards every outermost `scf.parallel` with a tiled dimension is replaced as above. A size that is negative,
2**63 or more (it would wrap in `index` arithmetic and make a loop that never ends) or not an integer (`true`
included) is refused when the pass is made (a ValueError, shown as an invalid-option error like any bad option); a
tiled `scf.parallel` with reductions (the loop level has none) makes the pass fail with an `OpError` at that loop.
A constant tile step `step_k * T_k` past 2**63 - 1 is lowered to the largest multiple of `step_k` that fits: one
tile then covers the whole dimension, as `T_k` asked.

Contract
  Level: loops
  Needs: loop-level IR, as `lower-to-loops` produces it; `sizes` integers from 0 to 2**63 - 1.
  Guarantees: every outermost `scf.parallel` with a tiled dimension is a loop over tiles around a loop inside one
    tile, running the same iterations with the same bodies; the order of every reduction is unchanged.
  Fails: a size that is negative, 2**63 or more or not an integer is refused when the pass is made (an
    invalid-option error); a tiled `scf.parallel` with reductions makes it fail with an `OpError` at that loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.context import Context
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.diagnostics import OpError
from irtk.passes.loop_utils import constant_index_value, index_constant, ops_after, parallel_loop, stamp_location


#: The largest `index` value: the emitter's `index` is int64_t.
INDEX_MAX = 2**63 - 1


@dataclass(frozen=True)
class Tile(ModulePass):
    """Tile the outermost `scf.parallel` loops by `sizes`.

    Each outermost `scf.parallel` becomes a loop over tiles and a loop inside one tile, bounded by `arith.minsi`
    where constant bounds do not show that every tile is whole. A size of 0 (or a missing one) leaves a
    dimension untiled; the order of reductions is unchanged.

    sizes: the tile size of each dimension of the loop, outermost first (`tile{sizes=32,8}`; 0: untiled).
    """

    name = "tile"

    sizes: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        shown = ",".join(_option_text(size) for size in self.sizes)
        if any(isinstance(size, bool) or not isinstance(size, int) for size in self.sizes):
            raise ValueError(f"tile: sizes must be integers, got {shown}")
        if any(size < 0 for size in self.sizes):
            raise ValueError(f"tile: sizes must not be negative, got {shown}")
        if any(size > INDEX_MAX for size in self.sizes):
            raise ValueError(f"tile: sizes must be below 2**63 (the range of index), got {shown}")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        outermost = [loop for loop in op.walk() if isinstance(loop, scf.ParallelOp) and not _inside_parallel(loop)]
        for loop in outermost:
            _tile(loop, self.sizes)


def _option_text(size: object) -> str:
    """A size as the pipeline text spells it (`true`, not `True`)."""
    return str(size).lower() if isinstance(size, bool) else str(size)


def _inside_parallel(loop: scf.ParallelOp) -> bool:
    parent = loop.parent_op()
    while parent is not None:
        if isinstance(parent, scf.ParallelOp):
            return True
        parent = parent.parent_op()
    return False


def _tile(loop: scf.ParallelOp, sizes: tuple[int, ...]) -> None:
    tiled = [(dim, size) for dim, size in enumerate(sizes[: len(loop.lowerBound)]) if size > 0]
    if not tiled:
        return
    if loop.initVals:
        raise OpError(loop, "tile: cannot tile an scf.parallel with reductions (the loop level has none)")
    block, before = loop.parent_block(), loop.prev_op
    assert block is not None
    builder = Builder(InsertPoint.before(loop))
    tile_steps = [_tile_step(builder, loop.step[dim], size) for dim, size in tiled]
    dims = [dim for dim, _ in tiled]
    outer = builder.insert(parallel_loop([loop.lowerBound[d] for d in dims], [loop.upperBound[d] for d in dims], tile_steps))

    inside = Builder(InsertPoint.before(outer.body.block.last_op))
    lower, upper = list(loop.lowerBound), list(loop.upperBound)
    for (dim, _), tile_step, start in zip(tiled, tile_steps, outer.body.block.args, strict=True):
        start.name_hint = f"tile{dim}"
        end = inside.insert(arith.AddiOp(start, tile_step)).result
        if not _whole_tiles(loop, dim, tile_step):
            end = inside.insert(arith.MinSIOp(end, loop.upperBound[dim])).result
        lower[dim], upper[dim] = start, end
    inside.insert(parallel_loop(lower, upper, list(loop.step), loop.detach_region(0)))

    stamp_location(ops_after(before, block, loop), loop.location)
    Rewriter.erase_op(loop)


def _tile_step(builder: Builder, step: SSAValue, size: int) -> SSAValue:
    """`step * size`: a new constant when `step` is a constant (at most the largest multiple of `step` that
    `index` holds), else an `arith.muli`."""
    known = constant_index_value(step)
    if known is not None:
        product = known * size
        if known > 0 and product > INDEX_MAX:
            product = INDEX_MAX // known * known
        return builder.insert(index_constant(product)).result
    return builder.insert(arith.MuliOp(step, builder.insert(index_constant(size)))).result


def _whole_tiles(loop: scf.ParallelOp, dim: int, tile_step: SSAValue) -> bool:
    """Whether constant bounds show that dimension `dim`'s range splits into whole tiles."""
    lower, upper, step = (constant_index_value(v) for v in (loop.lowerBound[dim], loop.upperBound[dim], tile_step))
    return lower is not None and upper is not None and step is not None and (upper - lower) % step == 0
