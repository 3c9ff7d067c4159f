"""Contractions and diagonals through the frontend, in both modes, against numpy.

`dot` for every rank pair numpy accepts (0..3 x 0..3), `tensordot` with int and list axes, `batched_dot`,
`batched_tensordot`, `outer`, `matrix_dot`, and the diagonals (`trace`, `diag` both ways, `diagonal`,
`nlinalg.extract_diag`/`alloc_diag`). Each compiled function has dynamic sizes, so one compile serves several
calls: ordinary sizes, size-1 and size-0 dimensions, and non-contiguous (strided, transposed) arguments. Results
must match numpy's float64 result (floats within rounding; integers and booleans exactly, with numpy's dtype);
FAST_RUN must give FAST_COMPILE's bits. Gradients (float64) must match finite differences. Bad arguments are
refused with a TypeError or ValueError that names the problem, when the graph is built or, for dynamic sizes,
when the function runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from conftest import MODES, needs_native

import irtk
from irtk import tensor as T
from irtk.frontend import contractions
from irtk.frontend.types import TensorType

RANKS = range(4)


def var(dtype: str, ndim: int, name: str):
    return TensorType(dtype, (False,) * ndim)(name)


def sample(shape, dtype: str, rng: np.random.Generator) -> np.ndarray:
    if dtype == "bool":
        return rng.random(shape) < 0.5
    if np.dtype(dtype).kind in "iu":
        return rng.integers(-4, 5, shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def strided(x: np.ndarray) -> np.ndarray:
    """The same values in a non-contiguous array: every other element of a twice larger array."""
    if x.ndim == 0:
        return x
    big = np.zeros(tuple(2 * s for s in x.shape), dtype=x.dtype)
    view = big[tuple(slice(None, None, 2) for _ in x.shape)]
    view[...] = x
    return view


def transposed(x: np.ndarray) -> np.ndarray:
    """The same values in Fortran order (the transpose of a C-ordered array)."""
    return np.asfortranarray(x) if x.ndim else x


def check(got, want, dtype=None) -> None:
    want = np.asarray(want)
    got = np.asarray(got)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    if dtype is not None:
        assert got.dtype == np.dtype(dtype), f"dtype {got.dtype}, expected {dtype}"
    if want.dtype.kind in "biu":
        np.testing.assert_array_equal(got, want)
    else:
        rtol = 1e-5 if got.dtype == np.float32 else 1e-12
        np.testing.assert_allclose(got, want.astype(np.float64), rtol=rtol, atol=rtol)


# ---------------------------------------------------------------- dot, every rank pair


def a_shape(rank: int, s: dict) -> tuple:
    return {0: (), 1: (s["K"],), 2: (s["M"], s["K"]), 3: (s["L"], s["M"], s["K"])}[rank]


def b_shape(rank: int, s: dict) -> tuple:
    return {0: (), 1: (s["K"],), 2: (s["K"], s["N"]), 3: (s["P"], s["K"], s["N"])}[rank]


SIZES = [
    dict(L=2, M=3, K=4, N=5, P=3),
    dict(L=1, M=1, K=1, N=1, P=1),  # size-1 dimensions (dynamic in the types)
    dict(L=2, M=3, K=0, N=2, P=2),  # an empty contraction: zeros
    dict(L=2, M=0, K=3, N=2, P=0),  # empty results
]


def dot_function(mode: str, dtype_a: str = "float64", dtype_b: str = "float64"):
    a = [var(dtype_a, r, f"a{r}") for r in RANKS]
    b = [var(dtype_b, r, f"b{r}") for r in RANKS]
    outputs = [T.dot(a[i], b[j]) for i in RANKS for j in RANKS]
    for (i, j), out in zip([(i, j) for i in RANKS for j in RANKS], outputs):
        assert out.ndim == (i + j if 0 in (i, j) else i + j - 2)
    return irtk.function(a + b, outputs, mode=mode)


def dot_arguments(sizes: dict, dtype_a: str, dtype_b: str, rng, layout=lambda x: x) -> list[np.ndarray]:
    a = [layout(sample(a_shape(r, sizes), dtype_a, rng)) for r in RANKS]
    b = [layout(sample(b_shape(r, sizes), dtype_b, rng)) for r in RANKS]
    return a + b


@pytest.mark.parametrize("mode", MODES)
def test_dot_every_rank_pair(mode: str) -> None:
    f = dot_function(mode)
    rng = np.random.default_rng(0)
    for sizes in SIZES:
        for layout in (lambda x: x, strided, transposed):
            args = dot_arguments(sizes, "float64", "float64", rng, layout)
            got = f(*args)
            for k, (i, j) in enumerate((i, j) for i in RANKS for j in RANKS):
                check(got[k], np.dot(args[i], args[4 + j]), "float64")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "dtype_a,dtype_b",
    [("float32", "float32"), ("float32", "float64"), ("int32", "int32"), ("int8", "int64"), ("bool", "bool"), ("int16", "float32")],
)
def test_dot_dtypes(mode: str, dtype_a: str, dtype_b: str) -> None:
    """numpy's result dtype; integers wrap as numpy's do, booleans are or-of-ands."""
    a2, a3, b1, b2 = var(dtype_a, 2, "a2"), var(dtype_a, 3, "a3"), var(dtype_b, 1, "b1"), var(dtype_b, 2, "b2")
    f = irtk.function([a2, a3, b1, b2], [T.dot(a2, b2), T.dot(a3, b1), T.dot(b1, b1), T.dot(a3, b2)], mode=mode)
    rng = np.random.default_rng(1)
    A2, A3 = sample((3, 4), dtype_a, rng), sample((2, 3, 4), dtype_a, rng)
    B1, B2 = sample((4,), dtype_b, rng), sample((4, 5), dtype_b, rng)
    for got, want in zip(f(A2, A3, B1, B2), [np.dot(A2, B2), np.dot(A3, B1), np.dot(B1, B1), np.dot(A3, B2)]):
        check(got, want, np.asarray(want).dtype)


@needs_native
def test_modes_agree_bit_for_bit() -> None:
    rng = np.random.default_rng(2)
    args = dot_arguments(SIZES[0], "float64", "float64", rng)
    fast_compile = dot_function("FAST_COMPILE")(*args)
    fast_run = dot_function("FAST_RUN")(*args)
    for a, b in zip(fast_compile, fast_run):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()


# ---------------------------------------------------------------- tensordot, batched_dot, outer


#: (axes, shape of a, shape of b): every form of `axes`, on shapes where a wrong pairing shows.
TENSORDOT_CASES = [
    (0, (2, 3), (4,)),
    (1, (2, 3, 4), (4, 5)),
    (2, (2, 3, 4), (3, 4, 5)),
    ([1, 0], (2, 3, 4), (3, 5)),
    ([[1], [0]], (2, 3, 4), (3, 5)),
    ([[0, 2], [2, 1]], (2, 3, 4), (5, 4, 2)),
    ([[-1, 0], [-3, 1]], (2, 3, 4), (4, 2, 5)),
    ([[], []], (2, 3), (4,)),
]


@pytest.mark.parametrize("mode", MODES)
def test_tensordot(mode: str) -> None:
    symbols = [[var("float64", len(sa), f"a{k}"), var("float64", len(sb), f"b{k}")] for k, (_, sa, sb) in enumerate(TENSORDOT_CASES)]
    outputs = [T.tensordot(a, b, axes) for (a, b), (axes, _, _) in zip(symbols, TENSORDOT_CASES)]
    f = irtk.function([x for pair in symbols for x in pair], outputs, mode=mode)
    rng = np.random.default_rng(3)
    for resize in (lambda s: s, lambda s: tuple(1 for _ in s), lambda s: tuple(0 if d == 3 else d for d in s)):
        # the same function for other sizes: all 1, and 0 in place of 3
        arrays = [(rng.standard_normal(resize(sa)), strided(rng.standard_normal(resize(sb)))) for _, sa, sb in TENSORDOT_CASES]
        got = f(*[x for pair in arrays for x in pair])
        for (axes, _, _), (A, B), g in zip(TENSORDOT_CASES, arrays, got):
            check(g, np.tensordot(A, B, axes), "float64")


@pytest.mark.parametrize("mode", MODES)
def test_tensordot_mixed_ranks_and_dtypes(mode: str) -> None:
    m, v, i = T.fmatrix("m"), T.dvector("v"), T.imatrix("i")
    outputs = [T.tensordot(m, v, 1), T.tensordot(v, i, [[0], [1]]), T.tensordot(m, i, 0), T.tensordot(i, i, 2)]
    f = irtk.function([m, v, i], outputs, mode=mode)
    rng = np.random.default_rng(4)
    M, V, Iv = sample((2, 3), "float32", rng), sample((3,), "float64", rng), sample((2, 3), "int32", rng)
    wants = [np.tensordot(M, V, 1), np.tensordot(V, Iv, [[0], [1]]), np.tensordot(M, Iv, 0), np.tensordot(Iv, Iv, 2)]
    for got, want in zip(f(M, V, transposed(Iv)), wants):
        check(got, want, want.dtype)


def batched_reference(a: np.ndarray, b: np.ndarray, product=np.dot) -> np.ndarray:
    return np.stack([product(x, y) for x, y in zip(a, b)])


BATCHED_RANKS = [(3, 3), (3, 2), (2, 3), (2, 2), (1, 3), (3, 1), (1, 1), (4, 3)]


@pytest.mark.parametrize("mode", MODES)
def test_batched_dot(mode: str) -> None:
    """Theano's batched_dot: np.dot of each pair of slices along the first axis."""
    a = {r: var("float64", r, f"a{r}") for r in range(1, 5)}
    b = {r: var("float64", r, f"b{r}") for r in range(1, 4)}
    f = irtk.function([*a.values(), *b.values()], [T.batched_dot(a[i], b[j]) for i, j in BATCHED_RANKS], mode=mode)
    rng = np.random.default_rng(5)
    for batch in (3, 1):
        A = {1: (batch,), 2: (batch, 4), 3: (batch, 2, 4), 4: (batch, 2, 2, 4)}
        B = {1: (batch,), 2: (batch, 4), 3: (batch, 4, 3)}
        arrays_a = {r: rng.standard_normal(s) for r, s in A.items()}
        arrays_b = {r: strided(rng.standard_normal(s)) for r, s in B.items()}
        got = f(*arrays_a.values(), *arrays_b.values())
        for (i, j), g in zip(BATCHED_RANKS, got):
            check(g, batched_reference(arrays_a[i], arrays_b[j]), "float64")


