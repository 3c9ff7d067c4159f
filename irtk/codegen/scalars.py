"""Scalar types and constants as C source text.

Every loop-level scalar type has exactly one C spelling, and every constant is printed so that the C
compiler reads back the very same bits: floats as the shortest decimal that round-trips (readable, and
exact because GCC and Clang parse decimal literals correctly rounded), NaNs through their bit pattern
(their sign and payload have no decimal form), f32 constants with an `f` suffix so that f32 arithmetic
never silently widens to double. A complex number is a `std::complex<float>` or `std::complex<double>`, which
C++ lays out as numpy lays out complex64 and complex128: the real part, then the imaginary part.
"""

from __future__ import annotations

import math
import struct

from xdsl.dialects.builtin import (
    AffineMapAttr,
    ComplexType,
    Float32Type,
    Float64Type,
    IndexType,
    IntegerType,
    MemRefType,
    NoneAttr,
    Signedness,
    StridedLayoutAttr,
)
from xdsl.ir import Attribute

_INT_WIDTHS = (1, 8, 16, 32, 64)


def is_scalar(t: Attribute) -> bool:
    """Whether emitters can hold a value of type `t` in a C scalar variable."""
    if isinstance(t, IntegerType):
        return t.width.data in _INT_WIDTHS
    if isinstance(t, ComplexType):
        return isinstance(t.element_type, (Float32Type, Float64Type))
    return isinstance(t, (IndexType, Float32Type, Float64Type))


def is_memref(t: Attribute) -> bool:
    """A memref emitters can address: scalar elements, identity (row-major contiguous) or strided layout."""
    if not isinstance(t, MemRefType) or not is_scalar(t.element_type):
        return False
    if not isinstance(t.memory_space, NoneAttr):
        return False
    layout = t.layout
    return (
        isinstance(layout, (NoneAttr, StridedLayoutAttr))
        or (isinstance(layout, AffineMapAttr) and layout.data.is_identity())
    )


def is_float(t: Attribute) -> bool:
    return isinstance(t, (Float32Type, Float64Type))


def is_unsigned(t: Attribute) -> bool:
    """Only memref element types may be unsigned: arith works on signless integers."""
    return isinstance(t, IntegerType) and t.signedness.data == Signedness.UNSIGNED


def is_complex(t: Attribute) -> bool:
    return isinstance(t, ComplexType)


def bit_width(t: Attribute) -> int:
    if isinstance(t, IntegerType):
        return t.width.data
    if isinstance(t, ComplexType):
        return 2 * bit_width(t.element_type)
    if isinstance(t, Float32Type):
        return 32
    return 64  # index, f64


def c_type(t: Attribute) -> str:
    """The C type that holds a scalar of type `t` (index is int64_t, i1 is bool)."""
    if isinstance(t, IndexType):
        return "int64_t"
    if isinstance(t, Float32Type):
        return "float"
    if isinstance(t, Float64Type):
        return "double"
    if isinstance(t, ComplexType):
        return f"std::complex<{c_type(t.element_type)}>"
    assert isinstance(t, IntegerType), t
    width = t.width.data
    if width == 1:
        return "bool"
    return f"{'u' if is_unsigned(t) else ''}int{width}_t"


def dtype_name(t: Attribute) -> str:
    """The element type as `irtk_abi.h`'s signature grammar spells it (index travels as i64)."""
    if isinstance(t, IndexType):
        return "i64"
    if isinstance(t, (Float32Type, Float64Type)):
        return f"f{bit_width(t)}"
    if isinstance(t, ComplexType):
        return f"c{bit_width(t)}"
    return f"{'u' if is_unsigned(t) else ''}i{bit_width(t)}"


def int_literal(value: int, t: Attribute) -> str:
    """An integer constant of type `t`; the bits of `value` modulo the width are what counts."""
    width = bit_width(t)
    value &= (1 << width) - 1
    if width == 1:
        return "true" if value else "false"
    if is_unsigned(t):
        return f"{value}u" if width < 64 else f"{value}ull"
    if value >= 1 << (width - 1):
        value -= 1 << width
    if width == 64 and value == -(1 << 63):
        return "INT64_MIN"  # 9223372036854775808 has no signed literal
    return str(value)


def float_literal(value: float, t: Attribute) -> str:
    """A float constant of type `t` that the C compiler reads back bit for bit."""
    if isinstance(t, Float32Type):
        return _f32_literal(value)
    if math.isnan(value):
        return f"irtk_f64_from_bits(0x{struct.unpack('<Q', struct.pack('<d', value))[0]:016x}ull)"
    if math.isinf(value):
        return "HUGE_VAL" if value > 0 else "-HUGE_VAL"
    return _with_point(repr(value))


def complex_literal(value: tuple[float, float], t: ComplexType) -> str:
    """A complex constant of type `t` from its (re, im) parts, each read back bit for bit."""
    part = t.element_type
    return f"{c_type(t)}({float_literal(value[0], part)}, {float_literal(value[1], part)})"


def _f32_literal(value: float) -> str:
    try:
        bits = struct.unpack("<I", struct.pack("<f", value))[0]
    except OverflowError:  # finite in double, infinite in f32
        bits = 0xFF800000 if value < 0 else 0x7F800000
    single = struct.unpack("<f", struct.pack("<I", bits))[0]
    if math.isnan(single):
        return f"irtk_f32_from_bits(0x{bits:08x}u)"
    if math.isinf(single):
        return "HUGE_VALF" if single > 0 else "-HUGE_VALF"
    for digits in range(1, 10):  # 9 significant digits always round-trip a float
        text = f"{single:.{digits}g}"
        try:
            if struct.unpack("<f", struct.pack("<f", float(text)))[0] == single:
                break
        except OverflowError:  # rounds up past FLT_MAX in double: C would still read FLT_MAX; look further
            continue
    return _with_point(text) + "f"


def _with_point(text: str) -> str:
    """`1` is an int in C; `1.0` and `1e+20` are floating literals."""
    return text if "." in text or "e" in text else text + ".0"
