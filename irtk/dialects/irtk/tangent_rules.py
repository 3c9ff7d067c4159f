"""Tangent rules (`TensorOp.jvp`) shared by op families: forward mode's counterpart of the gradient rules.

A rule gets one tangent per operand (None where the operand does not move) and returns one per result (None where
it is zero), each with its result's dtype. Three shapes of rule cover most ops, so each op class only names its
family's rule in a one-line `jvp` method:
- `elementwise_jvp`: an elementwise op's Jacobian is diagonal, so its declared gradient rule, seeded with 1, gives
  the partial derivatives `f'(x)`; the tangent is `sum_i f'_i(x) * t_i`, broadcast to the result (never summed:
  the reduction a gradient needs at a broadcast operand is the transpose's business, not forward mode's).
- `linear_jvp`: an op linear in its float operands (dimshuffle, sum, reshape, gathers and scatters, cumsum,
  alloc) is its own derivative: the tangent is the op applied to the tangents, the other operands (indices,
  sizes) kept, a still operand replaced by zeros.
- `multilinear_jvp`: a product of its operands (dot, contractions): the product rule, one term per moving
  operand, each the op with that operand replaced by its tangent.
Ops without a rule get the transpose of their gradient rule (`irtk/passes/forward_mode.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.ir import SSAValue

from irtk.dialects.irtk.types import dtype_of, is_float, shape_of


def zeros_like(tb, value: SSAValue) -> SSAValue:
    """Zeros of `value`'s type and run-time shape (a broadcast of a constant: never reads `value`'s elements, so
    an inf or NaN in it does not leak in as it would through `value * 0`)."""
    rank = len(shape_of(value.type))
    return tb.broadcast(tb.constant(np.zeros((1,) * rank, dtype=dtype_of(value.type))), value)


def moving(op, tangents: Sequence[SSAValue | None]) -> list[int]:
    """The positions of the float operands that have a tangent."""
    return [i for i, (o, t) in enumerate(zip(op.operands, tangents)) if t is not None and is_float(dtype_of(o.type))]


def _rebuilt(tb, op, operands: Sequence[SSAValue]) -> SSAValue:
    """`op`'s kind of op, with its properties, on other operands (its only result)."""
    return tb.build(type(op), list(operands), **dict(op.properties))


def linear_jvp(op, tb, tangents: Sequence[SSAValue | None], linear: Sequence[int] | None = None) -> list[SSAValue | None]:
    """The tangent of a single-result op linear in the operands at positions `linear` (default: its float operands):
    the op applied to their tangents (zeros for one that does not move, an integer one too), the others kept."""
    positions = moving(op, tangents)
    if not positions or not is_float(dtype_of(op.results[0].type)):
        return [None]
    if linear is None:
        linear = [i for i, o in enumerate(op.operands) if is_float(dtype_of(o.type))]
    operands = list(op.operands)
    for i in linear:
        operands[i] = tangents[i] if i in positions else zeros_like(tb, operands[i])
    return [_rebuilt(tb, op, operands)]


def multilinear_jvp(op, tb, tangents: Sequence[SSAValue | None]) -> list[SSAValue | None]:
    """The product rule: `sum_k op(x_1, ..., t_k, ..., x_n)` over the moving operands k."""
    if not is_float(dtype_of(op.results[0].type)):
        return [None]
    total = None
    for k in moving(op, tangents):
        term = _rebuilt(tb, op, [tangents[k] if j == k else o for j, o in enumerate(op.operands)])
        total = term if total is None else tb.add(total, term)
    return [total]


def elementwise_jvp(op, tb, tangents: Sequence[SSAValue | None]) -> list[SSAValue | None]:
    """`sum_i f'_i(x) * t_i`, from the op's declared gradient rule seeded with 1 (which gives `f'_i(x)`, still
    broadcast where the operands are), cast to the result's dtype and broadcast to its shape."""
    result = op.results[0]
    positions = moving(op, tangents)
    if not positions or not is_float(dtype_of(result.type)):
        return [None]
    partials = op.partials(tb, tb.scalar_like(1, result))
    total = None
    for i in positions:
        if partials[i] is None:
            continue
        term = tb.mul(partials[i], tangents[i])
        total = term if total is None else tb.add(total, term)
    if total is None:
        return [None]
    total = tb.cast(total, dtype_of(result.type))
    if shape_of(total.type) != shape_of(result.type):
        total = tb.broadcast(total, result)
    return [total]


def pass_through_jvp(op, tb, tangents: Sequence[SSAValue | None]) -> list[SSAValue | None]:
    """The tangent of an op that is the identity on its first operand's values: that operand's tangent."""
    result = op.results[0]
    t = tangents[0]
    if t is None or not is_float(dtype_of(op.operands[0].type)) or not is_float(dtype_of(result.type)):
        return [None]
    t = tb.cast(t, dtype_of(result.type))
    return [t if shape_of(t.type) == shape_of(result.type) else tb.broadcast(t, result)]


def extremum_jvp(op, tb, tangents: Sequence[SSAValue | None], extremum: SSAValue) -> list[SSAValue | None]:
    """max/min over `axes`: the tangent of the elements equal to the extremum, summed over `axes` — the transpose
    of the gradient rule, which gives every tied element the gradient, so that `Rop` and `Lop` stay adjoint
    (`<u, J v> = <J^T u, v>`) also at ties. Without ties, it is the tangent of the chosen element."""
    t = tangents[0]
    if t is None or not is_float(dtype_of(op.x.type)):
        return [None] * len(op.results)
    chosen = tb.cast(tb.eq(op.x, op.restore_axes(tb, extremum)), dtype_of(op.x.type))
    value = tb.sum(tb.mul(t, chosen), list(op.axes_values))
    return [value] + [None] * (len(op.results) - 1)


__all__ = ["zeros_like", "moving", "linear_jvp", "multilinear_jvp", "elementwise_jvp", "pass_through_jvp", "extremum_jvp"]
