"""The softmax family as ops of their own: `irtk.logsoftmax` and the fused `irtk.softmax_crossentropy`.

    %l = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
    %c = irtk.softmax_crossentropy %x, %t : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
    %c = irtk.softmax_crossentropy %x, %labels : tensor<?x?xf64>, tensor<?xi32> -> tensor<?xf64>

`softmax` itself stays a composition (`exp(x - max) / sum(exp(x - max))`, see `irtk/frontend/composite.py`):
it is stable as it is. Its logarithm and the cross-entropy of it are not — `log` of an underflowed 0 is -inf,
and the gradient through it is 0/0 — so these two get ops whose forms never take the logarithm of a softmax:

- `logsoftmax(x) = (x - m) - log(sum(exp(x - m)))` with `m = max(x)` along the axis: every exponent is at most
  0 and the sum at least 1, so nothing overflows and the logarithm is finite. Its gradient,
  `g - softmax(x) * sum(g)`, is finite too.
- `softmax_crossentropy(x, t)` is `-sum(t * logsoftmax(x))` over the last dimension (Theano's
  `crossentropy_softmax_1hot` family): `t` is either a tensor of x's shape holding target probabilities, or
  integer class labels with one dimension less (the one-hot case, Theano's `CrossentropySoftmaxArgmax1HotWithBias`
  idea). The gradient is the fused form `g * (softmax(x) * sum(t) - t)` — `softmax(x) - onehot` for labels —
  never a division by a softmax. Labels outside `[0, n)` select no element (the row's cost is 0).

Both lower by decomposing into the elementwise and reduction ops they are made of, which are lowered in turn, so
they need no structured form of their own. The `stabilize` rewrites (`stability.py`) produce them from the
graphs the frontend builds for `log(softmax(x))` and `categorical_crossentropy(softmax(x), t)`.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import DenseArrayBase, TensorType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.reduction import MaxOp, single_axis
from irtk.dialects.irtk.syntax import IntListSyntax
from irtk.dialects.irtk.types import broadcast_shapes, dtype_of, is_float, is_integer, shape_of, tensor_type


def _builder(op: TensorOp, gb):
    from irtk.dialects.irtk.builder import TensorBuilder

    return TensorBuilder(gb.b.insertion_point, op.location)


def _keep(tb, value, rank: int, axis: int):
    """A reduction over `axis` with that dimension put back (size 1), to broadcast against the operand."""
    return tb.dimshuffle(value, [-1 if d == axis else d - (d > axis) for d in range(rank)])


def shifted_and_log_total(tb, x, axis: int):
    """`(x - max(x), log(sum(exp(x - max(x)))))` along `axis`, the second with the axis kept: the two halves of the
    stable log-softmax, `shifted - log_total`."""
    rank = len(shape_of(x.type))
    (m,) = tb.reduce(MaxOp, x, [axis])
    shifted = tb.sub(x, _keep(tb, m, rank, axis))
    log_total = tb.log(_keep(tb, tb.sum(tb.exp(shifted), [axis]), rank, axis))
    return shifted, log_total


def _fits(target, logits) -> bool:
    """Whether a target dimension broadcasts to (or equals) the logits' without stretching them."""
    return target == 1 or target == logits or (logits != 1 and (target is None or logits is None))


def _check_float(name: str, t: TensorType) -> None:
    if not is_float(dtype_of(t)):
        raise TypeError(f"{name}: needs float logits, got {dtype_of(t)}")


@irdl_op_definition
class LogSoftmaxOp(IntListSyntax, TensorOp):
    """`log(softmax(x))` along one axis, computed stably: `x - max - log(sum(exp(x - max)))` (`nnet.logsoftmax`)."""

    name = "irtk.logsoftmax"
    x = operand_def(TensorType)
    axes = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    LIST_PROPERTY: ClassVar[str] = "axes"

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        single_axis(cls.name, properties, t)
        _check_float(cls.name, t)
        return t

    @property
    def axis(self) -> int:
        return self.axes.get_values()[0]

    def lower(self, gb):
        tb = _builder(self, gb)
        shifted, log_total = shifted_and_log_total(tb, self.x, self.axis)
        return [tb.sub(shifted, log_total)]

    def vjp(self, tb, grads):
        """`g - softmax(x) * sum(g)`, with `softmax(x) = exp(logsoftmax(x))`: no division, finite everywhere."""
        (g,) = grads
        if g is None:
            return [None]
        rank = len(shape_of(self.x.type))
        total = _keep(tb, tb.sum(g, [self.axis]), rank, self.axis)
        return [tb.sub(g, tb.mul(tb.exp(self.result), total))]


