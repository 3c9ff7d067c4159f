"""Transcendental functions computed by the C library, element by element.

numpy's `exp`/`log` use their own SIMD code, which differs from the C library's in the last bit for a few
percent of inputs. Compiled kernels call the C library (`std::exp` is glibc's `exp`, `std::exp(float)` its
`expf`), so the references of `irtk.exp` and `irtk.log` call it too: folding, the FAST_COMPILE evaluator
and compiled code then agree bit for bit. This is slower than numpy, which suits a reference.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

import numpy as np


@functools.lru_cache(maxsize=None)
def _function(name: str, dtype: str):
    libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    c_type = ctypes.c_float if dtype == "float32" else ctypes.c_double
    fn = getattr(libm, name + ("f" if dtype == "float32" else ""))
    fn.restype, fn.argtypes = c_type, [c_type]
    return fn


def apply(name: str, x: np.ndarray) -> np.ndarray:
    """`name` (e.g. "exp") of each element of the float32/float64 array `x`, computed by libm."""
    x = np.asarray(x, order="C")  # (np.ascontiguousarray would turn a 0-d array into 1-d)
    fn = _function(name, str(x.dtype))
    out = np.empty(x.shape, x.dtype)  # C order, so that reshape(-1) below is a view and not a copy
    flat_in, flat_out = x.reshape(-1), out.reshape(-1)
    for i in range(flat_in.size):
        flat_out[i] = fn(flat_in[i])
    return out


def numpy_fn(name: str):
    """A NUMPY_FN for an op family: `name` through libm."""
    return functools.partial(apply, name)
