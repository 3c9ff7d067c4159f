"""`sort` and `argsort` against numpy in both modes: every axis, `axis=None`, sizes that are and are not powers of
two (the network pads), empty and one-element lines, NaN last, stable ties (argsort equals numpy's stable one),
integer, unsigned and boolean keys, the methods, and the gradient of a sort against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T


@pytest.mark.parametrize("mode", MODES)
def test_sort_and_argsort_like_numpy(mode: str) -> None:
    x = T.dtensor3("x")
    outs = [T.sort(x), T.sort(x, 0), T.sort(x, 1), T.sort(x, None), T.argsort(x), T.argsort(x, 0), T.argsort(x, -2),
            T.argsort(x, None), x.sort(axis=1), x.argsort()]
    f = irtk.function([x], outs, mode=mode)
    rng = np.random.default_rng(0)
    for shape in [(2, 3, 5), (3, 1, 8), (4, 7, 9), (2, 0, 3), (1, 2, 1)]:
        data = rng.integers(0, 4, shape).astype(np.float64)  # many ties
        if data.size:
            data.flat[rng.integers(0, data.size, 3)] = np.nan
            data.flat[0] = -0.0
        want = [np.sort(data), np.sort(data, 0), np.sort(data, 1), np.sort(data, None)]
        want += [np.argsort(data, kind="stable"), np.argsort(data, 0, kind="stable"), np.argsort(data, -2, kind="stable"),
                 np.argsort(data, None, kind="stable"), np.sort(data, 1), np.argsort(data, kind="stable")]
        for k, (g, w) in enumerate(zip(f(data), want)):
            assert g.shape == w.shape and g.dtype == w.dtype, (shape, k, g.shape, g.dtype)
            np.testing.assert_array_equal(g, w, err_msg=f"{shape}, output {k}")


@pytest.mark.parametrize("mode", MODES)
def test_long_vectors_and_other_dtypes(mode: str) -> None:
    v, i, u, b = T.dvector("v"), T.ivector("i"), T.TensorType("uint8", (False,))("u"), T.TensorType("bool", (False,))("b")
    f = irtk.function([v, i, u, b], [T.sort(v), T.argsort(v), T.sort(i), T.argsort(i), T.sort(u), T.argsort(b), T.sort(b)],
                      mode=mode)
    rng = np.random.default_rng(1)
    for n in (1, 2, 513, 1000):
        vv = rng.standard_normal(n)
        if n >= 5:
            vv[:5] = [np.inf, -np.inf, np.nan, 0.0, -0.0]
            rng.shuffle(vv)
        iv = rng.integers(-50, 50, n).astype(np.int32)
        uv = rng.integers(0, 256, n).astype(np.uint8)
        bv = rng.integers(0, 2, n).astype(bool)
        want = [np.sort(vv), np.argsort(vv, kind="stable"), np.sort(iv), np.argsort(iv, kind="stable"), np.sort(uv),
                np.argsort(bv, kind="stable"), np.sort(bv)]
        for g, w in zip(f(vv, iv, uv, bv), want):
            assert g.dtype == w.dtype
            np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("mode", MODES)
def test_gradient_of_sort(mode: str) -> None:
    """The output gradient goes back through the permutation."""
    x, r = T.dmatrix("x"), T.dmatrix("r")
    cost = T.sum(T.sort(x, 1) * r) + T.sum(T.sqr(T.sort(x, None)[[0, 1, 2]]))
    f = irtk.function([x, r], [cost, irtk.grad(cost, x)], mode=mode)
    rng = np.random.default_rng(2)
    X, R = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))  # distinct values: sort is smooth there
    np.testing.assert_allclose(f(X, R)[1], numeric_gradient(lambda d: float(f(d, R)[0]), X), rtol=1e-7, atol=1e-9)


def test_bad_arguments() -> None:
    x = T.dmatrix("x")
    with pytest.raises(ValueError, match="axis 2"):
        T.sort(x, 2)
    with pytest.raises(TypeError, match="axis"):
        T.argsort(x, 1.0)
    with pytest.raises(ValueError, match="kind"):
        T.sort(x, kind="bogo")
    with pytest.raises(TypeError, match="complex"):
        T.sort(T.zvector("z"))
    with pytest.raises(ValueError, match="axis"):
        T.sort(T.dscalar("s"))
    assert T.argsort(x).dtype == "int64" and T.sort(T.lscalar("s"), None).ndim == 1
