"""Canonicalization patterns and folds of `memref` ops that MLIR has and xDSL 0.74 does not.

Each is exact, as MLIR's folder is (MemRefOps.cpp). Remove one here when xDSL gains it.
"""

from __future__ import annotations

from xdsl.dialects import arith, memref
from xdsl.dialects.builtin import DYNAMIC_INDEX, ArrayAttr, IndexType, IntegerAttr, MemRefType, NoneAttr, i64
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.upstream.memref import CastOp


def constant_index(value: SSAValue) -> int | None:
    """The integer `value` holds when an `arith.constant` defines it, else None."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


def index_constant(value: int, near: Operation) -> arith.ConstantOp:
    """An `index` constant at `near`'s location."""
    constant = arith.ConstantOp(IntegerAttr(value, IndexType()), IndexType())
    constant.location = near.location
    return constant


def _strides_and_offset(memref_type: MemRefType) -> tuple[list[int | None], int | None] | None:
    """The strides and offset of a memref's layout (None where dynamic), or None for a layout other than the
    identity or `strided<...>`."""
    layout = memref_type.layout
    if isinstance(layout, NoneAttr):
        strides: list[int | None] = []
        running: int | None = 1
        for size in reversed(memref_type.get_shape()):
            strides.insert(0, running)
            running = None if running is None or size == DYNAMIC_INDEX else running * size
        return strides, 0
    if hasattr(layout, "get_strides") and hasattr(layout, "get_offset"):
        return list(layout.get_strides()), layout.get_offset()
    return None


def cast_folds_into_consumer(cast: memref.CastOp) -> bool:
    """MLIR's `CastOp::canFoldIntoConsumerOp`: the cast only forgets static sizes, strides or offset (ranked to
    ranked, same element type and rank), so a consumer may read its source instead."""
    source, result = cast.source.type, cast.dest.type
    if not isinstance(source, MemRefType) or not isinstance(result, MemRefType):
        return False
    if source.element_type != result.element_type or len(source.shape) != len(result.shape):
        return False
    for s, r in zip(source.get_shape(), result.get_shape()):
        if s == DYNAMIC_INDEX and r != DYNAMIC_INDEX:
            return False
    source_layout, result_layout = _strides_and_offset(source), _strides_and_offset(result)
    if source_layout is None or result_layout is None:
        return False
    (source_strides, source_offset), (result_strides, result_offset) = source_layout, result_layout
    if source_offset is None and result_offset is not None:
        return False
    return all(not (s is None and r is not None) for s, r in zip(source_strides, result_strides))


#: Consumers that MLIR's `foldMemRefCast` lets read through a cast, with the operands it looks at.
_CAST_CONSUMERS: dict[type[Operation], tuple[str, ...]] = {
    memref.LoadOp: ("memref",),
    memref.StoreOp: ("memref",),
    memref.DeallocOp: ("memref",),
    memref.DimOp: ("source",),
    memref.CastOp: ("source",),
}


class FoldCastIntoConsumer(RewritePattern):
    """`op(memref.cast %m : A to B) => op(%m)` for load, store, dealloc, dim and cast, when the cast only forgets
    static information (MLIR's `foldMemRefCast`)."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = tuple(_CAST_CONSUMERS)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        names = next((n for cls, n in _CAST_CONSUMERS.items() if isinstance(op, cls)), None)
        if names is None:
            return
        for name in names:
            operand = getattr(op, name)
            cast = operand.owner
            if isinstance(cast, memref.CastOp) and cast_folds_into_consumer(cast):
                op.operands[op.operands.index(operand)] = cast.source
                rewriter.notify_op_modified(op)
                return


class CastToSameType(RewritePattern):
    """`memref.cast %m : A to A => %m`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: memref.CastOp, rewriter: PatternRewriter):
        if op.source.type == op.dest.type:
            rewriter.replace(op, [], [op.source])


