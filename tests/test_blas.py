"""Matrix products through numpy's OpenBLAS in FAST_RUN (`use-blas`, `irtk_blas.gemm`), against numpy in float64.

A BLAS sums in an order of its own, so a product it computes agrees with the float64 reference within a tolerance,
not bit for bit: FAST_RUN within RTOL[dtype] of the largest reference element (float64: 1e-12; float32: 1e-5),
and within the same of FAST_COMPILE, which keeps the sequential order. Products below MIN_WORK multiply-adds keep
FAST_COMPILE's bits. Covered: every gemm family (plain and transposed operands, the gradients of a product,
matrix-vector, vector-matrix, batched, tensordot), float32 and float64, non-contiguous arguments and slices
inside the graph, size-0 dimensions, sizes that disagree, the result's independence of OpenBLAS's thread count,
and the toolchain's link arguments.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from conftest import needs_native
from xdsl.parser import Parser

import irtk
from irtk import tensor as T
from irtk.compiler import lower
from irtk.dialects.blas import MIN_WORK, GemmOp
from irtk.frontend import contractions
from irtk.registry import make_context
from irtk.runtime import blas_library as blas_module
from irtk.runtime.blas_library import blas_library

pytestmark = [needs_native, pytest.mark.skipif(blas_library() is None, reason="numpy has no bundled OpenBLAS here")]

RTOL = {"float64": 1e-12, "float32": 1e-5}


def matrix(dtype: str, name: str):
    return T.TensorType(dtype, (False, False))(name)


def gemms(f) -> int:
    """How many BLAS calls the `fast-run` pipeline leaves in `f`'s kernel."""
    module = lower(Parser(make_context(), f.tensor_ir).parse_module(), "fast-run")
    return sum(isinstance(op, GemmOp) for op in module.walk())


def sample(rng: np.random.Generator, shape, dtype: str) -> np.ndarray:
    return rng.standard_normal(shape).astype(dtype)


def assert_close(got: np.ndarray, want: np.ndarray, dtype: str) -> None:
    """`got` (of `dtype`) is the float64 reference `want` within RTOL[dtype] of want's largest element."""
    assert got.dtype == np.dtype(dtype) and got.shape == want.shape, f"{got.dtype}{got.shape} vs {dtype}{want.shape}"
    scale = np.max(np.abs(want), initial=0.0)
    error = np.max(np.abs(got.astype(np.float64) - want), initial=0.0)
    assert error <= RTOL[dtype] * scale, f"error {error:.3g} is more than {RTOL[dtype]:g} x {scale:.3g}"


def run_both(inputs, output, args):
    """FAST_RUN's result (a BLAS call) and FAST_COMPILE's (the sequential loop) of one graph."""
    fast_run = irtk.function(inputs, output, mode="FAST_RUN")
    assert gemms(fast_run) >= 1
    fast_compile = irtk.function(inputs, output, mode="FAST_COMPILE")
    return fast_run(*args), fast_compile(*args)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("spec", ["ij,jk->ik", "ji,jk->ik", "ij,kj->ik", "ji,kj->ik", "ij,jk->ki", "jk,ij->ik"])
