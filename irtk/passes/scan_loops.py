"""The loops of an `irtk_ext.scan` on buffers, for `lower-to-loops`.

    scf.parallel over the other dimensions {
      scf.if n > 0 {
        out[first] = x[first]
        scf.for k = 1 to n iter_args(carry = x[first]) {   // position k, or n - 1 - k when reversed
          carry = body(carry, x[position]); out[position] = carry
        }
      }
    }

The scanned dimension runs sequentially in order, so the result is the left-to-right (or right-to-left) sequence
of `body` applications that the op defines, with the carry in a register rather than reloaded from `out`.
"""

from __future__ import annotations

from xdsl.builder import Builder
from xdsl.dialects import arith, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, IndexType, MemRefType
from xdsl.ir import Block, Region, SSAValue
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.dialects.structured_ext import ScanOp
from irtk.passes.loop_utils import index_constant, inline_body, ops_after, parallel_loop, stamp_location


def lower_scan(op: ScanOp) -> None:
    """Replace a scan on buffers by its loops (see the module docstring)."""
    block, before = op.parent_block(), op.prev_op
    assert block is not None
    x, out = op.input, op.output
    assert isinstance(x.type, MemRefType)
    outer = Builder(InsertPoint.before(op))
    c0, c1 = outer.insert(index_constant(0)).result, outer.insert(index_constant(1)).result
    sizes: list[SSAValue] = []
    for k, size in enumerate(x.type.get_shape()):
        if size == DYNAMIC_INDEX:
            position = outer.insert(index_constant(k)).result
            sizes.append(outer.insert(memref.DimOp(x, position)).result)
        else:
            sizes.append(outer.insert(index_constant(size)).result)
    d = op.dim
    others = [k for k in range(len(sizes)) if k != d]
    ivs: dict[int, SSAValue] = {}
    builder = outer
    if others:
        loop = outer.insert(parallel_loop([c0] * len(others), [sizes[k] for k in others], [c1] * len(others)))
        for k, iv in zip(others, loop.body.block.args, strict=True):
            iv.name_hint = f"i{k}"
            ivs[k] = iv
        builder = Builder(InsertPoint.before(loop.body.block.last_op))

    def indices(position: SSAValue) -> list[SSAValue]:
        return [position if k == d else ivs[k] for k in range(len(sizes))]

    n = sizes[d]
    nonempty = builder.insert(arith.CmpiOp(n, c0, "sgt")).result
    then = Block()
    builder.insert(scf.IfOp(nonempty, [], Region(then)))
    inside = Builder(InsertPoint.at_end(then))
    last = inside.insert(arith.SubiOp(n, c1)).result if op.is_reverse else None
    first = last if op.is_reverse else c0
    initial = inside.insert(memref.LoadOp.get(x, indices(first))).res
    inside.insert(memref.StoreOp.get(initial, out, indices(first)))

    step = Block(arg_types=[IndexType(), initial.type])
    step.args[0].name_hint = f"i{d}"
    inside.insert(scf.ForOp(c1, n, c1, [initial], Region(step)))
    inside.insert(scf.YieldOp())
    body = Builder(InsertPoint.at_end(step))
    k, carry = step.args
    position = body.insert(arith.SubiOp(last, k)).result if last is not None else k
    element = body.insert(memref.LoadOp.get(x, indices(position))).res
    (new,) = inline_body(op.body.block, body, [carry, element])
    body.insert(memref.StoreOp.get(new, out, indices(position)))
    body.insert(scf.YieldOp(new))

    stamp_location(ops_after(before, block, op), op.location)
    Rewriter.erase_op(op)


__all__ = ["lower_scan"]
