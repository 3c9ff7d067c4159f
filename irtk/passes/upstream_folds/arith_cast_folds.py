"""MLIR's folds of arith's casts that xDSL 0.74 lacks: casts of constants (as APInt and APFloat convert, and
not at all where MLIR does not fold: a NaN or out-of-range float to an integer) and chains of casts that
collapse (ext of ext, trunc of ext, index_cast and bitcast round trips).
"""

from __future__ import annotations

import math
import struct

import numpy

from xdsl.dialects import arith
from xdsl.dialects.builtin import Float16Type, Float32Type, Float64Type, IntegerType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern

from irtk.passes.upstream_folds.arith_values import (
    constant_of,
    element_type,
    float_constant,
    int_constant,
    int_width,
    replace_with_constant,
    rounded,
    signed,
    unsigned,
)

#: Float types bitcast folds through struct: (format, width).
_BIT_FORMATS = {Float16Type: ("<e", 16), Float32Type: ("<f", 32), Float64Type: ("<d", 64)}
#: Integers a double holds exactly, so int -> float rounds once.
_EXACT_INT = 1 << 53


def _int_to_float(value: int, type_: Attribute) -> float | None:
    """`value` rounded once to the float type: Python's int -> float rounds correctly to double, numpy's
    int64/uint64 -> float32 to single; other types only from integers a double holds exactly."""
    elem = element_type(type_)
    if isinstance(elem, Float64Type):
        return float(value)
    if isinstance(elem, Float32Type) and -(1 << 63) <= value < (1 << 64):
        return float(numpy.float32(numpy.int64(value) if value < (1 << 63) else numpy.uint64(value)))
    return rounded(float(value), type_) if abs(value) < _EXACT_INT else None


def _truncated_float(value: float, type_: Attribute) -> float | None:
    """`value` in the narrower float type, only when it is exact there (MLIR leaves an inexact truncf)."""
    result = rounded(value, type_)
    return result if result == value else None


def _float_to_int(value: float, width: int, is_signed: bool) -> int | None:
    if math.isnan(value) or math.isinf(value):
        return None
    truncated = math.trunc(value)
    low, high = (-(1 << (width - 1)), (1 << (width - 1)) - 1) if is_signed else (0, (1 << width) - 1)
    return truncated if low <= truncated <= high else None  # out of range: poison, MLIR does not fold


