"""`grad`'s options, with Theano's signature and meaning: disconnected_inputs, return_disconnected, add_names,
known_grads (with or without a cost), null_gradients, the forms of `wrt`, and the argument errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import MODES

import irtk
import irtk.tensor as T
from irtk.gradient import DisconnectedInputError, DisconnectedType, NullType, NullTypeGradError, grad


def test_cost_must_be_a_float_scalar_unless_known_grads_replace_it() -> None:
    x = T.dvector("x")
    with pytest.raises(TypeError, match="cost must be a scalar, got"):
        grad(x * 2, x)
    with pytest.raises(TypeError, match="cost must have a float dtype"):
        grad(T.sum(T.cast(x, "int64")), x)
    with pytest.raises(TypeError, match="cost is None and known_grads gives no gradient"):
        grad(None, x)
    with pytest.raises(TypeError, match="cost must be a symbolic variable"):
        grad(1.0, x)


def test_option_values_are_checked() -> None:
    x = T.dvector("x")
    cost = T.sum(x)
    for option in ("disconnected_inputs", "return_disconnected", "null_gradients"):
        with pytest.raises(ValueError, match=f"grad: {option} must be one of"):
            grad(cost, x, **{option: "nope"})


@pytest.mark.parametrize("mode", MODES)
def test_disconnected_inputs_raise_warn_ignore(mode: str) -> None:
    x, z = T.dvector("x"), T.dmatrix("z")
    cost = T.sum(T.sqr(x))
    with pytest.raises(DisconnectedInputError, match=r"grad: the cost does not depend on wrt\[1\] \(z\)"):
        grad(cost, [x, z])
    with pytest.warns(UserWarning, match=r"does not depend on wrt\[1\] \(z\)"):
        gx, gz = grad(cost, [x, z], disconnected_inputs="warn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gx2, gz2 = grad(cost, [x, z], disconnected_inputs="ignore")
    f = irtk.function([x, z], [gx, gz, gx2, gz2], mode=mode)
    xs, zs = np.array([1.0, -2.0]), np.ones((2, 3))
    a, b, c, d = f(xs, zs)
    np.testing.assert_array_equal(a, 2 * xs)
    np.testing.assert_array_equal(c, 2 * xs)
    for zero in (b, d):  # 'zero': zeros of z's type
        assert zero.dtype == np.float64
        np.testing.assert_array_equal(zero, np.zeros((2, 3)))


def test_return_disconnected_none_and_disconnected() -> None:
    x, z = T.dvector("x"), T.dvector("z")
    cost = T.sum(x)
    gx, gz = grad(cost, [x, z], disconnected_inputs="ignore", return_disconnected="None")
    assert gz is None and gx is not None
    _, gz = grad(cost, [x, z], disconnected_inputs="ignore", return_disconnected="Disconnected")
    assert isinstance(gz.type, DisconnectedType)
    assert DisconnectedType() == gz.type
    # every wrt disconnected: no request at all
    assert grad(cost, z, disconnected_inputs="ignore", return_disconnected="None") is None


@pytest.mark.parametrize("mode", MODES)
def test_a_path_only_the_compiler_sees_cut_gives_zero_when_allowed(mode: str) -> None:
    """The graph connects x to the cost only through an integer: the autodiff pass finds no gradient. Under
    'raise' that fails to compile (tests/test_gradients.py); under 'ignore' the gradient is zero."""
    x = T.dvector("x")
    cost = T.sum(T.cast(T.cast(x, "int32"), "float64")) + T.sum(T.sqr(x))
    y = T.dvector("y")
    (gy,) = grad(T.sum(T.cast(T.cast(y, "int32"), "float64")), [y], disconnected_inputs="ignore")
    (gx,) = grad(cost, [x], disconnected_inputs="ignore")
    f = irtk.function([x, y], [gx, gy], mode=mode)
    got_x, got_y = f(np.array([1.5, 2.5]), np.array([0.5, 3.5, 1.0]))
    np.testing.assert_array_equal(got_x, [3.0, 5.0])
    np.testing.assert_array_equal(got_y, np.zeros(3))


def test_add_names() -> None:
    x, unnamed = T.dvector("x"), T.dvector()
    cost = T.sum(T.sqr(x) * unnamed)
    cost.name = "cost"
    gx, gu = grad(cost, [x, unnamed])
    assert gx.name == "(dcost/dx)" and gu.name is None
    assert grad(cost, x, add_names=False).name is None
    assert grad(T.sum(x), x).name is None  # an unnamed cost


@pytest.mark.parametrize("mode", MODES)
def test_known_grads_without_a_cost(mode: str) -> None:
    """Theano's known_grads: the gradient reaching h is given; grad propagates it down (here J_h(x)^T gh)."""
    x, W, gh = T.dvector("x"), T.dmatrix("W"), T.dvector("gh")
    h = T.tanh(T.dot(W, x))
    gx, gW = grad(None, [x, W], known_grads={h: gh})
    f = irtk.function([x, W, gh], [gx, gW], mode=mode)
    rng = np.random.default_rng(5)
    xs, Ws, ghs = rng.standard_normal(3), rng.standard_normal((2, 3)), rng.standard_normal(2)
    got_x, got_W = f(xs, Ws, ghs)
    d = ghs * (1 - np.tanh(Ws @ xs) ** 2)
    np.testing.assert_allclose(got_x, Ws.T @ d, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(got_W, np.outer(d, xs), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("mode", MODES)
def test_known_grads_add_to_the_cost_and_accept_arrays(mode: str) -> None:
    x = T.dvector("x")
    h = T.exp(x)
    cost = T.sum(T.sqr(h))
    g_both = grad(cost, x, known_grads={h: np.array([1.0, 10.0])})
    g_self = grad(cost, x, known_grads={x: np.array([100.0, 200.0])})  # a known gradient on wrt itself adds to it
    f = irtk.function([x], [g_both, g_self], mode=mode)
    xs = np.array([0.5, -1.0])
    both, own = f(xs)
    np.testing.assert_allclose(both, (np.array([1.0, 10.0]) + 2 * np.exp(xs)) * np.exp(xs), rtol=1e-14)
    np.testing.assert_allclose(own, 2 * np.exp(2 * xs) + [100.0, 200.0], rtol=1e-14)


def test_known_grads_errors() -> None:
    x, m = T.dvector("x"), T.dmatrix("m")
    h = T.exp(x)
    with pytest.raises(TypeError, match="known_grads must be a dict"):
        grad(None, x, known_grads=[(h, x)])
    with pytest.raises(TypeError, match=r"known_grads\[exp\(x\)\] has 2 dimensions, the variable 1"):
        grad(None, x, known_grads={h: m})
    with pytest.raises(TypeError, match="only float variables have gradients"):
        grad(None, x, known_grads={T.cast(x, "int32"): x})
    with pytest.raises(TypeError, match="must be a symbolic variable or an array"):
        grad(None, x, known_grads={h: "one"})
    with pytest.raises(DisconnectedInputError, match=r"no variable of known_grads does depend on wrt\[0\] \(m\)"):
        grad(None, m, known_grads={h: x})
    # a DisconnectedType gradient is no gradient at all
    with pytest.raises(TypeError, match="nothing to differentiate"):
        grad(None, x, known_grads={h: DisconnectedType()()})


def test_null_gradients() -> None:
    """psi has no gradient rule here: its gradient is undefined (Theano's NullType), an error or a marker."""
    x, y = T.dvector("x"), T.dvector("y")
    cost = T.sum(T.psi(x) + T.sqr(y))
    with pytest.raises(NullTypeGradError, match=r"wrt\[0\] \(x\) is undefined: psi has no gradient rule"):
        grad(cost, [x, y])
    gx, gy = grad(cost, [x, y], null_gradients="return")
    assert isinstance(gx.type, NullType) and "psi has no gradient rule" in gx.type.why_null
    assert gy.owner is not None  # y's gradient is computed as usual
    # psi elsewhere in the cost, or behind disconnected_grad, does not matter
    assert grad(cost, y).owner is not None
    grad(T.sum(T.sqr(x) + T.psi(irtk.gradient.disconnected_grad(x))), x)


@pytest.mark.parametrize("mode", MODES)
def test_wrt_forms_and_a_shared_variable(mode: str) -> None:
    """A variable gives a variable, a list a list, a tuple a tuple; a shared variable's gradient drives an update."""
    w = irtk.shared(np.array([1.0, -2.0]), name="w")
    x = T.dvector("x")
    cost = T.sum(T.sqr(T.dot(x, w) - 1.0))
    assert not isinstance(grad(cost, w), (list, tuple))
    assert isinstance(grad(cost, [w]), list) and isinstance(grad(cost, (w, x)), tuple)
    step = irtk.function([x], cost, updates=[(w, w - 0.1 * grad(cost, w))], mode=mode)
    xs = np.array([0.5, 0.25])
    before = step(xs)
    residual = xs @ np.array([1.0, -2.0]) - 1.0
    np.testing.assert_allclose(w.get_value(), np.array([1.0, -2.0]) - 0.1 * 2 * residual * xs, rtol=1e-15)
    assert before == pytest.approx(residual**2, rel=1e-15)
    with pytest.raises(TypeError, match=r"wrt\[1\] must be a symbolic variable"):
        grad(cost, [w, 3.0])
