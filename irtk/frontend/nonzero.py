"""Positions of the nonzero elements: `flatnonzero`, `nonzero`, `nonzero_values` (Theano's, numpy's), and
what boolean masks index with (`x[mask]` is `x[nonzero(mask)]`).

How many elements are nonzero is known only when the function runs, so the result's size is data-dependent. It
is computed from ops that exist: the running count of nonzero elements (a cumsum) gives each one its place in
the result, and a scatter (`set_subtensor`) writes every element's flat position there — the zero elements all
to one extra slot past the end, which the final gather leaves out. Each step is O(n).
"""

from __future__ import annotations

from irtk.dialects.irtk.indexing import AdvancedSetSubtensorOp, AdvancedSubtensorOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable, cast
from irtk.frontend.variable import Variable


def _op(name: str, *operands) -> Variable:
    from irtk.dialects.irtk.opdef import op_named

    return basic.elementwise_apply(op_named(name), *operands)


def _truth(a: Variable) -> Variable:
    """Whether each element is nonzero (True for NaN, as numpy)."""
    return a if a.dtype == "bool" else _op("neq", a, 0)


def flatnonzero(a) -> Variable:
    """The int64 positions of the nonzero elements of a flattened, in order (numpy's `flatnonzero`)."""
    from irtk.frontend.constructors import arange, zeros
    from irtk.frontend.cumulative import cumsum
    from irtk.frontend.shapes import flatten

    a = as_tensor_variable(a)
    flat = _truth(a if a.ndim == 1 else flatten(a) if a.ndim > 1 else basic.dimshuffle(a, "x"))
    ones = cast(flat, "int64")
    found = basic.sum(ones)
    place = _op("switch", flat, _op("sub", cumsum(ones, 0), 1), found)  # a zero element writes the extra slot
    slots = zeros((_op("add", found, 1),), dtype="int64")
    positions = arange(basic.count(flat, 0), dtype="int64")
    written = apply(AdvancedSetSubtensorOp, [slots, positions, place], in_bounds=int_list_attr([0]))
    return apply(AdvancedSubtensorOp, [written, arange(found, dtype="int64")], in_bounds=int_list_attr([0]))


def unravel(flat: Variable, sizes: list[Variable]) -> list[Variable]:
    """Flat (row-major) positions as one index vector per dimension of the given sizes."""
    indices, stride = [], None
    for size in reversed(sizes):
        index = flat if stride is None else _op("int_div", flat, stride)
        indices.append(_op("mod", index, size) if len(indices) < len(sizes) - 1 else index)
        stride = size if stride is None else _op("mul", stride, size)
    return indices[::-1]


def nonzero(a, return_matrix: bool = False):
    """The positions of the nonzero elements: a tuple of int64 vectors, one per dimension (numpy's `nonzero`), or
    with `return_matrix` one matrix of them stacked (Theano's option)."""
    a = as_tensor_variable(a)
    if a.ndim == 0:
        raise ValueError("nonzero: a must have at least one dimension")
    sizes = [cast(basic.count(a, d), "int64") for d in range(a.ndim)]
    indices = tuple(unravel(flatnonzero(a), sizes))
    if return_matrix:
        from irtk.frontend.shapes import stack

        return stack(*indices)
    return indices


def nonzero_values(a) -> Variable:
    """The nonzero elements of a flattened, in order (Theano's `nonzero_values`): `a.flatten()[flatnonzero(a)]`."""
    from irtk.frontend.shapes import flatten

    a = as_tensor_variable(a)
    flat = a if a.ndim == 1 else flatten(a) if a.ndim > 1 else basic.dimshuffle(a, "x")
    return apply(AdvancedSubtensorOp, [flat, flatnonzero(flat)], in_bounds=int_list_attr([0]))


__all__ = ["flatnonzero", "nonzero", "nonzero_values", "unravel"]
