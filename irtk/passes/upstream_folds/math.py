"""Constant folds of `math` ops that MLIR has and xDSL 0.74 does not.

MLIR folds most `math` ops on constant operands (scalars, splats and dense vectors or tensors) and computes
the result as its folders do: the transcendental functions through the host's libm at the op's own precision
(`sinf` for f32, `sin` for f64; other float types are not folded), the roundings, `absf` and `copysign`
exactly for every float type. libm is called here through ctypes, so a result is the very number
`mlir-opt` computes on the same host. Some inputs are refused as MLIR refuses them: sqrt and the logarithms
of a number with its sign bit set (also -0.0 and -NaN), log1p where `x + 1` is negative. `cbrt`, `rsqrt`,
`fma` and `fpowi` have no folder in MLIR and none here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Sequence

import numpy as np
from xdsl.dialects import arith, math
from xdsl.dialects.builtin import (
    AnyFloat,
    BFloat16Type,
    DenseIntOrFPElementsAttr,
    Float16Type,
    Float32Type,
    Float64Type,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    ShapedType,
)
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern

from irtk.dialects.upstream import math as irtk_math

_LIBM = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")

#: A fold of one element: the result, or None where MLIR's folder refuses this input.
Fold = Callable[..., float | int | None]


def _libm(name: str, arity: int, single: bool) -> Callable[..., float]:
    """libm's `name` (`namef` for single precision) as a Python function."""
    c_type = ctypes.c_float if single else ctypes.c_double
    function = getattr(_LIBM, name + ("f" if single else ""))
    function.restype = c_type
    function.argtypes = [c_type] * arity
    return function


def _numpy_type(element: Attribute) -> type[np.floating] | None:
    if isinstance(element, Float16Type):
        return np.float16
    if isinstance(element, Float32Type):
        return np.float32
    if isinstance(element, Float64Type):
        return np.float64
    return None


def _round_to(element: Attribute, value: float) -> float:
    """`value` rounded to `element`'s precision (the float MLIR holds for a constant of that type)."""
    numpy_type = _numpy_type(element)
    if numpy_type is not None:
        return float(numpy_type(value))
    if isinstance(element, BFloat16Type):
        bits = int(np.float32(value).view(np.uint32))
        if (bits & 0x7F800000) == 0x7F800000 and bits & 0x7FFFFF:
            return value  # NaN
        bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
        return float(np.uint32(bits).view(np.float32))
    return value


def _sign_bit(value: float) -> bool:
    return bool(np.signbit(value))


def _libm_unary(name: str, refuse: Callable[[float, AnyFloat], bool] | None = None) -> Callable:
    """A fold through libm's `name`, for f32 and f64 only, refusing inputs where `refuse` holds."""
    functions = {True: _libm(name, 1, True), False: _libm(name, 1, False)}

    def fold(element: Attribute, a: float) -> float | None:
        if not isinstance(element, Float32Type | Float64Type):
            return None
        if refuse is not None and refuse(a, element):
            return None
        return float(functions[isinstance(element, Float32Type)](a))

    return fold


def _libm_binary(name: str, both_zero_is_nan: bool = False) -> Callable:
    """A fold through libm's two-operand `name`, for f32 and f64 only; with `both_zero_is_nan`, two zeros
    (of either sign) give NaN, as MLIR's atan2 folder says, where libm gives a signed 0 or pi."""
    functions = {True: _libm(name, 2, True), False: _libm(name, 2, False)}

    def fold(element: Attribute, a: float, b: float) -> float | None:
        if not isinstance(element, Float32Type | Float64Type):
            return None
        if both_zero_is_nan and a == 0.0 and b == 0.0:
            return float("nan")
        return float(functions[isinstance(element, Float32Type)](a, b))

    return fold


def _negative(a: float, element: Attribute) -> bool:
    return _sign_bit(a)


def _below_minus_one(a: float, element: Attribute) -> bool:
    """Whether `a + 1`, computed at the op's precision, is negative (MLIR's log1p refuses those)."""
    return _sign_bit(_round_to(element, a + 1.0))


def _exact(function: Callable[[np.float64], np.float64]) -> Callable:
    """A fold that is exact for every float type (rounding to an integer, absolute value)."""

    def fold(element: Attribute, a: float) -> float:
        return float(function(np.float64(a)))

    return fold


