"""`theano.gradient`'s tools: `verify_grad` (passes on correct rules, fails naming the op on a wrong one),
`zero_grad`, `disconnected_grad`, `grad_clip`, and `grad(..., consider_constant=...)`."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES

import irtk
import irtk.tensor as T
from irtk.dialects.irtk.opdef import elementwise
from irtk.gradient import GradientError, disconnected_grad, grad_clip, verify_grad, zero_grad

#: An op whose gradient rule is deliberately wrong (d sin = sin instead of cos), to see verify_grad catch it.
WrongSinOp = elementwise("test_wrong_sin", 1, lambda s, x: s.sin(x), grad=lambda tb, op, g: [tb.mul(g, tb.sin(op.x))],
                         doc="sin with a wrong gradient rule (a test op).")


def _wrong_sin(x):
    from irtk.frontend.basic import elementwise_apply

    return elementwise_apply(WrongSinOp, x)


@pytest.mark.parametrize("mode", MODES)
def test_verify_grad_passes_on_correct_rules(mode: str) -> None:
    rng = np.random.RandomState(42)
    verify_grad(lambda x, y: T.tanh(x * y) + T.sqr(x), [rng.randn(3, 2), rng.randn(3, 2)], rng=rng, mode=mode)
    verify_grad(lambda a, b: T.dot(a, b), [rng.randn(2, 3), rng.randn(3)], rng=rng, mode=mode)
    verify_grad(lambda x: T.nnet.softmax(x), [rng.randn(2, 4)], rng=rng, mode=mode)
    verify_grad(lambda x: x[1:, ::-1].reshape((-1,)), [rng.randn(3, 3)], rng=rng, mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_verify_grad_names_the_op_with_a_wrong_rule(mode: str) -> None:
    with pytest.raises(GradientError, match=r"gradient of irtk\.test_wrong_sin with respect to argument 0"):
        verify_grad(_wrong_sin, [np.array([0.3, -1.2, 2.0])], rng=np.random.RandomState(0), mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_zero_disconnected_and_clipped_gradients(mode: str) -> None:
    x, y = T.dvector("x"), T.dvector("y")
    cost = T.sum(T.sqr(zero_grad(x)) + x * disconnected_grad(y)) + T.sum(grad_clip(x, -0.5, 0.5) * 3.0)
    f = irtk.function([x, y], [cost, *irtk.grad(cost, [x])], mode=mode)
    value, gx = f(np.array([1.0, 2.0]), np.array([10.0, 20.0]))
    assert value == 1 + 4 + 10 + 40 + 3 + 6
    np.testing.assert_array_equal(gx, [10.0 + 0.5, 20.0 + 0.5])  # x's own factor y, and 3 clipped to 0.5
    with pytest.raises(Exception, match="does not depend"):
        irtk.function([x, y], irtk.grad(cost, [y]), mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_consider_constant(mode: str) -> None:
    x, y = T.dscalar("x"), T.dscalar("y")
    z = x * y
    cost = T.sqr(z) + x
    g_plain, = irtk.grad(cost, [x])
    g_const, = irtk.grad(cost, [x], consider_constant=[z])
    f = irtk.function([x, y], [g_plain, g_const], mode=mode)
    plain, held = f(3.0, 2.0)
    assert plain == 2 * 6 * 2 + 1 and held == 1.0  # with z constant only the `+ x` term remains


@pytest.mark.parametrize("mode", MODES)
def test_grad_of_grad_to_third_order(mode: str) -> None:
    """A Hessian-vector product by grad of grad, and a third derivative, against finite differences of the order
    below (each checked one level at a time, in float64)."""
    x, w = T.dvector("x"), T.dmatrix("w")
    v = np.array([1.0, -2.0])
    cost = T.sum(T.tanh(T.dot(w, x)) ** 3)
    (g,) = irtk.grad(cost, [x])
    (hv,) = irtk.grad(T.sum(g * v), [x])
    (third,) = irtk.grad(T.sum(hv * v), [x])
    f = irtk.function([x, w], [g, hv, third], mode=mode)
    W, X = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([0.3, -0.2])

    def derivative(k: int) -> np.ndarray:  # central differences of (level k) . v
        eps = 1e-6
        return np.array([(f(X + eps * e, W)[k] @ v - f(X - eps * e, W)[k] @ v) / (2 * eps) for e in np.eye(2)])

    _, got_hv, got_third = f(X, W)
    np.testing.assert_allclose(got_hv, derivative(0), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(got_third, derivative(1), rtol=1e-6, atol=1e-8)
