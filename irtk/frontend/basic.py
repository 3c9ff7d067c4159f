"""The tensor operations of the frontend: each one is an `Apply` of an irtk dialect op.

Elementwise ops align ranks the way Theano did — a lower-rank operand gets broadcastable dimensions on
the left (an explicit `dimshuffle`) — and Python numbers become constants of the smallest dtype that
holds them exactly (`2.0` is float32, `0.1` is float64), so `fvector * 2.0` stays float32.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

import numpy as np

from irtk.dialects import irtk as ir
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.flags import config
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Apply, Constant, Variable


def apply(op: type, inputs: Sequence[Variable], **properties) -> Variable:
    """A new variable `op(inputs)`; its type comes from the op's type rule (TypeError if ill-typed)."""
    (out,) = apply_n(op, inputs, **properties)
    return out


def apply_n(op: type, inputs: Sequence[Variable], **properties) -> list[Variable]:
    """The variables of every result of `op(inputs)` (an op may have several, like argmax)."""
    types = op.infer_types([v.type.ir_type() if not isinstance(v, Constant) else _constant_ir_type(v) for v in inputs], properties)
    node = Apply(op, inputs, properties)
    node.outputs.extend(Variable(TensorType.from_ir(t), owner=node, index=i) for i, t in enumerate(types))
    return list(node.outputs)


def _constant_ir_type(c: Constant):
    from irtk.dialects.irtk.types import tensor_type

    return tensor_type(c.dtype, c.data.shape)


# ---------------------------------------------------------------- constants


def autocast_dtype(x) -> str:
    """Theano's dtype for a Python number: the smallest of its kind that holds it exactly, except that with
    `config.floatX = 'float32'` every Python float is float32, as Theano had it (`x * 0.1` stays float32). A
    Python complex number likewise: complex64 when both parts are float32 values (`zvector * 2j` stays
    complex128, `cvector * 2j` complex64)."""
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, (int, np.integer)) and not isinstance(x, np.generic):
        for dtype in ("int8", "int16", "int32", "int64"):
            if np.iinfo(dtype).min <= x <= np.iinfo(dtype).max:
                return dtype
        raise OverflowError(f"{x} does not fit in int64")
    if isinstance(x, float):
        if config.floatX == "float32" and not isinstance(x, np.generic):
            return "float32"
        return "float32" if float(np.float32(x)) == x or np.isnan(x) else "float64"
    if isinstance(x, complex) and not isinstance(x, np.generic):
        return "complex64" if autocast_dtype(x.real) == autocast_dtype(x.imag) == "float32" else "complex128"
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
    if isinstance(x, (list, tuple)) and builtins.any(isinstance(e, Variable) for e in x):
        from irtk.frontend.shapes import stack

        return stack([as_tensor_variable(e) for e in x])  # Theano's rule: a list of variables is stacked
    return constant(x, name=name, ndim=ndim)


# ---------------------------------------------------------------- elementwise


def elementwise_apply(op: type, *operands) -> Variable:
    """`op` applied elementwise: operands of lower rank get broadcastable dimensions on the left (Theano's
    alignment), Python numbers become constants of the smallest dtype that holds them."""
    rank = builtins.max((v.ndim for v in operands if isinstance(v, Variable)), default=0)
    aligned = []
    for v in operands:
        if not isinstance(v, Variable):
            v = as_tensor_variable(v)
            v = constant(v.data, ndim=builtins.max(rank, v.ndim))
        elif v.ndim < rank:
            v = dimshuffle(v, *(["x"] * (rank - v.ndim) + list(range(v.ndim))))
        aligned.append(v)
    return apply(op, aligned)


def cast(x, dtype: str) -> Variable:
    """`x` converted to `dtype` (numpy's `astype`)."""
    x = as_tensor_variable(x)
    dtype = str(np.dtype(dtype))
    if x.dtype == dtype:
        return x
    from irtk.dialects.irtk.complex_scalar import check_cast

    check_cast(x.dtype, dtype)
    node = Apply(ir.CastOp, [x], {"dtype": dtype})
    out = Variable(TensorType(dtype, x.broadcastable), owner=node)
    node.outputs.append(out)
    return out


