"""Numerical-stability rewrites (Theano's `stabilize` and `specialize` rewrites): a formula that overflows,
underflows or cancels in floating point is replaced by an equal one that does not.

Each pattern states its algebra and why the new form is better. They are not exact in the bit-for-bit sense of
the other canonicalization patterns — the new form rounds differently — but where the old form is finite the two
agree to a few ulps, and where the old form gives -inf, NaN or a 0/0 gradient the new one gives the finite
value the formula means:

- `log(sigmoid(x)) => -softplus(-x)`: sigmoid(-800) underflows to 0 and its log is -inf; softplus is computed
  as `max(x, 0) + log1p(exp(-|x|))`, finite for every finite x.
- `log(1 - sigmoid(x)) => -softplus(x)`: `1 - sigmoid(x)` cancels to 0 for large x.
- `log(softmax(x)) => logsoftmax(x)`: a softmax entry underflows to 0 for logits far below the row's maximum;
  `irtk.logsoftmax` computes `x - max - log(sum(exp(x - max)))` instead (`softmax.py`).
- `-sum(t * logsoftmax(x), last axis) => softmax_crossentropy(x, t)`, for target probabilities `t` and for the
  one-hot matrix `cast(iota == labels)` the frontend's `categorical_crossentropy` builds from integer labels
  (then the fused op takes the labels themselves). Its gradient is the fused `softmax(x) * sum(t) - t`.
- `log(exp(x)) => x` and `exp(log(x)) => x`: exp overflows for x > 709, log of an underflowed exp is -inf.
  `exp(log(x)) => x` is Theano's rewrite too, and like it changes the value outside log's domain: for x < 0
  the old form is NaN, the new one x (and -0.0 stays -0.0 instead of becoming +0.0).
- `log(1 + x) => log1p(x)` and `exp(x) - 1 => expm1(x)`: `1 + x` rounds x away when |x| < 1e-16, and
  `exp(x) - 1` cancels near 0; the C library's `log1p` and `expm1` keep full relative precision.
- `log1p(exp(x)) => softplus(x)`: exp overflows above 709.

The patterns are part of `canonicalize`, and the `stabilize` pass runs them alone, before `autodiff`, so that
the gradient is taken of the stable form (the gradient of `log(sigmoid(x))` at -800 is then `sigmoid(800)`,
not `0 / 0`). A rewrite never bypasses a value that a derivative request (`irtk.grad`, `irtk.jacobian`) reads:
the cost would no longer depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir import SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint

from irtk.dialects.irtk.arithmetic import AddOp, DivOp, MulOp, NegOp, SubOp
from irtk.dialects.irtk.autodiff import GradOp, JacobianOp
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.elementwise import BroadcastOp, CastOp, splat_value
from irtk.dialects.irtk.logic import EqOp
from irtk.dialects.irtk.math_functions import ExpOp, Log1pOp, LogOp, SigmoidOp
from irtk.dialects.irtk.reduction import IotaOp, MaxOp, SumOp
from irtk.dialects.irtk.shape import DimShuffleOp
from irtk.dialects.irtk.softmax import LogSoftmaxOp, SoftmaxCrossentropyOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import dtype_of, is_float, is_integer, shape_of


def splat_of(value: SSAValue):
    """The one value of a splat constant, or of a splat constant broadcast to a shape (`fill`); else None."""
    owner = value.owner
    if isinstance(owner, BroadcastOp):
        return splat_of(owner.lhs)
    return splat_value(value)


def is_splat_of(value: SSAValue, number: float) -> bool:
    v = splat_of(value)
    return v is not None and not isinstance(v, tuple) and v == number


def differentiated(values: Sequence[SSAValue]) -> bool:
    """Whether an `irtk.grad` or `irtk.jacobian` request reads one of `values` (as a `wrt` value, a value with a
    known gradient, or the cost; whichever operand comes first in the request's layout): a rewrite must not
    bypass it."""
    return any(isinstance(use.operation, (GradOp, JacobianOp)) for v in values for use in v.uses)


def _real_float(value: SSAValue) -> bool:
    return is_float(dtype_of(value.type))


def _builder(op) -> TensorBuilder:
    return TensorBuilder(InsertPoint.before(op), op.location)


def _owner(value: SSAValue, kind: type):
    owner = value.owner
    return owner if isinstance(owner, kind) else None


def keeps_axis(op: DimShuffleOp | None, rank: int, axis: int) -> bool:
    """Whether `op` puts a reduced `axis` back as a size-1 dimension (`keepdims=True`)."""
    return op is not None and op.pattern_values == [-1 if d == axis else d - (d > axis) for d in range(rank)]


def _reduced_over(value: SSAValue, kind: type, rank: int):
    """`(x, axis)` when `value` is `kind(x, [axis])` with the axis kept (`keepdims=True`), else None."""
    keep = _owner(value, DimShuffleOp)
    reduction = keep and _owner(keep.x, kind)
    if reduction is None or len(reduction.axes_values) != 1 or len(shape_of(reduction.x.type)) != rank:
        return None
    (axis,) = reduction.axes_values
    return (reduction.x, axis) if keeps_axis(keep, rank, axis) else None


def match_softmax(value: SSAValue):
    """`(x, axis, bypassed values)` when `value` is the frontend's softmax of x along axis,
    `exp(x - max(x)) / sum(exp(x - max(x)))` (or the unshifted `exp(x) / sum(exp(x))`); else None."""
    div = _owner(value, DivOp)
    exp = div and _owner(div.lhs, ExpOp)
    if exp is None or not _real_float(value):
        return None
    rank = len(shape_of(value.type))
    total = _reduced_over(div.rhs, SumOp, rank)
    if total is None or total[0] is not div.lhs:
        return None
    axis = total[1]
    x, bypassed = exp.x, [div.lhs, div.rhs]
    shift = _owner(x, SubOp)
    if shift is not None:
        peak = _reduced_over(shift.rhs, MaxOp, rank)
        if peak is not None and peak[0] is shift.lhs and peak[1] == axis:
            x, bypassed = shift.lhs, [*bypassed, exp.x]
    if x.type != value.type:
        return None
    return x, axis, bypassed


class LogOfSigmoid(RewritePattern):
    """`log(sigmoid(x)) => -softplus(-x)`: log(1 / (1 + exp(-x))) = -log(1 + exp(-x)) = -softplus(-x), finite
    where sigmoid underflows to 0 (x below about -745)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: LogOp, rewriter: PatternRewriter):
        sigmoid = _owner(op.x, SigmoidOp)
        if sigmoid is None or not _real_float(sigmoid.x) or sigmoid.x.type != op.result.type or differentiated([op.x]):
            return
        tb = _builder(op)
        rewriter.replace(op, [], [tb.neg(tb.softplus(tb.neg(sigmoid.x)))])


