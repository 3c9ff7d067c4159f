"""Theano's math names in the frontend, in both modes, against numpy (float64 oracles)."""

from __future__ import annotations

import numpy as np
import pytest

import irtk as theano
from irtk import tensor as T
from conftest import MODES

rng = np.random.default_rng(7)


def run(inputs, outputs, args, mode):
    return theano.function(inputs, outputs, mode=mode)(*args)


@pytest.mark.parametrize("mode", MODES)
def test_operators_and_derived_functions(mode: str) -> None:
    x, y = T.dmatrices("x", "y")
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)) + 3.0
    outputs = [x ** 2, 2 - x, x // y, x % y, -x, abs(x), x < y, x >= 0.5, T.tanh(x), T.switch(x > 0, x, y),
               T.maximum(x, y), T.arctan2(x, y), T.sgn(x), T.nnet.sigmoid(x), T.nnet.softplus(x)]
    got = run([x, y], outputs, [a, b], mode)
    want = [a ** 2, 2 - a, np.floor_divide(a, b), np.mod(a, b), -a, np.abs(a), a < b, a >= 0.5, np.tanh(a),
            np.where(a > 0, a, b), np.maximum(a, b), np.arctan2(a, b), np.sign(a), 1 / (1 + np.exp(-a)),
            np.log1p(np.exp(a))]
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_reductions_with_axes_and_keepdims(mode: str) -> None:
    x = T.dtensor3("x")
    a = rng.normal(size=(2, 3, 4))
    outputs = [x.sum(axis=-1), x.mean(axis=(0, 2), keepdims=True), x.max(axis=1), T.argmax(x, axis=1),
               x.var(axis=0), x.std(), T.prod(x, axis=2), T.min(x, axis=None), T.argmin(x, axis=-1, keepdims=True),
               T.logsumexp(x, axis=1), T.all(x > -10), T.any(x > 10, axis=0)]
    got = run([x], outputs, [a], mode)
    lse = np.log(np.exp(a).sum(axis=1))
    want = [a.sum(-1), a.mean(axis=(0, 2), keepdims=True), a.max(1), a.argmax(1), a.var(0), a.std(), a.prod(2),
            a.min(), a.argmin(-1)[..., None], lse, np.all(a > -10), np.any(a > 10, axis=0)]
    for g, w in zip(got, want):
        assert np.shape(g) == np.shape(w)
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_max_and_argmax_and_integer_mean(mode: str) -> None:
    x = T.imatrix("x")
    a = rng.integers(-5, 5, size=(4, 3)).astype("int32")
    m, i = T.max_and_argmax(x, axis=0)
    got = run([x], [m, i, x.mean(), x.mean(axis=1).dtype == "float64"], [a], mode)
    np.testing.assert_array_equal(got[0], a.max(0))
    np.testing.assert_array_equal(got[1], a.argmax(0))
    np.testing.assert_allclose(got[2], a.mean())


@pytest.mark.parametrize("mode", MODES)
def test_softmax_crossentropy_and_its_gradient(mode: str) -> None:
    x, labels = T.dmatrix("x"), T.ivector("labels")
    a, lab = rng.normal(size=(5, 3)), rng.integers(0, 3, size=5).astype("int32")
    p = T.nnet.softmax(x)
    cost = T.nnet.categorical_crossentropy(p, labels).mean()
    got_p, got_lp, got_cost, got_g = run([x, labels], [p, T.nnet.logsoftmax(x), cost, T.grad(cost, x)], [a, lab], mode)
    e = np.exp(a - a.max(1, keepdims=True))
    want_p = e / e.sum(1, keepdims=True)
    onehot = np.eye(3)[lab]
    np.testing.assert_allclose(got_p, want_p, rtol=1e-12)
    np.testing.assert_allclose(got_lp, np.log(want_p), rtol=1e-12)
    np.testing.assert_allclose(got_cost, -np.log(want_p[np.arange(5), lab]).mean(), rtol=1e-12)
    np.testing.assert_allclose(got_g, (want_p - onehot) / 5, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_clip_round_isclose_and_likes(mode: str) -> None:
    x = T.dvector("x")
    a = np.array([-2.5, -0.5, 0.5, 1.5, 2.5, np.nan])
    got = run([x], [T.clip(x, -1, 1), T.round(x), T.round(x, "half_to_even"), T.iround(x),
                    T.isclose(x, x + 1e-9), T.zeros_like(x), T.ones_like(x, dtype="int32")], [a], mode)
    np.testing.assert_array_equal(got[0], np.clip(a, -1, 1))
    np.testing.assert_array_equal(got[1], np.sign(a) * np.floor(np.abs(a) + 0.5))
    np.testing.assert_array_equal(got[2], np.round(a))
    np.testing.assert_array_equal(got[4], np.isclose(a, a + 1e-9))
    np.testing.assert_array_equal(got[5], np.zeros(6))
    assert got[6].dtype == np.int32 and (got[6] == 1).all()


def test_bad_dtypes_and_axes_are_type_and_value_errors() -> None:
    x, b = T.dvector("x"), T.bvector("b")
    with pytest.raises(TypeError, match="irtk.and"):
        x & x
    with pytest.raises(TypeError, match="bool"):
        -(b > 0)
    with pytest.raises(ValueError, match="axis 3"):
        x.sum(axis=3)