@pytest.mark.parametrize("mode", MODES)
def test_batched_dot_integers_and_empty_batch(mode: str) -> None:
    a, b = T.itensor3("a"), T.imatrix("b")
    f = irtk.function([a, b], T.batched_dot(a, b), mode=mode)
    rng = np.random.default_rng(6)
    A, B = sample((2, 3, 4), "int32", rng), sample((2, 4), "int32", rng)
    check(f(A, B), batched_reference(A, B), "int32")
    check(f(np.zeros((0, 3, 4), "int32"), np.zeros((0, 4), "int32")), np.zeros((0, 3), "int32"), "int32")


@pytest.mark.parametrize("mode", MODES)
def test_batched_tensordot(mode: str) -> None:
    x, y = T.dtensor3("x"), T.dtensor4("y")
    f = irtk.function([x, y], [T.batched_tensordot(x, y, 1), T.batched_tensordot(x, y, [[1, 2], [3, 1]])], mode=mode)
    rng = np.random.default_rng(7)
    X, Y = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 4, 5, 3))
    got = f(X, Y)
    check(got[0], batched_reference(X, Y, lambda p, q: np.tensordot(p, q, [[1], [0]])), "float64")
    check(got[1], batched_reference(X, Y, lambda p, q: np.tensordot(p, q, [[0, 1], [2, 0]])), "float64")