class LogOfOneMinusSigmoid(RewritePattern):
    """`log(1 - sigmoid(x)) => -softplus(x)`: 1 - sigmoid(x) = sigmoid(-x), so this is `log(sigmoid(-x))`; the
    subtraction cancels to 0 for x above about 37."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: LogOp, rewriter: PatternRewriter):
        sub = _owner(op.x, SubOp)
        sigmoid = sub and _owner(sub.rhs, SigmoidOp)
        if sigmoid is None or not is_splat_of(sub.lhs, 1) or not _real_float(sigmoid.x):
            return
        if sigmoid.x.type != op.result.type or differentiated([op.x, sub.rhs]):
            return
        tb = _builder(op)
        rewriter.replace(op, [], [tb.neg(tb.softplus(sigmoid.x))])


class LogOfSoftmax(RewritePattern):
    """`log(softmax(x)) => logsoftmax(x)`: log(exp(x - m) / s) = (x - m) - log(s), where s >= 1; the softmax
    itself underflows to 0 for entries far below the row's maximum, and its log is -inf."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: LogOp, rewriter: PatternRewriter):
        found = match_softmax(op.x)
        if found is None:
            return
        x, axis, bypassed = found
        if differentiated([op.x, *bypassed]):
            return
        new = _builder(op).build(LogSoftmaxOp, [x], axes=int_list_attr([axis]))
        rewriter.replace(op, [], [new])


def _labels_of(one_hot: SSAValue, x: SSAValue):
    """The integer labels when `one_hot` is `cast(iota(_, last) == labels[..., None])` (the frontend's
    encoding of class labels in `categorical_crossentropy`), else None."""
    cast = _owner(one_hot, CastOp)
    eq = cast and _owner(cast.x, EqOp)
    if eq is None:
        return None
    rank = len(shape_of(x.type))
    for index, expanded in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
        iota, keep = _owner(index, IotaOp), _owner(expanded, DimShuffleOp)
        if iota is None or keep is None or iota.axes_values != (rank - 1,):
            continue
        labels = keep.x
        if is_integer(dtype_of(labels.type)) and dtype_of(labels.type) != "bool" and keeps_axis(keep, rank, rank - 1):
            return labels
    return None


