"""Theano's tensor constructors: `zeros`, `ones`, `alloc`, `arange`, `eye`, `identity_like`.

A size is a Python int (or a constant), known now — it becomes a static size of the result type, and a size of
1 a broadcastable dimension, as in Theano — or an integer scalar variable (`n = lscalar()`, `count(x, 0)`), read
when the function runs. A negative size is a ValueError now, or a failed call then. Each constructor is one
irtk op (`irtk/dialects/irtk/constructors.py`); with every size static and constant arguments it folds to a
constant.
"""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.constructors import DYNAMIC, AllocOp, ArangeOp, EyeOp, arange_length
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import element_type, is_float, is_integer, upcast
from irtk.frontend import basic
from irtk.frontend.basic import apply, as_tensor_variable, constant
from irtk.frontend.variable import Constant, Variable


def _dtype(name: str, dtype) -> str:
    """A result dtype: `dtype`, or config.floatX when None (TypeError for one irtk does not support)."""
    from irtk.flags import config

    try:
        dtype = config.floatX if dtype is None else str(np.dtype(dtype))
        element_type(dtype)
    except TypeError as e:
        raise TypeError(f"{name}: {e}") from None
    return dtype


def _size(name: str, what: str, n) -> int | Variable:
    """A size: a non-negative int (from a Python or numpy integer, or a constant), or an integer scalar variable."""
    if isinstance(n, Constant) or (isinstance(n, np.ndarray) and n.ndim == 0):
        data = np.asarray(n.data if isinstance(n, Constant) else n)
        if data.ndim != 0 or data.dtype.kind not in "iu":
            raise TypeError(f"{name}: {what} must be an integer scalar, got a constant of {data.dtype} with shape {data.shape}")
        n = data[()]
    if isinstance(n, Variable):
        if n.ndim != 0 or n.dtype == "bool" or not is_integer(n.dtype):
            raise TypeError(f"{name}: {what} must be an integer scalar, got {n.type}")
        return n
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name}: {what} must be an int or an integer scalar variable, got {type(n).__name__} {n!r:.40}")
    if n < 0:
        raise ValueError(f"{name}: {what} is negative ({n})")
    if n > np.iinfo(np.int64).max:
        raise ValueError(f"{name}: {what} ({n}) does not fit in int64")
    return int(n)


def _shape(name: str, sizes, labels=None) -> tuple[list[int], list[Variable]]:
    """The static shape (-1 where dynamic) and the size variables, one per dynamic dimension."""
    static, operands = [], []
    for i, n in enumerate(sizes):
        size = _size(name, labels[i] if labels else f"shape[{i}]", n)
        static.append(DYNAMIC if isinstance(size, Variable) else size)
        if isinstance(size, Variable):
            operands.append(size)
    return static, operands


def _shape_sequence(name: str, shape) -> list:
    """Theano's `shape` argument: a tuple or list of sizes, or a single size."""
    if isinstance(shape, Variable) and shape.ndim == 1:
        sizes = getattr(shape, "components", None)  # `x.shape`, or a slice of it
        if sizes is not None:
            return list(sizes)
        length = shape.type.shape[0]
        if length is None:
            raise TypeError(f"{name}: a shape vector must have a length known when the program is written, got {shape.type}")
        return [shape[k] for k in range(length)]
    if isinstance(shape, np.ndarray) and shape.ndim == 1:
        return list(shape)
    return list(shape) if isinstance(shape, (list, tuple)) else [shape]


def alloc(value, *shape) -> Variable:
    """`value` broadcast to `shape` (Theano's `alloc`): its dimensions align with the trailing ones of the shape,
    each of size 1 (stretched) or of the size it gets."""
    value = as_tensor_variable(value)
    if value.ndim > len(shape):
        raise TypeError(f"alloc: the value has {value.ndim} dimension(s), more than the {len(shape)} of the shape")
    static, operands = _shape("alloc", shape)
    return apply(AllocOp, [value, *operands], static_shape=int_list_attr(static))


