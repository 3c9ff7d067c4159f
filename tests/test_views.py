"""Basic slicing and reshape as views (`irtk.subtensor` → `tensor.extract_slice` → `memref.subview`; reshape →
collapse/expand), against numpy in both modes: negative, symbolic, out-of-range and omitted bounds, negative steps,
empty slices, static shapes, non-contiguous inputs, views of views, views returned and fed to every kind of
consumer; in-place updates never changing a value still read; gradients against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T

KEYS = [
    np.s_[1:4, ::-2, 2],
    np.s_[-1, :, ::3],
    np.s_[::-1],
    np.s_[2:2],
    np.s_[..., 1],
    np.s_[None, 1:, None, -2:],
    np.s_[4, 5, 3],
    np.s_[:, 7:],
    np.s_[-100:100:2, 1],
    np.s_[3:0:-1, -1:-7:-2, ::2],
]


@pytest.mark.parametrize("mode", MODES)
def test_constant_keys_like_numpy(mode: str) -> None:
    x = T.dtensor3("x")
    f = irtk.function([x], [x[k] for k in KEYS] + [x[k].sum() * 2 for k in KEYS], mode=mode)
    data = np.random.default_rng(0).standard_normal((5, 6, 4))
    got = f(data)
    for k, g, want in zip(KEYS * 2, got, [data[k] for k in KEYS] + [data[k].sum() * 2 for k in KEYS]):
        assert np.shape(g) == np.shape(want), k
        np.testing.assert_allclose(g, want, rtol=1e-14, err_msg=str(k))


@pytest.mark.parametrize("mode", MODES)
def test_static_shapes_fold_the_slice(mode: str) -> None:
    """A shared variable's shape is static: the counts are known when the program is written."""
    data = np.arange(24.0).reshape(4, 6)
    w = irtk.shared(data, name="w")
    views = [w[1:3], w[:, ::-2], w[-1], w[::2, 1:5:3]]
    assert [v.type.shape for v in views][:1] == [(2, 6)] or views[0].type.shape == (None, None)
    f = irtk.function([], [v * 1.0 for v in views], mode=mode)
    for g, want in zip(f(), [data[1:3], data[:, ::-2], data[-1], data[::2, 1:5:3]]):
        np.testing.assert_array_equal(g, want)


@pytest.mark.parametrize("mode", MODES)
def test_symbolic_bounds_and_steps(mode: str) -> None:
    x = T.dtensor3("x")
    i, j, s = T.lscalars("i", "j", "s")
    f = irtk.function([x, i, j, s], [x[i:j:s], x[i:j:s, 1].sum(), x[:, j:i:-s][1:], x[i:], x[:j, ::s]], mode=mode)
    data = np.random.default_rng(1).standard_normal((5, 6, 4))
    for ii, jj, ss in [(0, 5, 1), (4, 0, -1), (-1, -6, -2), (1, 100, 2), (3, 1, 1), (-100, 3, 3), (2, 2, 5)]:
        got = f(data, ii, jj, ss)
        want = [data[ii:jj:ss], data[ii:jj:ss, 1].sum(), data[:, jj:ii:-ss][1:], data[ii:], data[:jj, ::ss]]
        for g, w in zip(got, want):
            assert np.shape(g) == np.shape(w), (ii, jj, ss)
            np.testing.assert_allclose(g, w, rtol=1e-14)


@pytest.mark.parametrize("mode", MODES)
def test_bad_step_and_index_fail_the_call(mode: str) -> None:
    x = T.dmatrix("x")
    i, s = T.lscalar("i"), T.lscalar("s")
    f = irtk.function([x, i, s], [x[::s], x[i]], mode=mode)
    data = np.ones((3, 4))
    with pytest.raises(ValueError, match="irtk.subtensor: a slice's step cannot be zero"):
        f(data, 0, 0)
    for bad in (3, -4):
        with pytest.raises(IndexError, match="irtk.subtensor: index is out of bounds for dimension 0"):
            f(data, bad, 1)
    np.testing.assert_array_equal(f(data, -3, -1)[1], data[-3])
    with pytest.raises(ValueError, match="step cannot be zero"):
        x[::0]


@pytest.mark.parametrize("mode", MODES)
def test_non_contiguous_inputs_and_views_of_views(mode: str) -> None:
    x = T.dmatrix("x")
    f = irtk.function([x], [x[1:][::2, 1:], x[::-1][1:, ::-1][0], x.T[1:3], (x[:, 1:] + x[:, :-1])[::2]], mode=mode)
    base = np.arange(70.0).reshape(7, 10)
    for data in (base, base[::2, 1::3], base.T[::-1]):
        got = f(data)
        want = [data[1:][::2, 1:], data[::-1][1:, ::-1][0], data.T[1:3], (data[:, 1:] + data[:, :-1])[::2]]
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g, w)
            assert g.flags.c_contiguous and g.flags.owndata or g.base is None or not np.shares_memory(g, data)


