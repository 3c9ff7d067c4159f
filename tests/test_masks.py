"""Boolean masks and the nonzero family against numpy in both modes: `x[mask]` with a mask of x's shape or of its
leading dimensions (data-dependent sizes, empty and full masks), masks mixed with other entries,
`set_subtensor`/`inc_subtensor` through a mask, `nonzero`, `flatnonzero`, `nonzero_values`, mismatched mask
shapes (a failed call, or an IndexError when the sizes are known), and gradients against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T

BMATRIX = T.TensorType("bool", (False, False))


@pytest.mark.parametrize("mode", MODES)
def test_mask_indexing_like_numpy(mode: str) -> None:
    x, m = T.dtensor3("x"), BMATRIX("m")
    row3, row4 = T.TensorType("bool", (False,))("row3"), T.TensorType("bool", (False,))("row4")
    outs = [x[m], x[x > 30], x[m, 1], x[row3], x[:, row4], x[row3, 0], x[0, row4, 1:], x[..., x[0, 0] > 1], x[row3, [1]],
            x[np.array([True, False, True])]]
    f = irtk.function([x, m, row3, row4], outs, mode=mode)
    data = np.arange(60.0).reshape(3, 4, 5)
    rng = np.random.default_rng(0)
    for mv in [rng.integers(0, 2, (3, 4)).astype(bool), np.zeros((3, 4), bool), np.ones((3, 4), bool)]:
        r3, r4 = mv[:, 0], mv[0]
        want = [data[mv], data[data > 30], data[mv, 1], data[r3], data[:, r4], data[r3, 0], data[0, r4, 1:],
                data[..., data[0, 0] > 1], data[r3, [1]], data[np.array([True, False, True])]]
        for k, (g, w) in enumerate(zip(f(data, mv, r3, r4), want)):
            assert g.shape == w.shape, (k, g.shape, w.shape)
            np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("mode", MODES)
def test_set_and_inc_through_a_mask(mode: str) -> None:
    x, m, y = T.dmatrix("x"), BMATRIX("m"), T.dvector("y")
    outs = [T.set_subtensor(x[m], 0.0), T.inc_subtensor(x[m], y), T.set_subtensor(x[x < 0], -x[x < 0]), T.inc_subtensor(x[m[:, 0]], 1.0)]
    f = irtk.function([x, m, y], outs, mode=mode)
    rng = np.random.default_rng(1)
    xv = rng.standard_normal((4, 3))
    mv = rng.integers(0, 2, (4, 3)).astype(bool)
    yv = rng.standard_normal(int(mv.sum()))
    a, b, c, d = f(xv, mv, yv)
    e = xv.copy(); e[mv] = 0.0
    np.testing.assert_array_equal(a, e)
    e = xv.copy(); e[mv] += yv
    np.testing.assert_array_equal(b, e)
    np.testing.assert_array_equal(c, np.abs(xv))
    e = xv.copy(); e[mv[:, 0]] += 1.0
    np.testing.assert_array_equal(d, e)


@pytest.mark.parametrize("mode", MODES)
def test_nonzero_family_like_numpy(mode: str) -> None:
    x, v, i = T.dtensor3("x"), T.dvector("v"), T.imatrix("i")
    outs = [*T.nonzero(x), T.flatnonzero(x), T.nonzero_values(x), T.flatnonzero(v), T.nonzero(i, return_matrix=True),
            *i.nonzero(), i.nonzero_values(), T.nonzero_values(v > 0)]
    f = irtk.function([x, v, i], outs, mode=mode)
    rng = np.random.default_rng(2)
    cases = [(rng.integers(0, 3, (3, 4, 2)).astype(float), np.array([0.0, np.nan, -0.0, 2.0]), rng.integers(-1, 2, (2, 5)).astype(np.int32)),
             (np.zeros((2, 0, 3)), np.zeros(0), np.zeros((0, 2), np.int32)),
             (np.ones((2, 2, 2)), np.zeros(3), np.ones((3, 1), np.int32))]
    for xv, vv, iv in cases:
        want = [*np.nonzero(xv), np.flatnonzero(xv), xv[xv != 0], np.flatnonzero(vv), np.array(np.nonzero(iv)), *np.nonzero(iv),
                iv[iv != 0], (vv > 0)[vv > 0]]
        for k, (g, w) in enumerate(zip(f(xv, vv, iv), want)):
            assert g.dtype == w.dtype and g.shape == w.shape, (k, g.dtype, g.shape, w.dtype, w.shape)
            np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("mode", MODES)
def test_mask_gradients(mode: str) -> None:
    x, r, m = T.dmatrix("x"), T.dvector("r"), BMATRIX("m")
    cost = T.sum(T.sqr(x[m])) + T.sum(T.set_subtensor(x[m], 0.0) * x) + T.sum(T.nonzero_values(x * m) * r)
    f = irtk.function([x, r, m], [cost, irtk.grad(cost, x)], mode=mode)
    rng = np.random.default_rng(3)
    X = rng.standard_normal((3, 4))
    M = rng.integers(0, 2, (3, 4)).astype(bool)
    R = rng.standard_normal(int(M.sum()))
    np.testing.assert_allclose(f(X, R, M)[1], numeric_gradient(lambda d: float(f(d, R, M)[0]), X), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_mismatched_masks(mode: str) -> None:
    x, m = T.dmatrix("x"), BMATRIX("m")
    f = irtk.function([x, m], x[m], mode=mode)
    with pytest.raises(ValueError, match="size mismatch"):
        f(np.zeros((3, 4)), np.ones((3, 5), bool))
    with pytest.raises(IndexError, match="boolean index"):  # a size known when the program is written
        T.TensorType("float64", (False, True))("x")[np.ones((3, 4), bool)]
    with pytest.raises(IndexError, match="too many"):
        x[np.ones((3, 4, 2), bool)]
    with pytest.raises(TypeError, match="boolean index"):
        x[True]
