"""Canonicalization patterns and folds of `tensor` ops that MLIR has and xDSL 0.74 does not.

Each is exact, as MLIR's folder is (TensorOps.cpp). Remove one here when xDSL gains it.
"""

from __future__ import annotations

from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    AnyFloat,
    DenseIntOrFPElementsAttr,
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    TensorType,
    UnrankedTensorType,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.passes.upstream_folds.memref import constant_index, fold_dim, index_constant, reshape_of_reshape

#: Ops that MLIR's tensor dialect marks Pure but xDSL 0.74 gives no effects, so an unused one would stay.
_PURE_WITHOUT_TRAIT = ("tensor.cast", "tensor.empty", "tensor.dim", "tensor.rank")


def _scalar_attr(value: int | float, element_type: Attribute) -> Attribute | None:
    if isinstance(element_type, IntegerType | IndexType):
        return IntegerAttr(value, element_type)
    if isinstance(element_type, AnyFloat):
        return FloatAttr(value, element_type)
    return None


def _dense_constant(value: SSAValue) -> DenseIntOrFPElementsAttr | None:
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, DenseIntOrFPElementsAttr):
        return owner.value
    return None


class EraseUnusedPureOp(RewritePattern):
    """An unused `tensor.cast`, `tensor.empty`, `tensor.dim` or `tensor.rank` => nothing (Pure in MLIR)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if op.name in _PURE_WITHOUT_TRAIT and not any(r.uses for r in op.results):
            rewriter.erase(op)


def _join(a: Attribute, b: Attribute) -> Attribute | None:
    """MLIR's `joinShapes`: the most static tensor type both `a` and `b` may be, or None when they conflict."""
    if isinstance(a, UnrankedTensorType):
        return b
    if isinstance(b, UnrankedTensorType):
        return a
    if not isinstance(a, TensorType) or not isinstance(b, TensorType):
        return None
    if a.element_type != b.element_type or len(a.shape) != len(b.shape):
        return None
    shape = []
    for x, y in zip(a.get_shape(), b.get_shape()):
        if x == DYNAMIC_INDEX:
            shape.append(y)
        elif y == DYNAMIC_INDEX or x == y:
            shape.append(x)
        else:
            return None
    return TensorType(a.element_type, shape, a.encoding)


class FoldCast(RewritePattern):
    """`tensor.cast %t : A to A => %t`, and `tensor.cast (tensor.cast %t : A to B) : B to C => tensor.cast %t :
    A to C` when B adds nothing to joining A and C (MLIR's `CastOp::fold` and `ChainedTensorCast`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.CastOp, rewriter: PatternRewriter):
        if op.source.type == op.dest.type:
            rewriter.replace(op, [], [op.source])
            return
        inner = op.source.owner
        if not isinstance(inner, tensor.CastOp):
            return
        source, middle, result = inner.source.type, inner.dest.type, op.dest.type
        first = _join(source, middle)
        first = _join(first, result) if first is not None else None
        if first is None or first != _join(source, result):
            return
        op.operands[0] = inner.source
        rewriter.notify_op_modified(op)


class FoldDim(RewritePattern):
    """`tensor.dim %t, %c => arith.constant` for a static size, the size operand of the `tensor.empty` that made
    `%t` for a dynamic one, and `tensor.dim (tensor.cast %t) => tensor.dim %t` (MLIR's `DimOp::fold`,
    `FoldEmptyTensorWithDimOp`, `DimOfCastOp`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.DimOp, rewriter: PatternRewriter):
        if isinstance(op.source.owner, tensor.CastOp):
            op.operands[0] = op.source.owner.source
            rewriter.notify_op_modified(op)
            return
        fold_dim(op, TensorType, (tensor.EmptyOp,), rewriter)


