"""Theano's (and numpy's) contractions and diagonals: `tensordot`, `batched_dot`, `batched_tensordot`, `outer`,
`diagonal`, `diag` and `trace`. Each is one `irtk.contract` (or, for `trace`, the sum of a diagonal), whose spec
the function works out from its arguments; `dot` itself is `irtk.dot` (`basic.dot`). Arguments the function
cannot take (an axis out of range, a rank it does not accept, paired static sizes that differ) are refused
here, naming the argument; dynamic sizes that disagree fail the call when the program runs.

Diagonals are those of square slices only: a diagonal is a loop that reads two dimensions at once, and a
loop's length is an operand's size, never the smaller of two (numpy's diagonal of a non-square matrix would
need a slice first).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects.builtin import StringAttr

from irtk.dialects.irtk.contraction import ContractOp
from irtk.dialects.irtk.contraction_spec import Spec, dot_spec, letters, spec_of_axes
from irtk.dialects.irtk.types import shape_of
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable
from irtk.frontend.variable import Constant, Variable


def contract(spec: str | Spec, *operands) -> Variable:
    """The `irtk.contract` of `operands` by an einsum-like `spec` (`"ij,jk->ik"`, see `contraction_spec.py`)."""
    return apply(ContractOp, [as_tensor_variable(x) for x in operands], spec=StringAttr(str(spec)))


# ---------------------------------------------------------------- products


def tensordot(a, b, axes=2) -> Variable:
    """Sum of products over `axes`: an int n pairs the last n axes of `a` with the first n of `b`; a pair of
    lists (or ints) pairs `axes[0][i]` of `a` with `axes[1][i]` of `b`. The result has a's remaining axes,
    then b's."""
    a, b = as_tensor_variable(a), as_tensor_variable(b)
    axes_a, axes_b = _axes_pair("tensordot", a, b, axes, batched=False)
    _same_sizes("tensordot", a, b, zip(axes_a, axes_b))
    return contract(spec_of_axes(a.ndim, b.ndim, axes_a, axes_b), a, b)


def batched_tensordot(x, y, axes=2) -> Variable:
    """`tensordot` of `x[i]` and `y[i]` for each i of the first (batch) axis, which `axes` must not name: an
    int n pairs the last n axes of x with axes 1..n of y."""
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    _need_batch_axis("batched_tensordot", x, y)
    axes_x, axes_y = _axes_pair("batched_tensordot", x, y, axes, batched=True)
    _same_sizes("batched_tensordot", x, y, [(0, 0), *zip(axes_x, axes_y)])
    return contract(spec_of_axes(x.ndim, y.ndim, axes_x, axes_y, batch=True), x, y)


def batched_dot(a, b) -> Variable:
    """`dot(a[i], b[i])` for each i of the first (batch) axis: for 3-d operands a batch of matrix products,
    for matrices the dot product of each row pair, and a vector scales the other operand's slices."""
    a, b = as_tensor_variable(a), as_tensor_variable(b)
    _need_batch_axis("batched_dot", a, b)
    contracted = [(a.ndim - 1, b.ndim - 2 if b.ndim > 2 else 1)] if a.ndim > 1 and b.ndim > 1 else []
    _same_sizes("batched_dot", a, b, [(0, 0), *contracted])
    inner = dot_spec(a.ndim - 1, b.ndim - 1)
    z = letters(a.ndim + b.ndim - 1, "batched_dot")[-1]  # a letter the inner spec does not use
    return contract(Spec((z + inner.inputs[0], z + inner.inputs[1]), z + inner.output), a, b)


def outer(x, y) -> Variable:
    """The outer product of two vectors: `outer(x, y)[i, j] = x[i] * y[j]`."""
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    for name, v in (("x", x), ("y", y)):
        if v.ndim != 1:
            raise TypeError(f"outer: {name} must be a vector, got a {v.ndim}-d tensor (flatten it first)")
    return contract("a,b->ab", x, y)


# ---------------------------------------------------------------- diagonals


