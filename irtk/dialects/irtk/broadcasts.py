"""Canonicalization patterns for broadcasts: the seed of ones and the restored reduction axes that adjoint code
is full of, made to vanish without losing a run-time size check.

`broadcast x to like` stretches x to like's shape and checks at run time that their dynamic sizes agree. A pattern
may drop a broadcast only where that check provably cannot fail: `same_shape` and `covers` prove it from the ops
that made the values (an elementwise op checked its operands' sizes against each other; a reduction with its
axes kept has its operand's shape with those axes 1). Without such a proof the broadcast stays.
"""

from __future__ import annotations

from xdsl.ir import Operation
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.elementwise import BroadcastOp, CastOp, ElementwiseOp
from irtk.dialects.irtk.shape import DimShuffleOp, restore_axes
from irtk.dialects.irtk.types import shape_of


def located(new: Operation, old: Operation) -> Operation:
    """`new`, with `old`'s location (a rewrite keeps the source position)."""
    new.location = old.location
    return new


def _shape_sources(value, limit: int = 64) -> set:
    """Values that have `value`'s run-time shape whenever the program runs without a size error: `value` and,
    through elementwise ops, their operands of the result's static shape (the op checked that their sizes agree;
    the `like` of a broadcast included)."""
    seen, stack = {value}, [value]
    while stack and len(seen) < limit:
        owner = stack.pop().owner
        if not isinstance(owner, ElementwiseOp):
            continue
        result_shape = shape_of(owner.results[0].type)
        for operand in owner.operands:
            if operand not in seen and shape_of(operand.type) == result_shape:
                seen.add(operand)
                stack.append(operand)
    return seen


def same_shape(a, b) -> bool:
    """Whether `a` and `b` provably have the same run-time shape: the same fully static shape, or a common
    shape source (`_shape_sources`)."""
    if shape_of(a.type) != shape_of(b.type):
        return False
    if None not in shape_of(a.type):
        return True
    return bool(_shape_sources(a) & _shape_sources(b))


def _checked_against(value, limit: int = 64) -> set:
    """Values whose sizes an elementwise op producing `value` (or one of its full-shape sources) checked against
    value's: broadcasting `value` to any of them stretches nothing."""
    checked, seen, stack = set(), {value}, [value]
    while stack and len(seen) < limit:
        owner = stack.pop().owner
        if not isinstance(owner, ElementwiseOp):
            continue
        result_shape = shape_of(owner.results[0].type)
        for operand in owner.operands:
            if len(shape_of(operand.type)) != len(result_shape):
                continue
            checked.add(operand)
            if operand not in seen and shape_of(operand.type) == result_shape:
                seen.add(operand)
                stack.append(operand)
    return checked


def _reduced_source(like):
    """`x` when `like` is a reduction of x with the reduced axes put back as size 1 (`sum(x, keepdims=True)`, and
    the cross-entropy of logits x): like's shape is x's with those axes 1. Else None."""
    from irtk.dialects.irtk.reduction import ReductionOp
    from irtk.dialects.irtk.softmax import SoftmaxCrossentropyOp

    keep = like.owner
    if not isinstance(keep, DimShuffleOp):
        return None
    reduction = keep.x.owner
    if isinstance(reduction, ReductionOp):
        source, axes = reduction.x, list(reduction.axes_values)
    elif isinstance(reduction, SoftmaxCrossentropyOp):
        source, axes = reduction.x, [len(shape_of(reduction.x.type)) - 1]
    else:
        return None
    return source if keep.pattern_values == restore_axes(len(shape_of(source.type)), axes) else None


def covers(x, like) -> bool:
    """Whether broadcasting x to like provably stretches nothing and checks nothing that has not been checked:
    like has x's shape, or an elementwise op that made x broadcast like against it, or like is a reduction (axes
    kept) of a value x covers."""
    if same_shape(x, like) or any(v is like or same_shape(v, like) for v in _checked_against(x)):
        return True
    source = _reduced_source(like)
    return source is not None and covers(x, source)