@pytest.mark.parametrize("mode", MODES)
def test_views_feed_every_kind_of_consumer(mode: str) -> None:
    x, v = T.dmatrix("x"), T.dvector("v")
    y = x[1:, ::2]
    outs = [T.dot(y, v[::2][: y.shape[1]]), T.cumsum(y, axis=0), y.max(axis=1), T.inc_subtensor(y[0], 1.0), y.reshape((-1,))]
    f = irtk.function([x, v], outs, mode=mode)
    data, vec = np.arange(20.0).reshape(4, 5), np.arange(6.0)
    yd = data[1:, ::2]
    want = [yd @ vec[::2][: yd.shape[1]], np.cumsum(yd, axis=0), yd.max(axis=1), None, yd.reshape(-1)]
    inc = yd.copy()
    inc[0] += 1.0
    want[3] = inc
    for g, w in zip(f(data, vec), want):
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("mode", MODES)
def test_reshapes_like_numpy(mode: str) -> None:
    x, n = T.dmatrix("x"), T.lscalar("n")
    outs = [
        x.reshape((2, -1)),
        x.reshape((n, 3, 2)),
        x.flatten(),
        x[:, ::2].reshape((-1,)),  # a strided view: copied, then reshaped
        (x * 2).reshape((4, 3)).sum(0),
        x.reshape((12,))[3:].reshape((3, 3)),
        x.reshape((1, 12, 1)),
        x.reshape((6, 2)).T,
    ]
    f = irtk.function([x, n], outs, mode=mode)
    data = np.arange(12.0).reshape(3, 4)
    want = [
        data.reshape(2, -1), data.reshape(2, 3, 2), data.flatten(), data[:, ::2].reshape(-1),
        (data * 2).reshape(4, 3).sum(0), data.reshape(12)[3:].reshape(3, 3), data.reshape(1, 12, 1), data.reshape(6, 2).T,
    ]
    got = f(data, 2)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    with pytest.raises(ValueError, match="irtk.reshape: the new shape does not have the operand's number of elements"):
        f(data, 3)


@pytest.mark.parametrize("mode", MODES)
def test_in_place_updates_keep_values_still_read(mode: str) -> None:
    """inc/set_subtensor update in place only when no one reads the old value later; an input is never written."""
    x, i = T.dvector("x"), T.lvector("i")
    t = T.exp(x)
    fresh = T.inc_subtensor(t[i], 1.0)  # t is read again below: the update must work on a copy
    later = t[1:].sum()
    again = T.set_subtensor(x[::2], 0.0)  # x is an input: never written
    f = irtk.function([x, i], [fresh, later, again, x * 1.0], mode=mode)
    data, idx = np.array([0.0, 1.0, 2.0, 3.0]), np.array([0, 2, 0])
    kept = data.copy()
    got = f(data, idx)
    want_fresh = np.exp(data)
    np.add.at(want_fresh, idx, 1.0)
    np.testing.assert_allclose(got[0], want_fresh, rtol=1e-15)
    np.testing.assert_allclose(got[1], np.exp(data)[1:].sum(), rtol=1e-15)
    np.testing.assert_array_equal(got[2], np.where(np.arange(4) % 2 == 0, 0.0, data))
    np.testing.assert_array_equal(got[3], data)
    np.testing.assert_array_equal(data, kept)


@pytest.mark.parametrize("mode", MODES)
def test_gradients_of_slices_match_finite_differences(mode: str) -> None:
    x = T.dmatrix("x")
    i = T.lscalar("i")
    cost = (x[1:, ::-2] ** 2).sum() + (T.sin(x[i]) * x[-1]).sum() + x[None, ::2, 1:2].sum() * 3 + x.reshape((-1,))[::3].sum()
    f = irtk.function([x, i], [cost, irtk.grad(cost, x)], mode=mode)
    data = np.random.default_rng(2).standard_normal((4, 5))
    value, grad = f(data, 1)
    np.testing.assert_allclose(grad, numeric_gradient(lambda a: float(f(a, 1)[0]), data), rtol=1e-6, atol=1e-8)
    x2 = T.dmatrix("x2")
    set_cost = (T.set_subtensor(x2[1:3, ::2], x2[:2, 4::-2] * 2) ** 2).sum()
    g = irtk.function([x2], [set_cost, irtk.grad(set_cost, x2)], mode=mode)
    np.testing.assert_allclose(g(data)[1], numeric_gradient(lambda a: float(g(a)[0]), data), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("mode", MODES)
def test_shape_is_a_vector_that_knows_its_sizes(mode: str) -> None:
    """Theano's `x.shape` is an int64 vector: arithmetic and indexing on it are vector ops, and it serves as a shape
    (`zeros(x.shape)`, `reshape(x.shape[::-1])`) and as a sequence of sizes (`n, m = x.shape`)."""
    x = T.dmatrix("x")
    s = x.shape
    assert s.ndim == 1 and s.dtype == "int64" and len(s) == 2
    n, m = s
    w = irtk.shared(np.zeros((4, 5)), name="w")
    outs = [s, s + 1, T.prod(s), s[::-1], x.reshape(s[::-1]), T.zeros(x.shape), x.reshape((x.shape[0], -1)), n * m,
            x.shape[-1], T.ones(s[1:]), w.shape * 2, T.arange(x.shape[1])]
    f = irtk.function([x], outs, mode=mode)
    data = np.arange(6.0).reshape(2, 3)
    want = [np.array([2, 3]), np.array([3, 4]), 6, np.array([3, 2]), data.reshape(3, 2), np.zeros((2, 3)),
            data, 6, 3, np.ones(3), np.array([8, 10]), np.arange(3)]
    for g, wv in zip(f(data), want):
        np.testing.assert_array_equal(g, wv)
    assert f(data)[0].dtype == np.int64
    with pytest.raises(IndexError, match="out of range"):
        x.shape[2]
