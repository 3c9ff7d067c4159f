"""The meaning of each `complex` dialect op on numpy arrays: the same bits compiled code computes.

Each entry mirrors the C++ emitter's rendering (`irtk/codegen/expressions.py` and the `irtk_c*` helpers of
`scalar_helpers.py`). The product and the quotient are written out part by part, in the parts' precision,
rather than left to numpy's `*` and `/`, whose complex loops may use fused multiply-adds or another
division algorithm: numpy array arithmetic on float32/float64 parts is plain IEEE arithmetic, one rounding per
step, like the C++ helpers compiled with -ffp-contract=off. Absolute values, angles and the transcendental
functions call the C library (`libm.py`): `hypot`, `atan2`, `cexp`, `clog`, ...
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from xdsl.dialects import complex as cx
from xdsl.ir import Operation

from irtk.dialects.upstream import ComplexAddOp, ComplexDivOp, ComplexMulOp, ComplexSubOp
from irtk.evaluator import libm


def pack(re: np.ndarray, im: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The complex array with parts `re` and `im` (broadcast together)."""
    re, im = np.broadcast_arrays(re, im)
    out = np.empty(re.shape, dtype)
    out.real = re
    out.imag = im
    return out


def multiply(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`(ar*br - ai*bi) + (ar*bi + ai*br) j`, each step rounded (irtk_cmul)."""
    ar, ai, br, bi = a.real, a.imag, b.real, b.imag
    return pack(ar * br - ai * bi, ar * bi + ai * br, np.result_type(a, b))


def divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """numpy's complex division (Smith's algorithm, as its loops write it; irtk_cdiv): scaled by the part of b with
    the larger magnitude; a zero divisor gives each part of `a` divided by a zero (inf or NaN)."""
    ar, ai, br, bi = a.real, a.imag, b.real, b.imag
    one = np.ones((), ar.dtype)
    abs_br, abs_bi = np.abs(br), np.abs(bi)
    real_larger = abs_br >= abs_bi  # false when either is NaN
    by_zero = (abs_br == 0) & (abs_bi == 0)
    rat = bi / br
    scl = one / (br + bi * rat)
    re1, im1 = (ar + ai * rat) * scl, (ai - ar * rat) * scl
    rat2 = br / bi
    scl2 = one / (bi + br * rat2)
    re2, im2 = (ar * rat2 + ai) * scl2, (ai * rat2 - ar) * scl2
    re = np.where(real_larger, np.where(by_zero, ar / abs_br, re1), re2)
    im = np.where(real_larger, np.where(by_zero, ai / abs_bi, im1), im2)
    return pack(re, im, np.result_type(a, b))


def _dtype(op: Operation) -> np.dtype:
    from irtk.evaluator.scalar_ops import numpy_type

    return numpy_type(op.results[0].type)


def _constant(op: cx.ConstantOp, *operands) -> np.ndarray:
    re, im = (attr.value.data for attr in op.value.data)  # type: ignore[union-attr]
    dtype = _dtype(op)
    part = np.dtype(np.float32 if dtype == np.complex64 else np.float64)
    return pack(np.array(re, part), np.array(im, part), dtype).reshape(())


#: op class -> function(op, *operand arrays) -> result array
OPS: dict[type[Operation], Callable] = {
    cx.ConstantOp: _constant,
    cx.CreateOp: lambda op, re, im: pack(re, im, _dtype(op)),
    cx.ReOp: lambda op, a: a.real.copy(),
    cx.ImOp: lambda op, a: a.imag.copy(),
    ComplexAddOp: lambda op, a, b: a + b,  # part by part, exactly
    ComplexSubOp: lambda op, a, b: a - b,
    ComplexMulOp: lambda op, a, b: multiply(a, b),
    ComplexDivOp: lambda op, a, b: divide(a, b),
    cx.NegOp: lambda op, a: pack(-a.real, -a.imag, a.dtype),
    cx.ConjOp: lambda op, a: pack(a.real, -a.imag, a.dtype),
    cx.AbsOp: lambda op, a: libm.apply("hypot", a.real, a.imag),
    cx.AngleOp: lambda op, a: libm.apply("atan2", a.imag, a.real),
    cx.EqualOp: lambda op, a, b: (a.real == b.real) & (a.imag == b.imag),
    cx.NotEqualOp: lambda op, a, b: (a.real != b.real) | (a.imag != b.imag),
    cx.PowOp: lambda op, a, b: libm.apply("pow", a, b),
    **{cls: (lambda name: lambda op, a: libm.apply(name, a))(name) for cls, name in (
        (cx.ExpOp, "exp"), (cx.LogOp, "log"), (cx.SqrtOp, "sqrt"), (cx.SinOp, "sin"), (cx.CosOp, "cos"),
        (cx.TanOp, "tan"), (cx.TanhOp, "tanh"),
    )},
}

__all__ = ["OPS", "pack", "multiply", "divide"]
