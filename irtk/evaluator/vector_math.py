"""irtk_math.h in numpy: exp, expm1, log, log1p and tanh of float32/float64, operation for operation.

The evaluator normally gets these functions from `irtk._native`, which compiles irtk/runtime/include/irtk_math.h.
Without the native module (a source tree that was never built), this port gives the same bits: the header uses
only IEEE additions, multiplications and divisions (correctly rounded in numpy as in C++), comparisons, selects and
integer operations on the bits, and this file performs the same ones in the same order. Keep the two in step: a
change to one is a change to both (tests/test_vector_math.py compares them bit for bit).
"""

from __future__ import annotations

import numpy as np

_SHIFT = 6755399441055744.0  # 0x1.8p52
_SHIFT_BITS = np.float64(_SHIFT).view(np.uint64)
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e00


def _bits(x: np.ndarray) -> np.ndarray:
    return x.view(np.uint64)


def _double(u: np.ndarray) -> np.ndarray:
    return u.view(np.float64)


def _u(value: int) -> np.uint64:
    return np.uint64(value)


def _scale(y: np.ndarray, kd: np.ndarray) -> np.ndarray:
    biased = _bits(kd) - _SHIFT_BITS + _u(2048)
    half = biased >> _u(1)
    rest = biased - half
    return y * _double((half - _u(1)) << _u(52)) * _double((rest - _u(1)) << _u(52))


def _round_k(v: np.ndarray) -> np.ndarray:
    k = (v + _SHIFT) - _SHIFT
    k = np.where(k > 1100.0, 1100.0, k)
    return np.where(k < -1100.0, -1100.0, k)


def exp(x_in: np.ndarray) -> np.ndarray:
    dtype = x_in.dtype.type
    x = x_in.astype(np.float64)
    k = _round_k(x * _INV_LN2)
    kd = k + _SHIFT
    hi = x - k * _LN2_HI
    lo = k * _LN2_LO
    r = hi - lo
    t = r * r
    c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (
        6.61375632143793436117e-05 + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))))
    y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
    result = _scale(y, kd).astype(dtype)
    result = np.where(x_in > dtype(710), dtype(np.inf), result)
    return np.where(x_in < dtype(-746), dtype(0), result)


def _expm1_core(x: np.ndarray) -> np.ndarray:
    k = _round_k(x * _INV_LN2)
    kd = k + _SHIFT
    hi = x - k * _LN2_HI
    lo = k * _LN2_LO
    r = hi - lo
    c = (hi - r) - lo
    hfx = 0.5 * r
    hxs = r * hfx
    r1 = 1.0 + hxs * (-3.33333333333331316428e-02 + hxs * (1.58730158725481460165e-03 + hxs * (
        -7.93650757867487942473e-05 + hxs * (4.00821782732936239552e-06 + hxs * -2.01099218183624371326e-07))))
    t3 = 3.0 - r1 * hfx
    e0 = hxs * ((r1 - t3) / (6.0 - r * t3))
    at_0 = r - (r * e0 - hxs)
    e = (r * (e0 - c) - c) - hxs
    at_minus_1 = 0.5 * (r - e) - 0.5
    at_1 = np.where(r < -0.25, -2.0 * (e - (r + 0.5)), 1.0 + 2.0 * (r - e))
    far = _scale(1.0 - (e - r), kd) - 1.0
    k_bits = _bits(kd) - _SHIFT_BITS
    two_minus_k = _double((_u(1023) - k_bits) << _u(52))
    below_20 = _scale((1.0 - two_minus_k) - (e - r), kd)
    from_20 = _scale((r - (e + two_minus_k)) + 1.0, kd)
    result = np.where(k < 20.0, below_20, from_20)
    result = np.where((k <= -2.0) | (k > 56.0), far, result)
    result = np.where(k == 1.0, at_1, result)
    result = np.where(k == -1.0, at_minus_1, result)
    return np.where(k == 0.0, at_0, result)


