"""`cumsum` and `cumprod` (Theano's `tensor.extra_ops`): numpy's semantics along one axis."""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.cumulative import CumprodOp, CumsumOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable
from irtk.frontend.variable import Variable


def _cumulative(op: type, name: str, x, axis) -> Variable:
    x = as_tensor_variable(x)
    if axis is None:  # numpy flattens first
        if x.ndim > 1:
            from irtk.frontend.shapes import flatten

            x = flatten(x)
        if x.ndim == 0:
            x = basic.dimshuffle(x, "x")
        axis = 0
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name}: axis must be one int (or None), got {axis!r}")
    (axis,) = basic.reduction_axes(name, x, axis)
    return apply(op, [x], axes=int_list_attr([axis]))


def cumsum(x, axis=None) -> Variable:
    """The cumulative sum along `axis` (booleans and integers accumulate in 64 bits, as numpy)."""
    return _cumulative(CumsumOp, "cumsum", x, axis)


def cumprod(x, axis=None) -> Variable:
    """The cumulative product along `axis`."""
    return _cumulative(CumprodOp, "cumprod", x, axis)


__all__ = ["cumsum", "cumprod"]
