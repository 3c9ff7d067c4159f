"""The numpy evaluation of a random program: each op's meaning written independently of irtk.

Dtype rules are written out here too (numpy's result_type for the common dtype, Theano's rules where they differ
from numpy: small integers become float32 in float functions, integers divide as float64, integer sums
accumulate in 64 bits), so a wrong type rule in irtk shows up as a dtype mismatch at build time.

Reductions run sequentially in index order, as irtk's are specified to (numpy's pairwise summation would be
another, equally valid, order); float32 sums accumulate in float64 here, and the comparison's float32 tolerance
covers float32 accumulation as well.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special

_SMALL = ("bool", "int8", "uint8", "int16", "uint16")


def common(*arrays) -> np.dtype:
    return np.result_type(*[a.dtype for a in arrays])


def float_of(dtype) -> np.dtype:
    """Theano's float for a float function of integers: float32 up to 16 bits, float64 beyond."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return dtype
    return np.dtype("float32" if dtype.name in _SMALL else "float64")


def sum_dtype(dtype) -> np.dtype:
    dtype = np.dtype(dtype)
    if dtype.kind in "bi":
        return np.dtype("int64")
    if dtype.kind == "u":
        return np.dtype("uint64")
    return dtype


def _binary_same(fn):
    return lambda a, b: fn(a.astype(common(a, b)), b.astype(common(a, b)))


def _binary_float(fn):
    return lambda a, b: fn(a.astype(float_of(common(a, b))), b.astype(float_of(common(a, b))))


def _compare(fn):
    return lambda a, b: fn(a.astype(common(a, b)), b.astype(common(a, b)))


def _unary_float(fn):
    return lambda a: np.asarray(fn(a.astype(float_of(a.dtype)))).astype(float_of(a.dtype))


def _keep_integers(fn):
    """Rounding an integer gives it back, in its own dtype (numpy's `round`; `floor` and `ceil` follow Theano's
    float rule instead, where numpy 2.3 and later keep integers too)."""
    return lambda a: a.copy() if a.dtype.kind in "iu" else fn(a)


def lgamma(x: float) -> float:
    """The C library's lgamma (scipy's gammaln gives inf for subnormals, where log|gamma| is about 744)."""
    if math.isnan(x):
        return x
    if math.isinf(x) or (x <= 0 and x == math.floor(x)):
        return math.inf  # the poles, and both infinities
    return math.lgamma(x)


def true_div(a, b):
    c = common(a, b)
    c = np.dtype("float64") if c.kind in "biu" else c
    return np.true_divide(a.astype(c), b.astype(c))


def round_half_away_from_zero(x):
    t = np.trunc(x)
    return np.where(np.abs(x - t) >= 0.5, t + np.sign(x), t).astype(x.dtype)


def sigmoid(x):
    return (1 / (1 + np.exp(-x))).astype(x.dtype)


def softplus(x):
    return np.logaddexp(np.zeros_like(x), x)


def _moved(x, axes):
    """x with the reduced axes flattened into the last one, so a loop over it runs in index order."""
    axes = tuple(range(x.ndim)) if axes is None else tuple(a % x.ndim for a in axes)
    kept = [d for d in range(x.ndim) if d not in axes]
    moved = np.transpose(x, kept + list(axes))
    return moved.reshape(tuple(x.shape[d] for d in kept) + (int(np.prod([x.shape[d] for d in axes])),)), axes


def _restore(result, x, axes, keepdims):
    if keepdims:
        return result.reshape(tuple(1 if d in axes else n for d, n in enumerate(x.shape)))
    return result


def sequential(fn, identity, acc_dtype, out_dtype):
    def reduce(x, axis=None, keepdims=False):
        flat, axes = _moved(x.astype(acc_dtype(x.dtype)), axis)
        acc = np.full(flat.shape[:-1], identity, dtype=acc_dtype(x.dtype))
        for i in range(flat.shape[-1]):
            acc = fn(acc, flat[..., i])
        return _restore(np.asarray(acc).astype(out_dtype(x.dtype)), x, axes, keepdims)

    return reduce


def _float_acc(dtype):
    dtype = sum_dtype(dtype)
    return np.dtype("float64") if dtype.kind == "f" else dtype


def mean(x, axis=None, keepdims=False):
    flat, axes = _moved(x, axis)
    total = sequential(np.add, 0, _float_acc, lambda d: np.dtype("float64"))(x, axis, keepdims)
    out = x.dtype if x.dtype.kind == "f" else np.dtype("float64")
    return (total / np.float64(flat.shape[-1])).astype(out)


