"""The tensor operations of the frontend: each one is an `Apply` of an irtk dialect op.

Elementwise ops align ranks the way Theano did — a lower-rank operand gets broadcastable dimensions on
the left (an explicit `dimshuffle`) — and Python numbers become constants of the smallest dtype that
holds them exactly (`2.0` is float32, `0.1` is float64), so `fvector * 2.0` stays float32.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from irtk.dialects import irtk as ir
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Apply, Constant, Variable


def apply(op: type, inputs: Sequence[Variable], **properties) -> Variable:
    """A new variable `op(inputs)`; its type comes from the op's type rule (TypeError if ill-typed)."""
    result_type = op.infer_type([v.type.ir_type() if not isinstance(v, Constant) else _constant_ir_type(v) for v in inputs], properties)
    node = Apply(op, inputs, properties)
    out = Variable(TensorType.from_ir(result_type), owner=node)
    node.outputs.append(out)
    return out


def _constant_ir_type(c: Constant):
    from irtk.dialects.irtk.types import tensor_type

    return tensor_type(c.dtype, c.data.shape)


# ---------------------------------------------------------------- constants


def autocast_dtype(x) -> str:
    """Theano's dtype for a Python number: the smallest of its kind that holds it exactly."""
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, (int, np.integer)) and not isinstance(x, np.generic):
        for dtype in ("int8", "int16", "int32", "int64"):
            if np.iinfo(dtype).min <= x <= np.iinfo(dtype).max:
                return dtype
        raise OverflowError(f"{x} does not fit in int64")
    if isinstance(x, float):
        return "float32" if float(np.float32(x)) == x or np.isnan(x) else "float64"
    return str(np.asarray(x).dtype)


def constant(x, name: str | None = None, dtype: str | None = None, ndim: int | None = None) -> Constant:
    """A constant variable; Python numbers get `autocast_dtype`, arrays keep theirs."""
    if isinstance(x, Constant):
        x = x.data
    if x is None or isinstance(x, (str, bytes)) or np.asarray(x).dtype == object:
        raise TypeError(f"cannot make a tensor constant from {type(x).__name__} {x!r:.40}")
    data = np.asarray(x, dtype=dtype or (autocast_dtype(x) if np.ndim(x) == 0 and not isinstance(x, np.ndarray) else None))
    if ndim is not None:
        data = data.reshape((1,) * (ndim - data.ndim) + data.shape)
    return Constant(data, name=name)


def as_tensor_variable(x, name: str | None = None, ndim: int | None = None) -> Variable:
    if isinstance(x, Variable):
        return x
    if isinstance(x, (list, tuple)) and any(isinstance(e, Variable) for e in x):
        raise TypeError("a list holding symbolic variables cannot be made one tensor (stack is not supported yet)")
    return constant(x, name=name, ndim=ndim)


# ---------------------------------------------------------------- elementwise


def _elementwise(op: type, *operands) -> Variable:
    rank = max((v.ndim for v in operands if isinstance(v, Variable)), default=0)
    aligned = []
    for v in operands:
        if not isinstance(v, Variable):
            v = as_tensor_variable(v)
            v = constant(v.data, ndim=max(rank, v.ndim))
        elif v.ndim < rank:
            v = dimshuffle(v, *(["x"] * (rank - v.ndim) + list(range(v.ndim))))
        aligned.append(v)
    return apply(op, aligned)


def add(x, y):
    return _elementwise(ir.AddOp, x, y)


def sub(x, y):
    return _elementwise(ir.SubOp, x, y)


def mul(x, y):
    return _elementwise(ir.MulOp, x, y)


def true_div(x, y):
    return _elementwise(ir.DivOp, x, y)


def neg(x):
    return _elementwise(ir.NegOp, x)


def sqr(x):
    """`x * x`."""
    return _elementwise(ir.SqrOp, x)


def exp(x):
    return _elementwise(ir.ExpOp, x)


def log(x):
    return _elementwise(ir.LogOp, x)


def sqrt(x):
    return _elementwise(ir.SqrtOp, x)


def cast(x, dtype: str) -> Variable:
    """`x` converted to `dtype` (numpy's `astype`)."""
    x = as_tensor_variable(x)
    dtype = str(np.dtype(dtype))
    if x.dtype == dtype:
        return x
    node = Apply(ir.CastOp, [x], {"dtype": dtype})
    out = Variable(TensorType(dtype, x.broadcastable), owner=node)
    node.outputs.append(out)
    return out


# ---------------------------------------------------------------- shape, reductions, contractions


def dimshuffle(x, *pattern) -> Variable:
    """Theano's dimshuffle: `x.dimshuffle('x', 0)` makes a vector a row; `(1, 0)` transposes."""
    if len(pattern) == 1 and isinstance(pattern[0], (list, tuple)):
        pattern = tuple(pattern[0])
    if not all(p == "x" or isinstance(p, (int, np.integer)) for p in pattern):
        raise TypeError(f"dimshuffle: each pattern entry must be 'x' or a dimension number, got {pattern!r}")
    values = [-1 if p == "x" else int(p) for p in pattern]
    x = as_tensor_variable(x)
    if values == list(range(x.ndim)):
        return x
    return apply(ir.DimShuffleOp, [x], pattern=int_list_attr(values))


def transpose(x) -> Variable:
    x = as_tensor_variable(x)
    return dimshuffle(x, *reversed(range(x.ndim)))


def sum(x, axis=None) -> Variable:  # noqa: A001 (Theano's name)
    """Sum over `axis` (an int, a list of ints, or None for all axes)."""
    x = as_tensor_variable(x)
    if axis is None:
        axes = list(range(x.ndim))
    else:
        requested = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
        for a in requested:
            if not isinstance(a, (int, np.integer)) or not -x.ndim <= a < x.ndim:
                raise ValueError(f"sum: axis {a!r} is out of range for a {x.ndim}-dimensional tensor")
        axes = sorted({int(a) % x.ndim for a in requested})
    if not axes:
        return x
    return apply(ir.SumOp, [x], axes=int_list_attr(axes))


def dot(a, b) -> Variable:
    """Inner product: vector·vector, matrix·vector, vector·matrix or matrix·matrix."""
    return apply(ir.DotOp, [as_tensor_variable(a), as_tensor_variable(b)])
