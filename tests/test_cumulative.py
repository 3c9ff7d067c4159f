"""cumsum and cumprod against numpy in both modes: every dtype family, every axis (negative ones too), size-0 and
size-1 dimensions, non-contiguous arguments; FAST_RUN bit for bit equal to FAST_COMPILE; gradients against finite
differences."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T
from irtk.frontend.types import TensorType

DTYPES = ["float32", "float64", "int8", "int32", "int64", "bool"]


def sample(dtype: str, shape, rng) -> np.ndarray:
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.startswith("int"):
        return rng.integers(-5, 6, shape).astype(dtype)
    return (rng.uniform(0.5, 1.5, shape) * rng.choice([-1, 1], shape)).astype(dtype)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_cumsum_and_cumprod_like_numpy(mode: str, dtype: str) -> None:
    rng = np.random.default_rng(len(dtype))
    x = TensorType(dtype, (False, False, False))("x")
    axes = [0, 1, 2, -1]
    outs = [T.cumsum(x, axis=a) for a in axes] + [T.cumprod(x, axis=a) for a in axes]
    f = irtk.function([x], outs, mode=mode)
    for shape in [(3, 4, 5), (0, 2, 3), (1, 1, 1), (2, 1, 7)]:
        data = sample(dtype, shape, rng)
        got = f(data)
        want = [np.cumsum(data, axis=a) for a in axes] + [np.cumprod(data, axis=a) for a in axes]
        for g, w, what in zip(got, want, [f"cumsum axis {a}" for a in axes] + [f"cumprod axis {a}" for a in axes]):
            assert g.dtype == w.dtype, f"{what}: dtype {g.dtype}, numpy {w.dtype}"
            if g.dtype.kind == "f":
                np.testing.assert_allclose(g, w, rtol=1e-6 if dtype == "float32" else 1e-14, err_msg=what)
            else:
                np.testing.assert_array_equal(g, w, err_msg=what)


def test_fast_run_equals_fast_compile_bit_for_bit() -> None:
    x = T.fmatrix("x")
    outs = [T.cumsum(x, axis=1), T.cumprod(x, axis=0), T.cumsum(x * 0.1, axis=0)]
    data = np.random.default_rng(1).standard_normal((50, 40)).astype(np.float32)
    a = irtk.function([x], outs, mode="FAST_COMPILE")(data)
    b = irtk.function([x], outs, mode="FAST_RUN")(data)
    for u, v in zip(a, b):
        assert u.tobytes() == v.tobytes()
    # the sum runs left to right in float32, as numpy's accumulate does
    np.testing.assert_array_equal(a[0], np.add.accumulate(data, axis=1, dtype=np.float32))


@pytest.mark.parametrize("mode", MODES)
def test_vectors_scalars_and_non_contiguous_arguments(mode: str) -> None:
    v, s, m = T.dvector("v"), T.dscalar("s"), T.dmatrix("m")
    f = irtk.function([v, s, m], [T.cumsum(v), T.cumprod(s), T.cumsum(m, axis=0)], mode=mode)
    data = np.arange(12.0).reshape(3, 4)
    a, b, c = f(data[:, 1], np.float64(2.5), data.T[::2])
    np.testing.assert_array_equal(a, np.cumsum(data[:, 1]))
    np.testing.assert_array_equal(b, np.cumprod(2.5))
    np.testing.assert_array_equal(c, np.cumsum(data.T[::2], axis=0))
    assert T.extra_ops.cumsum is T.cumsum
    flat = irtk.function([m], [T.cumsum(m), T.cumprod(m)], mode=mode)(data)
    np.testing.assert_array_equal(flat[0], np.cumsum(data))  # axis=None: over the flattened tensor, as numpy
    np.testing.assert_array_equal(flat[1], np.cumprod(data))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@pytest.mark.parametrize("axis", [0, 1])
def test_gradients_match_finite_differences(mode: str, name: str, axis: int) -> None:
    x, r = T.dmatrix("x"), T.dmatrix("r")
    cost = T.sum(getattr(T, name)(x, axis=axis) * r)
    f = irtk.function([x, r], [cost, irtk.grad(cost, x)], mode=mode)
    rng = np.random.default_rng(axis)
    data, weights = rng.uniform(0.5, 1.5, (3, 4)), rng.standard_normal((3, 4))
    _, grad = f(data, weights)
    expected = numeric_gradient(lambda d: float(f(d, weights)[0]), data)
    np.testing.assert_allclose(grad, expected, rtol=1e-7, atol=1e-9)


def test_bad_axes_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="axis"):
        T.cumsum(T.dmatrix(), axis=2)
    with pytest.raises(TypeError, match="one int"):
        T.cumprod(T.dmatrix(), axis=(0, 1))
