"""The values arith's folds compute with: the constant behind an SSA value (a scalar or a splat), integers as
MLIR's APInt sees them (a width, read signed or unsigned, index being 64 bits wide), floats rounded to their
type as APFloat rounds them, and the `arith.constant` that holds a result.

A fold that cannot give MLIR's exact answer (a type Python floats cannot round to exactly, say) gets None
from here and leaves the op alone: not folding is always correct.
"""

from __future__ import annotations

import math

from xdsl.dialects import arith
from xdsl.dialects.builtin import (
    BFloat16Type,
    DenseIntOrFPElementsAttr,
    Float16Type,
    Float32Type,
    Float64Type,
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    ShapedType,
)
from xdsl.ir import Attribute, SSAValue

#: Float types whose values a Python float holds exactly and rounds to as APFloat does (round to nearest even).
EXACT_FLOATS = (Float16Type, BFloat16Type, Float32Type, Float64Type)


def element_type(type_: Attribute) -> Attribute:
    """The element type of a vector or tensor, or the type itself."""
    return type_.get_element_type() if isinstance(type_, ShapedType) else type_


def constant_of(value: SSAValue) -> int | float | None:
    """The value of `value` when an `arith.constant` defines it as a scalar or a splat; else None."""
    owner = value.owner
    if not isinstance(owner, arith.ConstantOp):
        return None
    attr = owner.value
    if isinstance(attr, IntegerAttr | FloatAttr):
        return attr.value.data
    if isinstance(attr, DenseIntOrFPElementsAttr) and attr.is_splat():
        return attr.get_values()[0]
    return None


def int_width(type_: Attribute) -> int | None:
    """The bit width of an integer-like type (index: 64, as MLIR's folders take it); None for others."""
    elem = element_type(type_)
    if isinstance(elem, IndexType):
        return 64
    if isinstance(elem, IntegerType):
        return elem.width.data
    return None


def unsigned(value: int, width: int) -> int:
    return value % (1 << width)


def signed(value: int, width: int) -> int:
    value = unsigned(value, width)
    return value - (1 << width) if value >> (width - 1) else value


def int_constant(value: int, type_: Attribute) -> arith.ConstantOp:
    """`arith.constant value : type_` (a splat for a vector or tensor), wrapped to the type's width."""
    width = int_width(type_)
    assert width is not None
    elem = element_type(type_)
    scalar = signed(value, width)
    if isinstance(type_, ShapedType):
        return arith.ConstantOp(DenseIntOrFPElementsAttr.from_list(type_, [scalar]), type_)
    return arith.ConstantOp(IntegerAttr(scalar, elem), type_)


def rounded(value: float, type_: Attribute) -> float | None:
    """`value` rounded to the float type (element type) of `type_` as APFloat rounds (to nearest, ties to
    even; overflow to infinity); None where that cannot be done exactly here."""
    elem = element_type(type_)
    if not isinstance(elem, EXACT_FLOATS):
        return None
    if isinstance(elem, Float64Type) or math.isnan(value) or math.isinf(value):
        return value
    try:
        result = FloatAttr(value, elem).value.data
    except OverflowError:
        return math.copysign(math.inf, value)
    if isinstance(elem, BFloat16Type) and result != value:
        return None  # xDSL may round bf16 through f32 (twice); keep only exact results
    return result


def float_constant(value: float, type_: Attribute) -> arith.ConstantOp:
    """`arith.constant value : type_` (a splat for a vector or tensor); `value` already has the type's
    precision (see `rounded`)."""
    elem = element_type(type_)
    if isinstance(type_, ShapedType):
        return arith.ConstantOp(DenseIntOrFPElementsAttr.from_list(type_, [value]), type_)
    return arith.ConstantOp(FloatAttr(value, elem), type_)


def replace_with_constant(rewriter, op, constant: arith.ConstantOp) -> None:
    """Replace `op` with `constant`, keeping `op`'s location."""
    constant.location = op.location
    rewriter.replace(op, constant)