def test_matrix_products(spec: str, dtype: str) -> None:
    rng = np.random.default_rng(0)
    sizes = {"i": 37, "j": 53, "k": 29}
    terms = spec.split("->")[0].split(",")
    a, b = (sample(rng, [sizes[c] for c in t], dtype) for t in terms)
    x, y = matrix(dtype, "x"), matrix(dtype, "y")
    got, exact = run_both([x, y], contractions.contract(spec, x, y), [a, b])
    want = np.einsum(spec, a.astype(np.float64), b.astype(np.float64))
    assert_close(got, want, dtype)
    assert_close(got, exact.astype(np.float64), dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_dot_and_its_gradients(dtype: str) -> None:
    """The gradients of sum(dot(X, W)) are contractions with transposed operands ("ik,jk->ij", "ij,ik->jk")."""
    rng = np.random.default_rng(1)
    X, W = matrix(dtype, "X"), matrix(dtype, "W")
    y = T.dot(X, W)
    gX, gW = irtk.grad(y.sum(), [X, W])
    f = irtk.function([X, W], [y, gX, gW], mode="FAST_RUN")
    assert gemms(f) == 3
    a, w = sample(rng, (64, 48), dtype), sample(rng, (48, 32), dtype)
    got_y, got_gX, got_gW = f(a, w)
    a64, w64 = a.astype(np.float64), w.astype(np.float64)
    assert_close(got_y, a64 @ w64, dtype)
    assert_close(got_gX, np.ones((64, 32)) @ w64.T, dtype)
    assert_close(got_gW, a64.T @ np.ones((64, 32)), dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_matrix_vector_products(dtype: str) -> None:
    rng = np.random.default_rng(2)
    M, v, u = matrix(dtype, "M"), T.TensorType(dtype, (False,))("v"), T.TensorType(dtype, (False,))("u")
    f = irtk.function([M, v, u], [T.dot(M, v), T.dot(u, M)], mode="FAST_RUN")
    assert gemms(f) == 2
    m, x, y = sample(rng, (90, 70), dtype), sample(rng, 70, dtype), sample(rng, 90, dtype)
    got_mv, got_vm = f(m, x, y)
    assert_close(got_mv, m.astype(np.float64) @ x.astype(np.float64), dtype)
    assert_close(got_vm, y.astype(np.float64) @ m.astype(np.float64), dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_batched_products(dtype: str) -> None:
    rng = np.random.default_rng(3)
    A, B = (T.TensorType(dtype, (False,) * 3)(n) for n in "AB")
    outputs = [T.batched_dot(A, B), contractions.contract("bji,bkj->bik", A, B)]
    f = irtk.function([A, B], outputs, mode="FAST_RUN")
    assert gemms(f) == 2
    a, b = sample(rng, (5, 24, 24), dtype), sample(rng, (5, 24, 24), dtype)
    got, got_t = f(a, b)
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    assert_close(got, a64 @ b64, dtype)
    assert_close(got_t, np.einsum("bji,bkj->bik", a64, b64), dtype)


def test_tensordot_of_matrices_is_a_gemm() -> None:
    rng = np.random.default_rng(4)
    x, y = matrix("float64", "x"), matrix("float64", "y")
    outputs = [contractions.tensordot(x, y, axes=[[0], [0]]), contractions.tensordot(x, y, axes=1)]
    f = irtk.function([x, y], outputs, mode="FAST_RUN")
    assert gemms(f) == 2
    a, b = sample(rng, (40, 40), "float64"), sample(rng, (40, 40), "float64")
    got_0, got_1 = f(a, b)
    assert_close(got_0, np.tensordot(a, b, axes=[[0], [0]]), "float64")
    assert_close(got_1, np.tensordot(a, b, axes=1), "float64")


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_non_contiguous_arguments(dtype: str) -> None:
    """Transposed (Fortran-order) and strided numpy arrays as arguments."""
    rng = np.random.default_rng(5)
    x, y = matrix(dtype, "x"), matrix(dtype, "y")
    f = irtk.function([x, y], T.dot(x, y), mode="FAST_RUN")
    a, b = sample(rng, (50, 60), dtype), sample(rng, (60, 40), dtype)
    big = np.zeros((100, 120), dtype)
    big[::2, ::2] = a
    for left, right in [(np.asfortranarray(a), b), (big[::2, ::2], np.asfortranarray(b)), (a.T.copy().T, b[:, :])]:
        assert_close(f(left, right), a.astype(np.float64) @ b.astype(np.float64), dtype)


@pytest.mark.parametrize(
    "view,reference",
    [
        (lambda x: x[::2, 1:], lambda a: a[::2, 1:]),  # unit column stride: read in place with its leading dimension
        (lambda x: x[:, ::2], lambda a: a[:, ::2]),  # a step in the inner dimension: copied first
        (lambda x: x[::-1], lambda a: a[::-1]),  # a negative row stride: copied first
    ],
    ids=["rows-and-offset", "column-step", "reversed"],
)
def test_slices_inside_the_graph(view, reference) -> None:
    rng = np.random.default_rng(6)
    x, w, v = matrix("float64", "x"), matrix("float64", "w"), T.dvector("v")
    sliced = view(x)
    f = irtk.function([x, w, v], [T.dot(sliced, w), T.dot(w.T[:, :], sliced.T), T.dot(sliced, v)], mode="FAST_RUN")
    assert gemms(f) >= 2
    a = sample(rng, (60, 81), "float64")
    r = reference(a)
    b, c = sample(rng, (r.shape[1], 30), "float64"), sample(rng, r.shape[1], "float64")
    got_1, got_2, got_3 = f(a, b, c)
    assert_close(got_1, r @ b, "float64")
    assert_close(got_2, b.T @ r.T, "float64")
    assert_close(got_3, r @ c, "float64")


@pytest.mark.parametrize("shapes", [((0, 70), (70, 80)), ((70, 0), (0, 80)), ((70, 80), (80, 0))])
def test_size_zero_dimensions(shapes) -> None:
    x, y = matrix("float64", "x"), matrix("float64", "y")
    f = irtk.function([x, y], T.dot(x, y), mode="FAST_RUN")
    a, b = np.ones(shapes[0]), np.ones(shapes[1])
    got = f(a, b)
    assert got.shape == (shapes[0][0], shapes[1][1]) and not got.any()


def test_small_products_keep_fast_compile_bits() -> None:
    """Dynamic sizes make a BLAS call, but below MIN_WORK multiply-adds it runs the sequential loop."""
    rng = np.random.default_rng(7)
    x, y = matrix("float32", "x"), matrix("float32", "y")
    got, exact = run_both([x, y], T.dot(x, y), [sample(rng, (7, 9), "float32"), sample(rng, (9, 5), "float32")])
    assert 7 * 9 * 5 < MIN_WORK and got.tobytes() == exact.tobytes()


def test_size_mismatch_names_the_op() -> None:
    x, y, v = matrix("float64", "x"), matrix("float64", "y"), T.dvector("v")
    f = irtk.function([x, y, v], [T.dot(x, y), T.dot(x, v)], mode="FAST_RUN")
    assert gemms(f) == 2
    with pytest.raises(ValueError, match="irtk.dot: size mismatch in dimension 0 of operand #1"):
        f(np.ones((50, 60)), np.ones((61, 40)), np.ones(60))
    with pytest.raises(ValueError, match="irtk.dot: size mismatch in dimension 0 of operand #1"):
        f(np.ones((50, 60)), np.ones((60, 40)), np.ones(59))


def test_static_small_products_and_other_dtypes_are_left_alone() -> None:
    small = irtk.function([], T.dot(T.constant(np.ones((3, 4))), T.constant(np.ones((4, 5)))), mode="FAST_RUN")
    ints = irtk.function([i := T.imatrix("i"), j := T.imatrix("j")], T.dot(i, j), mode="FAST_RUN")
    mixed = irtk.function([d := T.dmatrix("d"), f := T.fmatrix("f")], T.dot(d, f), mode="FAST_RUN")
    assert gemms(small) == gemms(ints) == gemms(mixed) == 0


def test_without_a_blas_nothing_is_rewritten(monkeypatch) -> None:
    """Also with the same cache: the lowering cache's key covers whether a BLAS can be linked, so the C++ that
    calls it (cached first) is not reused for a kernel that cannot link it."""
    x, y = matrix("float64", "x"), matrix("float64", "y")
    a, b = np.ones((40, 50)), np.ones((50, 30))
    np.testing.assert_array_equal(irtk.function([x, y], T.dot(x, y), mode="FAST_RUN")(a, b), a @ b)
    monkeypatch.setattr(blas_module, "blas_library", lambda: None)
    f = irtk.function([x, y], T.dot(x, y), mode="FAST_RUN")
    assert gemms(f) == 0
    assert blas_module.link_arguments() == ()
    np.testing.assert_array_equal(f(a, b), a @ b)


def test_link_arguments_are_part_of_the_toolchain() -> None:
    from irtk.runtime import cache_key, default_toolchain

    toolchain = default_toolchain()
    library = blas_library()
    assert toolchain.libraries == library.link_arguments
    assert toolchain.libraries[0] == "-Wl,--as-needed" and f"-l:{library.path.name}" in toolchain.libraries
    assert library.path.name.startswith("libscipy_openblas64_") and library.path.parent.name == "numpy.libs"
    assert cache_key("int x;", toolchain) != cache_key("int x;", replace(toolchain, libraries=()))


_THREADS_SCRIPT = """
import hashlib, numpy as np, irtk
from irtk import tensor as T
x, y = T.dmatrix("x"), T.dmatrix("y")
f = irtk.function([x, y], [T.dot(x, y), T.dot(x.T, y)], mode="FAST_RUN")
rng = np.random.default_rng(8)
a, b = rng.standard_normal((512, 512)), rng.standard_normal((512, 512))
print(hashlib.sha256(b"".join(r.tobytes() for r in f(a, b))).hexdigest())
"""


def test_result_does_not_depend_on_the_thread_count() -> None:
    """OpenBLAS splits a product's output among its threads, never a sum: the bits are the same with 1 and 2."""
    digests = []
    for threads in ("1", "2"):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads}
        done = subprocess.run([sys.executable, "-c", _THREADS_SCRIPT], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        digests.append(done.stdout.strip())
    assert digests[0] == digests[1]


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf")
def test_only_kernels_that_call_blas_depend_on_it(isolated_cache) -> None:
    """`-Wl,--as-needed`: the library is a dependency (DT_NEEDED) of a kernel that calls it, and of no other."""
    needed = {}
    x, y = matrix("float64", "x"), matrix("float64", "y")
    for name, output in (("plain", x + 1.0), ("product", T.dot(x, y))):
        before = set(isolated_cache.rglob("*.so"))
        irtk.function([x, y], output, mode="FAST_RUN", on_unused_input="ignore")
        (new,) = set(isolated_cache.rglob("*.so")) - before
        dynamic = subprocess.run(["readelf", "-d", str(new)], capture_output=True, text=True, check=True).stdout
        needed[name] = blas_library().path.name in dynamic
    assert needed == {"plain": False, "product": True}