@irdl_op_definition
class SoftmaxCrossentropyOp(TensorOp):
    """`-sum(t * logsoftmax(x))` over the last dimension, fused; `t` holds probabilities (x's shape) or integer
    class labels (one dimension less). Its gradient is `softmax(x) * sum(t) - t` (`softmax(x) - onehot`)."""

    name = "irtk.softmax_crossentropy"
    x = operand_def(TensorType)
    t = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$x `,` $t attr-dict `:` type($x) `,` type($t) `->` type($result)"

    @classmethod
    def infer_type(cls, operand_types, properties):
        x, t = operand_types
        _check_float(cls.name, x)
        xs, ts = shape_of(x), shape_of(t)
        if not xs:
            raise TypeError(f"{cls.name}: the logits need at least one dimension, got {x}")
        if is_integer(dtype_of(t)) and dtype_of(t) != "bool":
            if len(ts) != len(xs) - 1:
                raise TypeError(f"{cls.name}: integer labels need one dimension less than the logits, got {t} for {x}")
            broadcast_shapes([ts, xs[:-1]], cls.name)
        elif dtype_of(t) == dtype_of(x):
            if len(ts) != len(xs) or not all(_fits(a, b) for a, b in zip(ts, xs)):
                raise TypeError(f"{cls.name}: target probabilities must have the logits' shape, got {t} for {x}")
        else:
            raise TypeError(f"{cls.name}: the target must be integer labels or probabilities of the logits' dtype "
                            f"({dtype_of(x)}), got {dtype_of(t)}")
        return tensor_type(dtype_of(x), list(xs[:-1]))

    @property
    def has_labels(self) -> bool:
        return is_integer(dtype_of(self.t.type)) and dtype_of(self.t.type) != "bool"

    @property
    def axis(self) -> int:
        return len(shape_of(self.x.type)) - 1

    def one_hot(self, tb):
        """`labels[..., None] == iota(x)` along the last dimension (bool, x's shape)."""
        from irtk.dialects.irtk.reduction import IotaOp
        from irtk.dialects.irtk.syntax import int_list_attr

        rank = len(shape_of(self.x.type))
        iota = tb.build(IotaOp, [self.x], axes=int_list_attr([self.axis]))
        return tb.eq(iota, tb.dimshuffle(self.t, [*range(rank - 1), -1]))

    def lower(self, gb):
        tb = _builder(self, gb)
        shifted, log_total = shifted_and_log_total(tb, self.x, self.axis)
        minus_log_p = tb.sub(log_total, shifted)  # -logsoftmax(x) >= 0
        if self.has_labels:
            picked = tb.switch(self.one_hot(tb), minus_log_p, tb.scalar_like(0, minus_log_p))
        else:
            picked = tb.mul(self.t, minus_log_p)
        return [tb.sum(picked, [self.axis])]

    def vjp(self, tb, grads):
        (g,) = grads
        if g is None:
            return [None, None]
        rank = len(shape_of(self.x.type))
        shifted, log_total = shifted_and_log_total(tb, self.x, self.axis)
        softmax = tb.exp(tb.sub(shifted, log_total))
        g_kept = _keep(tb, g, rank, self.axis)
        if self.has_labels:
            fused = tb.sub(softmax, tb.cast(self.one_hot(tb), dtype_of(self.x.type)))
            return [tb.mul(g_kept, fused), None]
        t_total = _keep(tb, tb.sum(self.t, [self.axis]), rank, self.axis)
        fused = tb.sub(tb.mul(softmax, t_total), self.t)
        dx = tb.unbroadcast(tb.mul(g_kept, fused), self.x.type)
        dt = tb.unbroadcast(tb.mul(g_kept, tb.sub(log_total, shifted)), self.t.type)
        return [dx, dt]


register(LogSoftmaxOp, Frontend(names=("logsoftmax",), kind="custom"))
register(SoftmaxCrossentropyOp, Frontend(names=("categorical_crossentropy", "crossentropy_softmax_1hot"), kind="custom"))

__all__ = ["LogSoftmaxOp", "SoftmaxCrossentropyOp", "shifted_and_log_total"]
