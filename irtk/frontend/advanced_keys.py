"""Keys with integer arrays or boolean masks, possibly mixed with ints, slices, `None` and `...`: numpy's advanced
indexing, as one `irtk.advanced_subtensor` (a gather).

numpy's rule for where the result's dimensions go: the integer arrays (and, among them, the ints and the masks)
broadcast to a shape B; when these advanced entries are adjacent in the key, B takes their place among the
dimensions the slices and `None`s give, and when something separates them, B comes first. Dimensions no entry
names follow, whole. A boolean mask of k dimensions stands for the k index arrays of its nonzero positions (a
data-dependent length; `nonzero.py`); its shape must be the shape of the k dimensions of x it covers.

Every entry becomes one index array of the gather, laid out on the result's dimensions: B's arrays on B's
dimensions, each slice's `arange` on its own dimension, and a `None` a dimension on which every array has size 1
(so the gather's own shape is the result's, and `set_subtensor`/`inc_subtensor` scatter through the same arrays).
A slice's and a mask's arrays are in bounds by construction; the others are checked when the function runs.
"""

from __future__ import annotations

import builtins

import numpy as np

from irtk.dialects.irtk.indexing import AdvancedSubtensorOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import is_integer
from irtk.frontend import basic
from irtk.frontend.basic import apply
from irtk.frontend.variable import Constant, Variable

_NEW, _SLICE, _ARRAY = "new", "slice", "array"


def _is_mask(item) -> bool:
    if isinstance(item, Variable):
        return item.dtype == "bool"
    if isinstance(item, (slice, type(Ellipsis))) or item is None:
        return False
    return np.asarray(item).dtype == np.bool_


def _index_array(position: int, item) -> Variable:
    """An integer index entry as an integer tensor variable (lists and ints become int64 constants)."""
    if not isinstance(item, Variable):
        data = np.asarray(item)
        if data.size == 0 and data.dtype == np.float64:  # `[]`: no index at all, as numpy reads it
            data = data.astype(np.int64)
        if data.dtype.kind not in "iu":
            raise TypeError(f"indexing: index {position} must be integers, got {data.dtype}")
        item = basic.constant(data.astype(np.int64))
    if not is_integer(item.dtype):
        raise TypeError(f"indexing: index {position} must be an integer tensor, got {item.type}")
    return item


def _mask_arrays(x: Variable, axis: int, position: int, mask) -> list[Variable]:
    """The index arrays (one per mask dimension) of the nonzero places of `mask`, which covers x's dimensions from
    `axis` on; its sizes must be theirs (checked now where both are known, else when the function runs)."""
    from irtk.frontend.constructors import alloc
    from irtk.frontend.nonzero import nonzero

    mask = mask if isinstance(mask, Variable) else basic.constant(np.asarray(mask, dtype=np.bool_))
    if mask.ndim == 0:
        raise TypeError(f"indexing: a 0-d boolean index (at position {position}) is not supported")
    known = mask.data.shape if isinstance(mask, Constant) else mask.type.shape
    sizes = []
    for d in range(mask.ndim):
        have, want = known[d], x.type.shape[axis + d]
        if have is not None and want is not None and have != want:
            raise IndexError(f"indexing: the boolean index at position {position} has size {have} in its dimension {d}, "
                             f"but the indexed dimension {axis + d} has size {want}")
        sizes.append(basic.count(x, axis + d))
    if builtins.any(known[d] is None or x.type.shape[axis + d] is None for d in range(mask.ndim)):
        # an elementwise `and` with a mask of x's sizes: the call fails if the sizes differ
        mask = basic.elementwise_apply(_op("and"), mask, alloc(basic.constant(np.bool_(True)), *sizes))
    return list(nonzero(mask))


def _op(name: str) -> type:
    from irtk.dialects.irtk.opdef import op_named

    return op_named(name)


def advanced_getitem(x: Variable, key) -> Variable:
    """`x[key]` for a key with at least one integer array or boolean mask (see the module docstring)."""
    from irtk.frontend.basic_indexing import slice_indices

    items = list(key) if isinstance(key, tuple) else [key]
    for position, item in enumerate(items):
        if isinstance(item, (bool, np.bool_)):
            raise TypeError(f"indexing: boolean index at position {position} is not supported")
    if builtins.sum(item is Ellipsis for item in items) > 1:
        raise IndexError("indexing: an index can only have a single ellipsis ('...')")

    def width(item) -> int:
        if item is None or item is Ellipsis:
            return 0
        return (item.ndim if isinstance(item, Variable) else np.ndim(item)) if _is_mask(item) else 1

    consumed = builtins.sum(width(item) for item in items)
    if consumed > x.ndim:
        raise IndexError(f"indexing: too many indices: {consumed} indices for a {x.ndim}-d tensor")
    if builtins.any(item is Ellipsis for item in items):
        at = next(k for k, item in enumerate(items) if item is Ellipsis)
        items[at : at + 1] = [slice(None)] * (x.ndim - consumed)
    while items and isinstance(items[-1], slice) and items[-1] == slice(None):  # x's remaining dimensions: whole
        items.pop()

    # (kind, value, trusted) per entry, masks expanded into their index arrays
    entries: list[tuple[str, object, bool]] = []
    axis = 0
    for position, item in enumerate(items):
        if item is None:
            entries.append((_NEW, None, True))
        elif isinstance(item, slice):
            entries.append((_SLICE, slice_indices(x, axis, item), True))
            axis += 1
        elif _is_mask(item):
            arrays = _mask_arrays(x, axis, position, item)
            entries += [(_ARRAY, a, True) for a in arrays]
            axis += len(arrays)
        else:
            entries.append((_ARRAY, _index_array(position, item), False))
            axis += 1

    advanced = [k for k, (kind, _, _) in enumerate(entries) if kind == _ARRAY]
    adjacent = advanced == list(range(advanced[0], advanced[-1] + 1))
    basic_dims = [k for k, (kind, _, _) in enumerate(entries) if kind != _ARRAY]  # slices and Nones, in order
    place = builtins.sum(1 for k in basic_dims if k < advanced[0]) if adjacent else 0
    rank_b = builtins.max(entries[k][1].ndim for k in advanced)
    rank = len(basic_dims) + rank_b

    arrays, trusted = [], []
    for k, (kind, value, safe) in enumerate(entries):
        if kind == _NEW:
            continue
        if kind == _ARRAY:
            pattern = ["x"] * (place + rank_b - value.ndim) + list(range(value.ndim)) + ["x"] * (rank - place - rank_b)
        else:
            q = basic_dims.index(k)
            at = q if q < place else q + rank_b
            pattern = ["x"] * rank
            pattern[at] = 0
        if safe:
            trusted.append(len(arrays))
        arrays.append(basic.dimshuffle(value, *pattern))
    properties = {"in_bounds": int_list_attr(trusted)} if trusted else {}
    return apply(AdvancedSubtensorOp, [x, *arrays], **properties)


__all__ = ["advanced_getitem"]
