"""`Rop` and `Lop` (Jacobian-vector and vector-Jacobian products) against finite differences, in both modes.

First order: for each case, `Rop(y, wrt, v)` must match the central difference of a numpy reference of y along v,

    J v ~ (8 (y(x+hv) - y(x-hv)) - (y(x+2hv) - y(x-2hv))) / 12h,   h = 1e-3,

(truncation O(h^4) ~ 1e-12, so tolerances are tight), and `Lop(y, wrt, u)` the central difference of `<u, y(x)>`
with respect to each element of each wrt input; the two must also be adjoint: `<u, J v> = sum_j <Lop_j(u), v_j>`.
The cases cover the elementwise family (with broadcasting), dot and contractions, sums over each axis, extrema,
softmax, indexing (gathers, scatters, slices), shape ops, and ops whose tangent is the transpose of their gradient
rule (prod, cumprod, matrix_inverse, det).

Second order: the Hessian-vector product `Rop(grad(cost, wrt), wrt, v)` must match the central difference of the
compiled gradient along v (and equal `Lop` of the gradient, the Hessian being symmetric), for the same families.

The acceptance test: one conjugate-gradient step on the Newton system `H p = -g` of a small logistic regression,
with the Hessian-vector products from `Rop` of the gradient, matches the hand-derived numpy computation to 1e-10.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pytest
from conftest import MODES

import irtk
from irtk import tensor as T
from irtk.frontend.gradient import DisconnectedInputError
from irtk.frontend.types import TensorType

H = 1e-3
RTOL = 1e-7
ATOL = 1e-9


@dataclass(frozen=True)
class Input:
    """A float64 input of this run-time shape (a size-1 dimension is broadcastable), or a fixed integer array."""

    shape: tuple[int, ...]
    domain: str = "any"  # "any": N(0, 1); "pos": U(0.5, 2)
    fixed: tuple | None = None  # integer data (indices): never differentiated

    def variable(self, name: str):
        if self.fixed is not None:
            return TensorType("int64", [False] * np.asarray(self.fixed).ndim)(name)
        return TensorType("float64", [s == 1 for s in self.shape])(name)

    def sample(self, rng: np.random.Generator) -> np.ndarray:
        if self.fixed is not None:
            return np.asarray(self.fixed, dtype=np.int64)
        if self.domain == "pos":
            return rng.uniform(0.5, 2.0, self.shape)
        return rng.standard_normal(self.shape)


@dataclass(frozen=True)
class Case:
    name: str
    inputs: tuple[Input, ...]
    f: Callable  # symbolic inputs -> the output
    ref: Callable  # numpy inputs -> the output
    wrt: tuple[int, ...]
    tol: dict = field(default_factory=dict)


def d(*shape: int, **kw) -> Input:
    return Input(shape, **kw)


def idx(*values: int) -> Input:
    return Input((len(values),), fixed=values)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _inc(x, i, y):
    out = x.copy()
    np.add.at(out, i, y)
    return out


def _set(x, i, y):
    out = x.copy()
    out[i] = y
    return out


M, N = 3, 4

CASES = [
    # the elementwise family, with broadcasting (a row, a scalar)
    Case("tanh_times_row", (d(M, N), d(1, N)), lambda x, b: T.tanh(x) * b, lambda x, b: np.tanh(x) * b, (0, 1)),
    Case("rational_exp", (d(M, N), d(1, N)), lambda x, b: x ** 2 / (1 + T.exp(b)) - T.sqrt(x * x + 1),
         lambda x, b: x ** 2 / (1 + np.exp(b)) - np.sqrt(x * x + 1), (0, 1)),
    Case("scalar_and_matrix", (d(), d(M, N, domain="pos")), lambda s, x: T.log(x) * s + T.sigmoid(s * x) + x ** s,
         lambda s, x: np.log(x) * s + 1 / (1 + np.exp(-s * x)) + x ** s, (0, 1)),
    Case("maximum_switch_abs", (d(M, N), d(1, N)), lambda x, b: T.maximum(x, b) + T.switch(x > 0, x * b, -x) + abs(x - b),
         lambda x, b: np.maximum(x, b) + np.where(x > 0, x * b, -x) + np.abs(x - b), (0, 1)),
    Case("cast_float32_roundtrip", (d(M),), lambda x: T.cast(T.cast(x, "float32"), "float64") * 2 + x,
         lambda x: 3 * x, (0,), tol=dict(rtol=1e-6, atol=1e-6)),  # the tangent rounds to float32 too
    # dot and contractions: the product rule
    Case("matrix_vector", (d(M, N), d(N)), lambda a, x: T.dot(a, x), lambda a, x: a @ x, (0, 1)),
    Case("matrix_matrix", (d(M, N), d(N, 2)), lambda a, b: T.dot(a, b), lambda a, b: a @ b, (0, 1)),
    Case("outer_and_trace", (d(M), d(M, M)), lambda v, a: T.outer(v, v) * T.trace(a), lambda v, a: np.outer(v, v) * np.trace(a), (0, 1)),
    # sums over each axis, extrema, means
    Case("sum_axis0", (d(M, N),), lambda x: T.sum(x ** 3, axis=0), lambda x: (x ** 3).sum(axis=0), (0,)),
    Case("sum_axis1", (d(M, N),), lambda x: T.sum(T.exp(x), axis=1), lambda x: np.exp(x).sum(axis=1), (0,)),
    Case("sum_all", (d(M, N),), lambda x: T.sum(T.sin(x)), lambda x: np.sin(x).sum(), (0,)),
    Case("max_axis1_mean_axis0", (d(M, N),), lambda x: T.max(x, axis=1) * T.mean(x, axis=0)[:M],
         lambda x: x.max(axis=1) * x.mean(axis=0)[:M], (0,)),
    Case("min_all", (d(M, N),), lambda x: T.min(x * x), lambda x: (x * x).min(), (0,)),
    # softmax (rows)
    Case("softmax", (d(M, N),), lambda x: T.nnet.softmax(x), _softmax, (0,)),
    Case("softmax_of_affine", (d(M, N), d(N, N), d(1, N)), lambda x, w, b: T.nnet.softmax(T.dot(x, w) + b),
         lambda x, w, b: _softmax(x @ w + b), (0, 1, 2)),
    Case("logsoftmax_op", (d(M, N),), lambda x: T.nnet.logsoftmax(x), lambda x: np.log(_softmax(x)), (0,)),
    # indexing: gathers (repeated indices), scatters, slices
    Case("gather_rows", (d(M, N), idx(2, 0, 2)), lambda x, i: T.exp(x[i]), lambda x, i: np.exp(x[i]), (0,)),
    Case("inc_subtensor", (d(M, N), idx(2, 0, 2), d(1, N)), lambda x, i, y: T.inc_subtensor(x[i], y * y),
         lambda x, i, y: _inc(x, i, y * y), (0, 2)),
    Case("set_subtensor", (d(M, N), idx(0, 2), d(2, N)), lambda x, i, y: T.set_subtensor(x[i], T.tanh(y)),
         lambda x, i, y: _set(x, i, np.tanh(y)), (0, 2)),
    Case("slice", (d(M, N),), lambda x: x[1:3, ::2] ** 2, lambda x: x[1:3, ::2] ** 2, (0,)),
    # shape ops
    Case("transpose_reshape", (d(M, N),), lambda x: T.reshape(x.T, (2, 6)) * 3, lambda x: x.T.reshape(2, 6) * 3, (0,)),
    Case("concatenate", (d(M, N), d(M, 2)), lambda a, b: T.concatenate([a, T.exp(b)], axis=1),
         lambda a, b: np.concatenate([a, np.exp(b)], axis=1), (0, 1)),
    Case("cumsum", (d(M, N),), lambda x: T.cumsum(x * x, axis=1), lambda x: np.cumsum(x * x, axis=1), (0,)),
    # the transpose of the gradient rule (ops without a tangent rule of their own)
    Case("prod", (d(M, N, domain="pos"),), lambda x: T.prod(x, axis=0), lambda x: x.prod(axis=0), (0,)),
    Case("cumprod", (d(N, domain="pos"),), lambda x: T.cumprod(x), np.cumprod, (0,)),
    Case("matrix_inverse", (d(M, M),), lambda a: T.nlinalg.matrix_inverse(a + 3 * T.eye(M)),
         lambda a: np.linalg.inv(a + 3 * np.eye(M)), (0,)),
    Case("det", (d(M, M),), lambda a: T.nlinalg.det(a + 3 * T.eye(M)), lambda a: np.linalg.det(a + 3 * np.eye(M)), (0,)),
]


def _variables(case: Case):
    return [i.variable(f"in{k}") for k, i in enumerate(case.inputs)]


def _jvp_reference(ref, values, wrt, directions, h=H):
    """The fourth-order central difference of `ref` along `directions` (one per wrt input)."""

    def at(t):
        moved = list(values)
        for j, v in zip(wrt, directions):
            moved[j] = values[j] + t * v
        return np.asarray(ref(*moved), dtype=np.float64)

    return (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h)


def _vjp_reference(ref, values, wrt, u, h=H):
    """The gradient of `<u, ref(x)>` with respect to each wrt input, one element at a time."""
    grads = []
    for j in wrt:
        g = np.zeros_like(values[j])
        for index in np.ndindex(values[j].shape):
            e = np.zeros_like(values[j])
            e[index] = 1.0
            g[index] = np.sum(u * _jvp_reference(ref, values, [j], [e], h))
        grads.append(g)
    return grads


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_rop_and_lop_match_finite_differences(case: Case, mode: str) -> None:
    rng = np.random.default_rng(sum(map(ord, case.name)))
    variables = _variables(case)
    y = case.f(*variables)
    wrt = [variables[j] for j in case.wrt]
    tangents = [w.type(f"v{j}") for j, w in enumerate(wrt)]
    u = y.type("u")
    jv = T.Rop(y, wrt, tangents)
    vj = T.Lop(y, wrt, u)
    fn = irtk.function([*variables, *tangents, u], [jv, *vj], mode=mode)

    values = [i.sample(rng) for i in case.inputs]
    directions = [rng.standard_normal(values[j].shape) for j in case.wrt]
    y_value = np.asarray(case.ref(*values))
    u_value = rng.standard_normal(y_value.shape)
    got_jv, *got_vj = fn(*values, *directions, u_value)

    tol = dict(rtol=RTOL, atol=ATOL) | case.tol
    np.testing.assert_allclose(got_jv, _jvp_reference(case.ref, values, case.wrt, directions), **tol)
    for got, want in zip(got_vj, _vjp_reference(case.ref, values, case.wrt, u_value)):
        np.testing.assert_allclose(got, want, **tol)
    # J and J^T: <u, J v> = sum_j <Lop_j(u), v_j>
    np.testing.assert_allclose(np.sum(u_value * got_jv), sum(np.sum(g * v) for g, v in zip(got_vj, directions)),
                               rtol=max(1e-10, tol["rtol"]), atol=1e-12)


# ---------------------------------------------------------------- second order: Hessian-vector products


@dataclass(frozen=True)
class CostCase:
    name: str
    inputs: tuple[Input, ...]
    cost: Callable  # symbolic inputs -> a scalar cost
    wrt: tuple[int, ...]


COSTS = [
    CostCase("elementwise_broadcast", (d(M, N), d(1, N), d(M, N)),
             lambda x, b, r: T.sum(T.tanh(x * b) * r + T.exp(b) * x ** 2), (0, 1)),
    CostCase("dot", (d(M, N), d(N), d(M)), lambda a, x, r: T.sum(T.tanh(T.dot(a, x)) * r) + T.dot(x, x) ** 2, (0, 1)),
    CostCase("sum_each_axis", (d(M, N),), lambda x: T.sum(T.sum(T.exp(x), axis=0) ** 2) + T.sum(T.sum(x ** 3, axis=1) ** 2), (0,)),
    CostCase("max_axis1", (d(M, N),), lambda x: T.sum(T.max(x, axis=1) ** 3 + T.sum(x ** 2, axis=1)), (0,)),
    CostCase("softmax", (d(M, N), d(M, N)), lambda x, r: T.sum(T.log(T.nnet.softmax(x)) * r) + T.sum(T.nnet.softmax(x * x)), (0,)),
    CostCase("indexing", (d(M, N), idx(2, 0, 2), d(2, N)),
             lambda x, i, y: T.sum(T.exp(x[i]) * x[i]) + T.sum(T.set_subtensor(x[1:], y * x[:2]) ** 2), (0, 2)),
    CostCase("transposed_rules", (d(M, M),), lambda a: T.nlinalg.det(a + 3 * T.identity_like(a)) * T.sum(T.prod(a * a + 1, axis=0)), (0,)),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", COSTS, ids=lambda c: c.name)
def test_hessian_vector_product_is_rop_of_the_gradient(case: CostCase, mode: str) -> None:
    rng = np.random.default_rng(sum(map(ord, case.name)))
    variables = [i.variable(f"in{k}") for k, i in enumerate(case.inputs)]
    wrt = [variables[j] for j in case.wrt]
    cost = case.cost(*variables)
    grads = irtk.grad(cost, wrt)
    tangents = [w.type(f"v{j}") for j, w in enumerate(wrt)]
    hv = T.Rop(grads, wrt, tangents)
    assert isinstance(hv, list) and len(hv) == len(wrt)
    hv_by_lop = T.Lop(grads, wrt, tangents)  # the Hessian is symmetric
    fn = irtk.function([*variables, *tangents], [*grads, *hv, *hv_by_lop], mode=mode)

    values = [i.sample(rng) for i in case.inputs]
    directions = [rng.standard_normal(values[j].shape) for j in case.wrt]
    n = len(wrt)
    outputs = fn(*values, *directions)
    got_hv, got_lop = outputs[n:2 * n], outputs[2 * n:]

    def gradient_at(t):
        moved = list(values)
        for j, v in zip(case.wrt, directions):
            moved[j] = values[j] + t * v
        return fn(*moved, *directions)[:n]

    plus, minus, plus2, minus2 = gradient_at(H), gradient_at(-H), gradient_at(2 * H), gradient_at(-2 * H)
    for k in range(n):
        want = (8 * (plus[k] - minus[k]) - (plus2[k] - minus2[k])) / (12 * H)
        np.testing.assert_allclose(got_hv[k], want, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(got_lop[k], got_hv[k], rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------- acceptance: a Newton-CG step


@pytest.mark.parametrize("mode", MODES)
def test_conjugate_gradient_step_of_logistic_regression_matches_numpy(mode: str) -> None:
    """One CG step on H p = -g (from p = 0) for L2-regularized logistic regression, H p from Rop of the gradient."""
    rng = np.random.default_rng(7)
    n, k, lam = 20, 5, 0.1
    X_value = rng.standard_normal((n, k))
    y_value = (rng.uniform(size=n) < 0.5).astype(np.float64)
    w_value = 0.3 * rng.standard_normal(k)

    X, y, w = T.dmatrix("X"), T.dvector("y"), T.dvector("w")
    z = T.dot(X, w)
    cost = T.mean(y * T.nnet.softplus(-z) + (1 - y) * T.nnet.softplus(z)) + lam / 2 * T.sum(w ** 2)
    g = irtk.grad(cost, w)
    r0 = -g  # the residual of H p = -g at p = 0, and the first search direction
    Hd = T.Rop(g, w, r0)
    alpha = T.sum(r0 * r0) / T.sum(r0 * Hd)
    p1 = alpha * r0
    r1 = r0 - alpha * Hd
    step = irtk.function([X, y, w], [g, Hd, alpha, p1, r1], mode=mode)
    got = step(X_value, y_value, w_value)

    # by hand: sigma = 1 / (1 + exp(-Xw)); g = X^T (sigma - y) / n + lam w; H = X^T diag(sigma (1 - sigma)) X / n + lam I
    sigma = 1 / (1 + np.exp(-X_value @ w_value))
    g_ref = X_value.T @ (sigma - y_value) / n + lam * w_value
    H_ref = X_value.T @ (X_value * (sigma * (1 - sigma))[:, None]) / n + lam * np.eye(k)
    r0_ref = -g_ref
    Hd_ref = H_ref @ r0_ref
    alpha_ref = (r0_ref @ r0_ref) / (r0_ref @ Hd_ref)
    want = [g_ref, Hd_ref, alpha_ref, alpha_ref * r0_ref, r0_ref - alpha_ref * Hd_ref]
    for name, a, b in zip(["g", "Hd", "alpha", "p1", "r1"], got, want):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10, err_msg=name)
    # the step decreases the quadratic model: p1 minimizes it along r0
    assert got[3] @ (g_ref + 0.5 * H_ref @ got[3]) < 0


# ---------------------------------------------------------------- structure, dtypes and errors


def test_results_follow_theanos_structure() -> None:
    x, v = T.dvector("x"), T.dvector("v")
    a, b = T.exp(x), T.sin(x)
    assert isinstance(T.Rop(a, x, v), irtk.tensor.Variable)
    assert isinstance(T.Rop([a, b], [x], [v]), list)
    assert isinstance(T.Rop((a, b), x, v), tuple)
    assert isinstance(T.Lop(a, x, v), irtk.tensor.Variable)
    assert isinstance(T.Lop([a, b], [x], [v, v]), list)
    assert isinstance(T.Lop(a, (x,), v), tuple)
    assert irtk.gradient.Rop is T.Rop and irtk.gradient.Lop is T.Lop


@pytest.mark.parametrize("mode", MODES)
def test_several_outputs_and_inputs_in_one_request(mode: str) -> None:
    x, y, vx, vy = T.dvector("x"), T.dscalar("y"), T.dvector("vx"), T.dscalar("vy")
    outs = T.Rop([T.exp(x) * y, T.sum(x) * y, x], [x, y], [vx, vy])
    ux, us = T.dvector("ux"), T.dscalar("us")
    backs = T.Lop([T.exp(x) * y, T.sum(x) * y], [x, y], [ux, us])
    fn = irtk.function([x, y, vx, vy, ux, us], [*outs, *backs], mode=mode)
    xv, yv, vxv, vyv, uxv, usv = np.array([0.5, -1.0, 2.0]), 1.5, np.array([1.0, 2.0, -0.5]), -0.7, np.array([0.3, 0.2, -1.0]), 0.9
    j0, j1, j2, gx, gy = fn(xv, yv, vxv, vyv, uxv, usv)
    np.testing.assert_allclose(j0, np.exp(xv) * vxv * yv + np.exp(xv) * vyv, rtol=1e-14)
    np.testing.assert_allclose(j1, vxv.sum() * yv + xv.sum() * vyv, rtol=1e-14)
    np.testing.assert_array_equal(j2, vxv)  # the product of a wrt variable is its eval point
    np.testing.assert_allclose(gx, uxv * np.exp(xv) * yv + usv * yv, rtol=1e-14)
    np.testing.assert_allclose(gy, uxv @ np.exp(xv) + usv * xv.sum(), rtol=1e-14)


def test_numpy_eval_points_and_float32() -> None:
    x = T.fvector("x")
    jv = T.Rop(T.tanh(x) * 2, x, np.array([1.0, 0.0, -1.0]))  # converted to float32
    assert jv.dtype == "float32"
    vj = T.Lop(T.tanh(x) * 2, x, np.array([1, 2, 3]))  # (a list would be a list of eval points, as in Theano)
    assert vj.dtype == "float32"
    fn = irtk.function([x], [jv, vj])
    xv = np.array([0.1, 0.2, 0.3], dtype=np.float32)
    got_jv, got_vj = fn(xv)
    assert got_jv.dtype == np.float32 and got_vj.dtype == np.float32
    np.testing.assert_allclose(got_jv, 2 * (1 - np.tanh(xv) ** 2) * [1, 0, -1], rtol=1e-6)
    np.testing.assert_allclose(got_vj, 2 * (1 - np.tanh(xv) ** 2) * [1, 2, 3], rtol=1e-6)


def test_an_eval_point_gets_its_variables_broadcastable_pattern() -> None:
    b, v = T.drow("b"), T.dmatrix("v")
    x = T.dmatrix("x")
    fn = irtk.function([x, b, v], T.Rop(x * b, b, v))
    xv, bv, vv = np.ones((3, 2)) * 2, np.ones((1, 2)), np.array([[1.0, -1.0]])
    np.testing.assert_allclose(fn(xv, bv, vv), xv * vv)


def test_disconnected_outputs_and_inputs() -> None:
    x, z, v = T.dvector("x"), T.dvector("z"), T.dvector("v")
    with pytest.raises(DisconnectedInputError, match=r"Rop: f\[0\] \(.*\) does not depend on any wrt variable"):
        T.Rop(T.exp(z), x, v)
    zero = T.Rop(T.exp(z), x, v, disconnected_outputs="ignore")
    assert T.Rop([T.exp(z)], x, v, disconnected_outputs="ignore", return_disconnected="none") == [None]
    with pytest.warns(UserWarning, match="does not depend"):
        T.Rop(T.exp(z), x, v, disconnected_outputs="warn")
    with pytest.raises(DisconnectedInputError, match=r"Lop: no f depends on wrt\[1\]"):
        T.Lop(T.exp(x), [x, z], v)
    gx, gz = T.Lop(T.exp(x), [x, z], v, disconnected_inputs="ignore")
    fn = irtk.function([x, z, v], [zero, gx, gz])
    got_zero, got_gx, got_gz = fn([1.0, 2.0], [3.0, 4.0, 5.0], [1.0, 1.0])
    np.testing.assert_array_equal(got_zero, np.zeros(3))
    np.testing.assert_allclose(got_gx, np.exp([1.0, 2.0]))
    np.testing.assert_array_equal(got_gz, np.zeros(3))


@pytest.mark.parametrize("call, error, message", [
    (lambda x, v: T.Rop(T.exp(x), [x, x], [v]), ValueError, r"Rop: wrt has 2 variable\(s\) but eval_points 1"),
    (lambda x, v: T.Rop(T.exp(x), x, T.dmatrix("m")), ValueError, r"Rop: eval_points\[0\] has 2 dimension\(s\), wrt\[0\] \(x\) has 1"),
    (lambda x, v: T.Rop(T.exp(x), x, T.fvector("f")), TypeError, r"Rop: eval_points\[0\] \(f\) has dtype float32, wrt\[0\] \(x\) has float64"),
    (lambda x, v: T.Rop(T.exp(x), T.ivector("i"), v), TypeError, r"Rop: wrt\[0\] \(i\) has dtype int32; only float variables have tangents"),
    (lambda x, v: T.Rop(np.ones(3), x, v), TypeError, r"Rop: f\[0\] must be a symbolic variable, got ndarray"),
    (lambda x, v: T.Rop(T.exp(x), 3.0, v), TypeError, r"Rop: wrt\[0\] must be a symbolic variable, got float"),
    (lambda x, v: T.Rop(T.exp(x), x, "abc"), TypeError, r"Rop: eval_points\[0\] cannot be converted to float64"),
    (lambda x, v: T.Rop(T.exp(x), x, v, disconnected_outputs="maybe"), ValueError,
     r"Rop: disconnected_outputs must be 'ignore', 'warn' or 'raise', got 'maybe'"),
    (lambda x, v: T.Rop(T.exp(x), x, v, return_disconnected="nan"), ValueError, r"return_disconnected must be 'zero' or 'none'"),
    (lambda x, v: T.Lop([T.exp(x), x], x, [v]), ValueError, r"Lop: f has 2 variable\(s\) but eval_points 1"),
    (lambda x, v: T.Lop(T.exp(x), x, T.dmatrix("m")), ValueError, r"Lop: eval_points\[0\] has 2 dimension\(s\), f\[0\]"),
    (lambda x, v: T.Lop(T.exp(x), x, T.fvector("f")), TypeError, r"Lop: eval_points\[0\] \(f\) has dtype float32, f\[0\]"),
    (lambda x, v: T.Lop(T.cast(x, "int32"), x, T.ivector("i")), TypeError, r"Lop: f\[0\] .* has dtype int32; only float variables have gradients"),
    (lambda x, v: T.Lop(T.exp(x), x, v, disconnected_inputs="maybe"), ValueError,
     r"Lop: disconnected_inputs must be 'ignore', 'warn' or 'raise', got 'maybe'"),
    (lambda x, v: T.Rop(T.real(T.exp(T.cast(x, "complex128"))), x, v), TypeError, r"Rop: .* through the complex value"),
])
def test_bad_arguments_are_clear_errors(call, error, message) -> None:
    x, v = T.dvector("x"), T.dvector("v")
    with pytest.raises(error, match=message):
        call(x, v)
