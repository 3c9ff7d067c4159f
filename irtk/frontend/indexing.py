"""Indexing with integer arrays (Theano's advanced indexing): `x[rows, cols]`, `inc_subtensor(x[i], y)`,
`set_subtensor(x[i], y)`, numpy's semantics (negative indices count from the end; out of bounds fails the call).

Each index is an integer tensor variable, a list of ints or an int; they broadcast together as numpy's index
arrays do. Keys of only ints, slices, None and ... are basic indexing (`basic_indexing.py`); keys with integer arrays
or boolean masks, mixed with slices, ints, None and ... or not, follow numpy's placement of the advanced dimensions
(`advanced_keys.py`).
"""

from __future__ import annotations

from irtk.dialects.irtk.indexing import AdvancedIncSubtensorOp, AdvancedSetSubtensorOp, AdvancedSubtensorOp
from irtk.frontend.basic import apply, as_tensor_variable
from irtk.frontend.variable import Variable


def getitem(x: Variable, key) -> Variable:
    """`x[key]`: basic indexing (ints, slices, None, ...), or advanced indexing when the key has integer arrays or
    boolean masks, mixed with basic entries or not (`advanced_keys.py`)."""
    from irtk.frontend.advanced_keys import advanced_getitem
    from irtk.frontend.basic_indexing import basic_getitem, is_basic

    if is_basic(key):
        return basic_getitem(x, key)
    return advanced_getitem(x, key)


def _scatter(op: type, name: str, subtensor: Variable, y) -> Variable:
    from irtk.dialects.irtk.subtensor import SubtensorOp
    from irtk.frontend.basic_indexing import advanced_form

    node = subtensor.owner
    if node is not None and node.op is SubtensorOp:  # a basic key: scatter through its index arrays
        x, indices, trusted = advanced_form(subtensor)
        return apply(op, [x, as_tensor_variable(y), *indices], **trusted)
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
