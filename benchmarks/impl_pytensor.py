"""The workloads in PyTensor with its C backend (the `CVM` mode: fast_run rewrites, C thunks run by the C VM).

PyTensor 3 defaults to its numba backend; CVM is the backend Theano had, which irtk's frontend follows. Gradients
are PyTensor's own (`pytensor.grad`); weights are shared variables updated by the call, as in impl_irtk.
"""

from __future__ import annotations

import numpy as np
import pytensor
import pytensor.tensor as pt

from compile_chain import chain

MODE = "CVM"

#: Some PyTensor ops finish compiling on their first call, so the first call is not a timing.
FIRST_CALL_IS_PLAIN = False


def function(inputs, output, updates=()):
    return pytensor.function(inputs, output, updates=list(updates), mode=MODE)


def w1(d):
    a, b = pt.dscalar("a"), pt.dscalar("b")
    f = function([a, b], a + b)
    args = d["a"], d["b"]
    return (lambda: f(*args)), (lambda out: [out])


def w2(d):
    x, y, z = pt.dvector("x"), pt.dvector("y"), pt.dvector("z")
    f = function([x, y, z], pt.exp(x) * y + pt.tanh(z) * 0.5 - x * x)
    args = d["x"], d["y"], d["z"]
    return (lambda: f(*args)), (lambda out: [out])


def w3a(d):
    x, w = pt.dvector("x"), pt.dvector("w")
    f = function([x, w], pt.sum(x * w))
    args = d["x"], d["w"]
    return (lambda: f(*args)), (lambda out: [out])


def w3b(d):
    x = pt.dmatrix("x")
    f = function([x], pt.special.softmax(x, axis=-1))
    data = d["x"]
    return (lambda: f(data)), (lambda out: [out])


def w4(d):
    matrix = pt.dmatrix if d["a"].dtype == np.float64 else pt.fmatrix
    a, b = matrix("a"), matrix("b")
    f = function([a, b], pt.dot(a, b))
    args = d["a"], d["b"]
    return (lambda: f(*args)), (lambda out: [out])


def sgd(cost, params, lr):
    return [(p, p - lr * g) for p, g in zip(params, pytensor.grad(cost, params), strict=True)]


def values(params):
    return [np.array(p.get_value()) for p in params]


def w5(d):
    X, y = pt.dmatrix("X"), pt.dvector("y")
    w, b = pytensor.shared(d["w"].copy(), "w"), pytensor.shared(np.float64(d["b"]), "b")
    p = pt.sigmoid(pt.dot(X, w) + b)
    cost = pt.mean(-(y * pt.log(p) + (1.0 - y) * pt.log(1.0 - p)))
    f = function([X, y], cost, sgd(cost, [w, b], d["lr"]))
    args = d["X"], d["y"]
    return (lambda: f(*args)), (lambda out: [out, *values([w, b])])


def w6(d):
    X, y = pt.dmatrix("X"), pt.lvector("y")
    params = [pytensor.shared(d[k].copy(), k) for k in ("W1", "b1", "W2", "b2")]
    W1, b1, W2, b2 = params
    h = pt.tanh(pt.dot(X, W1) + b1)
    p = pt.special.softmax(pt.dot(h, W2) + b2, axis=-1)
    cost = pt.mean(-pt.log(p[pt.arange(y.shape[0]), y]))
    f = function([X, y], cost, sgd(cost, params, d["lr"]))
    args = d["X"], d["y"]
    return (lambda: f(*args)), (lambda out: [out, *values(params)])


def w7(d):
    x = pt.dvector("x")
    f = function([x], chain(x, d["n"]))
    data = d["x"]
    return (lambda: f(data)), (lambda out: [out])


BUILDERS = {"W1": w1, "W2": w2, "W3a": w3a, "W3b": w3b, "W4 f64": w4, "W4 f32": w4, "W5": w5, "W6": w6, "W7": w7}


def build(key: str, data: dict):
    return BUILDERS[key.split(":")[0]](data)