def _copysign(element: Attribute, a: float, b: float) -> float:
    return float(np.copysign(np.float64(a), np.float64(b)))


def _smallest_normal(element: Attribute) -> float:
    if isinstance(element, BFloat16Type):
        return 2.0**-126
    numpy_type = _numpy_type(element)
    return float(np.finfo(numpy_type).tiny) if numpy_type is not None else 0.0


def _is_normal(element: Attribute, a: float) -> int | None:
    if _numpy_type(element) is None and not isinstance(element, BFloat16Type):
        return None
    return int(bool(np.isfinite(a)) and abs(a) >= _smallest_normal(element))


def _bits(value: int, width: int) -> int:
    return value % (1 << width)


def _ipowi(width: int, base: int, power: int) -> int | None:
    """MLIR's IPowIOp folder: exact in `width` bits, wrapping; 0 to a negative power is not folded."""
    base_bits, power_bits = _bits(base, width), _bits(power, width)
    signed_power = power_bits - (1 << width) if power_bits >> (width - 1) else power_bits
    if signed_power == 0:
        return 1
    if signed_power < 0:
        all_ones = (1 << width) - 1
        if base_bits == 0:
            return None
        if base_bits == 1:
            return 1
        if base_bits != all_ones:
            return 0
        return all_ones if signed_power & 1 else 1
    return pow(base_bits, signed_power, 1 << width)


#: Float ops with one operand: their element folds.
FLOAT_UNARY: dict[type[Operation], Callable] = {
    math.AbsFOp: _exact(np.abs),
    math.CeilOp: _exact(np.ceil),
    math.FloorOp: _exact(np.floor),
    math.RoundEvenOp: _exact(np.rint),
    math.AcosOp: _libm_unary("acos"),
    math.AcoshOp: _libm_unary("acosh"),
    math.AsinOp: _libm_unary("asin"),
    math.AsinhOp: _libm_unary("asinh"),
    math.AtanOp: _libm_unary("atan"),
    math.AtanhOp: _libm_unary("atanh"),
    math.CosOp: _libm_unary("cos"),
    math.CoshOp: _libm_unary("cosh"),
    math.ErfOp: _libm_unary("erf"),
    irtk_math.ErfcOp: _libm_unary("erfc"),
    math.ExpOp: _libm_unary("exp"),
    math.Exp2Op: _libm_unary("exp2"),
    math.ExpM1Op: _libm_unary("expm1"),
    math.LogOp: _libm_unary("log", _negative),
    math.Log10Op: _libm_unary("log10", _negative),
    math.Log2Op: _libm_unary("log2", _negative),
    math.Log1pOp: _libm_unary("log1p", _below_minus_one),
    math.RoundOp: _libm_unary("round"),
    math.SinOp: _libm_unary("sin"),
    math.SinhOp: _libm_unary("sinh"),
    math.SqrtOp: _libm_unary("sqrt", _negative),
    math.TanOp: _libm_unary("tan"),
    math.TanhOp: _libm_unary("tanh"),
    math.TruncOp: _libm_unary("trunc"),
}

#: Float ops with two operands.
FLOAT_BINARY: dict[type[Operation], Callable] = {
    math.Atan2Op: _libm_binary("atan2", both_zero_is_nan=True),
    math.PowFOp: _libm_binary("pow"),
    math.CopySignOp: _copysign,
}

#: Float classifications: i1 results.
CLASSIFICATION: dict[type[Operation], Callable] = {
    irtk_math.IsNanOp: lambda element, a: int(bool(np.isnan(a))),
    irtk_math.IsInfOp: lambda element, a: int(bool(np.isinf(a))),
    irtk_math.IsFiniteOp: lambda element, a: int(bool(np.isfinite(a))),
    irtk_math.IsNormalOp: _is_normal,
}

#: Integer ops with one operand: fold of (width, unsigned bits).
INTEGER_UNARY: dict[type[Operation], Callable[[int, int], int]] = {
    math.AbsIOp: lambda width, a: (-a) % (1 << width) if a >> (width - 1) else a,
    math.CountLeadingZerosOp: lambda width, a: width - a.bit_length(),
    math.CountTrailingZerosOp: lambda width, a: (a & -a).bit_length() - 1 if a else width,
    math.CtPopOp: lambda width, a: a.bit_count(),
}


