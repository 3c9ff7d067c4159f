"""Shape changes of the frontend: `reshape` (with -1 and symbolic sizes), `flatten`, and the small ones built from
dimshuffle: `shape_padleft`, `shape_padright`, `swapaxes`, `squeeze`, `addbroadcast`, `unbroadcast`,
`patternbroadcast`."""

from __future__ import annotations

import math

import numpy as np

from irtk.dialects.irtk.constructors import DYNAMIC
from irtk.dialects.irtk.reshape import ReshapeOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable, cast, elementwise_apply
from irtk.frontend.variable import Variable


def _op(name: str, *operands) -> Variable:
    from irtk.dialects.irtk.opdef import op_named

    return elementwise_apply(op_named(name), *operands)


def _sizes(x: Variable) -> list:
    """x's sizes: 1 for a broadcastable dimension (known), else an int64 scalar variable."""
    return [1 if b else basic.count(x, d) for d, b in enumerate(x.broadcastable)]


def reshape(x, newshape, ndim=None) -> Variable:
    """x's elements in row-major order in `newshape` (a tuple of ints and integer scalar variables; one may be
    -1, computed from the others); a size that does not fit fails when the function runs."""
    from irtk.frontend.constructors import _shape, _shape_sequence

    x = as_tensor_variable(x)
    sizes = list(_shape_sequence("reshape", newshape))
    if ndim is not None and ndim != len(sizes):
        raise ValueError(f"reshape: ndim={ndim} does not match the shape {tuple(sizes)!r}")
    unknown = [k for k, n in enumerate(sizes) if isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n == -1]
    if len(unknown) > 1:
        raise ValueError("reshape: only one size can be -1")
    if unknown:
        known = [n for k, n in enumerate(sizes) if k != unknown[0]]
        total = math.prod(n for n in _sizes(x) if isinstance(n, int)) if all(isinstance(n, int) for n in _sizes(x)) else None
        if total is not None and all(isinstance(n, (int, np.integer)) for n in known):
            rest = math.prod(int(n) for n in known)
            if rest == 0 or total % rest:
                raise ValueError(f"reshape: cannot reshape {total} elements into {tuple(sizes)}")
            sizes[unknown[0]] = total // rest
        else:
            total_v = basic.count(x, None)
            rest_v = 1
            for n in known:
                rest_v = _op("mul", rest_v, cast(n, "int64") if isinstance(n, Variable) else np.int64(n))
            # int // 0 is 0 in irtk (as numpy): the element count check of the reshape then fails the call
            sizes[unknown[0]] = _op("int_div", total_v, rest_v)
    static, operands = _shape("reshape", sizes)
    return apply(ReshapeOp, [x, *operands], static_shape=int_list_attr(static))


def flatten(x, ndim=1, outdim=None) -> Variable:
    """x with its last dimensions merged so that `ndim` remain (Theano's `flatten(outdim)`)."""
    x = as_tensor_variable(x)
    ndim = outdim if outdim is not None else ndim
    if not 1 <= ndim <= max(x.ndim, 1):
        raise ValueError(f"flatten: ndim must be between 1 and {max(x.ndim, 1)}, got {ndim}")
    sizes = _sizes(x)
    return reshape(x, (*sizes[: ndim - 1], -1))


def shape_padleft(x, n_ones=1) -> Variable:
    x = as_tensor_variable(x)
    return basic.dimshuffle(x, *(["x"] * n_ones + list(range(x.ndim))))


def shape_padright(x, n_ones=1) -> Variable:
    x = as_tensor_variable(x)
    return basic.dimshuffle(x, *(list(range(x.ndim)) + ["x"] * n_ones))


def swapaxes(x, axis1, axis2) -> Variable:
    x = as_tensor_variable(x)
    order = list(range(x.ndim))
    a, b = axis1 % x.ndim, axis2 % x.ndim
    order[a], order[b] = order[b], order[a]
    return basic.dimshuffle(x, *order)


def squeeze(x) -> Variable:
    """x without its broadcastable (static size 1) dimensions."""
    x = as_tensor_variable(x)
    return basic.dimshuffle(x, *[d for d, b in enumerate(x.broadcastable) if not b])


def patternbroadcast(x, broadcastable) -> Variable:
    """x with the broadcastable pattern `broadcastable`: a dimension made broadcastable must have size 1 when the
    function runs (checked), one made non-broadcastable forgets its static size."""
    from irtk.frontend.types import TensorType

    x = as_tensor_variable(x)
    broadcastable = tuple(bool(b) for b in broadcastable)
    if len(broadcastable) != x.ndim:
        raise ValueError(f"patternbroadcast: {len(broadcastable)} flags for a {x.ndim}-d tensor")
    if broadcastable == x.broadcastable:
        return x
    static = [1 if b else DYNAMIC for b in broadcastable]
    operands = [basic.count(x, d) for d, b in enumerate(broadcastable) if not b]
    out = apply(ReshapeOp, [x, *operands], static_shape=int_list_attr(static))
    assert out.type == TensorType(x.dtype, broadcastable)
    return out


