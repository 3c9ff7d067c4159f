"""Indexing with integer arrays (Theano's advanced indexing): `x[rows, cols]`, `inc_subtensor(x[i], y)`,
`set_subtensor(x[i], y)`, numpy's semantics (negative indices count from the end; out of bounds fails the call).

Each index is an integer tensor variable, a list of ints or an int; they broadcast together as numpy's index
arrays do. Keys of only ints, slices, None and ... are basic indexing (`basic_indexing.py`); a key mixing slices with
integer arrays is not supported yet.
"""

from __future__ import annotations

import builtins

import numpy as np

from irtk.dialects.irtk.indexing import AdvancedIncSubtensorOp, AdvancedSetSubtensorOp, AdvancedSubtensorOp
from irtk.dialects.irtk.types import is_integer
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable
from irtk.frontend.variable import Variable


def _index(x: Variable, position: int, item) -> Variable:
    if isinstance(item, (slice, type(Ellipsis))) or item is None:
        raise TypeError(
            f"indexing: {item!r} at position {position} mixes basic indexing (slices, ..., newaxis) with integer arrays, "
            f"which is not supported yet"
        )
    if isinstance(item, (bool, np.bool_)):
        raise TypeError(f"indexing: boolean index at position {position} is not supported")
    if not isinstance(item, Variable):
        data = np.asarray(item)
        if data.dtype.kind not in "iu":
            raise TypeError(f"indexing: index {position} must be integers, got {data.dtype}")
        item = basic.constant(data.astype(np.int64))
    if item.dtype == "bool" or not is_integer(item.dtype):
        raise TypeError(f"indexing: index {position} must be an integer tensor, got {item.type}")
    return item


def _aligned(indices: list[Variable]) -> list[Variable]:
    """Index arrays of lower rank get broadcastable dimensions on the left (numpy's broadcasting)."""
    rank = builtins.max(i.ndim for i in indices)
    return [basic.dimshuffle(i, *(["x"] * (rank - i.ndim) + list(range(i.ndim)))) if i.ndim < rank else i for i in indices]


def getitem(x: Variable, key) -> Variable:
    """`x[key]`: basic indexing (ints, slices, None, ...) or integer-array keys."""
    from irtk.frontend.basic_indexing import basic_getitem, is_basic

    if is_basic(key):
        return basic_getitem(x, key)
    items = list(key) if isinstance(key, tuple) else [key]
    if len(items) > x.ndim:
        raise IndexError(f"indexing: {len(items)} indices for a {x.ndim}-d tensor")
    indices = _aligned([_index(x, k, item) for k, item in enumerate(items)])
    return apply(AdvancedSubtensorOp, [x, *indices])


def _scatter(op: type, name: str, subtensor: Variable, y) -> Variable:
    node = subtensor.owner
    if node is None or node.op is not AdvancedSubtensorOp:
        raise TypeError(f"{name}: the first argument must be an indexed tensor `x[i, ...]` (got {subtensor!r})")
    x, *indices = node.inputs
    y = as_tensor_variable(y)
    if y.ndim > subtensor.ndim:
        raise ValueError(f"{name}: y has {y.ndim} dimensions, more than x[...]'s {subtensor.ndim}")
    trusted = {k: v for k, v in node.properties.items() if k == "in_bounds"}
    return apply(op, [x, y, *indices], **trusted)


def inc_subtensor(x, y) -> Variable:
    """The tensor indexed by `x` (an `a[i, j]`) with y added at those places; repeated indices add up."""
    return _scatter(AdvancedIncSubtensorOp, "inc_subtensor", x, y)


def set_subtensor(x, y) -> Variable:
    """The tensor indexed by `x` (an `a[i, j]`) with y written at those places; the last repeated index wins."""
    return _scatter(AdvancedSetSubtensorOp, "set_subtensor", x, y)


__all__ = ["getitem", "inc_subtensor", "set_subtensor"]