class SoftmaxCrossentropy(RewritePattern):
    """`-sum(t * logsoftmax(x), last axis) => softmax_crossentropy(x, t)`, also for the one-hot encoding of integer
    labels (then the op takes the labels): one fused op whose gradient is `softmax(x) * sum(t) - t`, instead of
    the gradient through logsoftmax and the product."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: NegOp, rewriter: PatternRewriter):
        total = _owner(op.x, SumOp)
        product = total and _owner(total.x, MulOp)
        if product is None:
            return
        for target, log_p in ((product.lhs, product.rhs), (product.rhs, product.lhs)):
            logsoftmax = _owner(log_p, LogSoftmaxOp)
            if logsoftmax is None:
                continue
            x = logsoftmax.x
            rank = len(shape_of(x.type))
            if logsoftmax.axis != rank - 1 or total.axes_values != (rank - 1,) or product.result.type != x.type:
                continue
            labels = _labels_of(target, x)
            operand = labels if labels is not None else target
            try:
                (result_type,) = SoftmaxCrossentropyOp.infer_types([x.type, operand.type], {})
            except TypeError:
                continue
            if result_type != op.result.type or differentiated([op.x, total.x, log_p]):
                continue
            new = _builder(op).build(SoftmaxCrossentropyOp, [x, operand])
            rewriter.replace(op, [], [new])
            return


class LogOfExp(RewritePattern):
    """`log(exp(x)) => x` (real floats): exp overflows to inf above 709 and underflows to 0 below -745."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: LogOp, rewriter: PatternRewriter):
        exp = _owner(op.x, ExpOp)
        if exp is not None and _real_float(exp.x) and exp.x.type == op.result.type and not differentiated([op.x]):
            rewriter.replace(op, [], [exp.x])


class ExpOfLog(RewritePattern):
    """`exp(log(x)) => x` (real floats; Theano's rewrite). Outside log's domain the value changes: for x < 0 the
    old form is NaN and the new one x."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ExpOp, rewriter: PatternRewriter):
        log = _owner(op.x, LogOp)
        if log is not None and _real_float(log.x) and log.x.type == op.result.type and not differentiated([op.x]):
            rewriter.replace(op, [], [log.x])


class LogOfOnePlus(RewritePattern):
    """`log(1 + x) => log1p(x)`: `1 + x` loses x's low digits (all of them below 1e-16)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: LogOp, rewriter: PatternRewriter):
        add = _owner(op.x, AddOp)
        if add is None or differentiated([op.x]):
            return
        for one, x in ((add.lhs, add.rhs), (add.rhs, add.lhs)):
            if is_splat_of(one, 1) and _real_float(x) and x.type == op.result.type:
                rewriter.replace(op, [], [_builder(op).log1p(x)])
                return


class ExpMinusOne(RewritePattern):
    """`exp(x) - 1 => expm1(x)`: the subtraction cancels near x = 0."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SubOp, rewriter: PatternRewriter):
        exp = _owner(op.lhs, ExpOp)
        if exp is None or not is_splat_of(op.rhs, 1) or not _real_float(exp.x) or exp.x.type != op.result.type:
            return
        if not differentiated([op.lhs]):
            rewriter.replace(op, [], [_builder(op).expm1(exp.x)])


class Log1pOfExp(RewritePattern):
    """`log1p(exp(x)) => softplus(x)` (so also `log(1 + exp(x))`): exp overflows to inf above 709, where the value
    is simply x."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: Log1pOp, rewriter: PatternRewriter):
        exp = _owner(op.x, ExpOp)
        if exp is not None and _real_float(exp.x) and exp.x.type == op.result.type and not differentiated([op.x]):
            rewriter.replace(op, [], [_builder(op).softplus(exp.x)])


STABILITY_PATTERNS = (
    LogOfSigmoid(), LogOfOneMinusSigmoid(), LogOfSoftmax(), SoftmaxCrossentropy(), LogOfExp(), ExpOfLog(),
    LogOfOnePlus(), ExpMinusOne(), Log1pOfExp(),
)

__all__ = ["STABILITY_PATTERNS", "match_softmax", "splat_of", "is_splat_of", "differentiated"]