def _constant_of(value: SSAValue) -> Attribute | None:
    owner = value.owner
    return owner.value if isinstance(owner, arith.ConstantOp) else None


def _elements(attr: Attribute) -> tuple[list[float | int], bool] | None:
    """The values of a scalar or dense constant, and whether it is a scalar."""
    if isinstance(attr, FloatAttr | IntegerAttr):
        return [attr.value.data], True
    if isinstance(attr, DenseIntOrFPElementsAttr):
        return list(attr.get_values()), False
    return None


def _result_attr(result_type: Attribute, element: Attribute, values: Sequence[float | int]) -> Attribute:
    if isinstance(result_type, ShapedType):
        return DenseIntOrFPElementsAttr.from_list(result_type, values)  # pyright: ignore[reportArgumentType]
    if isinstance(element, IntegerType):
        return IntegerAttr(int(values[0]), element, truncate_bits=True)
    return FloatAttr(values[0], element)  # pyright: ignore[reportArgumentType]


def _element_type(value_type: Attribute) -> Attribute:
    return value_type.get_element_type() if isinstance(value_type, ShapedType) else value_type


def _fold_elementwise(op: Operation, fold: Callable[..., float | int | None]) -> Attribute | None:
    """Apply `fold` to the operands' elements (scalars, or equal-shaped dense values); None when an operand
    is not constant or `fold` refuses any element (MLIR then leaves the whole op)."""
    operands = []
    for operand in op.operands:
        constant = _constant_of(operand)
        elements = _elements(constant) if constant is not None else None
        if elements is None:
            return None
        operands.append(elements[0])
    count = max(len(values) for values in operands)
    operands = [values * count if len(values) == 1 else values for values in operands]
    if any(len(values) != count for values in operands):
        return None
    result_type = op.results[0].type
    results = []
    for args in zip(*operands, strict=True):
        folded = fold(*args)
        if folded is None:
            return None
        results.append(folded)
    result_element = _element_type(result_type)
    if isinstance(result_element, AnyFloat):
        results = [_round_to(result_element, float(v)) for v in results]
    return _result_attr(result_type, result_element, results)


class FoldConstantMath(RewritePattern):
    """`math.op(arith.constant ...) => arith.constant` for the math ops MLIR folds, elementwise on splat and
    dense operands: transcendental functions through libm at f32 or f64 (`math.sqrt 2.0 : f32 => 1.41421354`),
    roundings, absf and copysign at any float precision, isnan/isinf/isfinite/isnormal, absi, ctlz, cttz,
    ctpop (ctlz and cttz of 0 give the bit width) and ipowi (wrapping; `0 ** -n` stays)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        fold = _element_fold(op)
        if fold is None:
            return
        attr = _fold_elementwise(op, fold)
        if attr is None:
            return
        rewriter.replace(op, arith.ConstantOp(attr, op.results[0].type))


def _element_fold(op: Operation) -> Callable[..., float | int | None] | None:
    """The fold of one element of `op`'s operands, or None for an op MLIR does not fold."""
    element = _element_type(op.operands[0].type) if op.operands else None
    if (float_fold := _FLOAT_FOLDS.get(op.name)) is not None:
        return lambda *args: float_fold(element, *(_round_to(element, a) for a in args))
    if not isinstance(element, IntegerType):
        return None
    width = element.width.data
    if (integer_fold := _INTEGER_FOLDS.get(op.name)) is not None:
        return lambda a: integer_fold(width, _bits(a, width))
    if op.name == math.IPowIOp.name:
        return lambda base, power: _ipowi(width, base, power)
    return None


#: The folds by op name, so that a subclass taking the place of xDSL's op (for its syntax) folds the same.
_FLOAT_FOLDS = {cls.name: fold for table in (FLOAT_UNARY, FLOAT_BINARY, CLASSIFICATION) for cls, fold in table.items()}
_INTEGER_FOLDS = {cls.name: fold for cls, fold in INTEGER_UNARY.items()}


PATTERNS = (FoldConstantMath(),)
