"""Ops that change only gradients: `zero_grad`, `disconnected_grad` and `grad_clip` (Theano's `theano.gradient`).

Each is the identity on values (its structured form is a copy, which `fuse` folds into its consumer); its gradient
rule is what differs: `zero_grad(x)` passes a zero gradient back (x stays connected to the cost),
`disconnected_grad(x)` passes none (x is disconnected, as if it were a constant), and `grad_clip(x, lo, hi)` passes
the gradient clipped to [lo, hi].
"""

from __future__ import annotations

from irtk.dialects.irtk.opdef import DtypeRule, elementwise
from irtk.dialects.irtk.tangent_rules import pass_through_jvp

#: The operand's dtype, whatever the bounds' (a float32 x clipped by Python floats stays float32).
FIRST = DtypeRule(lambda d: ([d[0]] * len(d), d[0]), "the first operand's dtype")

ZeroGradOp = elementwise(
    "zero_grad", 1, lambda s, x: x, grad=lambda tb, op, g: [tb.mul(g, tb.scalar_like(0, g))],
    doc="x, whose gradient is zero: x stays connected to the cost (`gradient.zero_grad`).",
)
DisconnectedGradOp = elementwise(
    "disconnected_grad", 1, lambda s, x: x, grad=lambda tb, op, g: [None],
    doc="x, through which no gradient flows: x is disconnected from the cost (`gradient.disconnected_grad`).",
)
GradClipOp = elementwise(
    "grad_clip", 3, lambda s, x, low, high: x, dtypes=FIRST,
    grad=lambda tb, op, g: [tb.minimum(tb.maximum(g, tb.cast(op.args[1], g_dtype(g))), tb.cast(op.args[2], g_dtype(g))), None, None],
    doc="x, whose gradient is clipped to [low, high] on its way back (`gradient.grad_clip`).",
)


def g_dtype(value) -> str:
    from irtk.dialects.irtk.types import dtype_of

    return dtype_of(value.type)


# The values pass through grad_clip unchanged, so their tangents do too: only gradients are clipped (Theano's R_op).
GradClipOp.jvp = pass_through_jvp


__all__ = ["ZeroGradOp", "DisconnectedGradOp", "GradClipOp"]
