"""The workloads in irtk, FAST_RUN, through the Theano-style frontend (`import irtk as theano`).

Each builder compiles its function (the time the caller measures as compile time) and returns `(step, observe)`
as in impl_numpy. For W5/W6 the step is one call of a function whose `updates` write the new weights into
shared variables: the timed call includes the update, as a Theano training loop's call does.
"""

from __future__ import annotations

import numpy as np

import irtk as theano
import irtk.tensor as T
from compile_and_call import scalar_addition
from compile_chain import chain

MODE = "FAST_RUN"

#: The first call is an ordinary call (all compiling happens in `theano.function`), so it may serve as a timing,
#: unless an optimized kernel was still building in the background then (`pending_builds`).
FIRST_CALL_IS_PLAIN = True


def pending_builds() -> int:
    """How many optimized kernels are building in the background (irtk/runtime/tiered.py): while one is, a call
    may run its function's -O0 kernel, or wait for the optimized one."""
    from irtk.runtime.tiered import pending_optimized_kernels

    return pending_optimized_kernels()


def settle() -> None:
    """Wait until the optimized kernels building in the background are in use, so that what is timed next is
    what a program runs once they are."""
    from irtk.runtime.tiered import wait_for_optimized_kernels

    wait_for_optimized_kernels()


def function(inputs, output, updates=()):
    return theano.function(inputs, output, updates=list(updates), mode=MODE)


def w1(d):
    f = scalar_addition(MODE)
    a, b = d["a"], d["b"]
    return (lambda: f(a, b)), (lambda out: [out])


def w2(d):
    x, y, z = T.dvector("x"), T.dvector("y"), T.dvector("z")
    f = function([x, y, z], T.exp(x) * y + T.tanh(z) * 0.5 - x * x)
    args = d["x"], d["y"], d["z"]
    return (lambda: f(*args)), (lambda out: [out])


def w3a(d):
    x, w = T.dvector("x"), T.dvector("w")
    f = function([x, w], T.sum(x * w))
    args = d["x"], d["w"]
    return (lambda: f(*args)), (lambda out: [out])


def w3b(d):
    x = T.dmatrix("x")
    f = function([x], T.nnet.softmax(x))
    data = d["x"]
    return (lambda: f(data)), (lambda out: [out])


def w4(d):
    matrix = T.dmatrix if d["a"].dtype == np.float64 else T.fmatrix
    a, b = matrix("a"), matrix("b")
    f = function([a, b], T.dot(a, b))
    args = d["a"], d["b"]
    return (lambda: f(*args)), (lambda out: [out])


def sgd(cost, params, lr):
    return [(p, p - lr * g) for p, g in zip(params, T.grad(cost, params), strict=True)]


def values(params):
    return [np.array(p.get_value()) for p in params]


def w5(d):
    X, y = T.dmatrix("X"), T.dvector("y")
    w, b = theano.shared(d["w"].copy(), "w"), theano.shared(np.float64(d["b"]), "b")
    p = T.nnet.sigmoid(T.dot(X, w) + b)
    cost = T.mean(T.nnet.binary_crossentropy(p, y))
    f = function([X, y], cost, sgd(cost, [w, b], d["lr"]))
    args = d["X"], d["y"]
    return (lambda: f(*args)), (lambda out: [out, *values([w, b])])


def w6(d):
    X, y = T.dmatrix("X"), T.lvector("y")
    params = [theano.shared(d[k].copy(), k) for k in ("W1", "b1", "W2", "b2")]
    W1, b1, W2, b2 = params
    h = T.tanh(T.dot(X, W1) + b1)
    p = T.nnet.softmax(T.dot(h, W2) + b2)
    cost = T.mean(T.nnet.categorical_crossentropy(p, y))
    f = function([X, y], cost, sgd(cost, params, d["lr"]))
    args = d["X"], d["y"]
    return (lambda: f(*args)), (lambda out: [out, *values(params)])


def w7(d):
    x = T.dvector("x")
    f = function([x], chain(x, d["n"]))
    data = d["x"]
    return (lambda: f(data)), (lambda out: [out])


BUILDERS = {"W1": w1, "W2": w2, "W3a": w3a, "W3b": w3b, "W4 f64": w4, "W4 f32": w4, "W5": w5, "W6": w6, "W7": w7}


def build(key: str, data: dict):
    return BUILDERS[key.split(":")[0]](data)
