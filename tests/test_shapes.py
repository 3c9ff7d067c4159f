"""Shape changes against numpy in both modes: reshape (-1, symbolic sizes, 0-d, size 0), flatten, the dimshuffle
family (shape_padleft/right, swapaxes, squeeze, patternbroadcast), concatenate/join/stack; gradients against finite
differences; sizes that do not fit are clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T


@pytest.mark.parametrize("mode", MODES)
def test_reshape_and_flatten_like_numpy(mode: str) -> None:
    x, n = T.dtensor3("x"), T.lscalar("n")
    outs = [x.reshape((4, -1)), x.reshape(24), x.flatten(), T.flatten(x, 2), x.reshape((n, -1)), x.reshape((n, 2, -1)),
            x.reshape((2, 3, 2, 2)).T, x.size, T.reshape(x, (x.shape[2], x.shape[0] * x.shape[1]))]
    f = irtk.function([x, n], outs, mode=mode)
    data = np.arange(24.0).reshape(2, 3, 4)
    got = f(data, 3)
    want = [data.reshape(4, -1), data.reshape(24), data.flatten(), data.reshape(2, -1), data.reshape(3, -1),
            data.reshape(3, 2, -1), data.reshape(2, 3, 2, 2).T, 24, data.reshape(4, 6)]
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    transposed = np.ascontiguousarray(data.transpose(1, 0, 2)).transpose(1, 0, 2)  # a non-contiguous argument
    np.testing.assert_array_equal(f(transposed, 3)[0], transposed.reshape(4, -1))
    with pytest.raises(ValueError, match="number of elements"):
        f(data, 5)
    scalar, empty = T.dvector("s"), T.dmatrix("e")
    g = irtk.function([scalar, empty], [scalar.reshape(()), empty.reshape((-1, 3))], mode=mode)
    a, b = g(np.array([7.0]), np.zeros((0, 6)))
    assert a.shape == () and a == 7.0 and b.shape == (0, 3)


def test_static_sizes_that_do_not_fit_are_type_errors() -> None:
    c = T.constant(np.zeros((2, 3)))
    with pytest.raises(TypeError, match="cannot reshape 6"):
        c.reshape((4, 2))
    with pytest.raises(ValueError, match="only one size"):
        T.dmatrix().reshape((-1, -1))


@pytest.mark.parametrize("mode", MODES)
def test_dimshuffle_family(mode: str) -> None:
    x = T.dmatrix("x")
    row = T.drow("row")
    outs = [T.shape_padleft(x), T.shape_padright(x, 2), T.swapaxes(x, 0, 1), T.squeeze(row), T.addbroadcast(x, 0),
            T.unbroadcast(row, 0)]
    assert outs[4].broadcastable == (True, False) and outs[5].broadcastable == (False, False)
    f = irtk.function([x, row], outs, mode=mode)
    data, r = np.arange(3.0).reshape(1, 3), np.arange(4.0).reshape(1, 4)
    want = [data[None], data[..., None, None], data.T, r[0], data, r]
    for g, w in zip(f(data, r), want):
        np.testing.assert_array_equal(g, w)
    with pytest.raises(ValueError, match="number of elements"):
        f(np.zeros((2, 3)), r)  # addbroadcast of a dimension of size 2


@pytest.mark.parametrize("mode", MODES)
def test_concatenate_join_stack(mode: str) -> None:
    a, b, c = T.dmatrix("a"), T.dmatrix("b"), T.fmatrix("c")
    s1, s2 = T.dscalar("s1"), T.dscalar("s2")
    outs = [T.concatenate([a, b]), T.concatenate([a, c], axis=1), T.concatenate([a, c], axis=-1), T.stack([a, c]),
            T.stack(a, c, axis=2), T.as_tensor_variable([s1, s2]), T.join(0, a, b, a)]
    f = irtk.function([a, b, c, s1, s2], outs, mode=mode)
    A, B, C = np.arange(6.0).reshape(2, 3), np.arange(9.0).reshape(3, 3) + 10, np.ones((2, 3), np.float32)
    want = [np.concatenate([A, B]), np.concatenate([A, C], axis=1), np.concatenate([A, C], axis=-1), np.stack([A, C]),
            np.stack([A, C], axis=2), np.array([1.5, 2.5]), np.concatenate([A, B, A])]
    for g, w in zip(f(A, B, C, 1.5, 2.5), want):
        assert g.shape == w.shape and g.dtype == w.dtype
        np.testing.assert_array_equal(g, w)
    with pytest.raises(ValueError):
        f(A, np.zeros((3, 4)), C, 1.0, 2.0)  # the other sizes must agree
    empty = f(np.zeros((0, 3)), B, np.zeros((0, 3), np.float32), 1.0, 2.0)
    np.testing.assert_array_equal(empty[0], B)


@pytest.mark.parametrize("mode", MODES)
def test_gradients(mode: str) -> None:
    a, b, r = T.dmatrix("a"), T.dmatrix("b"), T.dmatrix("r")
    cost = T.sum(T.concatenate([T.sqr(a), b * a], axis=1).reshape((-1, 2)) * r)
    ga, gb = irtk.grad(cost, [a, b])
    f = irtk.function([a, b, r], [cost, ga, gb], mode=mode)
    rng = np.random.default_rng(3)
    A, B, R = rng.standard_normal((2, 3)), rng.standard_normal((2, 3)), rng.standard_normal((6, 2))
    _, got_a, got_b = f(A, B, R)
    np.testing.assert_allclose(got_a, numeric_gradient(lambda d: float(f(d, B, R)[0]), A), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(got_b, numeric_gradient(lambda d: float(f(A, d, R)[0]), B), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_flip_roll_repeat_tile_split_transpose(mode: str) -> None:
    x, k, v = T.dmatrix("x"), T.lscalar("k"), T.dvector("v")
    outs = [T.flip(x, 0), T.flip(x), T.roll(x, 1, 1), T.roll(x, -5, 0), T.roll(x, k, 1), T.roll(x, 2), T.repeat(x, 2, 0),
            T.repeat(x, k, 1), T.repeat(x, 2), T.tile(x, (2, 3)), T.tile(v, (2, 2)), *T.split(v, [1, 2, 1], 3),
            T.transpose(T.shape_padleft(x), (1, 2, 0))]
    f = irtk.function([x, k, v], outs, mode=mode)
    d, vv = np.arange(12.0).reshape(3, 4), np.arange(4.0)
    want = [np.flip(d, 0), np.flip(d), np.roll(d, 1, 1), np.roll(d, -5, 0), np.roll(d, 3, 1), np.roll(d, 2), np.repeat(d, 2, 0),
            np.repeat(d, 3, 1), np.repeat(d, 2), np.tile(d, (2, 3)), np.tile(vv, (2, 2)), vv[:1], vv[1:3], vv[3:],
            np.transpose(d[None], (1, 2, 0))]
    for g, w in zip(f(d, 3, vv), want):
        assert g.shape == w.shape
        np.testing.assert_array_equal(g, w)
    empty = f(np.zeros((0, 4)), 2, vv)
    assert empty[3].shape == (0, 4) and empty[6].shape == (0, 4)  # roll and repeat of an empty axis


@pytest.mark.parametrize("mode", MODES)
def test_gradients_of_movements(mode: str) -> None:
    x, r = T.dmatrix("x"), T.dmatrix("r")
    moved = T.concatenate([T.roll(x, 1, 0), T.flip(x, 1)], axis=1)
    cost = T.sum(T.tile(moved, (1, 2)) * r) + T.sum(T.sqr(T.repeat(x, 2, 1)))
    f = irtk.function([x, r], [cost, irtk.grad(cost, x)], mode=mode)
    rng = np.random.default_rng(5)
    X, R = rng.standard_normal((3, 2)), rng.standard_normal((3, 8))
    np.testing.assert_allclose(f(X, R)[1], numeric_gradient(lambda d: float(f(d, R)[0]), X), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_repeat_with_a_vector_of_counts(mode: str) -> None:
    """One count per element (data-dependent result sizes), zeros among them; a list, a one-element list (every
    element alike), a method; a count vector of the wrong length or with a negative count fails the call."""
    x, r, ri = T.dmatrix("x"), T.lvector("r"), T.ivector("ri")
    outs = [T.repeat(x, r, 1), T.repeat(x, ri, 0), T.repeat(x, [1, 0, 2], 0), T.repeat(x, [2], 1), x.repeat(ri, axis=0),
            T.repeat(x[0], r)]
    f = irtk.function([x, r, ri], outs, mode=mode)
    d = np.arange(12.0).reshape(3, 4)
    ri_v = np.array([3, 0, 1], dtype=np.int32)
    for rv in ([2, 0, 3, 1], [0, 0, 0, 0], [1, 1, 1, 5]):
        rv = np.array(rv)
        want = [np.repeat(d, rv, 1), np.repeat(d, ri_v, 0), np.repeat(d, [1, 0, 2], 0), np.repeat(d, [2], 1), d.repeat(ri_v, axis=0),
                np.repeat(d[0], rv)]
        for g, w in zip(f(d, rv, ri_v), want):
            assert g.shape == w.shape
            np.testing.assert_array_equal(g, w)
    with pytest.raises(ValueError, match="size mismatch"):
        f(d, np.array([1, 2]), ri_v)
    with pytest.raises(ValueError, match="negative"):
        f(d, np.array([1, -1, 1, 1]), ri_v)
    with pytest.raises(ValueError, match="negative"):
        T.repeat(x, [1, -1, 2], 0)
    with pytest.raises(TypeError, match="repeats"):
        T.repeat(x, T.dvector("f"), 0)
    with pytest.raises(TypeError, match="repeats"):
        T.repeat(x, [[1]], 0)


@pytest.mark.parametrize("mode", MODES)
def test_gradient_of_repeat_with_counts(mode: str) -> None:
    x, w, r = T.dmatrix("x"), T.dmatrix("w"), T.lvector("r")
    cost = T.sum(T.repeat(x, r, 1) * w) + T.sum(T.sqr(T.repeat(x, [2, 0, 1], 0)))
    f = irtk.function([x, w, r], [cost, irtk.grad(cost, x)], mode=mode)
    rng = np.random.default_rng(7)
    X, R = rng.standard_normal((3, 3)), np.array([1, 3, 0])
    W = rng.standard_normal((3, int(R.sum())))
    np.testing.assert_allclose(f(X, W, R)[1], numeric_gradient(lambda d: float(f(d, W, R)[0]), X), rtol=1e-7, atol=1e-9)
