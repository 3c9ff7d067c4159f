"""Canonicalization patterns and folds of `linalg` ops that MLIR has (LinalgOps.cpp) and xDSL 0.74 does not.

Each is exact, as MLIR's is: they drop work whose result is never read or that only copies, never change
arithmetic. Remove one here when xDSL gains it.
"""

from __future__ import annotations

from xdsl.dialects import tensor
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation
from xdsl.dialects.linalg.attrs import IteratorType
from xdsl.dialects.builtin import DYNAMIC_INDEX, DenseArrayBase, MemRefType, TensorType, i64
from xdsl.ir.affine import AffineMap
from xdsl.ir import BlockArgument, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

_STRUCTURED = (LinalgStructuredOperation, linalg.BroadcastOp, linalg.ReduceOp)


def _tensor_semantics(op: Operation) -> bool:
    return all(not isinstance(operand.type, MemRefType) for operand in op.operands)


def _buffer_semantics(op: Operation) -> bool:
    return all(not isinstance(operand.type, TensorType) for operand in op.operands)


class EraseDeadLinalgOp(RewritePattern):
    """A structured linalg op on tensors whose results are all unused => nothing (on tensors it has no effect
    other than its results); one that reads or writes a memref with a static size 0 => nothing (MLIR's
    EraseDeadLinalgOp: it runs no iteration)."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = _STRUCTURED

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, _STRUCTURED):
            return
        if _tensor_semantics(op):
            if all(not result.uses for result in op.results):
                rewriter.erase(op)
            return
        if op.results:
            return
        if any(isinstance(v.type, MemRefType) and 0 in v.type.get_shape() for v in op.operands):
            rewriter.erase(op)


class EraseIdentityGeneric(RewritePattern):
    """MLIR's EraseIdentityLinalgOp for `linalg.generic`: all loops parallel, all maps the identity, a body that
    only yields block arguments => on tensors, each result is the operand whose argument it yields (when the
    types agree); on buffers, a copy of a buffer onto itself is erased."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.GenericOp, rewriter: PatternRewriter):
        if any(t.data != IteratorType.PARALLEL for t in op.iterator_types):
            return
        if any(m.data != AffineMap.identity(m.data.num_dims) for m in op.indexing_maps):
            return
        block = op.body.block
        terminator = block.last_op
        if block.first_op is not terminator or not isinstance(terminator, linalg.YieldOp):
            return
        if _buffer_semantics(op):
            if len(op.inputs) == 1 and len(op.outputs) == 1 and op.inputs[0] is op.outputs[0]:
                rewriter.erase(op)
            return
        if not _tensor_semantics(op):
            return
        replacements: list[SSAValue] = []
        for value, result in zip(terminator.operands, op.res):
            if not isinstance(value, BlockArgument) or value.block is not block:
                return
            operand = op.operands[value.index]
            if operand.type != result.type:
                return
            replacements.append(operand)
        rewriter.replace(op, [], replacements)


class FillThenExtract(RewritePattern):
    """MLIR's FoldFillWithTensorExtract: `tensor.extract (linalg.fill ins(%v) outs(...))[...] => %v`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.ExtractOp, rewriter: PatternRewriter):
        fill = op.tensor.owner
        if isinstance(fill, linalg.FillOp) and fill.inputs[0].type == op.result.type:
            rewriter.replace(op, [], [fill.inputs[0]])


class EraseSelfCopy(RewritePattern):
    """MLIR's EraseSelfCopy: `linalg.copy ins(%m) outs(%m)` on a buffer => nothing."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.CopyOp, rewriter: PatternRewriter):
        if not op.res and op.inputs[0] is op.outputs[0]:
            rewriter.erase(op)


class TransposeFolds(RewritePattern):
    """MLIR's TransposeOp::fold and FoldTransposeComposition: a tensor transpose by the identity permutation is
    its input; `transpose(transpose(%x, p), q) => transpose(%x, r)` with `r[i] = p[q[i]]`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.TransposeOp, rewriter: PatternRewriter):
        if not isinstance(op.inputs[0].type, TensorType):
            return
        permutation = list(op.permutation.get_values())
        if permutation == list(range(len(permutation))):
            rewriter.replace(op, [], [op.inputs[0]])
            return
        inner = op.inputs[0].owner
        if not isinstance(inner, linalg.TransposeOp):
            return
        inner_permutation = list(inner.permutation.get_values())
        folded = [inner_permutation[p] for p in permutation]
        rewriter.replace(op, linalg.TransposeOp(inner.inputs[0], op.outputs[0],
                                                   DenseArrayBase.from_list(i64, folded), op.res[0].type))


class BroadcastOfNoDimension(RewritePattern):
    """MLIR's EraseIdentityLinalgOp for `linalg.broadcast`: broadcasting no dimension of a tensor is the
    tensor (when the types agree)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.BroadcastOp, rewriter: PatternRewriter):
        if op.dimensions.get_values() or not op.result:
            return
        if op.input.type == op.result[0].type:
            rewriter.replace(op, [], [op.input])


class CastIntoGenericInput(RewritePattern):
    """MLIR's FoldTensorCastProducerOp for inputs: a `tensor.cast` that only drops static sizes, feeding an input of
    `linalg.generic`, is bypassed (the generic reads the more static tensor; its results are unchanged)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.GenericOp, rewriter: PatternRewriter):
        operands = list(op.operands)
        for index, value in enumerate(op.inputs):
            cast = value.owner
            if isinstance(cast, tensor.CastOp) and _only_drops_static_sizes(cast.source.type, cast.dest.type):
                operands[index] = cast.source
        if operands != list(op.operands):
            op.operands = operands
            rewriter.has_done_action = True
            rewriter.handle_operation_modification(op)


def _only_drops_static_sizes(source, dest) -> bool:
    """MLIR's preservesStaticInformation(dest, source): same rank and elements, `source` static wherever `dest` is."""
    if not isinstance(source, TensorType) or not isinstance(dest, TensorType):
        return False
    if source.element_type != dest.element_type or len(source.get_shape()) != len(dest.get_shape()):
        return False
    if source == dest:
        return False
    return all(d == DYNAMIC_INDEX or s == d for s, d in zip(source.get_shape(), dest.get_shape()))


PATTERNS = (
    EraseDeadLinalgOp(),
    EraseIdentityGeneric(),
    FillThenExtract(),
    EraseSelfCopy(),
    TransposeFolds(),
    BroadcastOfNoDimension(),
    CastIntoGenericInput(),
)
