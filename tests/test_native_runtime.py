"""irtk._native.Kernel against hand-written kernels compiled by the real toolchain and cache.

The kernels here obey irtk_abi.h the way generated ones do: the header text first, then
`irtk_signature` and `irtk_entry`. They check what the runtime cannot (agreement between dynamic
sizes) and report it through the error buffer.
"""

from __future__ import annotations

import functools
import gc
import threading

import numpy as np
import pytest

from irtk.runtime import abi_header, build_shared_object, load_kernel, native_module

pytest.importorskip("irtk._native", reason="irtk._native is not built (pip install -e .)")

PRELUDE = abi_header() + "\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"

ADD_F64 = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "f64[?],f64[?]->f64[?]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  int64_t n = args[0].shape[0];
  if (args[1].shape[0] != n) {
    snprintf(error->message, IRTK_ERROR_SIZE, "add: size mismatch, %lld vs %lld",
             (long long)n, (long long)args[1].shape[0]);
    return 1;
  }
  double* out = (double*)malloc((n ? n : 1) * sizeof(double));
  const double* a = (const double*)args[0].data;
  const double* b = (const double*)args[1].data;
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
  results[0].data = out;
  results[0].rank = 1;
  results[0].shape[0] = n;
  return 0;
}
"""

SCALAR_ADD = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "f64[],f64[]->f64[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  double* out = (double*)malloc(sizeof(double));
  *out = *(const double*)args[0].data + *(const double*)args[1].data;
  results[0].data = out;
  results[0].rank = 0;
  return 0;
}
"""

# Two results of different dtypes: the doubled matrix and the sum of its elements.
DOUBLE_AND_SUM = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "i32[?x3]->i32[?x3],f32[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  int64_t rows = args[0].shape[0];
  const int32_t* x = (const int32_t*)args[0].data;
  int32_t* doubled = (int32_t*)malloc((rows ? rows : 1) * 3 * sizeof(int32_t));
  float* sum = (float*)malloc(sizeof(float));
  *sum = 0;
  for (int64_t i = 0; i < rows * 3; ++i) { doubled[i] = 2 * x[i]; *sum += (float)x[i]; }
  results[0].data = doubled; results[0].rank = 2; results[0].shape[0] = rows; results[0].shape[1] = 3;
  results[1].data = sum; results[1].rank = 0;
  return 0;
}
"""

# a*b+c and a left-to-right sum: what -ffp-contract=off and no -ffast-math must keep exact.
MULADD_AND_SUM = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "f64[?],f64[?],f64[?]->f64[?],f64[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  int64_t n = args[0].shape[0];
  const double* a = (const double*)args[0].data;
  const double* b = (const double*)args[1].data;
  const double* c = (const double*)args[2].data;
  double* out = (double*)malloc((n ? n : 1) * sizeof(double));
  double* total = (double*)malloc(sizeof(double));
  double acc = 0.0;
  for (int64_t i = 0; i < n; ++i) { out[i] = a[i] * b[i] + c[i]; acc = acc + a[i]; }
  *total = acc;
  results[0].data = out; results[0].rank = 1; results[0].shape[0] = n;
  results[1].data = total; results[1].rank = 0;
  return 0;
}
"""

DTYPE_CODES = ["i1", "i8", "i16", "i32", "i64", "ui8", "ui16", "ui32", "ui64", "f32", "f64"]
NUMPY_DTYPES = [bool, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
                np.float32, np.float64]

# Copies each of 11 arguments, one per dtype: covers the dtype table and more arguments than the
# runtime keeps on the stack.
_all = ",".join(f"{code}[?]" for code in DTYPE_CODES)
COPY_ALL_DTYPES = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "%s->%s"; }
static const size_t kSizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8};
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  for (int i = 0; i < 11; ++i) {
    size_t bytes = (size_t)args[i].shape[0] * kSizes[i];
    results[i].data = malloc(bytes ? bytes : 1);
    memcpy(results[i].data, args[i].data, bytes);
    results[i].rank = 1;
    results[i].shape[0] = args[i].shape[0];
  }
  return 0;
}
""" % (_all, _all)

TRANSPOSE_2X3 = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "f64[2x3]->f64[3x2]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  const double* x = (const double*)args[0].data;
  double* y = (double*)malloc(6 * sizeof(double));
  for (int i = 0; i < 2; ++i) for (int j = 0; j < 3; ++j) y[j * 2 + i] = x[i * 3 + j];
  results[0].data = y; results[0].rank = 2; results[0].shape[0] = 3; results[0].shape[1] = 2;
  return 0;
}
"""

