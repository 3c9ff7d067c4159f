"""Theano functions that are compositions of irtk ops rather than ops of their own: `clip`, `round`, `isclose`,
`logsumexp`, the `*_like` constructors, `outer`, and the `nnet` functions built from the elementwise and
reduction ops (`softmax`, `relu`, cross-entropies). Each is a few lines of graph; the ops it uses carry the
semantics and the gradients.
"""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.opdef import op_named
from irtk.frontend import basic
from irtk.frontend.basic import as_tensor_variable, cast, elementwise_apply
from irtk.frontend.variable import Variable


def _op(name: str, *operands) -> Variable:
    return elementwise_apply(op_named(name), *operands)


def clip(x, min_value, max_value) -> Variable:
    """x limited to [min_value, max_value] (numpy's `clip`)."""
    return _op("minimum", _op("maximum", x, min_value), max_value)


def round(x, mode: str = "half_away_from_zero") -> Variable:  # noqa: A001 (Theano's name)
    """x rounded to the nearest integer; `mode` is 'half_away_from_zero' (Theano's default) or 'half_to_even'."""
    if mode not in ("half_away_from_zero", "half_to_even"):
        raise ValueError(f"round: mode must be 'half_away_from_zero' or 'half_to_even', got {mode!r}")
    return _op(f"round_{mode}", x)


def iround(x, mode: str = "half_away_from_zero") -> Variable:
    return cast(round(x, mode), "int64")


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False) -> Variable:
    """numpy's `isclose`: |a - b| <= atol + rtol * |b|, infinities equal only to themselves."""
    a, b = as_tensor_variable(a), as_tensor_variable(b)
    close = _op("le", _op("abs", _op("sub", a, b)), _op("add", atol, _op("mul", rtol, _op("abs", b))))
    finite_b = _op("invert", _op("or", _op("isinf", b), _op("isnan", b)))
    result = _op("switch", finite_b, close, _op("eq", a, b))
    if equal_nan:
        result = _op("or", result, _op("and", _op("isnan", a), _op("isnan", b)))
    return result


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False) -> Variable:
    return basic.all(isclose(a, b, rtol, atol, equal_nan))


def logsumexp(x, axis=None, keepdims=False) -> Variable:
    """`log(sum(exp(x)))` without overflow: the maximum is taken out first."""
    x = as_tensor_variable(x)
    m = basic.max(x, axis, keepdims=True)
    m = _op("switch", _op("isinf", m), 0, m)
    total = basic.sum(_op("exp", _op("sub", x, m)), axis, keepdims=True)
    out = _op("add", _op("log", total), m)
    if keepdims:
        return out
    axes = basic.reduction_axes("logsumexp", x, axis)
    return basic.dimshuffle(out, *[d for d in range(x.ndim) if d not in axes])


def zeros_like(x, dtype=None) -> Variable:
    x = as_tensor_variable(x)
    return fill(x, np.zeros((), dtype=dtype or x.dtype))


def ones_like(x, dtype=None) -> Variable:
    x = as_tensor_variable(x)
    return fill(x, np.ones((), dtype=dtype or x.dtype))


def fill(model, value) -> Variable:
    """`value` broadcast to the shape of `model` (Theano's `fill`)."""
    model = as_tensor_variable(model)
    value = as_tensor_variable(value)
    if value.ndim < model.ndim:
        value = basic.dimshuffle(value, *(["x"] * (model.ndim - value.ndim) + list(range(value.ndim))))
    return basic.apply(op_named("broadcast"), [value, model])


second = lambda a, b: fill(a, b)  # noqa: E731 (Theano's name for fill)


def outer(x, y) -> Variable:
    """The outer product of two vectors."""
    return _op("mul", basic.dimshuffle(x, 0, "x"), basic.dimshuffle(y, "x", 0))