def zeros(shape, dtype=None) -> Variable:
    """A tensor of zeros of `shape` (a tuple of sizes); `dtype` defaults to config.floatX."""
    return _full("zeros", shape, 0, dtype)


def ones(shape, dtype=None) -> Variable:
    """A tensor of ones of `shape` (a tuple of sizes); `dtype` defaults to config.floatX."""
    return _full("ones", shape, 1, dtype)


def _full(name: str, shape, value, dtype) -> Variable:
    sizes = _shape_sequence(name, shape)
    static, operands = _shape(name, sizes)
    fill = constant(np.full((), value, dtype=_dtype(name, dtype)))
    return apply(AllocOp, [fill, *operands], static_shape=int_list_attr(static))


def _number(name: str, what: str, x) -> Variable:
    """An arange argument: a Python number (a constant of Theano's dtype for it) or an int/float scalar variable."""
    if isinstance(x, (bool, np.bool_)) or (not isinstance(x, Variable) and not isinstance(x, (int, float, np.integer, np.floating))):
        raise TypeError(f"{name}: {what} must be a number or a numeric scalar variable, got {type(x).__name__} {x!r:.40}")
    x = as_tensor_variable(x)
    if x.ndim != 0 or x.dtype == "bool" or not (is_integer(x.dtype) or is_float(x.dtype)):
        raise TypeError(f"{name}: {what} must be an integer or float scalar, got {x.type}")
    return x


def arange(start, stop=None, step=1, dtype=None) -> Variable:
    """numpy's `arange`, Theano's dtype: the upcast of the arguments' dtypes, integers as int64 (`arange(n)` is
    int64; `arange(0, 1, 0.1)` float64; a float32 argument with integer ones gives float32)."""
    if stop is None:
        start, stop = 0, start
    args = [_number("arange", what, x) for what, x in (("start", start), ("stop", stop), ("step", step))]
    if dtype is None:
        dtype = upcast(*(a.dtype for a in args))
        dtype = "int64" if is_integer(dtype) else dtype
    else:
        dtype = _dtype("arange", dtype)
        if dtype == "bool":
            raise TypeError("arange: dtype cannot be bool")
    length = DYNAMIC
    if all(isinstance(a, Constant) for a in args):
        length = arange_length(*(a.data for a in args))  # ValueError now for a step of zero, as numpy
    return apply(ArangeOp, args, static_shape=int_list_attr([length]), dtype=element_type(dtype))


def eye(n, m=None, k=0, dtype=None) -> Variable:
    """An n x m matrix (m defaults to n) with ones on diagonal k (k > 0 above the main one) and zeros elsewhere;
    `dtype` defaults to config.floatX."""
    static, operands = _shape("eye", [n, n if m is None else m], labels=["n", "m"])
    if isinstance(k, Variable):
        if k.ndim != 0 or k.dtype == "bool" or not is_integer(k.dtype):
            raise TypeError(f"eye: k must be an integer scalar, got {k.type}")
    elif isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"eye: k must be an int or an integer scalar variable, got {type(k).__name__} {k!r:.40}")
    else:
        k = constant(np.int64(k))
    return apply(EyeOp, [*operands, k], static_shape=int_list_attr(static), dtype=element_type(_dtype("eye", dtype)))


def identity_like(x) -> Variable:
    """The identity matrix of x's shape and dtype (x a matrix)."""
    x = as_tensor_variable(x)
    if x.ndim != 2:
        raise TypeError(f"identity_like: x must be a matrix, got {x.type}")
    sizes = [1 if broadcastable else basic.count(x, axis) for axis, broadcastable in enumerate(x.broadcastable)]
    return eye(sizes[0], sizes[1], 0, x.dtype)


__all__ = ["alloc", "arange", "eye", "identity_like", "ones", "zeros"]