@pytest.mark.parametrize("mode", MODES)
def test_outer_and_matrix_dot(mode: str) -> None:
    u, v, i = T.dvector("u"), T.fvector("v"), T.ivector("i")
    m1, m2, m3 = T.dmatrices("m1", "m2", "m3")
    f = irtk.function([u, v, i, m1, m2, m3], [T.outer(u, v), T.outer(i, i), T.nlinalg.matrix_dot(m1, m2, m3)], mode=mode)
    rng = np.random.default_rng(8)
    U, V, Iv = rng.standard_normal(3), sample((4,), "float32", rng), sample((2,), "int32", rng)
    M1, M2, M3 = rng.standard_normal((2, 3)), rng.standard_normal((3, 4)), rng.standard_normal((4, 2))
    got = f(U, V, Iv, M1, M2, transposed(M3))
    check(got[0], np.outer(U, V), "float64")
    check(got[1], np.outer(Iv, Iv), "int32")
    check(got[2], M1 @ M2 @ M3, "float64")
    check(f(U[:0], V, Iv, M1, M2, M3)[0], np.zeros((0, 4)), "float64")


# ---------------------------------------------------------------- diagonals


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "bool"])
def test_trace_and_diag(mode: str, dtype: str) -> None:
    m, v = var(dtype, 2, "m"), var(dtype, 1, "v")
    outputs = [T.nlinalg.trace(m), T.trace(m), T.diag(m), T.diag(v), T.nlinalg.extract_diag(m), T.nlinalg.alloc_diag(v), T.nlinalg.diag(v)]
    f = irtk.function([m, v], outputs, mode=mode)
    rng = np.random.default_rng(9)
    for n in (3, 1, 0):
        for layout in (lambda x: x, strided, transposed):
            M, V = layout(sample((n, n), dtype, rng)), layout(sample((n,), dtype, rng))
            got = f(M, V)
            trace_dtype = np.trace(M).dtype
            check(got[0], np.trace(M), trace_dtype)
            check(got[1], np.trace(M), trace_dtype)
            check(got[2], np.diag(M), dtype)
            check(got[3], np.diag(V), dtype)
            check(got[4], np.diag(M), dtype)
            check(got[5], np.diag(V), dtype)
            check(got[6], np.diag(V), dtype)