FAIL_SILENTLY = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "->f64[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) { return 7; }
"""

# Claims a rank-1 result but reports rank 2: the runtime must refuse it and free the buffer.
WRONG_RESULT_RANK = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "->f64[?]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  results[0].data = malloc(8); results[0].rank = 2; results[0].shape[0] = 1; results[0].shape[1] = 1;
  return 0;
}
"""

BAD_SIGNATURE = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "f64[?]->q7[]"; }
extern "C" int irtk_entry(const irtk_context*, const irtk_memref*, irtk_memref*, irtk_error*) { return 0; }
"""

NO_ENTRY = PRELUDE + r"""
extern "C" const char* irtk_signature(void) { return "->"; }
"""


@pytest.fixture(scope="module", autouse=True)
def _module_cache_dir(tmp_path_factory):
    """One fresh cache for this module: each kernel compiles once, whatever the user's cache holds."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IRTK_CACHE_DIR", str(tmp_path_factory.mktemp("irtk-cache")))
        yield


@functools.cache
def kernel(source: str, names: tuple[str, ...] | None = None):
    return load_kernel(source, list(names) if names is not None else None)


def test_add_matches_numpy():
    add = kernel(ADD_F64, ("x", "y"))
    x, y = np.random.default_rng(0).standard_normal((2, 1000))
    (out,) = add(x, y)
    assert out.dtype == np.float64 and out.shape == (1000,)
    assert np.array_equal(out, x + y)


def test_scalar_add_returns_rank0_array():
    (out,) = kernel(SCALAR_ADD)(np.array(1.5), np.array(2.25))
    assert out.shape == () and out.dtype == np.float64 and out[()] == 3.75


def test_two_results():
    x = np.arange(12, dtype=np.int32).reshape(4, 3)
    doubled, total = kernel(DOUBLE_AND_SUM)(x)
    assert np.array_equal(doubled, 2 * x) and doubled.dtype == np.int32
    assert total.dtype == np.float32 and total[()] == 66.0


def test_float_arithmetic_is_neither_contracted_nor_reassociated():
    rng = np.random.default_rng(1)
    a, b, c = rng.standard_normal((3, 4096)) * 1e3
    muladd, total = kernel(MULADD_AND_SUM)(a, b, c)
    assert np.array_equal(muladd, a * b + c)  # numpy rounds a*b before adding, like the kernel must
    assert total[()] == functools.reduce(lambda s, v: s + v, a.tolist(), 0.0)


def test_every_dtype_round_trips():
    arrays = [np.arange(5).astype(dt) for dt in NUMPY_DTYPES]
    k = kernel(COPY_ALL_DTYPES)
    assert [str(d) for d in k.arg_dtypes] == [str(np.dtype(dt)) for dt in NUMPY_DTYPES]
    results = k(*arrays)
    assert len(results) == 11
    for got, want in zip(results, arrays):
        assert got.dtype == want.dtype and np.array_equal(got, want)


def test_zero_size_arguments():
    (out,) = kernel(ADD_F64)(np.empty(0), np.empty(0))
    assert out.shape == (0,)


def test_static_shapes():
    x = np.arange(6.0).reshape(2, 3)
    (y,) = kernel(TRANSPOSE_2X3)(x)
    assert np.array_equal(y, x.T)
    with pytest.raises(ValueError, match=r"argument 0 must have shape f64\[2x3\], got shape \(3, 2\)"):
        kernel(TRANSPOSE_2X3)(x.T.copy())


def test_introspection():
    k = kernel(DOUBLE_AND_SUM, ("m",))
    assert k.signature == "i32[?x3]->i32[?x3],f32[]"
    assert k.arg_names == ("m",)
    assert k.arg_dtypes == [np.dtype(np.int32)]
    assert k.result_dtypes == [np.dtype(np.int32), np.dtype(np.float32)]
    assert k.arg_shapes == [(None, 3)] and k.result_shapes == [(None, 3), ()]
    assert (k.num_args, k.num_results) == (1, 2)
    assert k.path.endswith(".so") and "i32[?x3]" in repr(k)


