"""`sort` and `argsort` (Theano's `tensor.sort`): numpy's order along one axis, NaN last, ties stable.

`argsort` is the `irtk.argsort` op; `sort` gathers x at those positions along the axis (the other dimensions
indexed by aranges), so the gradient of a sort is the output gradient sent back through the permutation by the
gather's gradient (a scatter-add at the same positions). With `axis=None` both work on the flattened tensor.
"""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.indexing import AdvancedSubtensorOp
from irtk.dialects.irtk.sorting import ArgsortOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable
from irtk.frontend.variable import Variable


def _prepared(name: str, a, axis, kind) -> tuple[Variable, int]:
    a = as_tensor_variable(a)
    if kind not in (None, "quicksort", "mergesort", "heapsort", "stable"):
        raise ValueError(f"{name}: unknown kind {kind!r}")
    if axis is None:  # numpy and Theano sort the flattened tensor
        from irtk.frontend.shapes import flatten

        a = flatten(a) if a.ndim != 1 else a
        axis = 0
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name}: axis must be one int (or None), got {axis!r}")
    if a.ndim == 0 or not -a.ndim <= axis < a.ndim:
        raise ValueError(f"{name}: axis {axis} is out of range for a {a.ndim}-dimensional tensor")
    if a.dtype.startswith("complex"):
        raise TypeError(f"{name}: complex tensors are not supported")
    return a, int(axis) % a.ndim


def argsort(a, axis=-1, kind=None, order=None) -> Variable:
    """The int64 positions that sort `a` along `axis` (numpy's `argsort` with a stable sort: equal elements keep
    their order; NaN last). `kind` is accepted for numpy's signature; every kind gives the stable order."""
    if order is not None:
        raise ValueError("argsort: order (for structured arrays) is not supported")
    a, axis = _prepared("argsort", a, axis, kind)
    return apply(ArgsortOp, [a], axes=int_list_attr([axis]))


def sort(a, axis=-1, kind=None, order=None) -> Variable:
    """`a` sorted along `axis` (numpy's `sort`: NaN last); differentiable, the gradient follows the permutation."""
    if order is not None:
        raise ValueError("sort: order (for structured arrays) is not supported")
    a, axis = _prepared("sort", a, axis, kind)
    positions = apply(ArgsortOp, [a], axes=int_list_attr([axis]))
    return take_along(a, axis, positions)


def take_along(a: Variable, axis: int, positions: Variable) -> Variable:
    """`np.take_along_axis(a, positions, axis)` for positions of a's shape known to be in bounds: one gather."""
    from irtk.frontend.constructors import arange

    arrays = []
    for d in range(a.ndim):
        if d == axis:
            arrays.append(positions)
        else:
            pattern = ["x"] * a.ndim
            pattern[d] = 0
            arrays.append(basic.dimshuffle(arange(basic.count(a, d), dtype="int64"), *pattern))
    return apply(AdvancedSubtensorOp, [a, *arrays], in_bounds=int_list_attr(list(range(a.ndim))))


__all__ = ["argsort", "sort"]