@pytest.mark.parametrize("mode", MODES)
def test_diagonal_and_trace_of_tensors(mode: str) -> None:
    t = T.dtensor3("t")
    outputs = [T.diagonal(t, 0, 0, 2), T.diagonal(t, axis1=2, axis2=1), T.trace(t), T.trace(t, axis1=-1, axis2=0)]
    f = irtk.function([t], outputs, mode=mode)
    X = np.random.default_rng(10).standard_normal((3, 2, 3))
    check(irtk.function([t], T.diagonal(t, 0, 0, 2), mode=mode)(X), np.diagonal(X, 0, 0, 2), "float64")
    Y = np.random.default_rng(11).standard_normal((3, 3, 3))
    got = f(Y)
    for g, want in zip(got, [np.diagonal(Y, 0, 0, 2), np.diagonal(Y, 0, 2, 1), np.trace(Y), np.trace(Y, axis1=-1, axis2=0)]):
        check(g, want, "float64")


# ---------------------------------------------------------------- gradients


H = 1e-3


@dataclass(frozen=True)
class GradCase:
    name: str
    shapes: tuple[tuple[int, ...], ...]  # the differentiated float64 inputs
    build: Callable  # symbolic inputs -> the function's result (any shape)
    extra: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (dtype, shape) of inputs not differentiated


GRAD_CASES = [
    *[GradCase(f"dot_{i}x{j}", (a_shape(i, SIZES[0]), b_shape(j, SIZES[0])), T.dot) for i in RANKS for j in RANKS if (i, j) != (0, 0)],
    GradCase("tensordot_2", ((2, 3, 4), (3, 4, 2)), lambda a, b: T.tensordot(a, b, 2)),
    GradCase("tensordot_lists", ((2, 3, 4), (3, 4, 2)), lambda a, b: T.tensordot(a, b, [[0, 2], [2, 1]])),
    GradCase("batched_dot_3x3", ((2, 3, 4), (2, 4, 2)), T.batched_dot),
    GradCase("batched_dot_2x2", ((3, 4), (3, 4)), T.batched_dot),
    GradCase("batched_dot_1x3", ((2,), (2, 3, 2)), T.batched_dot),
    GradCase("batched_tensordot", ((2, 3, 4), (2, 4, 3)), lambda x, y: T.batched_tensordot(x, y, [[1, 2], [2, 1]])),
    GradCase("outer", ((3,), (4,)), T.outer),
    GradCase("trace", ((3, 3),), T.nlinalg.trace),
    GradCase("diag_of_matrix", ((3, 3),), T.diag),
    GradCase("diag_of_vector", ((3,),), T.diag),
    GradCase("diagonal_3d", ((3, 2, 3),), lambda t: T.diagonal(t, 0, 2, 0)),
    GradCase("trace_3d", ((3, 2, 3),), lambda t: T.trace(t, axis1=0, axis2=2)),
    GradCase("contract_summed_alone", ((3, 4),), lambda m: contractions.contract("ij->i", m)),
    GradCase("contract_trace", ((3, 3),), lambda m: contractions.contract("ii->", m)),
    GradCase("matrix_dot", ((2, 3), (3, 4), (4, 2)), T.nlinalg.matrix_dot),
    GradCase("dot_with_integer_operand", ((3, 4),), lambda m, i: T.dot(m, i), extra=(("int32", (4,)),)),
]