class BroadcastToOwnType(RewritePattern):
    """`broadcast x to like => x` when the result has x's type and x provably has like's run-time shape (so the
    size check the broadcast makes cannot fail)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: BroadcastOp, rewriter: PatternRewriter):
        if op.lhs.type == op.result.type and covers(op.lhs, op.rhs):
            rewriter.replace(op, [], [op.lhs])


class ElementwiseOfBroadcasts(RewritePattern):
    """`f(broadcast x to like, broadcast y to like', c) => broadcast f(x, y, c) to like` for an elementwise f, when
    the likes provably have one shape and every other operand has only size-1 dimensions (a scalar constant): f
    runs on the small values (constants then fold: `ones_like(x) - ones_like(x)` is `zeros_like(x)`), and the
    broadcast can sink into the next op."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, ElementwiseOp) or isinstance(op, (BroadcastOp, CastOp)):
            return
        fills = [o.owner for o in op.operands if isinstance(o.owner, BroadcastOp)]
        if not fills:
            return
        like = fills[0].rhs
        if any(not same_shape(f.rhs, like) for f in fills[1:]):
            return
        inner_operands = []
        for o in op.operands:
            if isinstance(o.owner, BroadcastOp):
                inner_operands.append(o.owner.lhs)
            elif all(d == 1 for d in shape_of(o.type)):
                inner_operands.append(o)
            else:
                return
        try:
            inner_types = type(op).infer_types([o.type for o in inner_operands], dict(op.properties))
            (outer_type,) = BroadcastOp.infer_types([inner_types[0], like.type], {})
        except TypeError:
            return
        if outer_type != op.results[0].type:
            return
        inner = located(type(op).create(operands=inner_operands, result_types=list(inner_types), properties=dict(op.properties)), op)
        outer = located(BroadcastOp.create(operands=[inner.results[0], like], result_types=[outer_type]), op)
        rewriter.replace(op, [inner, outer], [outer.result])


class SinkBroadcast(RewritePattern):
    """`f(broadcast x to like, y) => f(x, y)` for an elementwise f whose result type stays the same without the
    broadcast, when another operand provably has like's run-time shape (`same_shape`, so no size check is
    lost): the elementwise op broadcasts x itself. Then `ones_like(e) * d` is `1 * d`, which `MulByOne` removes."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, ElementwiseOp) or isinstance(op, (BroadcastOp, CastOp)):
            return
        for i, operand in enumerate(op.operands):
            fill = operand.owner
            if not isinstance(fill, BroadcastOp):
                continue
            types = [o.type for o in op.operands]
            types[i] = fill.lhs.type
            try:
                inferred = type(op).infer_types(types, dict(op.properties))
            except TypeError:
                continue
            others = [o for j, o in enumerate(op.operands) if j != i]
            if list(inferred) == [r.type for r in op.results] and any(same_shape(o, fill.rhs) for o in others):
                op.operands[i] = fill.lhs
                rewriter.notify_op_modified(op)
                return


class DimShuffleOfBroadcast(RewritePattern):
    """`dimshuffle(broadcast c to like, p) => broadcast dimshuffle(c, p) to dimshuffle(like, p)` for a splat constant
    c (whose dimshuffle folds): the broadcast then meets the next elementwise op, where it can sink or vanish. A
    reduction's gradient restores the reduced axes of a broadcast seed this way."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DimShuffleOp, rewriter: PatternRewriter):
        fill = op.x.owner
        if not isinstance(fill, BroadcastOp) or not isinstance(fill.lhs.owner, ConstantOp):
            return
        if len(shape_of(fill.lhs.type)) != len(shape_of(fill.rhs.type)):
            return
        try:
            (small_type,) = DimShuffleOp.infer_types([fill.lhs.type], dict(op.properties))
            (like_type,) = DimShuffleOp.infer_types([fill.rhs.type], dict(op.properties))
            (outer_type,) = BroadcastOp.infer_types([small_type, like_type], {})
        except TypeError:
            return
        if outer_type != op.result.type:
            return
        small = located(DimShuffleOp.create(operands=[fill.lhs], result_types=[small_type], properties=dict(op.properties)), op)
        like = located(DimShuffleOp.create(operands=[fill.rhs], result_types=[like_type], properties=dict(op.properties)), op)
        outer = located(BroadcastOp.create(operands=[small.result, like.result], result_types=[outer_type]), op)
        rewriter.replace(op, [small, like, outer], [outer.result])


BROADCAST_PATTERNS = (BroadcastToOwnType(), ElementwiseOfBroadcasts(), SinkBroadcast(), DimShuffleOfBroadcast())

__all__ = ["BROADCAST_PATTERNS", "same_shape", "covers", "located"]