class FoldDim(RewritePattern):
    """`memref.dim %m, %c => arith.constant` for a static size, or the size operand of the `memref.alloc` or
    `memref.alloca` that made `%m` for a dynamic one (MLIR's `DimOp::fold`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: memref.DimOp, rewriter: PatternRewriter):
        fold_dim(op, MemRefType, (memref.AllocOp, memref.AllocaOp), rewriter)


def fold_dim(op: Operation, shaped: type, makers: tuple[type, ...], rewriter: PatternRewriter) -> None:
    """`dim %x, %c` of a `shaped` value (memref or tensor) => an `index` constant for a static size, or the size
    operand of the op in `makers` (alloc, alloca, tensor.empty) that made `%x` for a dynamic one."""
    index = constant_index(op.index)
    source_type = op.source.type
    if index is None or not isinstance(source_type, shaped) or not 0 <= index < len(source_type.shape):
        return
    shape = source_type.get_shape()
    if shape[index] != DYNAMIC_INDEX:
        rewriter.replace(op, index_constant(shape[index], op))
    elif isinstance(maker := op.source.owner, makers):
        position = sum(1 for size in shape[:index] if size == DYNAMIC_INDEX)
        rewriter.replace(op, [], [maker.dynamic_sizes[position]])


class FoldRank(RewritePattern):
    """`memref.rank %m : memref<4x?xf32> => arith.constant 2 : index` (MLIR's `RankOp::fold`)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if op.name != "memref.rank" or not isinstance(op.operands[0].type, MemRefType):
            return
        rewriter.replace(op, index_constant(len(op.operands[0].type.shape), op))


class EraseDeadAlloc(RewritePattern):
    """`%m = memref.alloc` (or `alloca`) used only by stores into it and deallocs => nothing: no one reads
    what is stored (MLIR's `SimplifyDeadAlloc`)."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = (memref.AllocOp, memref.AllocaOp)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, memref.AllocOp | memref.AllocaOp):
            return
        result = op.results[0]
        users = [use.operation for use in result.uses]
        for user in users:
            stores_into = isinstance(user, memref.StoreOp) and user.value is not result
            if not (stores_into or isinstance(user, memref.DeallocOp)):
                return
        for user in dict.fromkeys(users):
            rewriter.erase(user)
        rewriter.erase(op)


class FoldCopy(RewritePattern):
    """`memref.copy %m, %m => nothing` (MLIR's `FoldSelfCopy`), and `memref.copy (memref.cast %a), %b =>
    memref.copy %a, %b` when the cast keeps the shape or only forgets static information (`FoldCopyOfCast`
    and `foldMemRefCast`)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if op.name != "memref.copy":
            return
        source, target = op.operands
        if source is target:
            rewriter.erase(op)
            return
        for operand in (source, target):
            cast = operand.owner
            if not isinstance(cast, memref.CastOp):
                continue
            from_type, to_type = cast.source.type, cast.dest.type
            same_shape = (isinstance(from_type, MemRefType) and isinstance(to_type, MemRefType)
                          and from_type.get_shape() == to_type.get_shape()
                          and from_type.element_type == to_type.element_type)
            if same_shape or cast_folds_into_consumer(cast):
                op.operands[op.operands.index(operand)] = cast.source
                rewriter.notify_op_modified(op)
                return


def _groups(op: Operation) -> list[list[int]]:
    return [[i.value.data if isinstance(i, IntegerAttr) else i.data for i in g.data] for g in op.reassociation.data]


def reshape_of_reshape(op: Operation, inner: Operation, collapses: bool) -> Operation:
    """`op` (a collapse or expand of a memref or tensor) applied to `inner`'s result, made one reshape of the same
    kind straight from `inner`'s source (for memref and tensor alike)."""
    outer_groups, inner_groups = (_groups(op), _groups(inner)) if collapses else (_groups(inner), _groups(op))
    new = op.clone()
    new.operands[0] = inner.src
    new.properties["reassociation"] = composed_reassociation(outer_groups, inner_groups)
    return new


def composed_reassociation(outer: list[list[int]], inner: list[list[int]]) -> ArrayAttr:
    """The reassociation of two collapses (or expansions) in a row: each outer group joins the inner groups it
    names."""
    return ArrayAttr([ArrayAttr([IntegerAttr(d, i64) for g in group for d in inner[g]]) for group in outer])


class ComposeReshapes(RewritePattern):
    """`collapse_shape (collapse_shape %m)` => one `collapse_shape` of the composed reassociation, and likewise
    for two `expand_shape`s (MLIR's `ComposeReassociativeReshapeOps`); identity layouts only."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = (memref.CollapseShapeOp, memref.ExpandShapeOp)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        for kind in (memref.CollapseShapeOp, memref.ExpandShapeOp):
            inner = op.operands[0].owner if isinstance(op, kind) else None
            if isinstance(inner, kind) and isinstance(inner.src.type, MemRefType) \
                    and isinstance(inner.src.type.layout, NoneAttr):
                break
        else:
            return
        rewriter.replace(op, reshape_of_reshape(op, inner, collapses=kind is memref.CollapseShapeOp))


class FoldReshapeOfInverse(RewritePattern):
    """`collapse_shape (expand_shape %m) => %m` and `expand_shape (collapse_shape %m) => %m` when the result
    has the type of `%m` with at most one dynamic size, so the sizes must be `%m`'s (MLIR's `foldReshapeOp`)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        pairs = {memref.CollapseShapeOp: memref.ExpandShapeOp, memref.ExpandShapeOp: memref.CollapseShapeOp}
        inverse = pairs.get(type(op))
        if inverse is None:
            return
        inner = op.operands[0].owner
        if isinstance(inner, inverse) and inner.src.type == op.results[0].type \
                and list(op.results[0].type.get_shape()).count(DYNAMIC_INDEX) < 2:
            rewriter.replace(op, [], [inner.src])


class TrivialSubview(RewritePattern):
    """`memref.subview %m[0, ..] [sizes of %m] [1, ..] => %m` (or a cast of it when the layout is spelled
    differently) (MLIR's `TrivialSubViewOpFolder`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: memref.SubviewOp, rewriter: PatternRewriter):
        source_type, result_type = op.source.type, op.result.type
        if op.offsets or op.sizes or op.strides or len(source_type.shape) != len(result_type.shape):
            return
        if any(o != 0 for o in op.static_offsets.get_values()) or any(s != 1 for s in op.static_strides.get_values()):
            return
        if list(op.static_sizes.get_values()) != list(source_type.get_shape()):
            return
        if DYNAMIC_INDEX in source_type.get_shape():
            return
        if source_type == result_type:
            rewriter.replace(op, [], [op.source])
        else:
            rewriter.replace(op, CastOp.build(operands=[op.source], result_types=[result_type]))


PATTERNS = (
    FoldCastIntoConsumer(),
    CastToSameType(),
    FoldDim(),
    FoldRank(),
    EraseDeadAlloc(),
    FoldCopy(),
    ComposeReshapes(),
    FoldReshapeOfInverse(),
    TrivialSubview(),
    # Not here: MLIR's staticAllocSizes pattern (constant sizes made static, then a `cast`), since
    # irtk's pipeline does not yet bufferize and emit that `cast`.
)
