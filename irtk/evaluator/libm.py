"""Math functions on whole arrays: what compiled kernels call, so the evaluator gets the same bits.

numpy's `exp`, `log`, `tanh`, ... use their own SIMD code, which differs from what kernels call in the last bit
for a few percent of inputs. Kernels call irtk's own `irtk_math.h` for exp, expm1, log, log1p and tanh of float32
and float64 (vectorizable; see docs/codegen.md) and the C library for the rest (`std::sin(double)` is glibc's
`sin`, `std::sin(float)` its `sinf`). The FAST_COMPILE evaluator calls the same code through `irtk._native.libm`,
a loop in C++ over the array that compiles the same header with the kernels' floating-point flags. Without the
native module (a source tree that was never built), `vector_math.py` (the header's operations in numpy) and a
ctypes loop over the elements (the C library's functions) give the same bits, slowly.

Complex arrays get the complex functions: `exp` of a complex128 array is the C library's `cexp`, which is what
`std::exp(std::complex<double>)` calls in a kernel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

import numpy as np

from irtk.evaluator import vector_math

#: The functions a body may call, by their C name, with their number of arguments.
FUNCTIONS = {
    "exp": 1, "exp2": 1, "expm1": 1, "log": 1, "log2": 1, "log10": 1, "log1p": 1, "sin": 1, "cos": 1, "tan": 1,
    "asin": 1, "acos": 1, "atan": 1, "sinh": 1, "cosh": 1, "tanh": 1, "asinh": 1, "acosh": 1, "atanh": 1,
    "erf": 1, "erfc": 1, "cbrt": 1, "round": 1, "tgamma": 1, "lgamma": 1, "atan2": 2, "pow": 2, "fmod": 2, "hypot": 2,
}

#: The functions of complex arguments, by their real names (`exp` is `cexp`), with their number of arguments.
COMPLEX_FUNCTIONS = {"exp": 1, "log": 1, "sqrt": 1, "sin": 1, "cos": 1, "tan": 1, "tanh": 1, "pow": 2}


def apply(name: str, *args: np.ndarray) -> np.ndarray:
    """`name` (e.g. "exp") of float32/float64 arrays (two for atan2, pow, fmod, hypot), or of complex64/complex128
    arrays (`COMPLEX_FUNCTIONS`), broadcast, computed as compiled kernels compute it."""
    arrays = [np.asarray(a) for a in args]
    dtype = arrays[0].dtype
    broadcast = np.broadcast_arrays(*arrays)
    shape = broadcast[0].shape
    arrays = [np.ascontiguousarray(a, dtype=dtype) for a in broadcast]  # (at least 1-d: a 0-d input becomes (1,))
    native = _native()
    if native is not None:
        result = native.libm(name, *arrays)
    elif name in vector_math.FUNCTIONS and dtype.kind == "f":
        result = vector_math.apply(name, arrays[0])
    else:
        result = _ctypes_apply(name, arrays)
    return result.reshape(shape)


@functools.lru_cache(maxsize=1)
def _native():
    try:
        from irtk import _native

        return _native if hasattr(_native, "libm") else None
    except ImportError:
        return None


class _ComplexFloat(ctypes.Structure):
    # C's `float complex` and `double complex` are passed and returned like these structs on x86-64 and AArch64
    _fields_ = [("re", ctypes.c_float), ("im", ctypes.c_float)]


class _ComplexDouble(ctypes.Structure):
    _fields_ = [("re", ctypes.c_double), ("im", ctypes.c_double)]


_C_TYPES = {"float32": ctypes.c_float, "float64": ctypes.c_double, "complex64": _ComplexFloat, "complex128": _ComplexDouble}


@functools.lru_cache(maxsize=None)
def _function(name: str, dtype: str, arity: int):
    libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    c_type = _C_TYPES[dtype]
    prefix = "c" if dtype.startswith("complex") else ""
    fn = getattr(libm, prefix + name + ("f" if dtype in ("float32", "complex64") else ""))
    fn.restype, fn.argtypes = c_type, [c_type] * arity
    return fn


def _ctypes_apply(name: str, arrays: list[np.ndarray]) -> np.ndarray:
    shape, dtype = arrays[0].shape, arrays[0].dtype
    fn = _function(name, str(dtype), len(arrays))
    out = np.empty(shape, dtype)
    flat_out, flat_in = out.reshape(-1), [a.reshape(-1) for a in arrays]
    if dtype.kind == "c":
        c_type = _C_TYPES[str(dtype)]
        for i in range(flat_out.size):
            z = fn(*(c_type(a[i].real, a[i].imag) for a in flat_in))
            flat_out[i] = complex(z.re, z.im)
        return out
    for i in range(flat_out.size):
        flat_out[i] = fn(*(a[i] for a in flat_in))
    return out
