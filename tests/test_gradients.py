"""Gradients against finite differences, for every differentiable op family, through the frontend.

Each case builds a scalar cost with `irtk.tensor`, asks `irtk.grad` for the gradient with respect to some of the
inputs and compiles cost and gradients with `irtk.function`. The gradient must match a fourth-order central
difference of the compiled cost in float64:

    f'(x) ~ (8 (f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / 12h,   h = 1e-3,

whose truncation error is O(h^4) ~ 1e-12 and rounding error ~ 1e-16 |f| / h ~ 1e-13 |f|, so the tolerances can be
tight (relative 1e-8). Most costs are `sum(op(...) * r)` with a random weight array `r` that is an input but not
differentiated: the upstream gradient reaching the op is then `r` itself, arbitrary and different per element, so a
rule that transposes, sums over the wrong axis or drops a broadcast shows at once.

Every case runs in FAST_COMPILE (the numpy evaluator) and, where the native runtime `irtk._native` is built, in
FAST_RUN (compiled C++), where the results must also equal FAST_COMPILE's bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from conftest import MODES, needs_native

import irtk
from irtk.frontend.gradient import DisconnectedInputError
from irtk import tensor as T
from irtk.frontend.types import TensorType

H = 1e-3
RTOL = 1e-8
ATOL = 1e-10


@dataclass(frozen=True)
class Input:
    """One function input: dtype, broadcastable pattern, the run-time shape, and where its values come from."""

    dtype: str
    shape: tuple[int, ...]
    broadcastable: tuple[bool, ...] | None = None  # default: a size-1 dimension is broadcastable
    domain: str = "any"  # "any": N(0, 1); "pos": U(0.5, 2); "away": +-U(0.5, 2) (away from zero)

    def variable(self, name: str):
        b = self.broadcastable if self.broadcastable is not None else tuple(s == 1 for s in self.shape)
        return TensorType(self.dtype, b)(name)

    def sample(self, rng: np.random.Generator) -> np.ndarray:
        if np.dtype(self.dtype).kind in "iu":
            return rng.integers(-5, 6, self.shape).astype(self.dtype)
        if self.domain == "pos":
            v = rng.uniform(0.5, 2.0, self.shape)
        elif self.domain == "away":
            v = rng.uniform(0.5, 2.0, self.shape) * rng.choice([-1.0, 1.0], self.shape)
        else:
            v = rng.standard_normal(self.shape)
        return np.asarray(v, dtype=self.dtype)


@dataclass(frozen=True)
class Case:
    name: str
    inputs: tuple[Input, ...]
    cost: Callable  # the symbolic inputs -> a scalar cost
    wrt: tuple[int, ...]  # which inputs to differentiate


def d(*shape: int, **kw) -> Input:
    return Input("float64", shape, **kw)


def weighted(v, r):
    """sum(v * r): the gradient reaching v is r."""
    return T.sum(v * r)


M, N, K = 3, 4, 5

CASES = [
    # elementwise arithmetic
    Case("add", (d(M, N), d(M, N), d(M, N)), lambda x, y, r: weighted(x + y, r), (0, 1)),
    Case("sub", (d(M, N), d(M, N), d(M, N)), lambda x, y, r: weighted(x - y, r), (0, 1)),
    Case("mul", (d(M, N), d(M, N), d(M, N)), lambda x, y, r: weighted(x * y, r), (0, 1)),
    Case("div", (d(M, N), d(M, N, domain="away"), d(M, N)), lambda x, y, r: weighted(x / y, r), (0, 1)),
    Case("neg", (d(M, N), d(M, N)), lambda x, r: weighted(-x, r), (0,)),
    Case("sqr", (d(M, N), d(M, N)), lambda x, r: weighted(T.sqr(x), r), (0,)),
    Case("exp", (d(M, N), d(M, N)), lambda x, r: weighted(T.exp(x), r), (0,)),
    Case("log", (d(M, N, domain="pos"), d(M, N)), lambda x, r: weighted(T.log(x), r), (0,)),
    Case("sqrt", (d(M, N, domain="pos"), d(M, N)), lambda x, r: weighted(T.sqrt(x), r), (0,)),
    Case("erfc", (d(M, N), d(M, N)), lambda x, r: weighted(T.erfc(x), r), (0,)),
    Case("gamma", (d(M, N, domain="pos"), d(M, N)), lambda x, r: weighted(T.gamma(x), r), (0,)),
    Case("gammaln", (d(M, N, domain="pos"), d(M, N)), lambda x, r: weighted(T.gammaln(x), r), (0,)),
    Case("same_value_twice", (d(M, N), d(M, N)), lambda x, r: weighted(x * x * x, r), (0,)),
    Case("chain", (d(N, domain="pos"), d(N)), lambda x, r: weighted(T.sqrt(T.exp(-T.log(x) / x)), r), (0,)),
    Case("mixed_dtypes", (Input("float32", (N,)), d(N), d(N)), lambda f, x, r: weighted(f * x, r), (1,)),
    # cast: rounding to float32 is not smooth, so the float32 -> float64 cast has its own test (test_cast_gradient)
    # with exactly representable steps; here an int32 factor cast to float64, which gets no gradient itself.
    Case("times_int_cast_to_float", (d(N), Input("int32", (N,)), d(N)),
         lambda x, i, r: weighted(x * T.cast(i, "float64"), r), (0,)),
    # shape
    Case("transpose", (d(M, N), d(N, M)), lambda x, r: weighted(x.T, r), (0,)),
    Case("dimshuffle_new_axes", (d(N), d(1, N, 1)), lambda v, r: weighted(v.dimshuffle("x", 0, "x"), r), (0,)),
    Case("dimshuffle_drop_axis", (d(1, N), d(N)), lambda row, r: weighted(row.dimshuffle(1), r), (0,)),
    Case("dimshuffle_3d", (d(2, M, N), d(N, 2, M)), lambda t, r: weighted(t.dimshuffle(2, 0, 1), r), (0,)),
    # reductions
    Case("sum_axis0", (d(M, N), d(N)), lambda x, r: weighted(T.sum(x, axis=0), r), (0,)),
    Case("sum_axis1", (d(M, N), d(M)), lambda x, r: weighted(T.sum(x, axis=1), r), (0,)),
    Case("sum_middle_axis", (d(2, M, N), d(2, N)), lambda t, r: weighted(T.sum(t, axis=1), r), (0,)),
    Case("sum_all_axes", (d(M, N),), lambda x: T.sqr(T.sum(x)), (0,)),
    Case("sum_all_axes_weighted", (d(M, N), d(M, N)), lambda x, r: T.sum(T.exp(x) * r), (0,)),
    # contractions
    Case("dot_vv", (d(K), d(K), d()), lambda u, v, r: T.dot(u, v) * r, (0, 1)),
    Case("dot_mv", (d(M, K), d(K), d(M)), lambda a, v, r: weighted(T.dot(a, v), r), (0, 1)),
    Case("dot_vm", (d(K), d(K, N), d(N)), lambda u, b, r: weighted(T.dot(u, b), r), (0, 1)),
    Case("dot_mm", (d(M, K), d(K, N), d(M, N)), lambda a, b, r: weighted(T.dot(a, b), r), (0, 1)),
    Case("dot_of_transpose", (d(K, M), d(K, N), d(M, N)), lambda a, b, r: weighted(T.dot(a.T, b), r), (0, 1)),
    # broadcasting of size-1 dimensions
    Case("row_plus_matrix", (d(1, N), d(M, N), d(M, N)), lambda row, m, r: weighted(row + m, r), (0, 1)),
    Case("col_times_matrix", (d(M, 1), d(M, N), d(M, N)), lambda col, m, r: weighted(col * m, r), (0, 1)),
    Case("row_times_col", (d(1, N), d(M, 1), d(M, N)), lambda row, col, r: weighted(row * col, r), (0, 1)),
    Case("scalar_times_matrix", (d(), d(M, N), d(M, N)), lambda s, m, r: weighted(s * m, r), (0, 1)),
    Case("vector_plus_matrix", (d(N), d(M, N), d(M, N)), lambda v, m, r: weighted(v + m, r), (0, 1)),
    Case("unit_matrix_div", (d(1, 1, domain="away"), d(M, N), d(M, N)), lambda s, m, r: weighted(m / s, r), (0, 1)),
    # a small model: a logistic regression cost with a bias
    Case(
        "logistic_regression",
        (d(M, K), d(M), d(K), d()),
        lambda X, y, W, b: T.sum(T.sqr(1.0 / (1.0 + T.exp(-(T.dot(X, W) + b))) - y)),
        (2, 3),
    ),
]


def compile_case(case: Case, mode: str):
    variables = [inp.variable(f"in{i}") for i, inp in enumerate(case.inputs)]
    cost = case.cost(*variables)
    assert cost.ndim == 0, f"{case.name}: the cost must be a scalar"
    grads = irtk.grad(cost, [variables[i] for i in case.wrt])
    return irtk.function(variables, [cost, *grads], mode=mode), grads


def sample_inputs(case: Case) -> list[np.ndarray]:
    rng = np.random.default_rng(sum(map(ord, case.name)))
    return [inp.sample(rng) for inp in case.inputs]


def numeric_gradient(cost: Callable[[list[np.ndarray]], float], args: list[np.ndarray], i: int) -> np.ndarray:
    """The fourth-order central difference of `cost` with respect to `args[i]`, element by element."""
    grad = np.zeros(args[i].shape, dtype=np.float64)
    for index in np.ndindex(args[i].shape):
        values = []
        for step in (H, -H, 2 * H, -2 * H):
            moved = [a.copy() for a in args]
            moved[i][index] += step
            values.append(cost(moved))
        f1, fm1, f2, fm2 = values
        grad[index] = (8 * (f1 - fm1) - (f2 - fm2)) / (12 * H)
    return grad


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_gradient_matches_finite_differences(case: Case, mode: str) -> None:
    f, grad_vars = compile_case(case, mode)
    args = sample_inputs(case)
    cost, *grads = f(*args)
    assert cost.shape == () and cost.dtype == np.float64
    for i, g, gv in zip(case.wrt, grads, grad_vars):
        assert g.shape == args[i].shape, f"gradient {i}: shape {g.shape}, expected {args[i].shape}"
        assert g.dtype == args[i].dtype and gv.dtype == case.inputs[i].dtype
        expected = numeric_gradient(lambda a: float(f(*a)[0]), args, i)
        np.testing.assert_allclose(g, expected, rtol=RTOL, atol=ATOL, err_msg=f"{case.name}: d cost / d input {i}")


@needs_native
@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: c.name
)
def test_fast_run_equals_fast_compile_bit_for_bit(case: Case) -> None:
    args = sample_inputs(case)
    fast_compile = compile_case(case, "FAST_COMPILE")[0](*args)
    fast_run = compile_case(case, "FAST_RUN")[0](*args)
    for a, b in zip(fast_compile, fast_run):
        assert a.dtype == b.dtype and a.shape == b.shape
        assert a.tobytes() == b.tobytes(), f"{case.name}: FAST_RUN differs from FAST_COMPILE: {a} vs {b}"


@pytest.mark.parametrize("mode", MODES)
def test_cast_gradient(mode: str) -> None:
    """cast float32 -> float64: the float64 adjoint is cast back to float32.

    The input holds multiples of 2**-8 and the step is 2**-6, so every moved input is exact in float32; the cost is
    quadratic, for which the central difference is exact up to rounding.
    """
    x, r = T.fvector("x"), T.dvector("r")
    cost = T.sum(T.sqr(T.cast(x, "float64")) * r)
    (g,) = irtk.grad(cost, [x])
    f = irtk.function([x, r], [cost, g], mode=mode)
    rng = np.random.default_rng(7)
    xs = (rng.integers(-512, 512, N) / 256).astype(np.float32)
    rs = rng.standard_normal(N)
    _, grad = f(xs, rs)
    assert grad.dtype == np.float32
    h = np.float32(2**-6)
    expected = np.zeros(N)
    for k in range(N):
        def at(step):
            moved = xs.copy()
            moved[k] += step
            return float(f(moved, rs)[0])

        expected[k] = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * float(h))
    np.testing.assert_allclose(grad, expected, rtol=1e-6)
    np.testing.assert_allclose(grad, (2 * xs.astype(np.float64) * rs).astype(np.float32), rtol=0, atol=0)


@pytest.mark.parametrize("mode", MODES)
def test_float32_parameter_gets_float32_gradient(mode: str) -> None:
    """f32 * f64 computes in float64; the float32 factor's gradient is the float64 adjoint cast to float32."""
    a, x = T.fvector("a"), T.dvector("x")
    (g,) = irtk.grad(T.sum(a * x), [a])
    f = irtk.function([a, x], g, mode=mode)
    xs = np.array([0.1, 1 / 3, -2.5, 1e-3])
    out = f(np.ones(N, dtype=np.float32), xs)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, xs.astype(np.float32))