def addbroadcast(x, *axes) -> Variable:
    x = as_tensor_variable(x)
    return patternbroadcast(x, [b or d in axes for d, b in enumerate(x.broadcastable)])


def unbroadcast(x, *axes) -> Variable:
    x = as_tensor_variable(x)
    return patternbroadcast(x, [b and d not in axes for d, b in enumerate(x.broadcastable)])


__all__ = ["reshape", "flatten", "shape_padleft", "shape_padright", "swapaxes", "squeeze", "patternbroadcast",
           "addbroadcast", "unbroadcast"]


def concatenate(tensor_list, axis=0) -> Variable:
    """The tensors joined along `axis` (numpy's `concatenate`; the other sizes must agree). Each part is written
    into its slice of the result (`set_subtensor`), so gradients flow back to each part."""
    from irtk.frontend.constructors import alloc
    from irtk.frontend.indexing import set_subtensor
    from irtk.dialects.irtk.types import upcast

    parts = [as_tensor_variable(t) for t in tensor_list]
    if not parts:
        raise ValueError("concatenate: needs at least one tensor")
    ndim = parts[0].ndim
    if ndim == 0 or any(p.ndim != ndim for p in parts):
        raise TypeError(f"concatenate: the tensors must have the same number of dimensions (at least 1), got {[p.ndim for p in parts]}")
    axis = basic.reduction_axes("concatenate", parts[0], axis)[0]
    dtype = upcast(*(p.dtype for p in parts))
    parts = [cast(p, dtype) for p in parts]
    if len(parts) == 1:
        return parts[0]
    lengths = [basic.count(p, axis) for p in parts]
    total = lengths[0]
    for n in lengths[1:]:
        total = _op("add", total, n)
    sizes = [total if d == axis else basic.count(parts[0], d) for d in range(ndim)]
    result = alloc(np.zeros((), dtype=dtype), *sizes)
    offset = 0
    for part, n in zip(parts, lengths):
        end = _op("add", offset, n)
        key = (slice(None),) * axis + (slice(offset, end),)
        result = set_subtensor(result[key], part)
        offset = end
    return result


def join(axis, *tensors) -> Variable:
    """Theano's `join(axis, *tensors)`: `concatenate(tensors, axis)`."""
    return concatenate(tensors, axis)


def stack(*tensors, axis=0) -> Variable:
    """The tensors (of one shape) stacked along a new dimension `axis`: `stack([a, b])`, or Theano's older
    `stack(a, b)`."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    parts = [as_tensor_variable(t) for t in tensors]
    if not parts:
        raise ValueError("stack: needs at least one tensor")
    ndim = parts[0].ndim
    if any(p.ndim != ndim for p in parts):
        raise TypeError(f"stack: the tensors must have the same number of dimensions, got {[p.ndim for p in parts]}")
    if not -ndim - 1 <= axis <= ndim:
        raise ValueError(f"stack: axis {axis} is out of range for {ndim}-d tensors")
    axis %= ndim + 1
    expanded = [basic.dimshuffle(p, *(list(range(axis)) + ["x"] + list(range(axis, ndim)))) for p in parts]
    return concatenate([unbroadcast(e, axis) for e in expanded], axis)


__all__ += ["concatenate", "join", "stack"]


def _along(x: Variable, axis: int, index: Variable) -> Variable:
    """x indexed along `axis` by `index` (an int64 vector), the other dimensions whole: a gather, the leading
    dimensions indexed by aranges broadcast against `index`."""
    from irtk.frontend.constructors import arange

    arrays = [basic.dimshuffle(arange(basic.count(x, d), dtype="int64"), *(["x"] * d + [0] + ["x"] * (axis - d)))
              for d in range(axis)]
    arrays.append(basic.dimshuffle(index, *(["x"] * axis + [0])))
    return x[tuple(arrays)]


def flip(x, axis=None) -> Variable:
    """x reversed along `axis` (every axis when None)."""
    x = as_tensor_variable(x)
    axes = basic.reduction_axes("flip", x, axis)
    return x[tuple(slice(None, None, -1) if d in axes else slice(None) for d in range(x.ndim))] if axes else x


def roll(x, shift, axis=None) -> Variable:
    """x's elements shifted by `shift` along `axis`, those leaving one end coming back at the other (numpy's
    `roll`; over the flattened tensor when axis is None)."""
    x = as_tensor_variable(x)
    if axis is None:
        return reshape(roll(flatten(x), shift, 0), tuple(_sizes(x)))
    axis = basic.reduction_axes("roll", x, axis)[0]
    from irtk.frontend.constructors import arange

    n = basic.count(x, axis)
    shift = cast(shift, "int64") if isinstance(shift, Variable) else np.int64(shift)
    # element i of the result is element (i - shift) mod n of x; mod of an empty axis is 0 and reads nothing
    index = _op("mod", _op("sub", arange(n, dtype="int64"), shift), n)
    return _along(x, axis, index)


def repeat(x, repeats, axis=None) -> Variable:
    """Each element repeated `repeats` times along `axis` (numpy's `repeat`; over the flattened tensor when axis is
    None): an int or an integer scalar variable for every element alike, or a vector (a list or an integer vector
    variable) of one count per element, the result's size then known only when the function runs."""
    x = as_tensor_variable(x)
    if isinstance(repeats, Variable):
        if repeats.dtype == "bool" or not repeats.dtype.startswith(("int", "uint")) or repeats.ndim > 1:
            raise TypeError(f"repeat: repeats must be an integer scalar or vector, got {repeats.type}")
    else:
        data = np.asarray(repeats)
        if data.dtype.kind not in "iu" or data.ndim > 1:
            raise TypeError(f"repeat: repeats must be an int or a list of ints, got {repeats!r:.60}")
        if (data < 0).any():
            raise ValueError("repeat: repeats cannot be negative")
        repeats = data.reshape(()).item() if data.size == 1 else basic.constant(data.astype(np.int64))
    if isinstance(repeats, Variable) and repeats.ndim == 1 and repeats.broadcastable[0]:
        repeats = basic.dimshuffle(repeats)  # one count for every element (numpy broadcasts it)
    if axis is None:
        return repeat(flatten(x), repeats, 0)
    axis = basic.reduction_axes("repeat", x, axis)[0]
    from irtk.frontend.constructors import arange

    if isinstance(repeats, Variable) and repeats.ndim == 1:
        return _along(x, axis, _repeated_positions(cast(repeats, "int64"), basic.count(x, axis)))
    r = cast(repeats, "int64") if isinstance(repeats, Variable) else np.int64(repeats)
    index = _op("int_div", arange(_op("mul", basic.count(x, axis), r), dtype="int64"), r)
    return _along(x, axis, index)