def test_wrong_argument_count_is_a_type_error():
    with pytest.raises(TypeError, match="takes 2 arguments, got 1"):
        kernel(ADD_F64, ("x", "y"))(np.zeros(3))


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.zeros(3), [1.0, 2.0, 3.0]), TypeError, "argument 'y' must be a numpy.ndarray .*got list"),
        ((np.zeros(3, np.float32), np.zeros(3)), TypeError, "argument 'x' must have dtype float64 .*got float32"),
        ((np.zeros(3), np.zeros(3, ">f8")), TypeError, "argument 'y' must have dtype float64"),
        ((np.zeros((3, 1)), np.zeros(3)), ValueError, r"argument 'x' must have rank 1 .*got shape \(3, 1\)"),
        ((np.zeros(3), np.zeros(6)[::2]), ValueError, "argument 'y' must be C-contiguous"),
    ],
)
def test_bad_arguments_are_named(args, error, message):
    with pytest.raises(error, match=message):
        kernel(ADD_F64, ("x", "y"))(*args)


def test_arguments_are_named_by_position_without_names():
    with pytest.raises(TypeError, match="argument 1 must have dtype float64"):
        kernel(ADD_F64)(np.zeros(3), np.zeros(3, np.int64))


def test_misaligned_argument():
    raw = np.zeros(8 * 4 + 1, np.uint8)
    misaligned = np.frombuffer(raw.data, dtype=np.float64, count=4, offset=1)
    assert misaligned.ctypes.data % 8 != 0
    with pytest.raises(ValueError, match="argument 'x' is not aligned to its 8-byte elements"):
        kernel(ADD_F64, ("x", "y"))(misaligned, np.zeros(4))


def test_kernel_error_becomes_value_error():
    with pytest.raises(ValueError, match="add: size mismatch, 3 vs 4"):
        kernel(ADD_F64)(np.zeros(3), np.zeros(4))


def test_kernel_error_without_message():
    with pytest.raises(ValueError, match="status 7"):
        kernel(FAIL_SILENTLY)()


def test_abi_violation_is_refused():
    with pytest.raises(RuntimeError, match="broke the ABI: result 0 has rank 2"):
        kernel(WRONG_RESULT_RANK)()


def test_results_own_their_memory():
    add = load_kernel(ADD_F64)
    (out,) = add(np.ones(100_000), np.ones(100_000))
    assert not out.flags.owndata and out.base is not None  # owned through its base capsule
    assert out.flags.writeable and out.flags.c_contiguous
    del add
    gc.collect()
    out += 1  # the buffer outlives the Kernel and the loaded object
    assert np.all(out == 3.0)


def test_threads_share_a_kernel():
    add = kernel(ADD_F64)
    x = np.arange(10_000.0)
    failures = []

    def work():
        for _ in range(200):
            (out,) = add(x, x)
            if not np.array_equal(out, 2 * x):
                failures.append(out)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_arg_names_are_checked():
    path = build_shared_object(ADD_F64)
    Kernel = native_module().Kernel
    with pytest.raises(ValueError, match="arg_names has 1 names but .* takes 2 arguments"):
        Kernel(path, ["x"])
    with pytest.raises(TypeError, match="arg_names must be a list of str or None, got str"):
        Kernel(path, "xy")
    with pytest.raises(TypeError, match=r"arg_names\[1\] must be a str, got int"):
        Kernel(path, ["x", 1])
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got int"):
        Kernel(3)


def test_load_errors_name_the_file(tmp_path):
    Kernel = native_module().Kernel
    missing = tmp_path / "missing.so"
    with pytest.raises(OSError, match="cannot load kernel '.*missing.so'"):
        Kernel(missing)
    no_entry = build_shared_object(NO_ENTRY)
    with pytest.raises(OSError, match=f"kernel '{no_entry}' does not export irtk_entry"):
        Kernel(no_entry)
    bad = build_shared_object(BAD_SIGNATURE)
    with pytest.raises(ValueError, match=f"kernel '{bad}': malformed signature .* at offset 8: expected a dtype"):
        Kernel(bad)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("f64[?]", "expected '->'"),
        ("f64[?x]->", "expected a dimension"),
        ("f64[?]->f64[]x", "unexpected trailing text"),
        ("f64[" + "x".join(["1"] * 17) + "]->", "exceeds IRTK_MAX_RANK"),
    ],
)
def test_malformed_signatures(text, message):
    with pytest.raises(ValueError, match=message):
        native_module().parse_signature(text)


def test_parse_signature():
    args, results = native_module().parse_signature("f32[?],ui8[]->i1[4x?]")
    assert args == [("f32", (None,)), ("ui8", ())]
    assert results == [("i1", (4, None))]
    assert native_module().parse_signature("->") == ([], [])