@pytest.mark.parametrize("mode", MODES)
def test_gradient_of_dynamic_sizes(mode: str) -> None:
    """One compiled gradient serves every run-time size."""
    x, w = T.dmatrix("x"), T.dvector("w")
    cost = T.sum(T.sqr(T.dot(x, w)))
    (g,) = irtk.grad(cost, [w])
    f = irtk.function([x, w], g, mode=mode)
    rng = np.random.default_rng(3)
    for m, n in [(1, 1), (2, 7), (6, 3)]:
        xs, ws = rng.standard_normal((m, n)), rng.standard_normal(n)
        np.testing.assert_allclose(f(xs, ws), 2 * xs.T @ (xs @ ws), rtol=1e-13, atol=1e-13)


def test_disconnected_input_is_an_error() -> None:
    """Like Theano's DisconnectedInputError: the cost must depend on every wrt variable."""
    x, y = T.dvector("x"), T.dvector("y")
    with pytest.raises(DisconnectedInputError, match=r"does not depend on wrt\[0\] \(y\)"):
        irtk.grad(T.sum(x), [y])


def test_a_path_through_an_integer_cast_is_disconnected_in_autodiff() -> None:
    """The graph connects x to the cost, but only through an integer: no gradient flows (the pass says so)."""
    x = T.dvector("x")
    (g,) = irtk.grad(T.sum(T.cast(T.cast(x, "int32"), "float64")), [x])
    with pytest.raises(Exception, match="does not depend on wrt operand #0"):
        irtk.function([x], g, mode="FAST_COMPILE")