# ---------------------------------------------------------------- shape, reductions, contractions


def dimshuffle(x, *pattern) -> Variable:
    """Theano's dimshuffle: `x.dimshuffle('x', 0)` makes a vector a row; `(1, 0)` transposes."""
    if len(pattern) == 1 and isinstance(pattern[0], (list, tuple)):
        pattern = tuple(pattern[0])
    if not builtins.all(p == "x" or isinstance(p, (int, np.integer)) for p in pattern):
        raise TypeError(f"dimshuffle: each pattern entry must be 'x' or a dimension number, got {pattern!r}")
    values = [-1 if p == "x" else int(p) for p in pattern]
    x = as_tensor_variable(x)
    if values == list(range(x.ndim)):
        return x
    return apply(ir.DimShuffleOp, [x], pattern=int_list_attr(values))


def transpose(x, axes=None) -> Variable:
    """The dimensions reversed, or in the order `axes` gives (numpy's `transpose`)."""
    x = as_tensor_variable(x)
    if axes is None:
        return dimshuffle(x, *reversed(range(x.ndim)))
    order = [int(a) % builtins.max(x.ndim, 1) for a in axes]
    if sorted(order) != list(range(x.ndim)):
        raise ValueError(f"transpose: axes {tuple(axes)} are not a permutation of the {x.ndim} dimensions")
    return dimshuffle(x, *order)


def reduction_axes(name: str, x: Variable, axis) -> list[int]:
    """Theano's `axis`: None for all axes, an int or a tuple/list of ints, negative ones counted from the end."""
    if axis is None:
        return list(range(x.ndim))
    requested = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
    for a in requested:
        if not isinstance(a, (int, np.integer)) or not -x.ndim <= a < builtins.max(x.ndim, 1):
            raise ValueError(f"{name}: axis {a!r} is out of range for a {x.ndim}-dimensional tensor")
    return sorted({int(a) % builtins.max(x.ndim, 1) for a in requested})


def keep_dims(x: Variable, axes: list[int], result: Variable) -> Variable:
    """`result` (x reduced over `axes`) with the reduced dimensions put back as broadcastable ones."""
    from irtk.dialects.irtk.shape import restore_axes

    return dimshuffle(result, *["x" if p < 0 else p for p in restore_axes(x.ndim, axes)])


def reduce(op: type, name: str, x, axis=None, keepdims: bool = False, result: int = 0) -> Variable:
    """Result `result` of the reduction family `op` over `axis`."""
    x = as_tensor_variable(x)
    axes = reduction_axes(name, x, axis)
    out = apply_n(op, [x], axes=int_list_attr(axes))[result]
    return keep_dims(x, axes, out) if keepdims else out


def sum(x, axis=None, dtype=None, keepdims=False, acc_dtype=None) -> Variable:  # noqa: A001 (Theano's name)
    """Sum over `axis` (an int, a tuple of ints, or None for all axes); integers accumulate in 64 bits."""
    x = as_tensor_variable(x)
    if not reduction_axes("sum", x, axis):  # a scalar: nothing to add, but its dtype is still a sum's
        from irtk.dialects.irtk.types import sum_dtype

        out = cast(x, sum_dtype(x.dtype))
        return cast(out, dtype) if dtype is not None else out
    out = reduce(ir.SumOp, "sum", x, axis, keepdims)
    return cast(out, dtype) if dtype is not None else out


def prod(x, axis=None, dtype=None, keepdims=False, acc_dtype=None) -> Variable:
    out = reduce(ir.ProdOp, "prod", x, axis, keepdims)
    return cast(out, dtype) if dtype is not None else out


