"""The loops of an `irtk_ext.scatter` on buffers, for `lower-to-loops`.

    scf.for over the indices' positions b, nested, in row-major order {   // sequential: updates combine in order
      i, j = load indices[b] as `index`
      scf.parallel over the target's remaining dimensions r {
        target[i, j, r] = body(updates[b, r], target[i, j, r])
      }
    }
"""

from __future__ import annotations

from xdsl.builder import Builder
from xdsl.dialects import arith, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, IndexType, MemRefType
from xdsl.ir import Block, Region, SSAValue
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.dialects.structured_ext import ScatterOp
from irtk.passes.loop_utils import index_constant, inline_body, ops_after, parallel_loop, stamp_location


def _sizes(builder: Builder, value: SSAValue, dims: range) -> list[SSAValue]:
    t = value.type
    assert isinstance(t, MemRefType)
    sizes = []
    for d in dims:
        size = t.get_shape()[d]
        if size == DYNAMIC_INDEX:
            sizes.append(builder.insert(memref.DimOp(value, builder.insert(index_constant(d)).result)).result)
        else:
            sizes.append(builder.insert(index_constant(size)).result)
    return sizes


def lower_scatter(op: ScatterOp) -> None:
    """Replace a scatter on buffers by its loops (see the module docstring)."""
    block, before = op.parent_block(), op.prev_op
    assert block is not None
    updates, indices, target = op.updates, op.indices, op.output
    outer = Builder(InsertPoint.before(op))
    c0, c1 = outer.insert(index_constant(0)).result, outer.insert(index_constant(1)).result
    n_batch = indices[0].type.get_num_dims()
    n_rest = target.type.get_num_dims() - len(indices)
    batch_sizes = _sizes(outer, indices[0], range(n_batch))
    rest_sizes = _sizes(outer, updates, range(n_batch, n_batch + n_rest))

    builder, batch_ivs = outer, []
    for d, size in enumerate(batch_sizes):
        step = Block(arg_types=[IndexType()])
        step.args[0].name_hint = f"b{d}"
        builder.insert(scf.ForOp(c0, size, c1, [], Region(step)))
        inner = Builder(InsertPoint.at_end(step))
        inner.insert(scf.YieldOp())
        builder = Builder(InsertPoint.before(step.last_op))
        batch_ivs.append(step.args[0])
    positions = []
    for index in indices:
        value = builder.insert(memref.LoadOp.get(index, batch_ivs)).res
        positions.append(builder.insert(arith.IndexCastOp(value, IndexType())).result)
    rest_ivs: list[SSAValue] = []
    if n_rest:
        loop = builder.insert(parallel_loop([c0] * n_rest, rest_sizes, [c1] * n_rest))
        rest_ivs = list(loop.body.block.args)
        for d, iv in enumerate(rest_ivs):
            iv.name_hint = f"r{d}"
        builder = Builder(InsertPoint.before(loop.body.block.last_op))

    update = builder.insert(memref.LoadOp.get(updates, [*batch_ivs, *rest_ivs])).res
    where = [*positions, *rest_ivs]
    current = builder.insert(memref.LoadOp.get(target, where)).res
    (new,) = inline_body(op.body.block, builder, [update, current])
    builder.insert(memref.StoreOp.get(new, target, where))

    stamp_location(ops_after(before, block, op), op.location)
    Rewriter.erase_op(op)


__all__ = ["lower_scatter"]
