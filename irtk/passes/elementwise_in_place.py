"""`elementwise-in-place`: an elementwise generic writes its result over an input that dies with it.

After `fuse`, a matrix product's epilogue (`tanh(dot(X, W) + b)`) is one BLAS call writing a fresh buffer, then
one fused nest that reads that buffer and writes another fresh one; a chain of element-wise steps between
reductions looks the same. When the nest reads the input element it writes, at the same place, and nothing reads
the input after it, the nest can write over the input instead: no second buffer is allocated (its page faults
and its memory traffic, the write-allocate of a cold buffer, are saved, and the function's peak memory is one
temporary smaller), and the epilogue updates the product in place while its rows are still in cache.

    %g = irtk_blas.gemm ins(%x, %w) outs(%e0)
    %e = tensor.empty(...)
    %h = linalg.generic {maps = [id, (d0, d1) -> (d1), id]} ins(%g, %b) outs(%e) {
    ^bb0(%gv, %bv, %out):  %s = addf %gv, %bv;  %t = tanh %s;  yield %t }
  =>
    %h = linalg.generic {maps = [(d0, d1) -> (d1), id]} ins(%b) outs(%g) {
    ^bb0(%bv, %gv):  ...same body... }

The rewrite is done when: every loop is parallel; the one output's initial value is unused by the body and its
map is a permutation of the loops (each element written once); an input has the output's type and the output's
map (the iteration that writes an element is the one that reads it, and no other reads it); the generic reads
that input once and is its last reader (its other readers are generics or BLAS calls earlier in the block, never
views); and it is computed in the same block by an op that writes a buffer of its own (a BLAS call, a generic or a
fill whose destination is a `tensor.empty`, or in turn such a result), so `bufferize`, which writes into a destination only when the function allocated it there and
nothing reads it later, does write in place: it never copies because of this pass. The body and its arithmetic
are unchanged, so the bits are the same.

Contract
  Level: structured (tensors)
  Needs: `linalg.generic` on tensors, after `fuse` and before `bufferize`.
  Guarantees: each rewritten generic computes the same values; its destination is an input that nothing else
    reads, so bufferization writes it in place.
  Fails: never: a generic that does not qualify is left as it is.
"""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects import tensor
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from irtk.dialects.blas import GemmOp


def _parallel(op: linalg.GenericOp) -> bool:
    return all(str(t.data) == "parallel" for t in op.iterator_types.data)


def reusable_input(op: linalg.GenericOp) -> int | None:
    """The index of the input `op` may write its result over, or None (the conditions in the module notes)."""
    if len(op.outputs) != 1 or len(op.results) != 1 or not _parallel(op):
        return None
    n_in = len(op.inputs)
    maps = [m.data for m in op.indexing_maps.data]
    out_map = maps[n_in]
    if op.body.block.args[n_in].uses or not (out_map.is_projected_permutation() and len(out_map.results) == out_map.num_dims):
        return None
    for i, value in enumerate(op.inputs):
        if value.type != op.results[0].type or maps[i] != out_map or not _last_read_by(value, op):
            continue
        if _in_fresh_buffer(value) and value.owner.parent_block() is op.parent_block():
            return i
    return None


def _in_fresh_buffer(value: SSAValue) -> bool:
    """Whether bufferize places `value` in a buffer it allocates: the result of a BLAS call, generic or fill whose
    destination is a `tensor.empty` or, in turn, such a result (never a view, an argument or a constant)."""
    while True:
        owner = value.owner
        if isinstance(owner, GemmOp):
            value = owner.output
        elif isinstance(owner, (linalg.GenericOp, linalg.FillOp)) and len(owner.outputs) == 1:
            value = owner.outputs[0]
        else:
            return isinstance(owner, tensor.EmptyOp)


def _last_read_by(value: SSAValue, op: linalg.GenericOp) -> bool:
    """Whether `op` reads `value` once and is its last reader: every other use is by a computing op (a generic or
    a BLAS call, whose result is a new tensor, never a view that would keep the buffer readable) earlier in the
    same block."""
    block = op.parent_block()
    by_op = 0
    for use in value.uses:
        user = use.operation
        if user is op:
            by_op += 1
        elif not (isinstance(user, (linalg.GenericOp, GemmOp)) and user.parent_block() is block
                  and user.is_before_in_block(op)):
            return False
    return by_op == 1


def write_in_place(op: linalg.GenericOp, i: int) -> linalg.GenericOp:
    """Rewrite `op` to take input `i` as its destination; the body block moves, its input argument `i` becomes
    the output argument."""
    n_in = len(op.inputs)
    block = op.body.block
    reused, destination = block.args[i], block.args[n_in]
    reused.replace_all_uses_with(destination)
    block.erase_arg(reused)
    maps = list(op.indexing_maps.data)
    old_init: SSAValue = op.outputs[0]
    op.body.detach_block(block)
    new = linalg.GenericOp(
        [v for k, v in enumerate(op.inputs) if k != i],
        [op.inputs[i]],
        Region(block),
        [m for k, m in enumerate(maps[:n_in]) if k != i] + maps[n_in:],
        op.iterator_types,
        [r.type for r in op.results],
    )
    new.location = op.location
    Rewriter.replace_op(op, new)
    if isinstance(old_init.owner, tensor.EmptyOp) and not old_init.uses:
        Rewriter.erase_op(old_init.owner)
    return new


class ElementwiseInPlace(ModulePass):
    """Let an elementwise `linalg.generic` write its result over an input that nothing reads afterwards.

    A fused nest that reads an element of a freshly computed tensor (a BLAS product, another generic's result, a
    fill) at the place it writes, and is that tensor's last reader, takes the tensor as its destination
    (`outs`) instead of a `tensor.empty`: `bufferize` then writes in place and allocates no second buffer. So
    `tanh(dot(X, W) + b)` updates the product's buffer in place, and row softmax divides `exp(x - max)` by the row
    sums in its own buffer. Every loop must be parallel, the reused input
    read through the output's map (a permutation), with the output's type, and defined in the same block. The
    body is not changed, so the values are the same bits.
    """

    name = "elementwise-in-place"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for generic in [o for o in op.walk() if isinstance(o, linalg.GenericOp)]:
            i = reusable_input(generic)
            if i is not None:
                write_in_place(generic, i)
