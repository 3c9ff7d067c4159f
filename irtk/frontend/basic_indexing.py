"""Basic indexing (integers, slices, `None`, `...`) with numpy's semantics: a view.

`x[2:-1:2, 0]` is an `irtk.subtensor` whose slice is normalised as numpy normalises it (negative bounds count from
the end, bounds beyond the ends are clipped, a negative step runs backwards, omitted bounds default by the step's
sign) into a start, a count and a step — Python ints where the sizes are known when the program is written, else
computed in the graph, so bounds, steps and sizes may be symbolic (`X[i * bs:(i + 1) * bs]`). An integer drops its
dimension; `None` then adds a broadcastable one (a dimshuffle). The subtensor lowers to `tensor.extract_slice` and
then a `memref.subview`: no element is copied. `set_subtensor`/`inc_subtensor` of such a view scatter through the
equivalent index arrays (`advanced_form`: a slice's `arange` on its own axis), as advanced indexing does.
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


def slice_bounds(x: Variable, axis: int, s: slice) -> tuple:
    """(start, count, step) of the elements slice `s` selects along `axis` of x, normalised by numpy's rules
    (`slice.indices`): Python ints where x's size and the slice are known when the program is written, else
    int64 scalar variables computed in the graph. The start of an empty selection is 0."""
    n_static = x.type.shape[axis]
    parts = (s.start, s.stop, s.step)
    if n_static is not None and all(p is None or (isinstance(p, (int, np.integer)) and not isinstance(p, (bool, np.bool_))) for p in parts):
        if s.step is not None and int(s.step) == 0:
            raise ValueError("indexing: a slice's step cannot be zero")
        start, stop, step = slice(*(None if p is None else int(p) for p in parts)).indices(n_static)
        count = len(range(start, stop, step))
        return (start, count, step) if count else (0, 0, 1)
    start, stop, step = _normalised(x, axis, s)
    # count = max(0, ceil((stop - start) / step)), with ceil(a / b) = -((-a) // b) for either sign of b
    count = _op("maximum", _op("neg", _op("int_div", _op("neg", _op("sub", stop, start)), step)), 0)
    return _choose(_op("gt", count, 0), start, 0), count, step


def _normalised(x: Variable, axis: int, s: slice) -> tuple:
    """numpy's `slice.indices` in the graph: (start, stop, step) with bounds clipped into the dimension."""
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
    return start, stop, step


def slice_indices(x: Variable, axis: int, s: slice) -> Variable:
    """The int64 index vector that slice `s` selects along `axis` of x (numpy's `slice.indices` rules)."""
    from irtk.frontend.constructors import arange

    start, stop, step = _normalised(x, axis, s)
    return arange(start, stop, step, dtype="int64")


def is_basic(key) -> bool:
    items = key if isinstance(key, tuple) else (key,)
    return all(
        item is None or item is Ellipsis or isinstance(item, (slice, int, np.integer))
        or (isinstance(item, Variable) and item.ndim == 0)
        for item in items
    ) and not any(isinstance(item, (bool, np.bool_)) for item in items)


def basic_getitem(x: Variable, key) -> Variable:
    """`x[key]` for a key of ints, integer scalar variables, slices, `None` and `...`: an `irtk.subtensor` (a
    view of x), then a dimshuffle for the `None`s."""
    from irtk.dialects.irtk.subtensor import INDEX, SLICE, SubtensorOp

    items = list(key) if isinstance(key, tuple) else [key]
    if sum(item is Ellipsis for item in items) > 1:
        raise IndexError("indexing: an index can only have a single ellipsis ('...')")
    consumed = sum(item is not None and item is not Ellipsis for item in items)
    if consumed > x.ndim:
        raise IndexError(f"indexing: too many indices ({consumed}) for a {x.ndim}-d tensor")
    if Ellipsis in items:
        at = items.index(Ellipsis)
        items[at : at + 1] = [slice(None)] * (x.ndim - consumed)
    # trailing dimensions that no entry names stay whole
    while items and isinstance(items[-1], slice) and items[-1] == slice(None):
        items.pop()
    entries = [item for item in items if item is not None]
    kinds, bounds, counts = [], [], []
    for axis, item in enumerate(entries):
        if isinstance(item, slice):
            start, count, step = slice_bounds(x, axis, item)
            kinds.append(SLICE)
            bounds += [_scalar(start), _scalar(count), _scalar(step)]
            counts.append(count if isinstance(count, int) else -1)
        else:
            kinds.append(INDEX)
            bounds.append(_scalar(_int64("index", item)))
    result = x
    if entries:
        result = basic.apply(SubtensorOp, [x, *bounds], slices=int_list_attr(kinds), static_sizes=int_list_attr(counts))
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


def advanced_form(subtensor: Variable) -> tuple[Variable, list[Variable], dict]:
    """For `x[key]` built by `basic_getitem` (an `irtk.subtensor`): x, the integer index arrays that select the same
    elements (a slice's `arange`, placed on its own axis), and the `in_bounds` property — what `set_subtensor` and
    `inc_subtensor` scatter with."""
    from irtk.dialects.irtk.subtensor import SLICE
    from irtk.frontend.constructors import arange

    node = subtensor.owner
    x, *bounds = node.inputs
    kinds = list(node.properties["slices"].get_values())
    n_slices = kinds.count(SLICE)
    arrays, position = [], 0
    for kind in kinds:
        if kind == SLICE:
            start, count, step, bounds = bounds[0], bounds[1], bounds[2], bounds[3:]
            vector = arange(start, _op("add", start, _op("mul", count, step)), step, dtype="int64")
            arrays.append(basic.dimshuffle(vector, *[0 if k == position else "x" for k in range(n_slices)]))
            position += 1
        else:
            arrays.append(basic.dimshuffle(cast(bounds[0], "int64"), *(["x"] * n_slices)))
            bounds = bounds[1:]
    trusted = [axis for axis, kind in enumerate(kinds) if kind == SLICE]
    return x, arrays, ({"in_bounds": int_list_attr(trusted)} if trusted else {})


def _scalar(value) -> Variable:
    """A bound as a 0-d int64 tensor variable."""
    return value if isinstance(value, Variable) else basic.constant(np.int64(value))


__all__ = ["advanced_form", "basic_getitem", "is_basic", "slice_bounds", "slice_indices"]