def _repeated_positions(counts: Variable, n: Variable) -> Variable:
    """The positions 0..n-1, position i `counts[i]` times, in order (`np.repeat(arange(n), counts)`).

    Each position's first place in the result is the running total of the counts before it; a scatter adds one at
    each first place and a cumulative sum of those marks, minus one, numbers the places. (A zero count puts its mark
    where the next position's goes, so that position is skipped.) The counts must have n elements and none may be
    negative: the call fails otherwise."""
    from irtk.dialects.irtk.indexing import AdvancedIncSubtensorOp, AdvancedSubtensorOp
    from irtk.frontend.constructors import alloc, arange, zeros
    from irtk.frontend.cumulative import cumsum

    counts = _op("add", counts, alloc(basic.constant(np.int64(0)), n))  # fails the call unless counts has n elements
    total = basic.sum(counts)
    size = _op("switch", _op("lt", basic.min(counts), 0), -1, _op("add", total, 1))  # a negative size fails the call
    marks = apply(AdvancedIncSubtensorOp, [zeros((size,), dtype="int64"), basic.constant(np.int64(1)),
                                           _op("sub", cumsum(counts, 0), counts)], in_bounds=int_list_attr([0]))
    numbered = _op("sub", cumsum(marks, 0), 1)
    return apply(AdvancedSubtensorOp, [numbered, arange(total, dtype="int64")], in_bounds=int_list_attr([0]))


def tile(x, reps) -> Variable:
    """x repeated `reps[d]` times along each dimension d (numpy's `tile`; reps a tuple of ints)."""
    x = as_tensor_variable(x)
    reps = (reps,) if isinstance(reps, (int, np.integer)) else tuple(reps)
    if any(not isinstance(r, (int, np.integer)) or r < 0 for r in reps):
        raise TypeError(f"tile: reps must be non-negative ints, got {reps!r}")
    if len(reps) > x.ndim:
        x = shape_padleft(x, len(reps) - x.ndim)
    reps = (1,) * (x.ndim - len(reps)) + reps
    from irtk.frontend.constructors import arange

    for axis, r in enumerate(reps):
        if r != 1:
            n = basic.count(x, axis)
            x = _along(unbroadcast(x, axis) if x.broadcastable[axis] else x, axis,
                       _op("mod", arange(_op("mul", n, np.int64(r)), dtype="int64"), n))
    return x


def split(x, splits_size, n_splits, axis=0) -> list[Variable]:
    """x cut along `axis` into `n_splits` consecutive pieces of the sizes `splits_size` gives (a list of ints or
    integer scalars, or an integer vector variable); their sum must be the size of the axis."""
    x = as_tensor_variable(x)
    axis = basic.reduction_axes("split", x, axis)[0]
    sizes = [splits_size[k] for k in range(n_splits)]
    pieces, start = [], 0
    for size in sizes:
        end = _op("add", start, size) if isinstance(start, Variable) or isinstance(size, Variable) else start + size
        pieces.append(x[(slice(None),) * axis + (slice(start, end),)])
        start = end
    return pieces


__all__ += ["flip", "roll", "repeat", "tile", "split"]