class FoldRank(RewritePattern):
    """`tensor.rank %t : tensor<4x?xf32> => arith.constant 2 : index` (MLIR's `RankOp::fold`)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if op.name == "tensor.rank" and isinstance(op.operands[0].type, TensorType):
            rewriter.replace(op, index_constant(len(op.operands[0].type.shape), op))


class FoldExtract(RewritePattern):
    """`tensor.extract` of a dense constant (a splat, or at constant indices) => `arith.constant`; of
    `tensor.from_elements` at constant indices => that element; of `tensor.cast` of a ranked tensor => of the
    tensor (MLIR's `ExtractOp::fold` and `ExtractFromTensorCast`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.ExtractOp, rewriter: PatternRewriter):
        source = op.tensor.owner
        if isinstance(source, tensor.CastOp) and isinstance(source.source.type, TensorType):
            op.operands[0] = source.source
            rewriter.notify_op_modified(op)
            return
        shape = op.tensor.type.get_shape()
        indices = [constant_index(i) for i in op.indices]
        dense = _dense_constant(op.tensor)
        if dense is not None and dense.is_splat():
            flat = 0
        elif None in indices or any(not 0 <= i < s for i, s in zip(indices, shape)):
            return
        else:
            flat = 0
            for i, s in zip(indices, shape):
                flat = flat * s + i
        if dense is not None:
            attr = _scalar_attr(dense.get_values()[flat], op.result.type)
            if attr is not None:
                constant = arith.ConstantOp(attr, op.result.type)
                constant.location = op.location
                rewriter.replace(op, constant)
        elif isinstance(source, tensor.FromElementsOp) and None not in indices:
            rewriter.replace(op, [], [source.elements[flat]])


class FoldToConstant(RewritePattern):
    """`tensor.from_elements` of constants, and `tensor.splat` of a constant to a static shape => one dense
    `arith.constant` (MLIR's `FromElementsOp::fold`, `SplatOp::fold`)."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = (tensor.FromElementsOp, tensor.SplatOp)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, tensor.FromElementsOp | tensor.SplatOp):
            return
        result_type = op.results[0].type
        if not isinstance(result_type, TensorType) or DYNAMIC_INDEX in result_type.get_shape():
            return
        if not isinstance(result_type.element_type, IntegerType | IndexType | AnyFloat):
            return
        values = []
        scalars = op.elements if isinstance(op, tensor.FromElementsOp) else [op.input]
        for scalar in scalars:
            owner = scalar.owner
            if not isinstance(owner, arith.ConstantOp) or not isinstance(owner.value, IntegerAttr | FloatAttr):
                return
            values.append(owner.value.value.data)
        dense = DenseIntOrFPElementsAttr.from_list(result_type, values)
        constant = arith.ConstantOp(dense, result_type)
        constant.location = op.location
        rewriter.replace(op, constant)


def _is_full(op: Operation, shape: tuple[int, ...]) -> bool:
    """Whether a slice op covers all of a tensor of static `shape`: offsets 0, sizes the shape, strides 1, and no
    dynamic offset, size or stride."""
    if op.offsets or op.sizes or op.strides or any(d < 0 for d in shape):
        return False
    return (all(v == 0 for v in op.static_offsets.get_values()) and tuple(op.static_sizes.get_values()) == shape
            and all(v == 1 for v in op.static_strides.get_values()))


def _same_place(a: Operation, b: Operation) -> bool:
    """Whether two slice ops address the same elements: equal static offsets, sizes and strides, and the same
    SSA values for the dynamic ones."""
    return (a.static_offsets == b.static_offsets and a.static_sizes == b.static_sizes
            and a.static_strides == b.static_strides and tuple(a.offsets) == tuple(b.offsets)
            and tuple(a.sizes) == tuple(b.sizes) and tuple(a.strides) == tuple(b.strides))


class FoldExtractSlice(RewritePattern):
    """`tensor.extract_slice %t[0..][all][1..] => %t` for the same type, and `tensor.extract_slice
    (tensor.insert_slice %s into %d[place]) [place] => %s` (MLIR's `ExtractSliceOp::fold`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.ExtractSliceOp, rewriter: PatternRewriter):
        source_type = op.source.type
        if source_type == op.result.type and _is_full(op, tuple(source_type.get_shape())):
            rewriter.replace(op, [], [op.source])
            return
        insert = op.source.owner
        if isinstance(insert, tensor.InsertSliceOp) and insert.source.type == op.result.type \
                and _same_place(insert, op):
            rewriter.replace(op, [], [insert.source])


class FoldInsertSlice(RewritePattern):
    """`tensor.insert_slice %s into %d[0..][all][1..] => %s` for static equal types, and `tensor.insert_slice
    (tensor.extract_slice %d[place]) into %d[place] => %d` (MLIR's `InsertSliceOp::fold`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.InsertSliceOp, rewriter: PatternRewriter):
        source_type = op.source.type
        if source_type == op.result.type and _is_full(op, tuple(source_type.get_shape())):
            rewriter.replace(op, [], [op.source])
            return
        extract = op.source.owner
        if isinstance(extract, tensor.ExtractSliceOp) and extract.source is op.dest and _same_place(extract, op):
            rewriter.replace(op, [], [op.dest])


class FoldReshape(RewritePattern):
    """Two `collapse_shape`s (or two `expand_shape`s) in a row => one of the composed reassociation; a
    `collapse_shape` of an `expand_shape` (or the reverse) back to the source type, with at most one dynamic size,
    => the source; a reshape of
    a splat constant => a splat constant (MLIR's `ComposeReassociativeReshapeOps`, `foldReshapeOp`,
    `FoldReshapeWithConstant`)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        inverses = {tensor.CollapseShapeOp: tensor.ExpandShapeOp, tensor.ExpandShapeOp: tensor.CollapseShapeOp}
        if type(op) not in inverses:
            return
        inner = op.operands[0].owner
        result_type = op.results[0].type
        dense = _dense_constant(op.operands[0])
        if dense is not None and dense.is_splat() and DYNAMIC_INDEX not in result_type.get_shape():
            splat = DenseIntOrFPElementsAttr.from_list(result_type, [dense.get_values()[0]])
            constant = arith.ConstantOp(splat, result_type)
            constant.location = op.location
            rewriter.replace(op, constant)
        elif isinstance(inner, inverses[type(op)]) and inner.src.type == result_type \
                and list(result_type.get_shape()).count(DYNAMIC_INDEX) < 2:
            rewriter.replace(op, [], [inner.src])
        elif isinstance(inner, type(op)):
            rewriter.replace(op, reshape_of_reshape(op, inner, collapses=isinstance(op, tensor.CollapseShapeOp)))


PATTERNS = (
    EraseUnusedPureOp(),
    FoldCast(),
    FoldDim(),
    FoldRank(),
    FoldExtract(),
    FoldToConstant(),
    FoldExtractSlice(),
    FoldInsertSlice(),
    FoldReshape(),
    # Not here: MLIR's staticEmptySizes pattern (constant sizes made static, then a `cast`), since
    # irtk's pipeline does not yet bufferize and emit that `cast`.
)