def _np_reduce(fn, out=None):
    def reduce(x, axis=None, keepdims=False):
        r = np.asarray(fn(x, axis=None if axis is None else tuple(axis), keepdims=keepdims))
        return r.astype(out) if out else r

    return reduce


def argreduce(fn):
    def reduce(x, axis=None, keepdims=False):
        if axis is None:
            r = np.asarray(fn(x.ravel()))
            return r.reshape((1,) * x.ndim) if keepdims else r
        return np.asarray(fn(x, axis=axis[0], keepdims=keepdims))

    return reduce


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True, initial=-np.inf))
    return e / np.sum(e, axis=axis, keepdims=True)


def logsoftmax(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True, initial=-np.inf)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def dimshuffle(x, pattern):
    kept = [p for p in pattern if p != "x"]
    dropped = tuple(d for d in range(x.ndim) if d not in kept)
    y = np.transpose(np.squeeze(x, axis=dropped) if dropped else x, np.argsort(np.argsort(kept)))
    return y.reshape(tuple(1 if p == "x" else x.shape[p] for p in pattern))


def dot(a, b):
    c = common(a, b)
    return np.asarray(np.dot(a.astype(c), b.astype(c)))


def switch(c, a, b):
    return np.where(c.astype(bool), a.astype(common(a, b)), b.astype(common(a, b)))


def clip(x, min_value, max_value):
    return np.minimum(np.maximum(x, np.asarray(min_value, x.dtype)), np.asarray(max_value, x.dtype))


def _cumulative(fn):
    return lambda x, axis: fn(x, axis=axis, dtype=sum_dtype(x.dtype))


REFERENCE = {
    "add": _binary_same(np.add), "sub": _binary_same(np.subtract), "mul": _binary_same(np.multiply),
    "true_div": true_div, "int_div": _binary_same(np.floor_divide), "mod": _binary_same(np.mod),
    "pow": _binary_same(np.power), "maximum": _binary_same(np.maximum), "minimum": _binary_same(np.minimum),
    "lt": _compare(np.less), "gt": _compare(np.greater), "le": _compare(np.less_equal),
    "ge": _compare(np.greater_equal), "eq": _compare(np.equal), "neq": _compare(np.not_equal),
    "and_": _binary_same(np.bitwise_and), "or_": _binary_same(np.bitwise_or), "xor": _binary_same(np.bitwise_xor),
    "arctan2": _binary_float(np.arctan2),
    "neg": np.negative, "abs": np.abs, "sqr": lambda x: x * x, "sgn": np.sign, "invert": np.invert,
    "isnan": lambda x: np.isnan(x) if x.dtype.kind == "f" else np.zeros(x.shape, bool),
    "isinf": lambda x: np.isinf(x) if x.dtype.kind == "f" else np.zeros(x.shape, bool),
    **{name: _unary_float(getattr(np, name)) for name in (
        "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "sin", "cos", "tan", "arcsin", "arccos",
        "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "floor", "ceil", "trunc")},
    "round_half_to_even": _keep_integers(np.round),
    "round_half_away_from_zero": _keep_integers(round_half_away_from_zero),
    "erf": _unary_float(scipy.special.erf), "erfc": _unary_float(scipy.special.erfc),
    "gammaln": _unary_float(np.vectorize(lgamma, otypes=[np.float64])),
    "sigmoid": _unary_float(sigmoid), "softplus": _unary_float(softplus),
    "switch": switch, "clip": clip, "cast": lambda x, dtype: x.astype(dtype),
    "sum": sequential(np.add, 0, _float_acc, sum_dtype),
    "prod": sequential(np.multiply, 1, _float_acc, sum_dtype),
    "mean": mean,
    "max": _np_reduce(np.max), "min": _np_reduce(np.min),
    "all": lambda x, axis=None, keepdims=False: _np_reduce(np.all)(x.astype(bool), axis, keepdims),
    "any": lambda x, axis=None, keepdims=False: _np_reduce(np.any)(x.astype(bool), axis, keepdims),
    "argmax": argreduce(np.argmax), "argmin": argreduce(np.argmin),
    "cumsum": _cumulative(np.cumsum), "cumprod": _cumulative(np.cumprod),
    "softmax": softmax, "logsoftmax": logsoftmax,
    "dimshuffle": dimshuffle, "subtensor": lambda x, key: x[key], "reshape": lambda x, newshape: x.reshape(newshape),
    "constant": lambda value: value,
    "dot": dot,
}


def evaluate(op: str, arrays, params: dict) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(REFERENCE[op](*arrays, **params))