def max(x, axis=None, keepdims=False) -> Variable:  # noqa: A001
    return reduce(ir.MaxOp, "max", x, axis, keepdims)


def min(x, axis=None, keepdims=False) -> Variable:  # noqa: A001
    return reduce(ir.MinOp, "min", x, axis, keepdims)


def all(x, axis=None, keepdims=False) -> Variable:  # noqa: A001
    from irtk.dialects.irtk.reduction import AllOp

    return reduce(AllOp, "all", x, axis, keepdims)


def any(x, axis=None, keepdims=False) -> Variable:  # noqa: A001
    from irtk.dialects.irtk.reduction import AnyOp

    return reduce(AnyOp, "any", x, axis, keepdims)


def argmax(x, axis=None, keepdims=False) -> Variable:
    """The index of the first maximum over `axis` (over several axes: into their flattened elements)."""
    return reduce(ir.ArgmaxOp, "argmax", x, axis, keepdims, result=1)


def argmin(x, axis=None, keepdims=False) -> Variable:
    return reduce(ir.ArgminOp, "argmin", x, axis, keepdims, result=1)


def max_and_argmax(x, axis=None, keepdims=False) -> list[Variable]:
    """The maximum and its index, computed together in one pass."""
    x = as_tensor_variable(x)
    axes = reduction_axes("max_and_argmax", x, axis)
    outs = apply_n(ir.ArgmaxOp, [x], axes=int_list_attr(axes))
    return [keep_dims(x, axes, o) for o in outs] if keepdims else outs


def count(x, axis=None) -> Variable:
    """The number of elements over `axis` (int64 scalar)."""
    from irtk.dialects.irtk.reduction import CountOp

    x = as_tensor_variable(x)
    return apply(CountOp, [x], axes=int_list_attr(reduction_axes("count", x, axis)))


def mean(x, axis=None, dtype=None, keepdims=False, acc_dtype=None) -> Variable:
    """The mean over `axis`; floats and complex numbers keep their dtype, integers give float64 (as in Theano)."""
    x = as_tensor_variable(x)
    total = sum(x, axis, keepdims=keepdims)
    divisor_dtype = total.dtype if total.dtype.startswith(("float", "complex")) else "float64"
    out = elementwise_apply(ir.DivOp, cast(total, divisor_dtype), cast(count(x, axis), divisor_dtype))
    return cast(out, dtype) if dtype is not None else out


def var(x, axis=None, ddof=0, keepdims=False, corrected=False) -> Variable:
    """The variance over `axis`: the mean squared deviation, divided by (n - ddof). Of complex numbers, the mean
    squared magnitude of the deviation, a float (numpy's `var`)."""
    x = as_tensor_variable(x)
    deviation = elementwise_apply(ir.SubOp, x, mean(x, axis, keepdims=True))
    if deviation.dtype.startswith("complex"):
        from irtk.frontend.derived import FUNCTIONS

        squares = FUNCTIONS["real"](elementwise_apply(ir.MulOp, deviation, FUNCTIONS["conj"](deviation)))
    else:
        squares = elementwise_apply(ir.MulOp, deviation, deviation)
    if ddof == 0:
        return mean(squares, axis, keepdims=keepdims)
    total = sum(squares, axis, keepdims=keepdims)
    n = elementwise_apply(ir.SubOp, cast(count(x, axis), total.dtype), ddof)
    return elementwise_apply(ir.DivOp, total, n)


def std(x, axis=None, ddof=0, keepdims=False, corrected=False) -> Variable:
    return elementwise_apply(ir.SqrtOp, var(x, axis, ddof, keepdims))


def dot(a, b) -> Variable:
    """numpy's (and Theano's) `dot` for every rank: the last axis of `a` meets the only axis of a vector `b`, or
    the second-to-last axis of `b`; the result has a's other axes, then b's. A scalar operand multiplies."""
    return apply(ir.DotOp, [as_tensor_variable(a), as_tensor_variable(b)])
