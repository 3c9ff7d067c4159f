"""Advanced (integer-array) indexing against numpy in both modes: gathers `x[i, j]`, `inc_subtensor` (repeated
indices accumulate, in order) and `set_subtensor` (the last repeated index wins), negative indices, broadcast index
arrays, out-of-bounds indices (a failed call), `x.shape`, gradients against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T


@pytest.mark.parametrize("mode", MODES)
def test_gathers_like_numpy(mode: str) -> None:
    x3 = T.dtensor3("x3")
    i, j = T.lvector("i"), T.ivector("j")
    col = T.TensorType("int64", (False, True))("col")
    outs = [x3[i], x3[i, j], x3[col, j], x3[i, j, i], x3[[0, -1]], x3[-1]]
    f = irtk.function([x3, i, j, col], outs, mode=mode)
    data = np.arange(60.0).reshape(3, 4, 5)
    iv, jv, cv = np.array([0, 2, -1, 1]), np.array([3, 0, 1, -4], dtype=np.int32), np.array([[1], [0]])
    got = f(data, iv, jv, cv)
    want = [data[iv], data[iv, jv], data[cv, jv], data[iv, jv, iv], data[[0, -1]], data[-1]]
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    empty = f(data, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros((0, 1), dtype=np.int64))
    assert empty[1].shape == (0, 5)


@pytest.mark.parametrize("mode", MODES)
def test_inc_and_set_subtensor_like_numpy(mode: str) -> None:
    x, y = T.dmatrix("x"), T.dvector("y")
    i, j = T.lvector("i"), T.lvector("j")
    outs = [T.inc_subtensor(x[i, j], y), T.set_subtensor(x[i, j], y), T.inc_subtensor(x[i], 1.5), T.set_subtensor(x[i], y[:1] if False else y[0] * 0 + 7.0)]
    f = irtk.function([x, y, i, j], outs, mode=mode)
    data = np.arange(12.0).reshape(3, 4)
    iv, jv, yv = np.array([0, 2, 0, -1]), np.array([1, 3, 1, 3]), np.array([0.5, 1.0, 2.0, 4.0])
    inc, sets, rows, seven = f(data, yv, iv, jv)
    expected_inc = data.copy()
    np.add.at(expected_inc, (iv, jv), yv)  # (0, 1) twice, (2, 3) twice: accumulated
    np.testing.assert_array_equal(inc, expected_inc)
    expected_set = data.copy()
    for k in range(4):  # in order: the last write wins
        expected_set[iv[k], jv[k]] = yv[k]
    np.testing.assert_array_equal(sets, expected_set)
    expected_rows = data.copy()
    np.add.at(expected_rows, iv, 1.5)
    np.testing.assert_array_equal(rows, expected_rows)
    expected_seven = data.copy()
    expected_seven[iv] = 7.0
    np.testing.assert_array_equal(seven, expected_seven)
    np.testing.assert_array_equal(data, np.arange(12.0).reshape(3, 4))  # the argument is not written


@pytest.mark.parametrize("mode", MODES)
def test_out_of_bounds_indices_fail_the_call(mode: str) -> None:
    x, i = T.dmatrix("x"), T.lvector("i")
    with pytest.raises(IndexError, match="out of bounds"):
        irtk.function([x], x[5], mode=mode)(np.zeros((3, 2)))
    gather = irtk.function([x, i], x[i], mode=mode)
    inc = irtk.function([x, i], T.inc_subtensor(x[i], 1.0), mode=mode)
    data = np.zeros((3, 2))
    for f in (gather, inc):  # an IndexError, as numpy raises (and a ValueError, as every failed check), naming the op
        with pytest.raises(IndexError, match=r"irtk\.advanced_(inc_)?subtensor: index #0 is out of bounds .*test_indexing\.py"):
            f(data, np.array([0, 3]))
        with pytest.raises(ValueError, match="out of bounds"):
            f(data, np.array([-4]))
    np.testing.assert_array_equal(gather(data, np.array([-3, 2])), data[[-3, 2]])


@pytest.mark.parametrize("mode", MODES)
def test_shape_gives_symbolic_sizes(mode: str) -> None:
    x = T.dtensor3("x")
    n, m, k = x.shape
    f = irtk.function([x], [n, m * k, T.zeros(x.shape) + x, T.arange(x.shape[1])], mode=mode)
    data = np.ones((2, 3, 4))
    a, b, z, r = f(data)
    assert a == 2 and b == 12 and z.shape == (2, 3, 4) and r.tolist() == [0, 1, 2]


@pytest.mark.parametrize("mode", MODES)
def test_gradients_match_finite_differences(mode: str) -> None:
    x, y, r = T.dmatrix("x"), T.dvector("y"), T.dmatrix("r")
    i, j = T.lvector("i"), T.lvector("j")
    gathered = T.sum(T.sqr(x[i, j]))  # repeated indices: their gradients add up
    incremented = T.sum(T.inc_subtensor(x[i, j], T.sqr(y)) * r)
    overwritten = T.sum(T.set_subtensor(x[i, j], T.sqr(y)) * r)
    iv, jv = np.array([0, 2, 0, 1]), np.array([1, 3, 1, 0])
    rng = np.random.default_rng(4)
    xv, yv, rv = rng.standard_normal((3, 4)), rng.standard_normal(4), rng.standard_normal((3, 4))
    for cost, wrt in ((gathered, [x]), (incremented, [x, y]), (overwritten, [x, y])):
        grads = irtk.grad(cost, wrt)
        f = irtk.function([x, y, r, i, j], [cost, *grads], mode=mode, on_unused_input="ignore")
        values = f(xv, yv, rv, iv, jv)
        np.testing.assert_allclose(values[1], numeric_gradient(lambda d: float(f(d, yv, rv, iv, jv)[0]), xv), rtol=1e-7, atol=1e-9)
        if len(wrt) == 2:
            np.testing.assert_allclose(values[2], numeric_gradient(lambda d: float(f(xv, d, rv, iv, jv)[0]), yv), rtol=1e-7, atol=1e-9)


def test_unsupported_keys_are_clear_errors() -> None:
    x = T.dmatrix("x")
    with pytest.raises(TypeError, match="integer"):
        x[T.dvector()]
    with pytest.raises(IndexError, match="3 indices"):
        x[[0], [0], [0]]
    with pytest.raises(TypeError, match="indexed tensor"):
        T.inc_subtensor(x, 1.0)


BASIC_KEYS = [np.s_[1], np.s_[-1], np.s_[1:], np.s_[::-1], np.s_[:, 2], np.s_[..., 1], np.s_[1, :, ::2], np.s_[None, 0],
              np.s_[0, None, 1:3], np.s_[-10:10:3], np.s_[2:0:-1, -1, -2], np.s_[:, :, 4:1:-2], np.s_[5:], np.s_[:, None, :, None],
              np.s_[1:1], np.s_[:], np.s_[..., None]]


@pytest.mark.parametrize("mode", MODES)
def test_basic_indexing_like_numpy(mode: str) -> None:
    """Integers, slices (negative, out-of-range and omitted bounds, negative steps, empty results), None, ...;
    bounds may be symbolic, as in a minibatch `X[i * bs:(i + 1) * bs]`."""
    x, i, bs = T.dtensor3("x"), T.lscalar("i"), T.lscalar("bs")
    f = irtk.function([x, i, bs], [x[k] for k in BASIC_KEYS] + [x[i * bs:(i + 1) * bs], x[i], x[-i:, i::-1]], mode=mode)
    data = np.arange(60.0).reshape(3, 4, 5)
    got = f(data, 1, 2)
    want = [data[k] for k in BASIC_KEYS] + [data[2:4], data[1], data[-1:, 1::-1]]
    for key, g, w in zip([*BASIC_KEYS, "minibatch", "x[i]", "x[-i:, i::-1]"], got, want):
        assert g.shape == w.shape, f"{key}: shape {g.shape}, numpy {w.shape}"
        np.testing.assert_array_equal(g, w, err_msg=str(key))
    transposed = np.asfortranarray(data)[:, ::-1]  # a non-contiguous argument
    np.testing.assert_array_equal(f(transposed, 0, 1)[6], transposed[1, :, ::2])


@pytest.mark.parametrize("mode", MODES)
def test_basic_set_inc_and_gradient(mode: str) -> None:
    x, y = T.dmatrix("x"), T.dvector("y")
    outs = [T.set_subtensor(x[1, 1:3], y), T.inc_subtensor(x[:, -1], 1.0), T.grad(T.sum(T.sqr(x[::2, 1:])), x)]
    f = irtk.function([x, y], outs, mode=mode)
    data = np.arange(12.0).reshape(3, 4)
    a, b, g = f(data, np.array([7.0, 8.0]))
    e = data.copy()
    e[1, 1:3] = [7.0, 8.0]
    np.testing.assert_array_equal(a, e)
    e = data.copy()
    e[:, -1] += 1.0
    np.testing.assert_array_equal(b, e)
    e = np.zeros_like(data)
    e[::2, 1:] = 2 * data[::2, 1:]
    np.testing.assert_array_equal(g, e)


def test_bad_basic_keys() -> None:
    x = T.dmatrix("x")
    with pytest.raises(IndexError, match="too many"):
        x[0, 0, 0]
    with pytest.raises(ValueError, match="step"):
        x[::0]
    with pytest.raises(IndexError, match="ellipsis"):
        x[..., ...]
    with pytest.raises(TypeError, match="integer scalar"):
        x[T.dscalar():]


@pytest.mark.parametrize("mode", MODES)
def test_shape_tuple_works_where_theano_uses_the_shape_vector(mode: str) -> None:
    x = T.dtensor3("x")
    f = irtk.function([x], [T.prod(x.shape), T.zeros(x.shape).shape[1], T.as_tensor_variable(x.shape)], mode=mode)
    total, second, vector = f(np.ones((2, 3, 4)))
    assert total == 24 and second == 3 and vector.tolist() == [2, 3, 4]


MIXED_KEYS = [np.s_[[0, 1], None, [0, 1]], np.s_[:, [0, 1], None], np.s_[[0, 1], :, None], np.s_[None, [0, 1], 0],
              np.s_[0, None, [1, 2]], np.s_[..., [1, 2]], np.s_[[1], ..., 0], np.s_[1:, [0, -1]], np.s_[:, [[0], [1]], 1:4:2],
              np.s_[[0, 2], :, [1, 3]], np.s_[::-1, 2, [0, 0, 4]], np.s_[0, :, [4, 3]], np.s_[:, 1, [[0, 1]], None],
              np.s_[[[0]], 1:, [[1, 2]]], np.s_[2:0:-1, [0, 0], :], np.s_[:0, [1]]]


@pytest.mark.parametrize("mode", MODES)
def test_mixed_keys_like_numpy(mode: str) -> None:
    """Slices, ints, None and ... with integer arrays: adjacent advanced entries keep their place, separated ones
    (by a slice or a None) put their dimensions first; ints count as advanced entries."""
    x, i, j = T.dtensor3("x"), T.lvector("i"), T.lscalar("j")
    f = irtk.function([x, i, j], [x[k] for k in MIXED_KEYS] + [x[i, 1:], x[:, i], x[j, :, i], x[1:, j, i]], mode=mode)
    data = np.arange(60.0).reshape(3, 4, 5)
    iv = np.array([2, -1, 0])
    want = [data[k] for k in MIXED_KEYS] + [data[iv, 1:], data[:, iv], data[1, :, iv], data[1:, 1, iv]]
    for n, (g, w) in enumerate(zip(f(data, iv, 1), want)):
        assert g.shape == w.shape, f"{n}: shape {g.shape}, numpy {w.shape}"
        np.testing.assert_array_equal(g, w, err_msg=str(n))
    with pytest.raises(IndexError, match="out of bounds"):
        f(data, np.array([0, 5]), 1)


@pytest.mark.parametrize("mode", MODES)
def test_mixed_keys_set_inc_and_gradient(mode: str) -> None:
    x, y, r = T.dtensor3("x"), T.dmatrix("y"), T.dtensor3("r")
    key = np.s_[1:, [0, 2, 0], None, ::2]
    outs = [T.set_subtensor(x[key], 7.0), T.inc_subtensor(x[0, :, [1, 1]], y),
            T.set_subtensor(x[[0, 1], :, [4, 0]], 1.0)]
    cost = T.sum(T.sqr(x[key])) + T.sum(T.inc_subtensor(x[0, :, [1, 1]], y) * r)
    f = irtk.function([x, y, r], outs + [cost, irtk.grad(cost, x), irtk.grad(cost, y)], mode=mode)
    rng = np.random.default_rng(6)
    X, Y, R = rng.standard_normal((3, 4, 5)), rng.standard_normal((2, 4)), rng.standard_normal((3, 4, 5))
    a, b, c, _, gx, gy = f(X, Y, R)
    e = X.copy(); e[1:, [0, 2, 0], ::2] = 7.0
    np.testing.assert_array_equal(a, e)
    e = X.copy(); np.add.at(e, (0, slice(None), [1, 1]), Y)
    np.testing.assert_array_equal(b, e)
    e = X.copy(); e[[0, 1], :, [4, 0]] = 1.0
    np.testing.assert_array_equal(c, e)
    np.testing.assert_allclose(gx, numeric_gradient(lambda d: float(f(d, Y, R)[3]), X), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(gy, numeric_gradient(lambda d: float(f(X, d, R)[3]), Y), rtol=1e-7, atol=1e-9)
