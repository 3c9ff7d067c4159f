"""matrix_inverse and det (Theano's nlinalg) against numpy in both modes, bit for bit between the modes, with
gradients against finite differences; singular and non-square matrices."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T
from irtk.tensor import nlinalg


def well_conditioned(n: int, seed: int, dtype="float64") -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((n, n)) + n * np.eye(n) * rng.choice([-1, 1])).astype(dtype)


@pytest.mark.parametrize("mode", MODES)
def test_inverse_and_det_like_numpy(mode: str) -> None:
    a = T.dmatrix("a")
    f = irtk.function([a], [nlinalg.matrix_inverse(a), nlinalg.det(a)], mode=mode)
    for n in (1, 2, 5, 12):
        data = well_conditioned(n, n)
        data[[0, -1]] = data[[-1, 0]]  # a pivot row that is not the first
        inverse, det = f(data)
        np.testing.assert_allclose(inverse, np.linalg.inv(data), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(det, np.linalg.det(data), rtol=1e-10)
    inverse, det = f(np.zeros((0, 0)))
    assert inverse.shape == (0, 0) and det == 1.0  # numpy's det of an empty matrix


@pytest.mark.parametrize("mode", MODES)
def test_pivoting_is_needed_and_done(mode: str) -> None:
    """A zero in the first pivot position: elimination without row swaps would divide by zero."""
    a = T.dmatrix("a")
    f = irtk.function([a], [nlinalg.matrix_inverse(a), nlinalg.det(a)], mode=mode)
    data = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 1.0]])
    inverse, det = f(data)
    np.testing.assert_allclose(inverse, np.linalg.inv(data), rtol=1e-12)
    np.testing.assert_allclose(det, np.linalg.det(data), rtol=1e-12)


def test_modes_agree_bit_for_bit_and_float32_stays_float32() -> None:
    a = T.fmatrix("a")
    outs = [nlinalg.matrix_inverse(a), nlinalg.det(a)]
    data = well_conditioned(7, 3, "float32")
    slow = irtk.function([a], outs, mode="FAST_COMPILE")(data)
    fast = irtk.function([a], outs, mode="FAST_RUN")(data)
    for x, y in zip(slow, fast):
        assert x.dtype == np.float32 and x.tobytes() == y.tobytes()
    np.testing.assert_allclose(slow[0], np.linalg.inv(data.astype(np.float64)), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("mode", MODES)
def test_singular_and_non_square_matrices(mode: str) -> None:
    a = T.dmatrix("a")
    inverse = irtk.function([a], nlinalg.matrix_inverse(a), mode=mode)
    det = irtk.function([a], nlinalg.det(a), mode=mode)
    singular = np.array([[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(ValueError, match="singular"):
        inverse(singular)
    assert det(singular) == 0.0
    with pytest.raises(ValueError, match="square"):
        inverse(np.ones((2, 3)))
    with pytest.raises(TypeError, match="square"):
        nlinalg.det(np.ones((2, 3)))  # static sizes: refused when the graph is built
    with pytest.raises(TypeError, match="matrix"):
        nlinalg.matrix_inverse(T.dtensor3())


@pytest.mark.parametrize("mode", MODES)
def test_integer_matrices_give_float64(mode: str) -> None:
    a = T.imatrix("a")
    inverse, det = irtk.function([a], [nlinalg.matrix_inverse(a), nlinalg.det(a)], mode=mode)(np.array([[2, 1], [1, 1]], dtype=np.int32))
    assert inverse.dtype == np.float64 and det.dtype == np.float64
    np.testing.assert_allclose(inverse, [[1.0, -1.0], [-1.0, 2.0]])
    assert det == pytest.approx(1.0)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["matrix_inverse", "det"])
def test_gradients_match_finite_differences(mode: str, name: str) -> None:
    a, r = T.dmatrix("a"), T.dmatrix("r")
    value = getattr(nlinalg, name)(a)
    cost = T.sum(value * r) if name == "matrix_inverse" else value * T.sum(r)
    f = irtk.function([a, r], [cost, irtk.grad(cost, a)], mode=mode)
    data, weights = well_conditioned(4, 9), np.random.default_rng(2).standard_normal((4, 4))
    _, grad = f(data, weights)
    np.testing.assert_allclose(grad, numeric_gradient(lambda d: float(f(d, weights)[0]), data), rtol=1e-6, atol=1e-8)