def diagonal(a, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Variable:
    """numpy's `diagonal`: the elements `a[..., i, ..., i, ...]` of axes `axis1` and `axis2`, which must have the
    same size, as the result's last axis after a's other axes. Only the main diagonal (`offset=0`) is supported."""
    a = as_tensor_variable(a)
    if a.ndim < 2:
        raise TypeError(f"diagonal: a must have at least 2 dimensions, got a {a.ndim}-d tensor")
    _main_diagonal_only("diagonal", "offset", offset)
    first, second = (_axis("diagonal", f"{name}={v!r}", v, a.ndim) for name, v in (("axis1", axis1), ("axis2", axis2)))
    if first == second:
        raise ValueError(f"diagonal: axis1 and axis2 must differ, got both {first}")
    _square("diagonal", a, first, second)
    term = list(letters(a.ndim, "diagonal"))
    term[second] = term[first]
    kept = "".join(c for d, c in enumerate(term) if d not in (first, second))
    return contract("".join(term) + "->" + kept + term[first], a)


def alloc_diag(v, offset: int = 0) -> Variable:
    """The square matrix with the vector `v` on its diagonal and 0 elsewhere."""
    v = as_tensor_variable(v)
    if v.ndim != 1:
        raise TypeError(f"alloc_diag: v must be a vector, got a {v.ndim}-d tensor")
    _main_diagonal_only("alloc_diag", "offset", offset)
    return contract("a->aa", v)


def diag(v, k: int = 0) -> Variable:
    """numpy's `diag`: a vector becomes the square matrix with it on the diagonal; a matrix gives its diagonal.
    Only the main diagonal (`k=0`) is supported."""
    v = as_tensor_variable(v)
    _main_diagonal_only("diag", "k", k)
    if v.ndim == 1:
        return alloc_diag(v)
    if v.ndim == 2:
        return diagonal(v)
    raise TypeError(f"diag: v must be a vector or a matrix, got a {v.ndim}-d tensor")


def trace(a, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Variable:
    """numpy's `trace`: the sum of `diagonal(a, offset, axis1, axis2)` (for a matrix, a scalar). Integers and
    booleans sum to int64, as numpy and Theano do."""
    return basic.sum(diagonal(a, offset, axis1, axis2), axis=-1)


# ---------------------------------------------------------------- argument checks


def _axis(name: str, label: str, axis, ndim: int) -> int:
    """`axis` (named `label` in messages) counted from 0, negative ones from the end."""
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name}: {label} must be an int, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}: {label} is out of range for a {ndim}-d tensor")
    return int(axis) % ndim


def _axes_pair(name: str, a: Variable, b: Variable, axes, batched: bool) -> tuple[list[int], list[int]]:
    """tensordot's `axes` as two lists of normalized, distinct axes of equal length."""
    first = 1 if batched else 0
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, (bool, np.bool_)):
        n = int(axes)
        for operand, x in (("a", a), ("b", b)):
            if n < 0 or n > x.ndim - first:
                limit = f"{x.ndim - first} (its rank{' less the batch axis' if batched else ''})"
                raise ValueError(f"{name}: axes={n} must be between 0 and {limit} for {operand}, a {x.ndim}-d tensor")
        return list(range(a.ndim - n, a.ndim)), list(range(first, first + n))
    if not isinstance(axes, (list, tuple)) or len(axes) != 2:
        raise ValueError(f"{name}: axes must be an int or a pair of axis lists, got {axes!r}")
    pair = [list(ax) if isinstance(ax, (list, tuple, np.ndarray)) else [ax] for ax in axes]
    if len(pair[0]) != len(pair[1]):
        raise ValueError(f"{name}: the two axis lists must have the same length, got {pair[0]} and {pair[1]}")
    normalized = []
    for operand, x, listed in (("a", a, pair[0]), ("b", b, pair[1])):
        values = [_axis(name, f"axis {ax!r} of {operand}", ax, x.ndim) for ax in listed]
        if len(set(values)) != len(values):
            raise ValueError(f"{name}: the axes of {operand} must be distinct, got {listed}")
        if batched and 0 in values:
            raise ValueError(f"{name}: the axes of {operand} must not include the batch axis 0, got {listed}")
        normalized.append(values)
    return normalized[0], normalized[1]


def _need_batch_axis(name: str, a: Variable, b: Variable) -> None:
    for operand, x in (("a", a), ("b", b)):
        if x.ndim == 0:
            raise TypeError(f"{name}: {operand} must have a batch axis (at least 1 dimension), got a scalar")


def _same_sizes(name: str, a: Variable, b: Variable, pairs) -> None:
    """Paired axes must agree where both sizes are static (dynamic ones are checked when the program runs)."""
    sa, sb = _static_shape(a), _static_shape(b)
    for i, j in pairs:
        if sa[i] is not None and sb[j] is not None and sa[i] != sb[j]:
            raise ValueError(f"{name}: axis {i} of a (size {sa[i]}) and axis {j} of b (size {sb[j]}) must have the same size")


def _main_diagonal_only(name: str, what: str, offset) -> None:
    if offset != 0:
        raise ValueError(f"{name}: only the main diagonal is supported ({what}=0), got {what}={offset!r}")


def _square(name: str, a: Variable, first: int, second: int) -> None:
    """Static sizes of the two diagonal axes must agree (dynamic ones are checked when the program runs)."""
    shape = _static_shape(a)
    n, m = shape[first], shape[second]
    if n is not None and m is not None and n != m:
        raise ValueError(f"{name}: axes {first} and {second} must have the same size (a square diagonal), got {n} and {m}")


def _static_shape(x: Variable) -> Sequence[int | None]:
    """What the type rule knows of x's sizes: a constant's shape, else 1 for broadcastable dimensions."""
    if isinstance(x, Constant):
        return x.data.shape
    return shape_of(x.type.ir_type())
