"""The blocked reduction order (docs/numerical-policy.md, "Reductions") in both modes.

Float sums and products along one loop of n elements: left to right when n < 32, else chunks of 4096 elements
reduced with 8 lanes, a tree and the leftovers, chunks folded into the initial value in order. The values are
random with mixed magnitudes (1e-8 .. 1e8), so that another order gives other bits. Checked:
- FAST_RUN gives FAST_COMPILE's bits, for float32 and float64, vectors of the lengths around every boundary of the
  rule, sums and products, plain and mapped values (`sum(x * w)`, `sum(exp(x))`), row, column and full
  reductions of matrices, and a reduction over two axes with a parallel one around them;
- both equal, bit for bit, an independent pure-Python evaluation of the documented order, and stay close to
  numpy's float64 result;
- for lengths where it matters the blocked order differs from the left-to-right one (so the test can tell them
  apart), and short sums (the seed programs' 4-element sum) are left to right.
float32 sums and products accumulate in float64 (Theano's rule) and round once at the end.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import needs_native

import irtk
from irtk import tensor as T
from irtk.evaluator import libm

LENGTHS = [0, 1, 7, 8, 31, 32, 33, 4095, 4096, 4097, 10000, 3 * 4096 + 17]
#: The accumulator type of a float sum or product of each input dtype.
ACCUMULATOR = {"float32": np.float64, "float64": np.float64}


def blocked(values, init, op):
    """The documented order, element by element in Python on numpy scalars (each ⊕ rounds in their type)."""
    values = list(values)
    n = len(values)
    if n < 32:
        return sequential(values, init, op)
    acc = init
    for start in range(0, n, 4096):
        chunk = values[start : start + 4096]
        acc = op(acc, chunk_value(chunk, op))
    return acc


def chunk_value(chunk, op):
    c = len(chunk)
    if c < 32:
        return sequential(chunk[1:], chunk[0], op)
    lanes = list(chunk[:8])
    whole = c - c % 8
    for g in range(8, whole, 8):
        for j in range(8):
            lanes[j] = op(lanes[j], chunk[g + j])
    l0, l1, l2, l3, l4, l5, l6, l7 = lanes
    result = op(op(op(l0, l1), op(l2, l3)), op(op(l4, l5), op(l6, l7)))
    return sequential(chunk[whole:], result, op)


def sequential(values, init, op):
    acc = init
    for v in values:
        acc = op(acc, v)
    return acc


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def libm_exp(a: np.ndarray) -> np.ndarray:
    """exp of each element as compiled kernels compute it (the C library's, which the evaluator calls too): the
    elementwise values are not what this file tests, their order of summation is."""
    return libm.apply("exp", a).reshape(a.shape)


def mixed(rng: np.random.Generator, shape, dtype: str) -> np.ndarray:
    """Random values whose magnitudes span 1e-8 .. 1e8, so that the order of a sum shows in its bits."""
    return (rng.standard_normal(shape) * 10.0 ** rng.integers(-8, 9, shape)).astype(dtype)


def near_one(rng: np.random.Generator, shape, dtype: str) -> np.ndarray:
    """Factors close to 1 of mixed deviations: a long product neither overflows nor rounds the same in any order."""
    return (1 + rng.standard_normal(shape) * 10.0 ** rng.integers(-7, -2, shape)).astype(dtype)


def vector_function(dtype: str, mode: str):
    x, w = T.vector("x", dtype=dtype), T.vector("w", dtype=dtype)
    return irtk.function([x, w], [x.sum(), w.prod(), (x * w).sum(), T.exp(w).sum()], mode=mode)


def vector_references(x: np.ndarray, w: np.ndarray, dtype: str) -> list[np.ndarray]:
    acc = ACCUMULATOR[dtype]

    def widened(a: np.ndarray) -> list:
        return [acc(v) for v in a.astype(acc)]

    results = [
        blocked(widened(x), acc(0), add),
        blocked(widened(w), acc(1), mul),
        blocked(widened((x * w).astype(dtype)), acc(0), add),  # the product in the input type, then widened
        blocked(widened(libm_exp(w)), acc(0), add),
    ]
    return [np.asarray(r).astype(dtype) for r in results]


MODES = ["FAST_COMPILE", pytest.param("FAST_RUN", marks=needs_native)]


@pytest.fixture(scope="module")
def vector_functions():
    return {}


@pytest.fixture(scope="module")
def matrix_functions():
    return {}


def compiled(cache: dict, key, build):
    if key not in cache:
        cache[key] = build()
    return cache[key]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("mode", MODES)
def test_vectors_follow_the_documented_order(dtype, mode, vector_functions):
    f = compiled(vector_functions, (dtype, mode), lambda: vector_function(dtype, mode))
    rng = np.random.default_rng(7)
    for n in LENGTHS:
        x, w = mixed(rng, n, dtype), near_one(rng, n, dtype)
        got, expected = f(x, w), vector_references(x, w, dtype)
        for name, g, e in zip(["sum(x)", "prod(w)", "sum(x * w)", "sum(exp(w))"], got, expected, strict=True):
            assert g.dtype == np.dtype(dtype)
            assert g.tobytes() == e.tobytes(), f"{name}, n={n}, {dtype}, {mode}: {g!r} != {e!r} (the documented order)"


@needs_native
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_vectors_give_the_same_bits_in_both_modes(dtype, vector_functions):
    fast_run = compiled(vector_functions, (dtype, "FAST_RUN"), lambda: vector_function(dtype, "FAST_RUN"))
    fast_compile = compiled(vector_functions, (dtype, "FAST_COMPILE"), lambda: vector_function(dtype, "FAST_COMPILE"))
    rng = np.random.default_rng(11)
    for n in LENGTHS:
        for x, w in [(mixed(rng, n, dtype), near_one(rng, n, dtype)), (near_one(rng, n, dtype), mixed(rng, n, dtype) * 1e-9)]:
            for a, b in zip(fast_run(x, w), fast_compile(x, w), strict=True):
                assert a.tobytes() == b.tobytes(), f"n={n}, {dtype}: FAST_RUN {a!r} != FAST_COMPILE {b!r}"


def test_the_blocked_order_is_visible():
    """The data are such that the blocked order and the left-to-right one give other bits (else the tests above
    could not tell them apart), while both stay close to numpy's result."""
    rng = np.random.default_rng(7)
    for n in [33, 4097, 10000]:
        x = [np.float64(v) for v in mixed(rng, n, "float64")]
        ordered, left = blocked(x, np.float64(0), add), sequential(x, np.float64(0), add)
        assert ordered != left
        assert np.isclose(ordered, np.sum(np.asarray(x, dtype=np.longdouble)), rtol=1e-6, atol=1e-6 * np.abs(x).max())


@pytest.mark.parametrize("mode", MODES)
def test_short_sums_stay_left_to_right(mode):
    """Under 32 elements nothing changes: ((0 + a) + b) + c ..., as the seed programs print."""
    x = T.dvector("x")
    f = irtk.function([x], x.sum(), mode=mode)
    values = np.array([1e16, 1.0, -1e16, 1.0] * 7 + [3.0, 1.0, -2.0])
    assert f(values) == sequential([np.float64(v) for v in values], np.float64(0), add)


def matrix_function(dtype: str, mode: str):
    x, w = T.matrix("x", dtype=dtype), T.matrix("w", dtype=dtype)
    outputs = [x.sum(axis=1), x.sum(axis=0), x.sum(), (x * w).sum(axis=1), T.exp(w).sum(axis=0), w.prod(axis=1)]
    return irtk.function([x, w], outputs, mode=mode)


def matrix_references(x: np.ndarray, w: np.ndarray, dtype: str) -> list[np.ndarray]:
    acc = ACCUMULATOR[dtype]
    xs = x.astype(acc)

    def along(a: np.ndarray, init, op) -> np.ndarray:  # one blocked reduction per row of `a`
        return np.array([blocked([acc(v) for v in row], acc(init), op) for row in a], dtype=acc).astype(dtype)

    total = acc(0)
    for row in xs:  # the outer reduced loop stays sequential around the blocked inner one
        total = blocked([acc(v) for v in row], total, add)
    return [
        along(xs, 0, add),
        along(xs.T, 0, add),
        np.asarray(total).astype(dtype),
        along((x * w).astype(dtype).astype(acc), 0, add),
        along(libm_exp(w).T.astype(acc), 0, add),
        along(w.astype(acc), 1, mul),
    ]


SHAPES = [(3, 4097), (4097, 3), (5, 31), (40, 33), (2, 3 * 4096 + 17), (0, 40), (40, 0)]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("mode", MODES)
def test_matrices_follow_the_documented_order(dtype, mode, matrix_functions):
    f = compiled(matrix_functions, (dtype, mode), lambda: matrix_function(dtype, mode))
    rng = np.random.default_rng(5)
    names = ["sum(axis=1)", "sum(axis=0)", "sum()", "(x * w).sum(axis=1)", "exp(w).sum(axis=0)", "w.prod(axis=1)"]
    for shape in SHAPES:
        x, w = mixed(rng, shape, dtype), near_one(rng, shape, dtype)
        got = f(x, w)
        for name, g, e in zip(names, got, matrix_references(x, w, dtype), strict=True):
            assert g.tobytes() == e.tobytes(), f"{name}, shape {shape}, {dtype}, {mode}"
            assert np.allclose(g, e)


@needs_native
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_matrices_give_the_same_bits_in_both_modes(dtype, matrix_functions):
    fast_run = compiled(matrix_functions, (dtype, "FAST_RUN"), lambda: matrix_function(dtype, "FAST_RUN"))
    fast_compile = compiled(matrix_functions, (dtype, "FAST_COMPILE"), lambda: matrix_function(dtype, "FAST_COMPILE"))
    rng = np.random.default_rng(3)
    for shape in SHAPES:
        x, w = mixed(rng, shape, dtype), near_one(rng, shape, dtype)
        x_t = np.asfortranarray(x)  # a transposed layout reads the same values
        for a, b, c in zip(fast_run(x, w), fast_compile(x, w), fast_compile(x_t, w), strict=True):
            assert a.tobytes() == b.tobytes() == c.tobytes(), f"shape {shape}, {dtype}"


@pytest.mark.parametrize("mode", MODES)
def test_two_reduced_axes_inside_a_parallel_one(mode):
    """sum over axes 1 and 2 of a 3-D tensor: axis 0 parallel, axis 1 sequential around the blocked axis 2."""
    x = T.dtensor3("x")
    f = irtk.function([x], [x.sum(axis=(1, 2)), x.sum(axis=(0, 2))], mode=mode)
    rng = np.random.default_rng(9)
    for shape in [(2, 3, 4100), (3, 4, 33), (2, 2, 7)]:
        a = mixed(rng, shape, "float64")
        by_first, by_second = f(a)
        for k in range(shape[0]):
            total = np.float64(0)
            for row in a[k]:
                total = blocked(list(row), total, add)
            assert by_first[k] == total
        for k in range(shape[1]):
            total = np.float64(0)
            for row in a[:, k]:
                total = blocked(list(row), total, add)
            assert by_second[k] == total