def expm1(x: np.ndarray) -> np.ndarray:
    dtype = x.dtype.type
    result = _expm1_core(x.astype(np.float64)).astype(dtype)
    result = np.where(x > dtype(710), dtype(np.inf), result)
    result = np.where(x < dtype(-40), dtype(-1), result)
    ax = np.where(x < dtype(0), -x, x)
    result = np.where(ax < dtype(5.551115123125783e-17), x, result)
    return np.where(x != x, x + x, result)


def _log_core(dk: np.ndarray, f: np.ndarray, correction: np.ndarray | float) -> np.ndarray:
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (
        1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    R = t2 + t1
    hfsq = 0.5 * f * f
    return dk * _LN2_HI - ((hfsq - (s * (hfsq + R) + (dk * _LN2_LO + correction))) - f)


def _log_reduce(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bits = _bits(u) + (_u(0x3FF00000 - 0x3FE6A09E) << _u(32))
    dk = _double((bits >> _u(52)) | _u(0x4330000000000000)) - (4503599627370496.0 + 1023.0)
    f = _double((bits & _u(0x000FFFFFFFFFFFFF)) + (_u(0x3FE6A09E) << _u(32))) - 1.0
    return dk, f


def log(x_in: np.ndarray) -> np.ndarray:
    dtype = x_in.dtype.type
    x = x_in.astype(np.float64)
    subnormal = x < 2.2250738585072014e-308
    u = np.where(subnormal, x * 18014398509481984.0, x)
    dk, f = _log_reduce(u)
    dk = np.where(subnormal, dk - 54.0, dk)
    result = _log_core(dk, f, 0.0).astype(dtype)
    result = np.where(x_in == dtype(np.inf), x_in, result)
    result = np.where(x_in == dtype(0), dtype(-np.inf), result)
    result = np.where(x_in < dtype(0), dtype(np.nan), result)
    return np.where(x_in != x_in, x_in + x_in, result)


def log1p(x_in: np.ndarray) -> np.ndarray:
    dtype = x_in.dtype.type
    x = x_in.astype(np.float64)
    u = 1.0 + x
    dk, f = _log_reduce(u)
    correction = np.where(u >= 2.0, 1.0 - (u - x), x - (u - 1.0)) / u
    result = _log_core(dk, f, correction).astype(dtype)
    ax = np.where(x_in < dtype(0), -x_in, x_in)
    result = np.where(ax < dtype(5.551115123125783e-17), x_in, result)
    result = np.where(x_in == dtype(np.inf), x_in, result)
    result = np.where(x_in == dtype(-1), dtype(-np.inf), result)
    result = np.where(x_in < dtype(-1), dtype(np.nan), result)
    return np.where(x_in != x_in, x_in + x_in, result)


def tanh(x_in: np.ndarray) -> np.ndarray:
    dtype = x_in.dtype.type
    x = x_in.astype(np.float64)
    sign = _bits(x) & _u(0x8000000000000000)
    ax = _double(_bits(x) & _u(0x7FFFFFFFFFFFFFFF))
    large = ax >= 0.625
    e = exp(2.0 * ax)
    s = ax * ax
    numerator = np.where(large, 2.0, (-9.64399179425052238628e-01 * s + -9.92877231001918586564e01) * s
                         + -1.61468768441708447952e03)
    denominator = np.where(large, e + 1.0, ((s + 1.12811678491632931402e02) * s + 2.23548839060100448583e03) * s
                           + 4.84406305325125486048e03)
    q = numerator / denominator
    z = np.where(large, 1.0 - q, ax + ax * (s * q))
    result = _double(_bits(z) | sign).astype(dtype)
    ax_in = np.where(x_in < dtype(0), -x_in, x_in)
    return np.where((ax_in < dtype(3.725290298461914e-09)) | (x_in != x_in), x_in, result)


#: The functions, by their C name.
FUNCTIONS = {"exp": exp, "expm1": expm1, "log": log, "log1p": log1p, "tanh": tanh}


def apply(name: str, x: np.ndarray) -> np.ndarray:
    """`name` of a float32 or float64 array (at least 1-d), bit for bit as irtk_math.h computes it."""
    with np.errstate(all="ignore"):
        return FUNCTIONS[name](np.asarray(x))