def _bitcast(value: int | float, source: Attribute, target: Attribute) -> int | float | None:
    source, target = element_type(source), element_type(target)
    if isinstance(value, int) and type(target) in _BIT_FORMATS:
        fmt, width = _BIT_FORMATS[type(target)]
        result = struct.unpack(fmt, unsigned(value, width).to_bytes(width // 8, "little"))[0]
        return None if math.isnan(result) else result  # a NaN's payload would be lost
    if isinstance(value, float) and type(source) in _BIT_FORMATS and isinstance(target, IntegerType):
        if math.isnan(value):
            return None
        fmt, width = _BIT_FORMATS[type(source)]
        return int.from_bytes(struct.pack(fmt, value), "little")
    return None


def _folded(op: Operation, value: int | float) -> int | float | None:
    source, target = op.operands[0].type, op.results[0].type
    in_width, out_width = int_width(source), int_width(target)
    match op:
        case arith.ExtSIOp() | arith.IndexCastOp() if isinstance(value, int) and in_width:
            return signed(value, in_width)
        case arith.ExtUIOp() if isinstance(value, int) and in_width:
            return unsigned(value, in_width)
        case arith.TruncIOp() if isinstance(value, int):
            return value
        case arith.SIToFPOp() if isinstance(value, int) and in_width:
            return _int_to_float(signed(value, in_width), target)
        case arith.UIToFPOp() if isinstance(value, int) and in_width:
            return _int_to_float(unsigned(value, in_width), target)
        case arith.FPToSIOp() if isinstance(value, float) and out_width:
            return _float_to_int(value, out_width, True)
        case arith.FPToUIOp() if isinstance(value, float) and out_width:
            return _float_to_int(value, out_width, False)
        case arith.ExtFOp() if isinstance(value, float) and not math.isnan(value):
            return rounded(value, target)
        case arith.TruncFOp() if isinstance(value, float) and not math.isnan(value):
            return _truncated_float(value, target)
        case arith.BitcastOp():
            return _bitcast(value, source, target)
        case _:
            return None


_CASTS = (
    arith.ExtSIOp, arith.ExtUIOp, arith.TruncIOp, arith.IndexCastOp, arith.SIToFPOp, arith.UIToFPOp,
    arith.FPToSIOp, arith.FPToUIOp, arith.ExtFOp, arith.TruncFOp, arith.BitcastOp,
)


class FoldCastOfConstant(RewritePattern):
    """`arith.<cast> %c => arith.constant cast(c)`: extsi, extui, trunci, index_cast, sitofp, uitofp, fptosi,
    fptoui, extf, truncf, bitcast, on scalars and splats (fptosi/fptoui of NaN, infinity or a value out of
    the target's range stay, and so does a truncf that would round, as in MLIR)."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = _CASTS

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, _CASTS):
            return
        value = constant_of(op.operands[0])
        if value is None or (result := _folded(op, value)) is None:
            return
        target = op.results[0].type
        constant = int_constant(result, target) if int_width(target) else float_constant(float(result), target)
        replace_with_constant(rewriter, op, constant)


def _defining(value: SSAValue, kind: type[Operation] | tuple[type[Operation], ...]) -> Operation | None:
    owner = value.owner
    return owner if isinstance(owner, kind) else None


class FoldCastChains(RewritePattern):
    """Chains of casts, as MLIR folds them: `extui(extui x) => extui x`, `extsi(extsi x) => extsi x`,
    `extsi(extui x) => extui x`, `trunci(ext x) => x` (same type) / `ext x` (narrower) / `trunci x` (wider),
    `trunci(trunci x) => trunci x`, `truncf(extf x) => x` (same type), `index_cast(index_cast x) => x` (same
    type), `index_cast(extsi x) => index_cast x`, `bitcast(bitcast x) => x` / `bitcast x`."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = _CASTS

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, _CASTS):
            return
        source = op.operands[0]
        result_type = op.results[0].type
        inner: Operation | None
        match op:
            case arith.ExtUIOp() | arith.ExtSIOp():
                if (inner := _defining(source, arith.ExtUIOp)) is not None:
                    self._rebuild(rewriter, op, arith.ExtUIOp(inner.operands[0], result_type))
                elif isinstance(op, arith.ExtSIOp) and (inner := _defining(source, arith.ExtSIOp)) is not None:
                    self._rebuild(rewriter, op, arith.ExtSIOp(inner.operands[0], result_type))
            case arith.TruncIOp():
                if (inner := _defining(source, (arith.ExtUIOp, arith.ExtSIOp))) is not None:
                    original = inner.operands[0]
                    narrow, wide = int_width(original.type), int_width(result_type)
                    assert narrow is not None and wide is not None
                    if original.type == result_type:
                        rewriter.replace(op, [], [original])
                    elif narrow < wide:
                        self._rebuild(rewriter, op, type(inner)(original, result_type))
                    else:
                        self._rebuild(rewriter, op, arith.TruncIOp(original, result_type))
                elif (inner := _defining(source, arith.TruncIOp)) is not None:
                    self._rebuild(rewriter, op, arith.TruncIOp(inner.operands[0], result_type))
            case arith.TruncFOp():
                inner = _defining(source, arith.ExtFOp)
                if inner is not None and inner.operands[0].type == result_type:
                    rewriter.replace(op, [], [inner.operands[0]])
            case arith.IndexCastOp():
                if (inner := _defining(source, arith.IndexCastOp)) is not None:
                    if inner.operands[0].type == result_type:
                        rewriter.replace(op, [], [inner.operands[0]])
                elif (inner := _defining(source, arith.ExtSIOp)) is not None:
                    self._rebuild(rewriter, op, arith.IndexCastOp(inner.operands[0], result_type))
            case arith.BitcastOp():
                if (inner := _defining(source, arith.BitcastOp)) is not None:
                    if inner.operands[0].type == result_type:
                        rewriter.replace(op, [], [inner.operands[0]])
                    else:
                        self._rebuild(rewriter, op, arith.BitcastOp(inner.operands[0], result_type))
            case _:
                pass

    @staticmethod
    def _rebuild(rewriter: PatternRewriter, op: Operation, new: Operation) -> None:
        new.location = op.location
        rewriter.replace(op, new)


PATTERNS = (FoldCastOfConstant(), FoldCastChains())