def iota(x, axis: int) -> Variable:
    """Each element's index along `axis`, in x's shape (int64)."""
    from irtk.dialects.irtk.syntax import int_list_attr

    x = as_tensor_variable(x)
    return basic.apply(op_named("iota"), [x], axes=int_list_attr([axis % x.ndim]))


# ---------------------------------------------------------------- nnet


def relu(x, alpha=0) -> Variable:
    """max(x, 0), or with `alpha` the leaky form `x if x > 0 else alpha * x`."""
    if isinstance(alpha, (int, float)) and alpha == 0:
        return _op("maximum", x, 0)
    return _op("switch", _op("gt", x, 0), x, _op("mul", alpha, x))


def elu(x, alpha=1.0) -> Variable:
    return _op("switch", _op("gt", x, 0), x, _op("mul", alpha, _op("expm1", x)))


def softmax(x, axis=-1) -> Variable:
    """exp(x) / sum(exp(x)) over `axis` (the last: rows of a matrix), with the maximum taken out first."""
    x = as_tensor_variable(x)
    e = _op("exp", _op("sub", x, basic.max(x, axis, keepdims=True)))
    return _op("div", e, basic.sum(e, axis, keepdims=True))


def logsoftmax(x, axis=-1) -> Variable:
    """log(softmax(x)) computed stably, `x - max - log(sum(exp(x - max)))`: the op `irtk.logsoftmax`, whose
    gradient `g - softmax(x) * sum(g)` is finite where softmax underflows. Integers are upgraded to float."""
    from irtk.dialects.irtk.opdef import upgrade_to_float
    from irtk.dialects.irtk.syntax import int_list_attr

    x = as_tensor_variable(x)
    if x.ndim == 0:
        raise ValueError("logsoftmax: x must have at least one dimension, got a scalar")
    if not isinstance(axis, (int, np.integer)) or not -x.ndim <= axis < x.ndim:
        raise ValueError(f"logsoftmax: axis must be an int in [{-x.ndim}, {x.ndim}), got {axis!r}")
    x = cast(x, upgrade_to_float(x.dtype))
    return basic.apply(op_named("logsoftmax"), [x], axes=int_list_attr([int(axis) % x.ndim]))


def crossentropy_softmax_1hot(x, y_idx) -> tuple[Variable, Variable]:
    """Theano's `crossentropy_softmax_1hot`: `(categorical_crossentropy(softmax(x), y_idx), softmax(x))`, the
    cross-entropy as the fused op `irtk.softmax_crossentropy` of the logits and the integer labels."""
    x, y_idx = as_tensor_variable(x), as_tensor_variable(y_idx)
    if x.ndim == 0 or y_idx.ndim != x.ndim - 1 or not y_idx.dtype.startswith(("int", "uint")):
        raise TypeError(f"crossentropy_softmax_1hot: y_idx must hold integer labels with one dimension less than x "
                        f"({x.ndim}), got {y_idx.type}")
    return basic.apply(op_named("softmax_crossentropy"), [x, y_idx]), softmax(x)


def categorical_crossentropy(coding_dist, true_dist) -> Variable:
    """-sum(true_dist * log(coding_dist)) per row; `true_dist` is a matrix of probabilities or a vector of
    integer class labels (one per row)."""
    coding_dist, true_dist = as_tensor_variable(coding_dist), as_tensor_variable(true_dist)
    if true_dist.ndim == coding_dist.ndim - 1 and true_dist.dtype.startswith(("int", "uint")):
        labels = basic.dimshuffle(true_dist, *range(true_dist.ndim), "x")
        true_dist = cast(_op("eq", iota(coding_dist, -1), labels), coding_dist.dtype)
    return _op("neg", basic.sum(_op("mul", true_dist, _op("log", coding_dist)), axis=-1))


def binary_crossentropy(output, target) -> Variable:
    """-(target * log(output) + (1 - target) * log(1 - output))."""
    return _op("neg", _op("add", _op("mul", target, _op("log", output)),
                          _op("mul", _op("sub", 1, target), _op("log", _op("sub", 1, output)))))
