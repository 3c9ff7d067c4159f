"""Basic indexing (integers, slices, `None`, `...`) with numpy's semantics, on top of advanced indexing.

`x[2:-1:2, 0]` is `x[arange(2, n0 - 1, 2), 0]` with the slice normalised as numpy normalises it (negative bounds
count from the end, bounds beyond the ends are clipped, a negative step runs backwards, omitted bounds default by
the step's sign) — computed in the graph, so bounds, steps and sizes may be symbolic (`X[i * bs:(i + 1) * bs]`).
Each slice gives an index vector along its own axis and each integer a scalar, so the index arrays broadcast to the
result's leading shape, as numpy's basic indexing gives it; `None` adds a broadcastable dimension. The result is
an `irtk.advanced_subtensor` (a gather, which fuses into its consumer), so gradients, `set_subtensor` and
`inc_subtensor` work as for advanced indexing.
"""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend import basic
from irtk.frontend.basic import cast, elementwise_apply
from irtk.frontend.variable import Variable


def _op(name: str, *operands) -> Variable:
    from irtk.dialects.irtk.opdef import op_named

    return elementwise_apply(op_named(name), *operands)


def _int64(name: str, value) -> Variable | int:
    """A bound or step: a Python int, or an integer scalar variable as int64."""
    if isinstance(value, Variable):
        if value.ndim != 0 or value.dtype == "bool" or not value.dtype.startswith(("int", "uint")):
            raise TypeError(f"indexing: a slice's {name} must be an integer scalar, got {value.type}")
        return cast(value, "int64")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"indexing: a slice's {name} must be an int or an integer scalar variable, got {value!r}")
    return int(value)


def _choose(condition, if_true, if_false):
    """`if_true if condition else if_false`, in Python when the condition is known, else in the graph."""
    if isinstance(condition, (bool, np.bool_)):
        return if_true if condition else if_false
    return _op("switch", condition, if_true, if_false)


def _below(a, b):
    return a < b if not isinstance(a, Variable) and not isinstance(b, Variable) else _op("lt", a, b)


def slice_indices(x: Variable, axis: int, s: slice) -> Variable:
    """The int64 index vector that slice `s` selects along `axis` of x (numpy's `slice.indices` rules)."""
    n = basic.count(x, axis)
    step = 1 if s.step is None else _int64("step", s.step)
    if isinstance(step, int) and step == 0:
        raise ValueError("indexing: a slice's step cannot be zero")
    forward = step > 0 if isinstance(step, int) else _op("gt", step, 0)
    last = _op("sub", n, 1)

    def bound(value, default_forward, default_backward):
        if value is None:
            return _choose(forward, default_forward, default_backward)
        v = _int64("bound", value)
        v = _choose(_below(v, 0), _op("add", v, n), v) if isinstance(v, Variable) or v < 0 else v
        low = _choose(forward, 0, -1)
        high = _choose(forward, n, last)
        clipped_low = _choose(_below(v, 0), low, v)
        return _choose(_op("ge", v, n), high, clipped_low)

    start = bound(s.start, 0, last)
    stop = bound(s.stop, n, -1)
    from irtk.frontend.constructors import arange

    return arange(start, stop, step, dtype="int64")


def is_basic(key) -> bool:
    items = key if isinstance(key, tuple) else (key,)
    return all(
        item is None or item is Ellipsis or isinstance(item, (slice, int, np.integer))
        or (isinstance(item, Variable) and item.ndim == 0)
        for item in items
    ) and not any(isinstance(item, (bool, np.bool_)) for item in items)


def basic_getitem(x: Variable, key) -> Variable:
    """`x[key]` for a key of ints, integer scalar variables, slices, `None` and `...`."""
    from irtk.dialects.irtk.indexing import AdvancedSubtensorOp

    items = list(key) if isinstance(key, tuple) else [key]
    if sum(item is Ellipsis for item in items) > 1:
        raise IndexError("indexing: an index can only have a single ellipsis ('...')")
    consumed = sum(item is not None and item is not Ellipsis for item in items)
    if consumed > x.ndim:
        raise IndexError(f"indexing: too many indices ({consumed}) for a {x.ndim}-d tensor")
    if Ellipsis in items:
        at = items.index(Ellipsis)
        items[at : at + 1] = [slice(None)] * (x.ndim - consumed)
    # trailing dimensions that no entry names stay whole (the gather's remaining dimensions)
    while items and isinstance(items[-1], slice) and items[-1] == slice(None):
        items.pop()
    entries = [item for item in items if item is not None]
    slices = [k for k, item in enumerate(entries) if isinstance(item, slice)]
    arrays = []
    for axis, item in enumerate(entries):
        if isinstance(item, slice):
            position = slices.index(axis)
            vector = slice_indices(x, axis, item)
            arrays.append(basic.dimshuffle(vector, *["x" if k != position else 0 for k in range(len(slices))]))
        else:
            scalar = item if isinstance(item, Variable) else basic.constant(np.int64(item))
            arrays.append(basic.dimshuffle(cast(scalar, "int64"), *(["x"] * len(slices))))
    trusted = [axis for axis, item in enumerate(entries) if isinstance(item, slice)]  # normalised: in bounds
    properties = {"in_bounds": int_list_attr(trusted)} if trusted else {}
    result = basic.apply(AdvancedSubtensorOp, [x, *arrays], **properties) if arrays else x
    if None in items:  # new broadcastable dimensions where the key says
        pattern, dim = [], 0
        for item in items:
            if item is None:
                pattern.append("x")
            elif isinstance(item, slice):
                pattern.append(dim)
                dim += 1
        pattern += list(range(dim, result.ndim))
        result = basic.dimshuffle(result, *pattern)
    return result


__all__ = ["basic_getitem", "is_basic", "slice_indices"]
