"""MLIR's folds of arith's float ops that xDSL 0.74 lacks. Exact as APFloat: each result is computed in double
precision and rounded once to the op's type (exact for f16, bf16 and f32, whose precision is under half of
double's), no reassociation, NaN and signed zeros kept (`x + 0.0` does not fold, `x + -0.0` does).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from xdsl.dialects import arith
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.op_lookup import entry_for
from irtk.dialects.upstream.arith import RemFOp
from irtk.passes.upstream_folds.arith_values import (
    constant_of,
    float_constant,
    replace_with_constant,
    rounded,
)


def _divide(a: float, b: float) -> float:
    if b == 0.0:
        if a == 0.0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _remainder(a: float, b: float) -> float | None:
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or b == 0.0:
        return math.nan
    return math.fmod(a, b)


def _maximum(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0.0:
        return b if math.copysign(1.0, a) < 0 else a  # -0.0 < +0.0
    return max(a, b)


def _minimum(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0.0:
        return a if math.copysign(1.0, a) < 0 else b
    return min(a, b)


def _number(pick: Callable[[float, float], float]) -> Callable[[float, float], float | None]:
    """maxnum/minnum: a NaN operand gives the other; zeros of both signs are left unfolded (APFloat's answer
    there changed between LLVM versions)."""

    def fold(a: float, b: float) -> float | None:
        if math.isnan(a):
            return b
        if math.isnan(b):
            return a
        if a == b == 0.0 and math.copysign(1.0, a) != math.copysign(1.0, b):
            return None
        return pick(a, b)

    return fold


#: op class -> (lhs, rhs) -> exact result (before rounding to the type) or None.
CONSTANT_FOLDS: dict[type[Operation], Callable[[float, float], float | None]] = {
    arith.AddfOp: lambda a, b: a + b,
    arith.SubfOp: lambda a, b: a - b,
    arith.MulfOp: lambda a, b: a * b,
    arith.DivfOp: _divide,
    RemFOp: _remainder,
    arith.MaximumfOp: _maximum,
    arith.MinimumfOp: _minimum,
    arith.MaxnumfOp: _number(max),
    arith.MinnumfOp: _number(min),
}


class FoldFloatConstants(RewritePattern):
    """`arith.<op> %c1, %c2 => arith.constant (c1 <op> c2)` for addf, subf, mulf, divf, remf, maximumf,
    minimumf, maxnumf, minnumf, on scalars and splats, rounded once to the type as APFloat does."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.FloatingPointLikeBinaryOperation, rewriter: PatternRewriter):
        fold = entry_for(CONSTANT_FOLDS, op)
        if fold is None:
            return
        lhs, rhs = constant_of(op.lhs), constant_of(op.rhs)
        if not isinstance(lhs, float) or not isinstance(rhs, float):
            return
        if (exact := fold(lhs, rhs)) is None or (result := rounded(exact, op.result.type)) is None:
            return
        replace_with_constant(rewriter, op, float_constant(result, op.result.type))


def _is(value: SSAValue, expected: float) -> bool:
    constant = constant_of(value)
    return (
        isinstance(constant, float)
        and constant == expected
        and math.copysign(1.0, constant) == math.copysign(1.0, expected)
    )


class FoldFloatIdentities(RewritePattern):
    """`x + -0.0 => x`, `-0.0 + x => x`, `x - 0.0 => x`, `x * 1.0 => x`, `1.0 * x => x`, `x / 1.0 => x`,
    `maximumf(x, x) => x`, `maximumf(x, -inf) => x`, `minimumf(x, x) => x`, `minimumf(x, +inf) => x`
    (exact for every x, NaN and signed zeros included)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.FloatingPointLikeBinaryOperation, rewriter: PatternRewriter):
        x, y = op.lhs, op.rhs
        result: SSAValue | None = None
        match op:
            case arith.AddfOp():
                result = x if _is(y, -0.0) else y if _is(x, -0.0) else None
            case arith.SubfOp():
                result = x if _is(y, 0.0) else None
            case arith.MulfOp():
                result = x if _is(y, 1.0) else y if _is(x, 1.0) else None
            case arith.DivfOp():
                result = x if _is(y, 1.0) else None
            case arith.MaximumfOp():
                result = x if x is y or _is(y, -math.inf) else y if _is(x, -math.inf) else None
            case arith.MinimumfOp():
                result = x if x is y or _is(y, math.inf) else y if _is(x, math.inf) else None
            case _:
                pass
        if result is not None:
            rewriter.replace(op, [], [result])


class FoldNegf(RewritePattern):
    """`arith.negf (arith.negf x) => x`; `arith.negf %c => arith.constant -c` (the sign flips, NaN too)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.NegfOp, rewriter: PatternRewriter):
        if isinstance(op.operand.owner, arith.NegfOp):
            rewriter.replace(op, [], [op.operand.owner.operand])
            return
        constant = constant_of(op.operand)
        if isinstance(constant, float) and not math.isnan(constant):
            if (result := rounded(-constant, op.result.type)) is not None:
                replace_with_constant(rewriter, op, float_constant(result, op.result.type))


PATTERNS = (FoldFloatConstants(), FoldFloatIdentities(), FoldNegf())
