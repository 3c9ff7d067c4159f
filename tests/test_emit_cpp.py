"""emit-cpp: loop-level IR is printed as C++, compiled, called through the kernel ABI and compared with numpy.

Kernels are compiled with the system C++ compiler and called through ctypes with `irtk_memref` structs
built from numpy arrays, so these tests need nothing but the emitter, a compiler and numpy.
"""

from __future__ import annotations

import ctypes
import hashlib
import math
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest
from xdsl.parser import Parser

from irtk.codegen import EmitError, emit_cpp
from irtk.registry import make_context

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++")

FLAGS = ["-O2", "-std=c++17", "-shared", "-fPIC", "-ffp-contract=off"]
MAX_RANK = 16
DTYPES = {"i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
          "ui8": np.uint8, "ui16": np.uint16, "ui32": np.uint32, "ui64": np.uint64,
          "f32": np.float32, "f64": np.float64}  # fmt: skip


class Memref(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rank", ctypes.c_int64), ("shape", ctypes.c_int64 * MAX_RANK)]


class Error(ctypes.Structure):
    _fields_ = [("message", ctypes.c_char * 512)]


class Context(ctypes.Structure):
    _fields_ = [
        ("threads", ctypes.c_int64), ("kept_bytes", ctypes.POINTER(ctypes.c_int64)), ("keep_limit", ctypes.c_int64),
        ("donated", ctypes.c_void_p), ("donated_count", ctypes.c_int64),  # no buffers donated
    ]


#: What these kernels keep of their freed temporaries, counted as the native runtime counts it.
KEPT_BYTES = ctypes.c_int64(0)
CONTEXT = Context(1, ctypes.pointer(KEPT_BYTES), 1 << 40)


class KernelFailed(Exception):
    """irtk_entry returned non-zero; the message is the kernel's."""


LIBC = ctypes.CDLL(None)
LIBC.free.argtypes = [ctypes.c_void_p]


class Kernel:
    """A compiled kernel called through the plain C ABI of irtk_abi.h."""

    def __init__(self, path: Path):
        self.lib = ctypes.CDLL(str(path))
        self.lib.irtk_signature.restype = ctypes.c_char_p
        self.lib.irtk_entry.argtypes = [ctypes.POINTER(Context), ctypes.POINTER(Memref), ctypes.POINTER(Memref), ctypes.POINTER(Error)]
        self.signature = self.lib.irtk_signature().decode()
        outputs = self.signature.split("->")[1]
        self.result_dtypes = [DTYPES[t.split("[")[0]] for t in outputs.split(",") if t]
        self.last_results: list[Memref] = []

    def __call__(self, *arrays: np.ndarray) -> list[np.ndarray]:
        arrays = tuple(np.asarray(a) if np.asarray(a).flags.c_contiguous else np.asarray(a).copy() for a in arrays)
        args = (Memref * max(1, len(arrays)))()
        for memref, array in zip(args, arrays):
            memref.data = array.ctypes.data
            memref.rank = array.ndim
            for d, size in enumerate(array.shape):
                memref.shape[d] = size
        results = (Memref * max(1, len(self.result_dtypes)))()
        for memref in results:
            memref.data = 0xDEAD  # must be overwritten (success) or cleared (failure)
        error = Error()
        status = self.lib.irtk_entry(ctypes.byref(CONTEXT), args, results, ctypes.byref(error))
        self.last_results = list(results)[: len(self.result_dtypes)]
        if status != 0:
            raise KernelFailed(error.message.decode())
        out = []
        for memref, dtype in zip(results, self.result_dtypes):
            shape = tuple(memref.shape[: memref.rank])
            assert memref.data % 64 == 0, "result buffers are 64-byte aligned"
            count = int(np.prod(shape, dtype=np.int64))
            buffer = (ctypes.c_char * (count * np.dtype(dtype).itemsize)).from_address(memref.data)
            out.append(np.frombuffer(buffer, dtype=dtype).reshape(shape).copy())
            LIBC.free(memref.data)
        return out


_BUILT: dict[str, Kernel] = {}


def build(source: str, tmp_dir: Path, flags=FLAGS) -> Kernel:
    key = hashlib.sha256((source + " ".join(flags)).encode()).hexdigest()[:16]
    if key not in _BUILT:
        cpp, so = tmp_dir / f"{key}.cpp", tmp_dir / f"{key}.so"
        cpp.write_text(source)
        subprocess.run(["g++", *flags, "-o", str(so), str(cpp)], check=True, capture_output=True, text=True)
        _BUILT[key] = Kernel(so)
    return _BUILT[key]


def parse(text: str):
    module = Parser(make_context(), text).parse_module()
    module.verify()
    return module


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """kernel(mlir_text) -> the compiled Kernel."""
    tmp_dir = tmp_path_factory.mktemp("kernels")
    return lambda text, flags=FLAGS: build(emit_cpp(parse(text)), tmp_dir, flags)


def bits(a: np.ndarray) -> np.ndarray:
    return a.view(np.uint64 if a.dtype == np.float64 else np.uint32)


# ---- loops, shapes, reductions ---------------------------------------------------------------------

ROW_SUMS = """
func.func @row_sums(%A: memref<?x?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %A, %c0 : memref<?x?xf64>
  %m = memref.dim %A, %c1 : memref<?x?xf64>
  %out = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %sum = scf.for %j = %c0 to %m step %c1 iter_args(%acc = %zero) -> (f64) {
      %x = memref.load %A[%i, %j] : memref<?x?xf64>
      %next = arith.addf %acc, %x : f64
      scf.yield %next : f64
    }
    memref.store %sum, %out[%i] : memref<?xf64>
  }
  func.return %out : memref<?xf64>
}
"""


def test_reduction_with_iter_args_sums_left_to_right(kernel):
    k = kernel(ROW_SUMS)
    assert k.signature == "f64[?x?]->f64[?]"
    a = np.random.default_rng(0).standard_normal((5, 7)) * 1e3
    (out,) = k(a)
    expected = np.zeros(5)
    for j in range(7):  # the order the IR computes in
        expected = expected + a[:, j]
    np.testing.assert_array_equal(out, expected)


def test_zero_size_inputs_and_results(kernel):
    (out,) = kernel(ROW_SUMS)(np.zeros((0, 3)))
    assert out.shape == (0,)
    (out,) = kernel(ROW_SUMS)(np.zeros((2, 0)))
    np.testing.assert_array_equal(out, [0.0, 0.0])


MATMUL = """
func.func @matmul(%A: memref<2x3xf64>, %B: memref<3x4xf64>) -> memref<2x4xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f64
  %C = memref.alloc() : memref<2x4xf64>
  scf.for %i = %c0 to %c2 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %dot = scf.for %k = %c0 to %c3 step %c1 iter_args(%acc = %zero) -> (f64) {
        %a = memref.load %A[%i, %k] : memref<2x3xf64>
        %b = memref.load %B[%k, %j] : memref<3x4xf64>
        %p = arith.mulf %a, %b : f64
        %s = arith.addf %acc, %p : f64
        scf.yield %s : f64
      }
      memref.store %dot, %C[%i, %j] : memref<2x4xf64>
    }
  }
  func.return %C : memref<2x4xf64>
}
"""


def test_static_shapes_matmul(kernel):
    k = kernel(MATMUL)
    assert k.signature == "f64[2x3],f64[3x4]->f64[2x4]"
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    (c,) = k(a, b)
    expected = np.zeros((2, 4))
    for kk in range(3):
        expected = expected + a[:, kk : kk + 1] * b[kk : kk + 1, :]
    np.testing.assert_array_equal(c, expected)


def test_wrong_argument_shape_is_an_error_not_a_crash(kernel):
    k = kernel(MATMUL)
    with pytest.raises(KernelFailed, match=r"argument 1 does not match f64\[3x4\]"):
        k(np.zeros((2, 3)), np.zeros((4, 3)))
    assert all(r.data is None for r in k.last_results)


PARALLEL = """
func.func @add_transposed(%A: memref<?x?xf32>, %B: memref<?x?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %A, %c0 : memref<?x?xf32>
  %m = memref.dim %A, %c1 : memref<?x?xf32>
  %C = memref.alloc(%n, %m) : memref<?x?xf32>
  "scf.parallel"(%c0, %c0, %n, %m, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %a = memref.load %A[%i, %j] : memref<?x?xf32>
    %b = memref.load %B[%j, %i] : memref<?x?xf32>
    %s = arith.addf %a, %b : f32
    memref.store %s, %C[%i, %j] : memref<?x?xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return %C : memref<?x?xf32>
}
"""


def test_nested_parallel_loops(kernel):
    rng = np.random.default_rng(2)
    a = rng.standard_normal((3, 5)).astype(np.float32)
    b = rng.standard_normal((5, 3)).astype(np.float32)
    (c,) = kernel(PARALLEL)(a, b)
    assert c.dtype == np.float32
    np.testing.assert_array_equal(c, a + b.T)


IF_RESULTS = """
func.func @clamp_or_scale(%x: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %two = arith.constant 2.0 : f64
  %n = memref.dim %x, %c0 : memref<?xf64>
  %y = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64>
    %neg = arith.cmpf olt, %v, %zero : f64
    %r, %unused = scf.if %neg -> (f64, index) {
      scf.yield %zero, %c0 : f64, index
    } else {
      %d = arith.mulf %v, %two : f64
      scf.yield %d, %c1 : f64, index
    }
    memref.store %r, %y[%i] : memref<?xf64>
  }
  func.return %y : memref<?xf64>
}
"""


def test_if_with_results(kernel):
    x = np.array([-1.0, 0.5, -0.0, 3.0, np.nan])
    (y,) = kernel(IF_RESULTS)(x)
    np.testing.assert_array_equal(y, np.where(x < 0, 0.0, x * 2))


SWAP = """
func.func @fib(%n: memref<index>) -> memref<2xi64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %i0 = arith.constant 0 : i64
  %i1 = arith.constant 1 : i64
  %steps = memref.load %n[] : memref<index>
  %a, %b = scf.for %i = %c0 to %steps step %c1 iter_args(%x = %i0, %y = %i1) -> (i64, i64) {
    %s = arith.addi %x, %y : i64
    scf.yield %y, %s : i64, i64
  }
  %out = memref.alloc() : memref<2xi64>
  memref.store %a, %out[%c0] : memref<2xi64>
  memref.store %b, %out[%c1] : memref<2xi64>
  func.return %out : memref<2xi64>
}
"""


def test_iter_args_are_updated_simultaneously(kernel):
    (out,) = kernel(SWAP)(np.array(10, dtype=np.int64))
    np.testing.assert_array_equal(out, [55, 89])


# ---- arithmetic ------------------------------------------------------------------------------------


def elementwise(ops: list[str], t: str, result_type: str | None = None, n_inputs: int = 2) -> str:
    """A kernel applying each `op` (`%r = <op> %a, %b : <t>`-style templates) over 1-D inputs, one result each."""
    result_type = result_type or t
    ins = ", ".join(f"%in{k}: memref<?x{t}>" for k in range(n_inputs))
    outs = ", ".join(f"memref<?x{result_type}>" for _ in ops)
    lines = [f"func.func @ops({ins}) -> ({outs}) {{", "  %c0 = arith.constant 0 : index",
             "  %c1 = arith.constant 1 : index", f"  %n = memref.dim %in0, %c0 : memref<?x{t}>"]  # fmt: skip
    lines += [f"  %out{k} = memref.alloc(%n) : memref<?x{result_type}>" for k in range(len(ops))]
    lines.append("  scf.for %i = %c0 to %n step %c1 {")
    lines += [f"    %{'abc'[k]} = memref.load %in{k}[%i] : memref<?x{t}>" for k in range(n_inputs)]
    for k, op in enumerate(ops):
        lines.append(f"    %r{k} = {op}")
        lines.append(f"    memref.store %r{k}, %out{k}[%i] : memref<?x{result_type}>")
    lines += ["  }", f"  func.return {', '.join(f'%out{k}' for k in range(len(ops)))} : {outs}", "}"]
    return "\n".join(lines)


SPECIAL = [0.0, -0.0, 1.5, -2.25, 1e308, -1e-310, np.inf, -np.inf, np.nan, 3.0, 7.0, -7.0]


def pairs(values):
    a = np.array([x for x in values for _ in values])
    b = np.array([y for _ in values for y in values])
    return a, b


@pytest.mark.parametrize("t,dtype", [("f64", np.float64), ("f32", np.float32)])
def test_float_binary_ops(kernel, t, dtype):
    names = ["addf", "subf", "mulf", "divf", "maximumf", "minimumf", "maxnumf", "minnumf"]
    k = kernel(elementwise([f"arith.{name} %a, %b : {t}" for name in names], t))
    with np.errstate(all="ignore"):
        a, b = (x.astype(dtype) for x in pairs(SPECIAL))
        expected = [a + b, a - b, a * b, a / b, np.maximum(a, b), np.minimum(a, b), np.fmax(a, b), np.fmin(a, b)]
        results = k(a, b)
    both_zero = (a == 0) & (b == 0)  # numpy does not order -0 below +0; see the next test
    for name, got, want in zip(names, results, expected):
        assert got.dtype == dtype
        if name in ("maxnumf", "minnumf"):  # the sign of a zero result is unspecified for maxnum/minnum
            np.testing.assert_array_equal(got, want, err_msg=name)
        else:
            keep = ~both_zero if name in ("maximumf", "minimumf") else np.ones_like(both_zero)
            np.testing.assert_array_equal(bits(got[keep]), bits(want[keep]), err_msg=name)


def test_maximumf_orders_signed_zeros(kernel):
    k = kernel(elementwise(["arith.maximumf %a, %b : f64", "arith.minimumf %a, %b : f64"], "f64"))
    hi, lo = k(np.array([-0.0, 0.0]), np.array([0.0, -0.0]))
    assert list(np.signbit(hi)) == [False, False] and list(np.signbit(lo)) == [True, True]


def test_f32_arithmetic_stays_in_f32(kernel):
    """Each f32 op rounds to f32: a*b+c computed in double and rounded once would differ."""
    ir = elementwise(["arith.mulf %a, %b : f32", "arith.addf %r0, %c : f32", "arith.negf %r1 : f32"], "f32",
                     n_inputs=3)  # fmt: skip
    rng = np.random.default_rng(3)
    a, b, c = (rng.standard_normal(1000).astype(np.float32) for _ in range(3))
    product, total, negated = kernel(ir)(a, b, c)
    np.testing.assert_array_equal(bits(product), bits(a * b))
    np.testing.assert_array_equal(bits(total), bits(a * b + c))
    np.testing.assert_array_equal(bits(negated), bits(-(a * b + c)))
    double_rounded = (a.astype(np.float64) * b + c).astype(np.float32)
    assert (double_rounded != a * b + c).any(), "the inputs distinguish one rounding from two"


def test_no_contraction_under_the_runtime_flags(kernel):
    """With -O3 -march=native (FMA available on most hosts) a*b+c must still round twice."""
    flags = [f for f in FLAGS if f != "-O2"] + ["-O3", "-march=native", "-fno-fast-math"]
    k = kernel(elementwise(["arith.mulf %a, %b : f64", "arith.addf %r0, %c : f64"], "f64", n_inputs=3), flags)
    rng = np.random.default_rng(4)
    a, b, c = (rng.standard_normal(1000) for _ in range(3))
    _, total = k(a, b, c)
    np.testing.assert_array_equal(bits(total), bits(a * b + c))


CMPF = "false oeq ogt oge olt ole one ord ueq ugt uge ult ule une uno true".split()


def cmpf_reference(predicate: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    unordered = np.isnan(a) | np.isnan(b)
    relation = {"eq": a == b, "gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b, "ne": (a < b) | (a > b)}
    if predicate in ("false", "true"):
        return np.full(a.shape, predicate == "true")
    if predicate == "ord":
        return ~unordered
    if predicate == "uno":
        return unordered
    base = relation[predicate[1:]]
    return base & ~unordered if predicate[0] == "o" else base | unordered


def test_cmpf_all_predicates(kernel):
    k = kernel(elementwise([f"arith.cmpf {p}, %a, %b : f64" for p in CMPF], "f64", result_type="i1"))
    a, b = pairs([0.0, -0.0, 1.0, -1.0, np.inf, np.nan])
    for predicate, got in zip(CMPF, k(a, b)):
        np.testing.assert_array_equal(got, cmpf_reference(predicate, a, b), err_msg=predicate)


CMPI = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"]


@pytest.mark.parametrize("t,dtype", [("i8", np.int8), ("i32", np.int32), ("i64", np.int64)])
def test_cmpi_all_predicates(kernel, t, dtype):
    k = kernel(elementwise([f"arith.cmpi {p}, %a, %b : {t}" for p in CMPI], t, result_type="i1"))
    info = np.iinfo(dtype)
    a, b = (x.astype(dtype) for x in pairs([0, 1, -1, info.min, info.max, 5]))
    ua, ub = a.view(np.dtype(dtype).str.replace("i", "u")), b.view(np.dtype(dtype).str.replace("i", "u"))
    ops = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
           "ge": np.greater_equal}  # fmt: skip
    for predicate, got in zip(CMPI, k(a, b)):
        x, y = (ua, ub) if predicate[0] == "u" else (a, b)
        want = ops[predicate[-2:] if predicate not in ("eq", "ne") else predicate](x, y)
        np.testing.assert_array_equal(got, want, err_msg=predicate)


def wrap(values, dtype):
    bits_ = np.dtype(dtype).itemsize * 8
    return np.array([((v + (1 << (bits_ - 1))) % (1 << bits_)) - (1 << (bits_ - 1)) for v in values]).astype(dtype)


def int_reference(name: str, x: int, y: int, width: int) -> int | None:
    """MLIR's semantics on Python ints (None where MLIR leaves the result undefined)."""
    mask = (1 << width) - 1
    ux, uy = x & mask, y & mask
    if name in ("divsi", "remsi", "floordivsi", "ceildivsi", "divui", "remui", "ceildivui") and y == 0:
        return None
    trunc_div = abs(x) // abs(y) * (1 if (x < 0) == (y < 0) else -1) if y else 0
    table = {
        "addi": x + y, "subi": x - y, "muli": x * y, "divsi": trunc_div, "remsi": x - y * trunc_div if y else 0,
        "floordivsi": x // y if y else 0, "ceildivsi": -((-x) // y) if y else 0, "divui": ux // uy if uy else 0,
        "remui": ux % uy if uy else 0, "ceildivui": -((-ux) // uy) if uy else 0, "andi": x & y, "ori": x | y,
        "xori": x ^ y, "maxsi": max(x, y), "minsi": min(x, y), "maxui": max(ux, uy), "minui": min(ux, uy),
        "shli": ux << uy if uy < width else None, "shrui": ux >> uy if uy < width else None,
        "shrsi": x >> uy if uy < width else None,
    }  # fmt: skip
    return table[name]


INT_OPS = ["addi", "subi", "muli", "divsi", "remsi", "floordivsi", "ceildivsi", "divui", "remui", "ceildivui",
           "andi", "ori", "xori", "maxsi", "minsi", "maxui", "minui", "shli", "shrui", "shrsi"]  # fmt: skip


@pytest.mark.parametrize("t,dtype", [("i8", np.int8), ("i16", np.int16), ("i32", np.int32), ("i64", np.int64)])
def test_integer_ops_wrap_like_mlir(kernel, t, dtype):
    k = kernel(elementwise([f"arith.{name} %a, %b : {t}" for name in INT_OPS], t))
    info = np.iinfo(dtype)
    values = [0, 1, 2, 3, -1, -7, 7, info.min, info.max, info.max - 1, 5]
    nonzero = [v for v in values if v != 0]
    a = np.array([x for x in values for _ in nonzero], dtype=dtype)
    b = np.array([y for _ in values for y in nonzero], dtype=dtype)
    width = np.dtype(dtype).itemsize * 8
    for name, got in zip(INT_OPS, k(a, b)):
        want = [int_reference(name, int(x), int(y), width) for x, y in zip(a, b)]
        defined = [w is not None for w in want]
        np.testing.assert_array_equal(got[defined], wrap([w for w in want if w is not None], dtype), err_msg=name)


def test_integer_division_by_zero_fails_the_call(kernel):
    k = kernel(elementwise(["arith.divsi %a, %b : i32"], "i32"))
    with pytest.raises(KernelFailed, match="integer division by zero"):
        k(np.array([1, 2], dtype=np.int32), np.array([1, 0], dtype=np.int32))


def test_i1_arithmetic(kernel):
    ops = ["arith.addi %a, %b : i1", "arith.muli %a, %b : i1", "arith.xori %a, %b : i1",
           "arith.cmpi slt, %a, %b : i1", "arith.maxsi %a, %b : i1", "arith.select %a, %a, %b : i1"]  # fmt: skip
    k = kernel(elementwise(ops, "i1"))
    a = np.array([False, False, True, True])
    b = np.array([False, True, False, True])
    add, mul, xor, slt, maxsi, sel = k(a, b)
    np.testing.assert_array_equal(add, a ^ b)
    np.testing.assert_array_equal(mul, a & b)
    np.testing.assert_array_equal(xor, a ^ b)
    np.testing.assert_array_equal(slt, a & ~b)  # true is -1 as a signed i1
    np.testing.assert_array_equal(maxsi, a & b)
    np.testing.assert_array_equal(sel, a | b)


CASTS = """
func.func @casts(%x: memref<?xi32>, %f: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>, memref<?xi64>,
    memref<?xi64>, memref<?xi8>, memref<?xi32>, memref<?xf32>, memref<?xf64>, memref<?xi64>, memref<?xi16>,
    memref<?xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xi32>
  %o0 = memref.alloc(%n) : memref<?xf64>
  %o1 = memref.alloc(%n) : memref<?xf64>
  %o2 = memref.alloc(%n) : memref<?xi64>
  %o3 = memref.alloc(%n) : memref<?xi64>
  %o4 = memref.alloc(%n) : memref<?xi8>
  %o5 = memref.alloc(%n) : memref<?xi32>
  %o6 = memref.alloc(%n) : memref<?xf32>
  %o7 = memref.alloc(%n) : memref<?xf64>
  %o8 = memref.alloc(%n) : memref<?xi64>
  %o9 = memref.alloc(%n) : memref<?xi16>
  %o10 = memref.alloc(%n) : memref<?xi64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xi32>
    %g = memref.load %f[%i] : memref<?xf64>
    %s = arith.sitofp %v : i32 to f64
    memref.store %s, %o0[%i] : memref<?xf64>
    %u = arith.uitofp %v : i32 to f64
    memref.store %u, %o1[%i] : memref<?xf64>
    %e = arith.extsi %v : i32 to i64
    memref.store %e, %o2[%i] : memref<?xi64>
    %z = arith.extui %v : i32 to i64
    memref.store %z, %o3[%i] : memref<?xi64>
    %t = arith.trunci %v : i32 to i8
    memref.store %t, %o4[%i] : memref<?xi8>
    %q = arith.fptosi %g : f64 to i32
    memref.store %q, %o5[%i] : memref<?xi32>
    %h = arith.truncf %g : f64 to f32
    memref.store %h, %o6[%i] : memref<?xf32>
    %w = arith.extf %h : f32 to f64
    memref.store %w, %o7[%i] : memref<?xf64>
    %b = arith.bitcast %g : f64 to i64
    memref.store %b, %o8[%i] : memref<?xi64>
    %ix = arith.index_cast %v : i32 to index
    %back = arith.index_cast %ix : index to i16
    memref.store %back, %o9[%i] : memref<?xi16>
    %ixi = arith.index_cast %ix : index to i64
    memref.store %ixi, %o10[%i] : memref<?xi64>
  }
  func.return %o0, %o1, %o2, %o3, %o4, %o5, %o6, %o7, %o8, %o9, %o10 : memref<?xf64>, memref<?xf64>,
    memref<?xi64>, memref<?xi64>, memref<?xi8>, memref<?xi32>, memref<?xf32>, memref<?xf64>, memref<?xi64>,
    memref<?xi16>, memref<?xi64>
}
"""


def test_casts(kernel):
    x = np.array([0, 1, -1, 300, -2147483648, 2147483647], dtype=np.int32)
    f = np.array([0.5, -1.5, 1e10 / 1e10, 0.1, -3.9, 123456.7])
    sitofp, uitofp, extsi, extui, trunci, fptosi, truncf, extf, bitcast, index16, index64 = kernel(CASTS)(x, f)
    np.testing.assert_array_equal(sitofp, x.astype(np.float64))
    np.testing.assert_array_equal(uitofp, x.view(np.uint32).astype(np.float64))
    np.testing.assert_array_equal(extsi, x.astype(np.int64))
    np.testing.assert_array_equal(extui, x.view(np.uint32).astype(np.int64))
    np.testing.assert_array_equal(trunci, x.astype(np.int8))
    np.testing.assert_array_equal(fptosi, np.trunc(f).astype(np.int32))
    np.testing.assert_array_equal(bits(truncf), bits(f.astype(np.float32)))
    np.testing.assert_array_equal(extf, f.astype(np.float32).astype(np.float64))
    np.testing.assert_array_equal(bitcast, f.view(np.int64))
    np.testing.assert_array_equal(index16, x.astype(np.int16))
    np.testing.assert_array_equal(index64, x.astype(np.int64))


INT_TYPES = {"i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64}
UINT_OF = {np.int8: np.uint8, np.int16: np.uint16, np.int32: np.uint32, np.int64: np.uint64}


def float_to_int_kernel(t: str) -> str:
    """fptosi then fptoui of a 1-D `t` input to i8, i16, i32 and i64: eight results."""
    ops = [(op, i) for op in ("fptosi", "fptoui") for i in INT_TYPES]
    outs = ", ".join(f"memref<?x{i}>" for _, i in ops)
    lines = [f"func.func @casts(%x: memref<?x{t}>) -> ({outs}) {{", "  %c0 = arith.constant 0 : index",
             "  %c1 = arith.constant 1 : index", f"  %n = memref.dim %x, %c0 : memref<?x{t}>"]  # fmt: skip
    lines += [f"  %o{k} = memref.alloc(%n) : memref<?x{i}>" for k, (_, i) in enumerate(ops)]
    lines += ["  scf.for %j = %c0 to %n step %c1 {", f"    %v = memref.load %x[%j] : memref<?x{t}>"]
    for k, (op, i) in enumerate(ops):
        lines += [f"    %r{k} = arith.{op} %v : {t} to {i}", f"    memref.store %r{k}, %o{k}[%j] : memref<?x{i}>"]
    lines += ["  }", f"  func.return {', '.join(f'%o{k}' for k in range(len(ops)))} : {outs}", "}"]
    return "\n".join(lines)


def out_of_range_floats(dtype) -> np.ndarray:
    """NaN, infinities, and values at, just inside and just outside every integer width's range."""
    values = [np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, 0.5, -0.5, 2.7, -2.7, 1e10, -1e10, 3e9, 1e30, -1e30]
    for bits in (7, 8, 15, 16, 31, 32, 63, 64):
        for edge in (2.0**bits, -(2.0**bits)):
            e = dtype(edge)
            values += [e, np.nextafter(e, dtype(0)), np.nextafter(e, dtype(np.inf)), np.nextafter(e, dtype(-np.inf))]
            values += [edge + 1, edge - 1, edge + 0.5, edge - 0.5]
    rng = np.random.default_rng(5)
    values += list(rng.standard_normal(200) * 10.0 ** rng.integers(0, 25, 200))
    return np.array(values, dtype=dtype)


def numpy_fptoui(x: np.ndarray, itype) -> np.ndarray:
    """The documented fptoui rule: numpy's astype, except that 32 bits keep the low bits of the int64 cast
    (what numpy's scalar loop gives; its AVX-512 loop differs out of range)."""
    with np.errstate(invalid="ignore"):
        if itype is np.int32:
            return x.astype(np.int64).astype(np.uint32)
        return x.astype(UINT_OF[itype])


@pytest.mark.parametrize("t,dtype", [("f64", np.float64), ("f32", np.float32)])
def test_float_to_int_out_of_range_and_nan_match_numpy(kernel, t, dtype):
    """numpy on x86-64: truncate into 32 bits (or 64 for int64), INT_MIN for NaN and whatever does not fit,
    narrower types keep the low bits. FAST_COMPILE evaluates casts with numpy, so FAST_RUN must agree."""
    x = out_of_range_floats(dtype)
    results = kernel(float_to_int_kernel(t))(x)
    with np.errstate(invalid="ignore"):
        for got, itype in zip(results[:4], INT_TYPES.values()):
            np.testing.assert_array_equal(got, x.astype(itype), err_msg=f"fptosi {t} to {itype.__name__}")
    for got, itype in zip(results[4:], INT_TYPES.values()):
        want = numpy_fptoui(x, itype)
        np.testing.assert_array_equal(got.view(want.dtype), want, err_msg=f"fptoui {t} to {itype.__name__}")


def test_float_to_int_has_no_undefined_behaviour(tmp_path):
    """Compiled with the float-cast-overflow sanitizer trapping, the casts run on NaN, infinities and
    out-of-range values without a trap (C++ never converts a float that does not fit)."""
    probe = tmp_path / "probe.cpp"
    probe.write_text("int main(int argc, char**) { return static_cast<int>(argc * 0.5); }\n")
    sanitize = ["-fsanitize=float-cast-overflow", "-fsanitize-undefined-trap-on-error"]
    if subprocess.run(["g++", *sanitize, "-o", str(tmp_path / "probe"), str(probe)], capture_output=True).returncode:
        pytest.skip("g++ cannot build with -fsanitize=float-cast-overflow")
    for t, dtype in (("f64", np.float64), ("f32", np.float32)):
        x = out_of_range_floats(dtype)
        literals = ", ".join(
            "__builtin_nan(\"\")" if np.isnan(v) else ("__builtin_inf()" if v > 0 else "-__builtin_inf()")
            if np.isinf(v) else float(v).hex()
            for v in x
        )
        main = f"""
#include <cstdio>
static const double values[] = {{{literals}}};
static {"double" if t == "f64" else "float"} input[{len(x)}];
int main() {{
  for (int i = 0; i < {len(x)}; ++i) input[i] = values[i];  /* exact: every value is an {t} */
  irtk_memref args[1] = {{}};
  args[0].data = input;
  args[0].rank = 1;
  args[0].shape[0] = {len(x)};
  irtk_memref results[8];
  irtk_error error;
  if (irtk_entry(nullptr, args, results, &error) != 0) return 2;
  long long sum = 0;
  for (int r = 0; r < 8; ++r) {{
    for (int i = 0; i < {len(x)}; ++i) {{
      switch (r % 4) {{
        case 0: sum += static_cast<int8_t*>(results[r].data)[i]; break;
        case 1: sum += static_cast<int16_t*>(results[r].data)[i]; break;
        case 2: sum += static_cast<int32_t*>(results[r].data)[i]; break;
        default: sum += static_cast<int64_t*>(results[r].data)[i] % 1000; break;
      }}
    }}
    std::free(results[r].data);
  }}
  std::printf("%lld\\n", sum);
  return 0;
}}
"""
        source, exe = tmp_path / f"casts_{t}.cpp", tmp_path / f"casts_{t}"
        source.write_text(emit_cpp(parse(float_to_int_kernel(t))) + main)
        subprocess.run(["g++", *FLAGS[:2], *sanitize, "-o", str(exe), str(source)], check=True, capture_output=True)
        run = subprocess.run([str(exe)], capture_output=True, text=True)
        assert run.returncode == 0, f"{t}: the sanitizer trapped (status {run.returncode})"


@pytest.mark.parametrize("src", ["float64", "float32"])
@pytest.mark.parametrize("dst", ["int8", "int16", "int32", "int64"])
def test_astype_int_agrees_between_modes_out_of_range(src, dst):
    """`x.astype(int)` on NaN and out-of-range values: FAST_RUN (the emitted cast) gives numpy's answer,
    which FAST_COMPILE evaluates with."""
    pytest.importorskip("irtk._native", reason="irtk._native is not built")
    import irtk
    from irtk import tensor

    x = tensor.vector("x", dtype=src)
    v = np.array([3e9, np.nan, -1e10, 2.7, -2.7], dtype=src)
    with np.errstate(invalid="ignore"):
        want = v.astype(dst)
        got = {mode: irtk.function([x], x.astype(dst), mode=mode)(v) for mode in ("FAST_RUN", "FAST_COMPILE")}
    for mode, out in got.items():
        assert out.dtype == np.dtype(dst), mode
        np.testing.assert_array_equal(out, want, err_msg=mode)
    if dst == "int32":
        np.testing.assert_array_equal(got["FAST_RUN"], [-(2**31), -(2**31), -(2**31), 2, -2])


UNARY_MATH = {"exp": np.exp, "log": np.log, "log1p": np.log1p, "expm1": np.expm1, "sqrt": np.sqrt,
              "tanh": np.tanh, "sin": np.sin, "cos": np.cos, "tan": np.tan, "absf": np.abs, "floor": np.floor,
              "ceil": np.ceil, "atan": np.arctan, "exp2": np.exp2, "log2": np.log2, "log10": np.log10,
              "trunc": np.trunc, "sinh": np.sinh, "cosh": np.cosh, "cbrt": np.cbrt,
              "rsqrt": lambda x: 1 / np.sqrt(x), "roundeven": np.rint,
              "round": lambda x: np.sign(x) * np.floor(np.abs(x) + 0.5)}  # fmt: skip


@pytest.mark.parametrize("t,dtype,rtol", [("f64", np.float64, 1e-15), ("f32", np.float32, 1e-6)])
def test_unary_math(kernel, t, dtype, rtol):
    names = list(UNARY_MATH)
    k = kernel(elementwise([f"math.{name} %a : {t}" for name in names], t, n_inputs=1))
    x = np.array([0.25, 0.5, 1.5, 2.5, -2.5, 3.0, 10.0, 0.0, 1e-3], dtype=dtype)
    with np.errstate(all="ignore"):
        for name, got in zip(names, k(x)):
            assert got.dtype == dtype, name
            np.testing.assert_allclose(got, UNARY_MATH[name](x).astype(dtype), rtol=rtol, atol=0, err_msg=name)


def test_binary_and_ternary_math(kernel):
    ops = ["math.powf %a, %b : f64", "math.atan2 %a, %b : f64", "math.copysign %a, %b : f64",
           "math.fma %a, %b, %c : f64", "math.erf %a : f64"]  # fmt: skip
    k = kernel(elementwise(ops, "f64", n_inputs=3))
    a, b, c = np.array([1.5, 2.0, 1 + 2**-30]), np.array([2.0, -0.5, 1 - 2**-30]), np.array([1e-17, 1.0, -1.0])
    powf, atan2, copysign, fma, erf = k(a, b, c)
    np.testing.assert_allclose(powf, a**b, rtol=1e-15)
    np.testing.assert_allclose(atan2, np.arctan2(a, b), rtol=1e-15)
    np.testing.assert_array_equal(copysign, np.copysign(a, b))
    np.testing.assert_allclose(erf, [math.erf(v) for v in a], rtol=1e-15)
    np.testing.assert_array_equal(fma[:2], (a * b + c)[:2])
    assert a[2] * b[2] + c[2] == 0.0 and fma[2] == -(2.0**-60)  # math.fma rounds once


INTEGER_MATH = """
func.func @integer_math(%x: memref<?xi32>, %y: memref<?xi32>) -> (memref<?xi32>, memref<?xi32>, memref<?xi32>,
    memref<?xi32>, memref<?xi32>, memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xi32>
  %o0 = memref.alloc(%n) : memref<?xi32>
  %o1 = memref.alloc(%n) : memref<?xi32>
  %o2 = memref.alloc(%n) : memref<?xi32>
  %o3 = memref.alloc(%n) : memref<?xi32>
  %o4 = memref.alloc(%n) : memref<?xi32>
  %o5 = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.load %x[%i] : memref<?xi32>
    %b = memref.load %y[%i] : memref<?xi32>
    %r0 = math.absi %a : i32
    memref.store %r0, %o0[%i] : memref<?xi32>
    %r1 = math.ipowi %a, %b : i32
    memref.store %r1, %o1[%i] : memref<?xi32>
    %r2 = math.ctlz %a : i32
    memref.store %r2, %o2[%i] : memref<?xi32>
    %r3 = math.cttz %a : i32
    memref.store %r3, %o3[%i] : memref<?xi32>
    %r4 = math.ctpop %a : i32
    memref.store %r4, %o4[%i] : memref<?xi32>
    %f = arith.sitofp %b : i32 to f64
    %r5 = math.fpowi %f, %a : f64, i32
    memref.store %r5, %o5[%i] : memref<?xf64>
  }
  func.return %o0, %o1, %o2, %o3, %o4, %o5 : memref<?xi32>, memref<?xi32>, memref<?xi32>, memref<?xi32>,
    memref<?xi32>, memref<?xf64>
}
"""


def test_integer_math(kernel):
    k = kernel(INTEGER_MATH)
    a = np.array([0, 1, -1, 8, -2147483648, 3], dtype=np.int32)
    b = np.array([2, 5, 3, 2, 1, 31], dtype=np.int32)
    absi, ipowi, ctlz, cttz, ctpop, fpowi = k(a, b)
    np.testing.assert_array_equal(absi, np.abs(a))
    np.testing.assert_array_equal(ipowi, wrap([int(x) ** int(y) for x, y in zip(a, b)], np.int32))
    u = a.view(np.uint32)
    np.testing.assert_array_equal(ctlz, [32 - int(v).bit_length() for v in u])
    np.testing.assert_array_equal(cttz, [32 if v == 0 else (int(v) & -int(v)).bit_length() - 1 for v in u])
    np.testing.assert_array_equal(ctpop, [bin(int(v)).count("1") for v in u])
    np.testing.assert_allclose(fpowi, b.astype(np.float64) ** a, rtol=1e-15)


# ---- constants -------------------------------------------------------------------------------------

F64_CONSTANTS = [0.1, -0.0, 1e-310, 5e-324, 1.7976931348623157e308, 1 / 3, 123456789.125, 2.0**-1074]
F64_CONSTANT_BITS = ["0x7FF0000000000000", "0xFFF0000000000000", "0x7FF8000000000001", "0xFFF8000000000000"]
F32_CONSTANTS = ["0.1", "-0.0", "1.0e-40", "3.40282347e+38", "0x7FC00001", "0xFF800000", "16777217.0"]


def constants_kernel() -> str:
    f64 = [f"{float(v):.17e}" for v in F64_CONSTANTS] + F64_CONSTANT_BITS
    lines = ["func.func @constants() -> (memref<12xf64>, memref<7xf32>) {"]
    lines += [f"  %i{k} = arith.constant {k} : index" for k in range(12)]
    lines += ["  %d = memref.alloc() : memref<12xf64>", "  %s = memref.alloc() : memref<7xf32>"]
    for k, text in enumerate(f64):
        lines += [f"  %d{k} = arith.constant {text} : f64", f"  memref.store %d{k}, %d[%i{k}] : memref<12xf64>"]
    for k, text in enumerate(F32_CONSTANTS):
        lines += [f"  %s{k} = arith.constant {text} : f32", f"  memref.store %s{k}, %s[%i{k}] : memref<7xf32>"]
    lines += ["  func.return %d, %s : memref<12xf64>, memref<7xf32>", "}"]
    return "\n".join(lines)


def test_float_constants_are_bit_exact(kernel):
    d, s = kernel(constants_kernel())()
    want = F64_CONSTANTS + [struct.unpack("<d", int(h, 16).to_bytes(8, "little"))[0] for h in F64_CONSTANT_BITS]
    np.testing.assert_array_equal(bits(d), bits(np.array(want)))
    want32 = np.array([0.1, -0.0, 1.0e-40, 3.40282347e38, 0, 0, 16777217.0], dtype=np.float32)
    want32[4:6] = np.array([0x7FC00001, 0xFF800000], dtype=np.uint32).view(np.float32)
    np.testing.assert_array_equal(bits(s), bits(want32))


def test_integer_constants_at_the_limits(kernel):
    ir = """
func.func @limits() -> (memref<2xi64>, memref<2xi8>, memref<2xi1>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = arith.constant -9223372036854775808 : i64
  %b = arith.constant 9223372036854775807 : i64
  %c = arith.constant -128 : i8
  %d = arith.constant 255 : i8
  %t = arith.constant true
  %f = arith.constant false
  %o64 = memref.alloc() : memref<2xi64>
  %o8 = memref.alloc() : memref<2xi8>
  %o1 = memref.alloc() : memref<2xi1>
  memref.store %a, %o64[%c0] : memref<2xi64>
  memref.store %b, %o64[%c1] : memref<2xi64>
  memref.store %c, %o8[%c0] : memref<2xi8>
  memref.store %d, %o8[%c1] : memref<2xi8>
  memref.store %t, %o1[%c0] : memref<2xi1>
  memref.store %f, %o1[%c1] : memref<2xi1>
  func.return %o64, %o8, %o1 : memref<2xi64>, memref<2xi8>, memref<2xi1>
}
"""
    i64, i8, i1 = kernel(ir)()
    assert list(i64) == [-(2**63), 2**63 - 1] and list(i8) == [-128, -1] and list(i1) == [True, False]


GLOBALS = """
"memref.global"() <{sym_name = "weights", type = memref<2x3xf32>, sym_visibility = "private", constant,
  initial_value = dense<[[1.5, -2.0, 0.1], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>}> : () -> ()
"memref.global"() <{sym_name = "ones", type = memref<300xi32>, sym_visibility = "private", constant,
  initial_value = dense<1> : tensor<300xi32>}> : () -> ()
"memref.global"() <{sym_name = "zeros", type = memref<4xf64>, sym_visibility = "private", constant,
  initial_value = dense<0.0> : tensor<4xf64>}> : () -> ()
func.func @use_globals() -> (memref<2x3xf32>, memref<300xi32>, memref<4xf64>) {
  %w = memref.get_global @weights : memref<2x3xf32>
  %o = memref.get_global @ones : memref<300xi32>
  %z = memref.get_global @zeros : memref<4xf64>
  %w2 = memref.alloc() : memref<2x3xf32>
  "memref.copy"(%w, %w2) : (memref<2x3xf32>, memref<2x3xf32>) -> ()
  func.return %w2, %o, %z : memref<2x3xf32>, memref<300xi32>, memref<4xf64>
}
"""


def test_memref_globals_dense_and_splat(kernel):
    weights, ones, zeros = kernel(GLOBALS)()
    np.testing.assert_array_equal(weights, np.array([[1.5, -2.0, 0.1], [4.0, 5.0, 6.0]], dtype=np.float32))
    np.testing.assert_array_equal(ones, np.ones(300, dtype=np.int32))  # a global is copied, never handed out
    np.testing.assert_array_equal(zeros, np.zeros(4))


# ---- functions, memory, failures -------------------------------------------------------------------

CALLS = """
func.func private @scaled(%x: memref<?xf64>, %s: f64) -> (memref<?xf64>, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %y = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64>
    %p = arith.mulf %v, %s : f64
    memref.store %p, %y[%i] : memref<?xf64>
  }
  func.return %y, %n : memref<?xf64>, index
}
func.func @main(%x: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>, memref<?xf64>) {
  %three = arith.constant 3.0 : f64
  %y, %n = func.call @scaled(%x, %three) : (memref<?xf64>, f64) -> (memref<?xf64>, index)
  %tmp = memref.alloc(%n) : memref<?xf64>
  "memref.copy"(%y, %tmp) : (memref<?xf64>, memref<?xf64>) -> ()
  %z, %m = func.call @scaled(%tmp, %three) : (memref<?xf64>, f64) -> (memref<?xf64>, index)
  memref.dealloc %tmp : memref<?xf64>
  func.return %y, %z, %y : memref<?xf64>, memref<?xf64>, memref<?xf64>
}
"""


def test_private_calls_copy_dealloc_and_a_result_returned_twice(kernel):
    x = np.array([1.0, -2.0, 0.5])
    k = kernel(CALLS)
    y, z, y_again = k(x)  # the helper frees each result: a shared buffer would be freed twice
    pointers = {r.data for r in k.last_results}
    assert len(pointers) == 3
    np.testing.assert_array_equal(y, 3 * x)
    np.testing.assert_array_equal(z, 9 * x)
    np.testing.assert_array_equal(y_again, 3 * x)


ALLOCA_AND_DIM = """
func.func @prefix(%x: memref<?x?xf64>, %which: memref<index>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %w = memref.load %which[] : memref<index>
  %len = memref.dim %x, %w : memref<?x?xf64>
  %small = memref.alloca() : memref<f64>
  %scratch = memref.alloca(%len) : memref<?xf64>
  memref.store %zero, %small[] : memref<f64>
  scf.for %i = %c0 to %len step %c1 {
    %acc = memref.load %small[] : memref<f64>
    %v = arith.index_cast %i : index to i64
    %f = arith.sitofp %v : i64 to f64
    %next = arith.addf %acc, %f : f64
    memref.store %next, %small[] : memref<f64>
    memref.store %next, %scratch[%i] : memref<?xf64>
  }
  %out = memref.alloc(%len) : memref<?xf64>
  "memref.copy"(%scratch, %out) : (memref<?xf64>, memref<?xf64>) -> ()
  func.return %out : memref<?xf64>
}
"""


def test_alloca_and_runtime_dim_index(kernel):
    k = kernel(ALLOCA_AND_DIM)
    x = np.zeros((3, 5000))
    (rows,) = k(x, np.array(0, dtype=np.int64))
    (cols,) = k(x, np.array(1, dtype=np.int64))
    np.testing.assert_array_equal(rows, np.cumsum(np.arange(3.0)))
    np.testing.assert_array_equal(cols, np.cumsum(np.arange(5000.0)))


ASSERTING = """
func.func @checked(%x: memref<?xf64>, %y: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %m = memref.dim %y, %c0 : memref<?xf64>
  %big = arith.constant 1000000 : index
  %early = memref.alloc(%big) : memref<?xf64>
  %same = arith.cmpi eq, %n, %m : index
  cf.assert %same, "shape mismatch: x and y must have the same length"
  %late = memref.alloc(%n) : memref<?xf64>
  "memref.copy"(%x, %late) : (memref<?xf64>, memref<?xf64>) -> ()
  func.return %early, %late : memref<?xf64>, memref<?xf64>
}
"""


class Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]  # fmt: skip


def allocated_bytes() -> int:
    """Bytes glibc's malloc has handed out and not had back (small blocks plus mmapped ones)."""
    LIBC.mallinfo2.restype = Mallinfo2
    stats = LIBC.mallinfo2()
    return stats.uordblks + stats.hblkhd


def test_failed_assert_reports_its_message_and_frees_everything(kernel):
    k = kernel(ASSERTING)
    early, late = k(np.ones(3), np.ones(3))
    assert early.shape == (1000000,) and list(late) == [1.0, 1.0, 1.0]
    with pytest.raises(KernelFailed, match="^shape mismatch: x and y must have the same length$"):
        k(np.ones(3), np.ones(4))
    assert all(r.data is None for r in k.last_results)
    if not hasattr(LIBC, "mallinfo2"):
        pytest.skip("no mallinfo2 to measure leaks with")
    before = allocated_bytes()
    for _ in range(200):  # 8 MB each if the early buffer leaked
        with pytest.raises(KernelFailed):
            k(np.ones(3), np.ones(4))
    assert allocated_bytes() - before < 8_000_000


DOUBLED_SUM = """
func.func @doubled_sum(%x: memref<?xf64>) -> memref<f64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %two = arith.constant 2.0 : f64
  %n = memref.dim %x, %c0 : memref<?xf64>
  %tmp = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64>
    %d = arith.mulf %v, %two : f64
    memref.store %d, %tmp[%i] : memref<?xf64>
  }
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %v = memref.load %tmp[%i] : memref<?xf64>
    %next = arith.addf %acc, %v : f64
    scf.yield %next : f64
  }
  %out = memref.alloc() : memref<f64>
  memref.store %s, %out[] : memref<f64>
  func.return %out : memref<f64>
}
"""


def test_block_cache_keeps_at_most_64_mib(kernel):
    """A kernel's cache of freed temporaries lives as long as the process: a temporary over the 64 MiB cap
    is freed when the call ends; a smaller one is kept once and reused, not kept again."""
    if not hasattr(LIBC, "mallinfo2"):
        pytest.skip("no mallinfo2 to measure memory with")
    k = kernel(DOUBLED_SUM)
    k(np.ones(10))
    big = np.ones(9_000_000)  # a 72 MB (68.7 MiB) temporary
    before = allocated_bytes()
    (total,) = k(big)
    assert total == 18_000_000.0
    assert allocated_bytes() - before < 4_000_000, "the temporary over the cap was kept"
    small = np.ones(1_000_000)  # 8 MB: kept
    before = allocated_bytes()
    k(small)
    kept = allocated_bytes() - before
    assert 7_000_000 < kept < 12_000_000
    k(small)
    assert allocated_bytes() - before - kept < 4_000_000, "the kept block was not reused"


BLOCK_CACHE_THREADS = """
#include <thread>
int64_t kept_bytes = 0;
const irtk_context context{1, &kept_bytes, int64_t{1} << 40};
int main() {
  auto work = [](size_t seed) {
    for (size_t i = 0; i < 20000; ++i) {
      const size_t bytes = IRTK_BLOCK_CACHE_MIN_BYTES * (1 + (i + seed) % 3);
      void* data = irtk_blocks.take(bytes, IRTK_ALIGNMENT);
      if (data == nullptr) data = std::aligned_alloc(IRTK_ALIGNMENT, bytes);
      irtk_blocks.give(data, bytes, IRTK_ALIGNMENT, &context);
    }
  };
  std::thread a(work, 0), b(work, 1), c(work, 2), d(work, 3);
  a.join(), b.join(), c.join(), d.join();
  return 0;
}
"""


def test_block_cache_has_no_data_race(tmp_path):
    """Kernels release the GIL, so threads take and give blocks at once: ThreadSanitizer finds no race
    (every access to the cache's state, its running total included, is under its lock)."""
    probe = tmp_path / "probe.cpp"
    probe.write_text("int main() { return 0; }\n")
    if subprocess.run(["g++", "-fsanitize=thread", "-o", str(tmp_path / "probe"), str(probe)]).returncode:
        pytest.skip("g++ cannot build with -fsanitize=thread")
    source, exe = tmp_path / "threads.cpp", tmp_path / "threads"
    source.write_text(emit_cpp(parse(ROW_SUMS)) + BLOCK_CACHE_THREADS)
    subprocess.run(["g++", "-O1", "-g", "-std=c++17", "-fsanitize=thread", "-o", str(exe), str(source)], check=True)
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=120)
    assert "data race" not in run.stderr, run.stderr[:3000]
    assert run.returncode == 0, run.stderr[:3000]


def test_long_assert_messages_are_truncated_safely(kernel):
    message = "é" * 400  # 800 UTF-8 bytes; the buffer holds 511
    ir = ASSERTING.replace("shape mismatch: x and y must have the same length", message)
    with pytest.raises(KernelFailed) as failure:
        kernel(ir)(np.ones(3), np.ones(4))
    assert str(failure.value) == "é" * 255


def test_generated_code_compiles_without_warnings(tmp_path):
    integer_ops = [elementwise([f"arith.{name} %a, %b : {t}" for name in INT_OPS], t) for t in ("i1", "i8", "i64")]
    float_ops = elementwise([f"arith.cmpf {p}, %a, %b : f32" for p in CMPF], "f32", result_type="i1")
    for ir in (CALLS, CASTS, GLOBALS, ALLOCA_AND_DIM, IF_RESULTS, SWAP, PARALLEL, INTEGER_MATH, float_ops, *integer_ops):
        source = tmp_path / "k.cpp"
        source.write_text(emit_cpp(parse(ir)))
        for threads in ([], ["-fopenmp"]):
            flags = [*FLAGS, *threads, "-Wall", "-Wextra", "-Werror", "-o", str(tmp_path / "k.so")]
            subprocess.run(["g++", *flags, str(source)], check=True, capture_output=True, text=True)


def test_awkward_names_stay_valid_and_unique(kernel):
    ir = """
func.func @"odd.name"(%int: memref<f64>, %std: memref<f64>) -> memref<f64> {
  %NAN = memref.load %int[] : memref<f64>
  %irtk_arena = memref.load %std[] : memref<f64>
  %errno = arith.addf %NAN, %irtk_arena : f64
  %x = arith.addf %errno, %errno : f64
  %x_1 = arith.addf %x, %x : f64
  %r = memref.alloc() : memref<f64>
  memref.store %x_1, %r[] : memref<f64>
  func.return %r : memref<f64>
}
"""
    (r,) = kernel(ir)(np.array(1.0), np.array(2.0))
    assert r == 12.0


# ---- the emitted text and its refusals -------------------------------------------------------------


def test_output_layout():
    source = emit_cpp(parse(ROW_SUMS))
    guard, define, first = source.split("\n")[:3]
    assert guard.startswith("#ifndef IRTK_PREAMBLE_") and define == guard.replace("#ifndef", "#define")
    assert first.startswith("/* irtk_abi.h")  # the preamble, guarded: a precompiled copy may stand in for it
    for include in ("<cmath>", "<cstdint>", "<cstdlib>", "<cstring>"):
        assert f"#include {include}" in source
    assert 'extern "C" IRTK_EXPORT const char* irtk_signature(void) { return "f64[?x?]->f64[?]"; }' in source
    assert "static void irtk_fn_row_sums(irtk_arena& arena, double* A, int64_t A_d0, int64_t A_d1" in source
    assert "const double next = sum + x;" in source


def test_unsupported_op_is_named_before_printing():
    ir = """
func.func @f(%x: memref<4xf64>) -> memref<2xf64> {
  %n = "memref.rank"(%x) : (memref<4xf64>) -> index
  %r = memref.alloc() : memref<2xf64>
  func.return %r : memref<2xf64>
}
"""
    with pytest.raises(EmitError, match=r"'memref.rank' in @f: the C\+\+ emitter does not support this op"):
        emit_cpp(parse(ir))


def test_tensor_level_ir_is_refused_with_every_problem_listed():
    ir = """
func.func @f(%x: tensor<4xf64>) -> tensor<4xf64> {
  %e = tensor.empty() : tensor<4xf64>
  func.return %e : tensor<4xf64>
}
func.func @g() {
  func.return
}
"""
    with pytest.raises(EmitError) as error:
        emit_cpp(parse(ir))
    message = str(error.value)
    assert "'tensor.empty' in @f" in message
    assert "exactly one public func.func" in message
    assert isinstance(error.value, ValueError)


def test_escaping_alloca_and_writes_to_globals_are_refused():
    ir = """
"memref.global"() <{sym_name = "k", type = memref<2xf64>, sym_visibility = "private", constant,
  initial_value = dense<1.0> : tensor<2xf64>}> : () -> ()
func.func @f() -> memref<2xf64> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f64
  %k = memref.get_global @k : memref<2xf64>
  memref.store %one, %k[%c0] : memref<2xf64>
  %a = memref.alloca() : memref<2xf64>
  func.return %a : memref<2xf64>
}
"""
    with pytest.raises(EmitError, match="(?s)stores into a constant global.*may not leave its block"):
        emit_cpp(parse(ir))


def test_locations_appear_in_errors():
    ir = """
func.func @f() -> memref<f64> {
  %x = arith.constant dense<1.0> : tensor<2xf64> loc("model.mlir":7:3)
  %r = memref.alloc() : memref<f64>
  func.return %r : memref<f64>
}
"""
    with pytest.raises(EmitError, match=r"'arith.constant' in @f at model.mlir:7:3"):
        emit_cpp(parse(ir))


def test_through_the_native_runtime():
    """The same kernel through the compile cache and irtk._native, as the frontend runs it."""
    pytest.importorskip("irtk._native", reason="irtk._native is not built")
    from irtk.runtime import load_kernel

    row_sums = load_kernel(emit_cpp(parse(ROW_SUMS)), ["A"])
    a = np.arange(12.0).reshape(3, 4)
    (out,) = row_sums(a)
    np.testing.assert_array_equal(out, a.sum(axis=1))
    failing = load_kernel(emit_cpp(parse(ASSERTING)), ["x", "y"])
    with pytest.raises(ValueError, match="shape mismatch: x and y must have the same length"):
        failing(np.ones(3), np.ones(4))
