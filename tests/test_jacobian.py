"""`theano.gradient.jacobian` and `hessian` (also in `theano.tensor`): values against finite differences in both
modes, Theano's argument rules, the single loop they compile to, and a Newton step on a logistic regression.

A Jacobian is checked against central differences of the compiled function itself; a Hessian against central
differences of the compiled gradient (one order down, so the differences are accurate to about 1e-9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from conftest import MODES

import irtk
import irtk.tensor as T
from irtk.frontend.gradient import DisconnectedInputError
from irtk.gradient import grad, hessian, jacobian

EPS = 1e-6
RNG = np.random.default_rng(11)


def central_jacobian(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    """d f / d x by central differences: shape f(x).shape + x.shape."""
    columns = []
    for k in range(x.size):
        step = np.zeros(x.size)
        step[k] = EPS
        step = step.reshape(x.shape)
        columns.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * EPS))
    return np.moveaxis(np.array(columns), 0, -1).reshape(np.shape(f(x)) + x.shape)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable  # (x, W) -> vector expression
    numpy: Callable  # (x, W) -> the same, in numpy


X = np.array([0.3, -0.7, 1.1, 0.25])
W = RNG.standard_normal((3, 4))

def _softmax(v: np.ndarray) -> np.ndarray:
    e = np.exp(v - v.max())
    return e / e.sum()


CASES = [
    Case("elementwise", lambda x, w: T.tanh(x) * x + T.exp(-x), lambda x, w: np.tanh(x) * x + np.exp(-x)),
    Case("dot", lambda x, w: T.dot(w, T.sin(x)), lambda x, w: w @ np.sin(x)),
    Case("sum", lambda x, w: x[:3] * T.sum(T.sqr(x)) + T.sum(w * x, axis=1), lambda x, w: x[:3] * np.sum(x**2) + np.sum(w * x, axis=1)),
    Case("softmax", lambda x, w: T.nnet.softmax(T.dot(w, x)), lambda x, w: _softmax(w @ x)),
    Case("indexing", lambda x, w: x[[2, 0, 2]] * x[1:4] - x[::-1][:3], lambda x, w: x[[2, 0, 2]] * x[1:4] - x[::-1][:3]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_jacobian_matches_finite_differences(case: Case, mode: str) -> None:
    x, w = T.dvector("x"), T.dmatrix("w")
    y = case.build(x, w)
    jx, jw = jacobian(y, [x, w], disconnected_inputs="ignore")
    f = irtk.function([x, w], [y, jx, jw], mode=mode)
    value, got_x, got_w = f(X, W)
    np.testing.assert_allclose(value, case.numpy(X, W), rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(got_x, central_jacobian(lambda v: case.numpy(v, W), X), rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(got_w, central_jacobian(lambda v: case.numpy(X, v), W), rtol=1e-7, atol=1e-8)
    assert got_x.shape == (len(value), 4) and got_w.shape == (len(value), 3, 4)


HESSIAN_COSTS = {
    "elementwise": lambda x, w: T.sum(T.exp(x) * T.sin(x)),
    "dot": lambda x, w: T.sum(T.tanh(T.dot(w, x)) ** 2),
    "sum": lambda x, w: T.sum(x) ** 3 + T.sum(T.sqr(x) * T.sum(w, axis=0)),
    "softmax": lambda x, w: -T.log(T.nnet.softmax(T.dot(w, x))[1]),
    "indexing": lambda x, w: T.sum(x[[0, 3, 3]] * x[1:4]) * x[2],
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(HESSIAN_COSTS))
def test_hessian_matches_finite_differences_of_the_gradient(name: str, mode: str) -> None:
    x, w = T.dvector("x"), T.dmatrix("w")
    cost = HESSIAN_COSTS[name](x, w)
    g = grad(cost, x)
    h = hessian(cost, x)
    f = irtk.function([x, w], [g, h], mode=mode, on_unused_input="ignore")
    got = f(X, W)[1]
    want = central_jacobian(lambda v: f(v, W)[0], X)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(got, got.T, rtol=1e-12, atol=1e-13)  # a Hessian is symmetric


@pytest.mark.parametrize("mode", MODES)
def test_newton_step_on_a_logistic_regression(mode: str) -> None:
    """One Newton step w - H^-1 g of an L2-regularized logistic regression, with H from `hessian`, equals the
    hand-derived g = X^T (p - y) + lam w and H = X^T diag(p (1 - p)) X + lam I, in float64, to 1e-10."""
    rng = np.random.default_rng(2024)
    n, d, lam = 30, 4, 0.1
    data = rng.standard_normal((n, d))
    labels = (rng.random(n) < 0.5).astype(np.float64)
    w0 = 0.3 * rng.standard_normal(d)

    X_, y_, w_ = T.dmatrix("X"), T.dvector("y"), T.dvector("w")
    p = T.nnet.sigmoid(T.dot(X_, w_))
    loss = -T.sum(y_ * T.log(p) + (1 - y_) * T.log(1 - p)) + 0.5 * lam * T.sum(T.sqr(w_))
    g = grad(loss, w_)
    H = hessian(loss, w_)
    step = w_ - T.dot(T.nlinalg.matrix_inverse(H), g)
    f = irtk.function([X_, y_, w_], [g, H, step], mode=mode)
    got_g, got_H, got_step = f(data, labels, w0)

    prob = 1 / (1 + np.exp(-(data @ w0)))
    want_g = data.T @ (prob - labels) + lam * w0
    want_H = data.T @ (data * (prob * (1 - prob))[:, None]) + lam * np.eye(d)
    want_step = w0 - np.linalg.solve(want_H, want_g)
    np.testing.assert_allclose(got_g, want_g, rtol=0, atol=1e-10)
    np.testing.assert_allclose(got_H, want_H, rtol=0, atol=1e-10)
    np.testing.assert_allclose(got_step, want_step, rtol=0, atol=1e-10)


@pytest.mark.parametrize("mode", MODES)
def test_several_wrt_a_shared_variable_and_dynamic_sizes(mode: str) -> None:
    """A list gives a list, a tuple a tuple; a shared variable can be differentiated; one compiled Jacobian
    serves every length of y."""
    w = irtk.shared(np.array([0.5, -1.0, 2.0]), name="w")
    x = T.dvector("x")
    y = T.exp(x * T.sum(w)) + T.dot(T.outer(x, w), w)
    as_list = jacobian(y, [x, w])
    as_tuple = jacobian(y, (x, w))
    assert isinstance(as_list, list) and isinstance(as_tuple, tuple)
    f = irtk.function([x], as_list, mode=mode)
    ws = w.get_value()
    for xs in [np.array([0.1]), np.array([0.2, -0.4, 0.9, 1.5, -1.0])]:
        def numpy_y(xv, wv):
            return np.exp(xv * wv.sum()) + np.outer(xv, wv) @ wv

        jx, jw = f(xs)
        np.testing.assert_allclose(jx, central_jacobian(lambda v: numpy_y(v, ws), xs), rtol=1e-7, atol=1e-8)
        np.testing.assert_allclose(jw, central_jacobian(lambda v: numpy_y(xs, v), ws), rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize("mode", MODES)
def test_scalar_expression_gives_the_gradient_and_float32_keeps_its_dtype(mode: str) -> None:
    x = T.fvector("x")
    j_scalar = jacobian(T.sum(T.sqr(x)), x)
    assert j_scalar.ndim == 1
    j = jacobian(T.sqr(x) * 3, x)
    f = irtk.function([x], [j_scalar, j], mode=mode)
    xs = np.array([1.0, -2.0, 0.5], dtype=np.float32)
    a, b = f(xs)
    assert a.dtype == np.float32 and b.dtype == np.float32
    np.testing.assert_array_equal(a, 2 * xs)
    np.testing.assert_array_equal(b, np.diag(6 * xs))


@pytest.mark.parametrize("mode", MODES)
def test_hessian_of_a_cost_linear_in_one_variable_is_zero(mode: str) -> None:
    """Theano's rule: the gradient not depending on x (the cost is linear in it) is no error, the Hessian is 0."""
    x, a = T.dvector("x"), T.dvector("a")
    h_lin, h_quad = hessian(T.sum(a * x) + T.sum(T.sqr(a)), [x, a])
    f = irtk.function([x, a], [h_lin, h_quad], mode=mode)
    lin, quad = f(np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    np.testing.assert_array_equal(lin, np.zeros((2, 2)))
    np.testing.assert_array_equal(quad, 2 * np.eye(2))


@pytest.mark.parametrize("mode", MODES)
def test_disconnected_inputs(mode: str) -> None:
    x, z = T.dvector("x"), T.dvector("z")
    y = T.exp(x)
    with pytest.raises(DisconnectedInputError, match=r"does not depend on wrt\[1\] \(z\)"):
        jacobian(y, [x, z])
    with pytest.warns(UserWarning, match=r"wrt\[1\] \(z\)"):
        jacobian(y, [x, z], disconnected_inputs="warn")
    jx, jz = jacobian(y, [x, z], disconnected_inputs="ignore")
    got_x, got_z = irtk.function([x, z], [jx, jz], mode=mode)(np.array([0.0, 1.0]), np.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(got_x, np.diag(np.exp([0.0, 1.0])), rtol=1e-15)
    np.testing.assert_array_equal(got_z, np.zeros((2, 3)))
    with pytest.raises(DisconnectedInputError):
        hessian(T.sum(y), z)


def test_argument_errors() -> None:
    x, m = T.dvector("x"), T.dmatrix("m")
    with pytest.raises(TypeError, match="expression must be a vector or a scalar"):
        jacobian(m * 2, x)
    with pytest.raises(TypeError, match="expression must have a float dtype"):
        jacobian(T.cast(x, "int32"), x)
    with pytest.raises(TypeError, match=r"wrt\[0\] must be a symbolic variable"):
        jacobian(x * 2, [np.ones(2)])
    with pytest.raises(TypeError, match="cost must be a scalar"):
        hessian(x * 2, x)
    with pytest.raises(TypeError, match=r"hessian: wrt\[0\] \(m\) must be a vector"):
        hessian(T.sum(m), m)
    with pytest.raises(ValueError, match="disconnected_inputs must be one of"):
        jacobian(x * 2, x, disconnected_inputs="sometimes")
    with pytest.raises(TypeError, match="jacobian has no gradient rule"):
        grad(T.sum(jacobian(T.exp(x), x)), x)


def test_exported_where_theano_has_them() -> None:
    assert T.jacobian is jacobian and T.hessian is hessian
    assert irtk.gradient.jacobian is jacobian and irtk.gradient.hessian is hessian


def test_one_loop_whatever_the_length() -> None:
    """The request expands into exactly one `scf.for` (per Jacobian) whose body holds a single reverse sweep: the
    compiled program does not grow with the number of elements of y."""
    from irtk.frontend.graph import build_module
    from irtk.compiler import lower
    from xdsl.dialects import scf

    x, w = T.dvector("x"), T.dmatrix("w")
    cost = T.sum(T.tanh(T.dot(w, x)) ** 2)
    module, _ = build_module([x, w], [jacobian(T.tanh(T.dot(w, x)), x), hessian(cost, x)], [])
    lower(module, "autodiff,canonicalize")
    loops = [op for op in module.walk() if isinstance(op, scf.ForOp)]
    assert len(loops) == 2
    for loop in loops:
        inner = [op for op in loop.body.block.ops]
        assert not any(isinstance(op, scf.ForOp) for op in inner)
        assert len(inner) < 25