def compile_gradient(case: GradCase, mode: str):
    """A function of (inputs..., r) returning [sum(result * r), d/d input for each differentiated input]."""
    xs = [var("float64", len(s), f"x{k}") for k, s in enumerate(case.shapes)]
    others = [var(dtype, len(s), f"e{k}") for k, (dtype, s) in enumerate(case.extra)]
    result = case.build(*xs, *others)
    r = var("float64", result.ndim, "r")
    cost = T.sum(result * r)
    return irtk.function([*xs, *others, r], [cost, *irtk.grad(cost, xs)], mode=mode)


def finite_difference(cost: Callable[[list[np.ndarray]], float], args: list[np.ndarray], i: int) -> np.ndarray:
    """The fourth-order central difference of `cost` with respect to `args[i]`."""
    grad = np.zeros(args[i].shape)
    for index in np.ndindex(args[i].shape):
        values = []
        for step in (H, -H, 2 * H, -2 * H):
            moved = [a.copy() for a in args]
            moved[i][index] += step
            values.append(cost(moved))
        grad[index] = (8 * (values[0] - values[1]) - (values[2] - values[3])) / (12 * H)
    return grad


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", GRAD_CASES, ids=lambda c: c.name)
def test_gradient_matches_finite_differences(case: GradCase, mode: str) -> None:
    f = compile_gradient(case, mode)
    rng = np.random.default_rng(sum(map(ord, case.name)))
    xs = [rng.standard_normal(s) for s in case.shapes]
    extra = [sample(s, dtype, rng) for dtype, s in case.extra]
    args = [*xs, *extra, rng.standard_normal(_result_shape(case, xs, extra))]
    _, *grads = f(*args)
    for i, g in enumerate(grads):
        assert g.shape == xs[i].shape and g.dtype == np.float64
        expected = finite_difference(lambda a: float(f(*a)[0]), args, i)
        np.testing.assert_allclose(g, expected, rtol=1e-8, atol=1e-10, err_msg=f"{case.name}: d cost / d input {i}")


def _result_shape(case: GradCase, xs, extra) -> tuple[int, ...]:
    """The result's shape for these inputs (the weights `r` must have it), from the numpy evaluator."""
    symbols = [var("float64", x.ndim, f"x{k}") for k, x in enumerate(xs)]
    symbols += [var(str(e.dtype), e.ndim, f"e{k}") for k, e in enumerate(extra)]
    return np.shape(irtk.function(symbols, case.build(*symbols), mode="FAST_COMPILE")(*xs, *extra))


@pytest.mark.parametrize("mode", MODES)
def test_gradient_of_broadcastable_operands(mode: str) -> None:
    """A column's (or row's) gradient keeps its static size 1, whatever the other operand's type says."""
    c, m, r = T.dcol("c"), T.dmatrix("m"), T.drow("r")
    cost = T.sum(T.dot(c, m) * T.dot(m.T, r.T).T)
    f = irtk.function([c, m, r], irtk.grad(cost, [c, r]), mode=mode)
    rng = np.random.default_rng(12)
    C, M, R = rng.standard_normal((3, 1)), rng.standard_normal((1, 4)), rng.standard_normal((1, 1))
    gc, gr = f(C, M, R)
    # cost = sum_ij c_i m_j (m_j r): d/dc_i = sum_j m_j^2 r, d/dr = sum_ij c_i m_j^2
    check(gc, np.full((3, 1), np.sum(M**2) * R[0, 0]), "float64")
    check(gr, np.full((1, 1), np.sum(C) * np.sum(M**2)), "float64")


# ---------------------------------------------------------------- bad input