@pytest.mark.parametrize(
    "make_cost,message",
    [
        (lambda x: x, "cost must be a scalar"),
        (lambda x: T.sum(T.cast(x, "int32")), "cost must have a float dtype"),
    ],
)
def test_grad_rejects_bad_costs(make_cost, message: str) -> None:
    x = T.dvector("x")
    with pytest.raises(TypeError, match=message):
        irtk.grad(make_cost(x), x)


@pytest.mark.parametrize(
    "case", [c for c in CASES if all(i.dtype == "float64" for i in c.inputs)], ids=lambda c: c.name
)
def test_fast_run_ir_matches_without_the_native_runtime(case: Case) -> None:
    """Without a C++ toolchain: what FAST_RUN would compile (the `fast-run` pipeline's loops), run by xDSL's
    interpreter, gives FAST_COMPILE's values bit for bit (exp and log included: both take them from irtk_math.h)."""
    from test_tensor_passes import run_loop_level
    from xdsl.parser import Parser

    from irtk.compiler import lower
    from irtk.registry import make_context

    f, _ = compile_case(case, "FAST_COMPILE")
    args = sample_inputs(case)
    expected = f(*args)
    module = lower(Parser(make_context(), f.tensor_ir).parse_module(), "fast-run")
    results = run_loop_level(module, args)
    for result, reference in zip(results, expected, strict=True):
        assert result.shape == reference.shape
        assert result.tobytes() == reference.tobytes(), f"{case.name}: {result} != {reference}"
