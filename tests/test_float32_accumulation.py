"""float32 sums and products accumulate in float64 and are rounded once, as Theano's did.

A float32 accumulator stops growing at 2**24 and drifts by many ulps over long sums; the float64 one gives the
float64 result rounded to float32 (up to float64's own, far smaller, error). The reference is numpy in float64.
Both modes run the same generics, so they must agree bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES, needs_native

import irtk
from irtk import tensor


def within_float32_rounding(got, exact: np.ndarray) -> None:
    """`got` (float32) is `exact` (float64) rounded to float32: within one float32 spacing of it."""
    got = np.asarray(got)
    assert got.dtype == np.float32
    spacing = np.spacing(np.abs(exact).astype(np.float32)).astype(np.float64)
    assert np.all(np.abs(got.astype(np.float64) - exact) <= spacing), (got, exact)


@pytest.mark.parametrize("mode", MODES)
def test_the_sum_of_2_to_the_25_float32_ones(mode: str) -> None:
    x = tensor.fvector("x")
    f = irtk.function([x], x.sum(), mode=mode)
    total = f(np.ones(2**25, dtype=np.float32))
    assert total.dtype == np.float32 and total == 33554432.0


@pytest.mark.parametrize("mode", MODES)
def test_float32_reductions_match_float64_rounded(mode: str) -> None:
    rng = np.random.default_rng(3)
    a = rng.standard_normal(200_000).astype(np.float32)
    b = rng.standard_normal(200_000).astype(np.float32)
    m = (1.0 + rng.uniform(-1e-3, 1e-3, (40, 500))).astype(np.float32)
    x, y, z = tensor.fvector("x"), tensor.fvector("y"), tensor.fmatrix("z")
    f = irtk.function([x, y, z], [x.sum(), x.mean(), tensor.dot(x, y), z.prod(axis=1), z.sum(axis=0)], mode=mode)
    total, mean, dot, prods, column_sums = f(a, b, m)
    a64, b64, m64 = a.astype(np.float64), b.astype(np.float64), m.astype(np.float64)
    within_float32_rounding(total, a64.sum())
    within_float32_rounding(dot, a64 @ b64)
    within_float32_rounding(prods, m64.prod(axis=1))
    within_float32_rounding(column_sums, m64.sum(axis=0))
    # the mean divides the rounded float32 sum by the count in float32 (Theano's mean): two roundings
    assert mean.dtype == np.float32
    assert abs(float(mean) - a64.mean()) <= 2 * np.spacing(np.float32(abs(a64.mean())))


@needs_native
def test_both_modes_give_the_same_bits() -> None:
    rng = np.random.default_rng(4)
    data = [rng.standard_normal(n).astype(np.float32) * 10 for n in (100_000, 100_000)]
    matrix = rng.uniform(0.5, 1.5, (30, 70)).astype(np.float32)

    def build(mode):
        x, y, z = tensor.fvector("x"), tensor.fvector("y"), tensor.fmatrix("z")
        outputs = [x.sum(), x.mean(), x.prod(), tensor.dot(x, y), z.sum(axis=1), z.prod(axis=0), (z * z).mean(axis=1)]
        return irtk.function([x, y, z], outputs, mode=mode)

    fast_run = build("FAST_RUN")(*data, matrix)
    fast_compile = build("FAST_COMPILE")(*data, matrix)
    for r, c in zip(fast_run, fast_compile):
        assert r.dtype == c.dtype == np.float32
        np.testing.assert_array_equal(r.view(np.uint32), c.view(np.uint32))


@pytest.mark.parametrize("mode", MODES)
def test_float32_gradients_are_unchanged(mode: str) -> None:
    """The gradient of a float32 sum of products is float32 and exact here (small integers)."""
    x, y = tensor.fvector("x"), tensor.fvector("y")
    cost = tensor.dot(x, y) + (x * x).sum()
    f = irtk.function([x, y], tensor.grad(cost, [x, y]), mode=mode)
    a, b = np.arange(5, dtype=np.float32), np.arange(5, 10, dtype=np.float32)
    gx, gy = f(a, b)
    assert gx.dtype == gy.dtype == np.float32
    np.testing.assert_array_equal(gx, b + 2 * a)
    np.testing.assert_array_equal(gy, a)