BAD_GRAPHS = [
    (lambda: T.dot(T.constant(np.ones((2, 3))), T.constant(np.ones((4, 2)))), TypeError,
     "irtk.dot: contracted dimensions differ \\(3 and 4\\)"),
    (lambda: T.dot(T.constant(np.ones((2, 3, 4))), T.constant(np.ones((2, 5, 3)))), TypeError,
     "contracted dimensions differ \\(4 and 5\\)"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), 3), ValueError, "tensordot: axes=3 must be between 0 and 2"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), -1), ValueError, "tensordot: axes=-1"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), [[0], [0, 1]]), ValueError, "the two axis lists must have the same length"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), [[2], [0]]), ValueError, "tensordot: axis 2 of a is out of range for a 2-d tensor"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), [[0, 0], [0, 1]]), ValueError, "the axes of a must be distinct"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), [[0.5], [0]]), TypeError, "axis 0.5 of a must be an int"),
    (lambda: T.tensordot(T.dmatrix(), T.dmatrix(), "x"), ValueError, "axes must be an int or a pair of axis lists"),
    (lambda: T.tensordot(T.constant(np.ones((2, 3))), T.constant(np.ones((4, 2))), [[1], [0]]), ValueError,
     "axis 1 of a \\(size 3\\) and axis 0 of b \\(size 4\\) must have the same size"),
    (lambda: T.batched_dot(T.dscalar(), T.dmatrix()), TypeError, "batched_dot: a must have a batch axis"),
    (lambda: T.batched_dot(T.dmatrix(), T.dscalar()), TypeError, "batched_dot: b must have a batch axis"),
    (lambda: T.batched_dot(T.constant(np.ones((2, 3))), T.constant(np.ones((3, 3)))), ValueError,
     "axis 0 of a \\(size 2\\) and axis 0 of b \\(size 3\\)"),
    (lambda: T.batched_tensordot(T.dtensor3(), T.dtensor3(), [[0], [1]]), ValueError, "must not include the batch axis 0"),
    (lambda: T.batched_tensordot(T.dtensor3(), T.dmatrix(), 2), ValueError, "axes=2 must be between 0 and 1"),
    (lambda: T.outer(T.dmatrix(), T.dvector()), TypeError, "outer: x must be a vector, got a 2-d tensor"),
    (lambda: T.diag(T.dtensor3()), TypeError, "diag: v must be a vector or a matrix, got a 3-d tensor"),
    (lambda: T.diag(T.dscalar()), TypeError, "diag: v must be a vector or a matrix, got a 0-d tensor"),
    (lambda: T.diag(T.dmatrix(), k=1), ValueError, "only the main diagonal is supported"),
    (lambda: T.diag(T.constant(np.ones((2, 3)))), ValueError, "axes 0 and 1 must have the same size \\(a square diagonal\\), got 2 and 3"),
    (lambda: T.diagonal(T.dvector()), TypeError, "diagonal: a must have at least 2 dimensions"),
    (lambda: T.diagonal(T.dmatrix(), axis1=1, axis2=-1), ValueError, "axis1 and axis2 must differ"),
    (lambda: T.diagonal(T.dmatrix(), axis2=2), ValueError, "diagonal: axis2=2 is out of range for a 2-d tensor"),
    (lambda: T.nlinalg.trace(T.dvector()), TypeError, "trace: X must be a matrix, got a 1-d tensor"),
    (lambda: T.nlinalg.extract_diag(T.dtensor3()), TypeError, "extract_diag: x must be a matrix"),
    (lambda: T.nlinalg.alloc_diag(T.dmatrix()), TypeError, "alloc_diag: v must be a vector"),
    (lambda: T.nlinalg.matrix_dot(), TypeError, "matrix_dot: needs at least one argument"),
    (lambda: contractions.contract("ij,jk", T.dmatrix(), T.dmatrix()), TypeError, "must look like 'ij,jk->ik'"),
]


@pytest.mark.parametrize("build,error,message", BAD_GRAPHS)
def test_bad_graphs_are_refused(build, error, message: str) -> None:
    with pytest.raises(error, match=message):
        build()


@pytest.mark.parametrize("mode", MODES)
def test_dynamic_sizes_that_disagree_fail_the_call(mode: str) -> None:
    a, b, t = T.dmatrix("a"), T.dtensor3("b"), T.dtensor3("t")
    f = irtk.function([a, b], [T.dot(a, b), T.tensordot(a, b, [[0], [2]])], mode=mode)
    with pytest.raises(ValueError, match="irtk.dot: size mismatch in dimension 1 of operand #1"):
        f(np.ones((2, 3)), np.ones((2, 4, 2)))
    g = irtk.function([t], T.trace(t), mode=mode)
    with pytest.raises(ValueError, match="irtk.contract: size mismatch in dimension 1 of operand #0"):
        g(np.ones((2, 3, 4)))
    g(np.ones((3, 3, 4)))  # square in the traced axes: fine
