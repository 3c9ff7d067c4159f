"""Complex scalars in op bodies: numpy's complex arithmetic, built with the `complex` dialect.

`ScalarBuilder` hands its complex cases to these functions. A complex value is one SSA value of type
`complex<f32>` (complex64) or `complex<f64>` (complex128); its parts are floats of the matching width, which
`part_dtype` names.

What each op means is what numpy computes, and compiled code and the FAST_COMPILE evaluator compute the same
bits for it:
- `complex.add`/`sub`/`neg`/`conj` act on the parts; `complex.mul` is the schoolbook product
  `(ar*br - ai*bi, ar*bi + ai*br)` and `complex.div` numpy's Smith division, each step rounded to the parts'
  type (C++'s own `operator*` and `operator/` follow C99's Annex G instead: see `irtk_cmul`, `irtk_cdiv`);
- `complex.abs` is the C library's `hypot` of the parts and `complex.angle` its `atan2` (numpy's `abs` and
  `angle`); `exp`, `log`, `sqrt`, `sin`, `cos`, `tan`, `tanh` and `pow` are the C library's `cexp`, `clog`,
  ... (numpy calls them too);
- `x ** y` is numpy's `npy_cpow`: special zero cases, small integer exponents by repeated products, the rest
  by `cpow`.
Casts follow numpy's `astype`: a real number becomes `x + 0j`; complex64 and complex128 convert each part; a
complex number is true when either part is non-zero. Casting to a real dtype is refused, as Theano refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xdsl.builder import Builder
from xdsl.dialects import complex as cx
from xdsl.dialects.builtin import ArrayAttr, ComplexType, FloatAttr
from xdsl.ir import SSAValue

from irtk.dialects.irtk.types import element_type, is_complex, part_dtype
from irtk.dialects.upstream import ComplexAddOp, ComplexDivOp, ComplexMulOp, ComplexSubOp

if TYPE_CHECKING:
    from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder

#: The complex functions of the `complex` dialect that bodies may use, by their numpy name.
FUNCTIONS = {"exp": cx.ExpOp, "log": cx.LogOp, "sqrt": cx.SqrtOp, "sin": cx.SinOp, "cos": cx.CosOp, "tan": cx.TanOp,
             "tanh": cx.TanhOp}

#: Theano's message, word for word.
AMBIGUOUS_CAST = "Casting from complex to real is ambiguous: consider real(), imag(), angle() or abs()"


def check_cast(src: str, dst: str) -> None:
    """Raises Theano's TypeError for a cast from a complex dtype to a real one (to bool is allowed: numpy's truth)."""
    if is_complex(src) and not is_complex(dst) and dst != "bool":
        raise TypeError(f"{AMBIGUOUS_CAST} (a cast from {src} to {dst})")


def parts_of(value) -> tuple[float, float]:
    """A constant's real and imaginary parts: from a Python number, or a dense attribute's (re, im) pair."""
    if isinstance(value, tuple):
        re, im = value
        return float(re), float(im)
    value = complex(value)
    return value.real, value.imag


def constant(b: Builder, value, dtype: str) -> SSAValue:
    t = element_type(part_dtype(dtype))
    re, im = parts_of(value)
    return b.insert(cx.ConstantOp(ArrayAttr([FloatAttr(re, t), FloatAttr(im, t)]), ComplexType(t))).complex


def cast(b: Builder, x: SSAValue, src: str, dst: str) -> SSAValue:
    """numpy's `astype` where `src` or `dst` is complex (and they differ)."""
    from irtk.dialects.irtk import scalar

    check_cast(src, dst)
    if not is_complex(dst):  # to bool
        zero = constant(b, 0, src)
        return b.insert(cx.NotEqualOp(x, zero)).result
    part = part_dtype(dst)
    if is_complex(src):
        re = scalar.cast(b, b.insert(cx.ReOp(x)).result, part_dtype(src), part)
        im = scalar.cast(b, b.insert(cx.ImOp(x)).result, part_dtype(src), part)
    else:
        re = scalar.cast(b, x, src, part)
        im = scalar.constant(b, 0.0, part)
    return b.insert(cx.CreateOp(re, im, element_type(dst))).complex


# ---------------------------------------------------------------- on Scalars, for ScalarBuilder


def real(s: ScalarBuilder, x: Scalar) -> Scalar:
    return s._op(cx.ReOp(x.value), part_dtype(x.dtype))


def imag(s: ScalarBuilder, x: Scalar) -> Scalar:
    return s._op(cx.ImOp(x.value), part_dtype(x.dtype))


def create(s: ScalarBuilder, re: Scalar, im: Scalar, dtype: str) -> Scalar:
    return s._op(cx.CreateOp(re.value, im.value, element_type(dtype)), dtype)


def add(s: ScalarBuilder, x: Scalar, y: Scalar) -> Scalar:
    return s._op(ComplexAddOp(x.value, y.value), x.dtype)


def sub(s: ScalarBuilder, x: Scalar, y: Scalar) -> Scalar:
    return s._op(ComplexSubOp(x.value, y.value), x.dtype)


def mul(s: ScalarBuilder, x: Scalar, y: Scalar) -> Scalar:
    return s._op(ComplexMulOp(x.value, y.value), x.dtype)


def div(s: ScalarBuilder, x: Scalar, y: Scalar) -> Scalar:
    return s._op(ComplexDivOp(x.value, y.value), x.dtype)


def neg(s: ScalarBuilder, x: Scalar) -> Scalar:
    return s._op(cx.NegOp(x.value), x.dtype)


def conj(s: ScalarBuilder, x: Scalar) -> Scalar:
    return s._op(cx.ConjOp(x.value), x.dtype)


def abs_(s: ScalarBuilder, x: Scalar) -> Scalar:
    """`|x|`, a float: `hypot(re, im)`."""
    return s._op(cx.AbsOp(x.value), part_dtype(x.dtype))


def angle(s: ScalarBuilder, x: Scalar) -> Scalar:
    """The argument of x, a float: `atan2(im, re)` (numpy's `angle`)."""
    return s._op(cx.AngleOp(x.value), part_dtype(x.dtype))


def compare(s: ScalarBuilder, relation: str, x: Scalar, y: Scalar) -> Scalar:
    """`==` (both parts equal) and `!=` (either differs; true for NaN); complex numbers have no order."""
    if relation == "eq":
        return s._op(cx.EqualOp(x.value, y.value), "bool")
    if relation == "ne":
        return s._op(cx.NotEqualOp(x.value, y.value), "bool")
    raise TypeError(f"complex numbers are not ordered: no `{relation}` for {x.dtype}")


def isnan(s: ScalarBuilder, x: Scalar) -> Scalar:
    """numpy's `isnan`: either part is NaN."""
    return s.logical_or(s.isnan(real(s, x)), s.isnan(imag(s, x)))


def isinf(s: ScalarBuilder, x: Scalar) -> Scalar:
    """numpy's `isinf`: either part is infinite."""
    return s.logical_or(s.isinf(real(s, x)), s.isinf(imag(s, x)))


def function(s: ScalarBuilder, name: str, x: Scalar) -> Scalar:
    """`exp`, `log`, ... of a complex number: the C library's `cexp`, `clog`, ..."""
    if name not in FUNCTIONS:
        raise TypeError(f"{name} is not defined for complex operands ({x.dtype}); complex functions: {', '.join(FUNCTIONS)}")
    return s._op(FUNCTIONS[name](x.value), x.dtype)


def pow_(s: ScalarBuilder, a: Scalar, b: Scalar) -> Scalar:
    """`a ** b` as numpy's `npy_cpow` computes it, step for step:
    - `b == 0`: 1 (also for `0 ** 0`); `a == 0`: 0 if `b.real > 0`, else NaN + NaN j;
    - `b` an integer n with |n| < 100: `a`, `a*a` and `a*(a*a)` for n = 1, 2, 3, else the product of the
      squarings of `a` that the bits of |n| select, starting from 1 (and 1 divided by it for n < 0);
    - any other `b`: the C library's `cpow`.
    Every case is computed and the right one selected, as elementwise code does."""
    dtype, part = a.dtype, part_dtype(a.dtype)
    ar, ai, br, bi = real(s, a), imag(s, a), real(s, b), imag(s, b)
    zero = s.const(0.0, part)
    one = s.const(1, dtype)
    b_is_zero = s.logical_and(s.eq(br, zero), s.eq(bi, zero))
    a_is_zero = s.logical_and(s.eq(ar, zero), s.eq(ai, zero))
    zero_base = s.select(s.gt(br, zero), s.const(0, dtype), s.const(complex(float("nan"), float("nan")), dtype))

    # an integer exponent: numpy's test `(n = (npy_intp)br) == br` for -100 < br < 100
    in_range = s.logical_and(s.gt(br, s.const(-100.0, part)), s.lt(br, s.const(100.0, part)))
    is_integer = s.logical_and(s.logical_and(s.eq(bi, zero), in_range), s.eq(s.trunc(br), br))
    magnitude = s.cast(s.select(is_integer, s.abs(br), zero), "int64")
    square = mul(s, a, a)
    product, power = one, a
    for bit in range(7):  # |n| <= 99 has 7 bits
        selected = s.ne(s.bitwise_and(s.shift_right_logical(magnitude, bit), s.const(1, "int64")), s.const(0, "int64"))
        product = s.select(selected, mul(s, product, power), product)
        power = mul(s, power, power)
    product = s.select(s.lt(br, zero), div(s, one, product), product)
    integer_power = s.select(
        s.eq(br, s.const(1.0, part)), a,
        s.select(s.eq(br, s.const(2.0, part)), square, s.select(s.eq(br, s.const(3.0, part)), mul(s, a, square), product)),
    )
    general = s._op(cx.PowOp(a.value, b.value), dtype)
    result = s.select(is_integer, integer_power, general)
    return s.select(b_is_zero, one, s.select(a_is_zero, zero_base, result))


__all__ = ["FUNCTIONS", "AMBIGUOUS_CAST", "check_cast", "constant", "cast", "parts_of"]
