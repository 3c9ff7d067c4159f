"""MLIR's folds of arith's integer binary ops that xDSL 0.74 lacks: constant folding with APInt's semantics
(wrap-around at the type's width; no fold of a division by zero, of a signed division that overflows, or of a
shift by the width or more, which MLIR leaves as they are), and the identities of ArithOps.cpp's folders.
"""

from __future__ import annotations

from collections.abc import Callable

from xdsl.dialects import arith
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.op_lookup import entry_for
from irtk.passes.upstream_folds.arith_values import (
    constant_of,
    int_constant,
    int_width,
    replace_with_constant,
    signed,
    unsigned,
)


def _trunc_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _floor_div(a: int, b: int) -> int:
    return a // b


def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


def _signed_div(div: Callable[[int, int], int]) -> Callable[[int, int, int], int | None]:
    def fold(a: int, b: int, w: int) -> int | None:
        sa, sb = signed(a, w), signed(b, w)
        if sb == 0 or (sa == -(1 << (w - 1)) and sb == -1):
            return None  # division by zero, or overflow: MLIR does not fold
        return div(sa, sb)

    return fold


def _unsigned_div(div: Callable[[int, int], int]) -> Callable[[int, int, int], int | None]:
    def fold(a: int, b: int, w: int) -> int | None:
        ua, ub = unsigned(a, w), unsigned(b, w)
        return None if ub == 0 else div(ua, ub)

    return fold


def _remsi(a: int, b: int, w: int) -> int | None:
    sa, sb = signed(a, w), signed(b, w)
    return None if sb == 0 else sa - _trunc_div(sa, sb) * sb


def _shift(shift: Callable[[int, int, int], int]) -> Callable[[int, int, int], int | None]:
    def fold(a: int, b: int, w: int) -> int | None:
        amount = unsigned(b, w)
        return None if amount >= w else shift(a, amount, w)

    return fold


#: op class -> (lhs, rhs, width) -> result or None (MLIR does not fold). Operands come as stored (any sign).
CONSTANT_FOLDS: dict[type[Operation], Callable[[int, int, int], int | None]] = {
    arith.AddiOp: lambda a, b, w: a + b,
    arith.SubiOp: lambda a, b, w: a - b,
    arith.MuliOp: lambda a, b, w: a * b,
    arith.AndIOp: lambda a, b, w: unsigned(a, w) & unsigned(b, w),
    arith.OrIOp: lambda a, b, w: unsigned(a, w) | unsigned(b, w),
    arith.XOrIOp: lambda a, b, w: unsigned(a, w) ^ unsigned(b, w),
    arith.DivSIOp: _signed_div(_trunc_div),
    arith.FloorDivSIOp: _signed_div(_floor_div),
    arith.CeilDivSIOp: _signed_div(_ceil_div),
    arith.DivUIOp: _unsigned_div(_floor_div),
    arith.CeilDivUIOp: _unsigned_div(_ceil_div),
    arith.RemUIOp: _unsigned_div(lambda a, b: a % b),
    arith.RemSIOp: _remsi,
    arith.ShLIOp: _shift(lambda a, n, w: unsigned(a, w) << n),
    arith.ShRUIOp: _shift(lambda a, n, w: unsigned(a, w) >> n),
    arith.ShRSIOp: _shift(lambda a, n, w: signed(a, w) >> n),
    arith.MaxSIOp: lambda a, b, w: max(signed(a, w), signed(b, w)),
    arith.MinSIOp: lambda a, b, w: min(signed(a, w), signed(b, w)),
    arith.MaxUIOp: lambda a, b, w: max(unsigned(a, w), unsigned(b, w)),
    arith.MinUIOp: lambda a, b, w: min(unsigned(a, w), unsigned(b, w)),
}


class FoldIntegerConstants(RewritePattern):
    """`arith.<op> %c1, %c2 => arith.constant (c1 <op> c2)` for every integer binary op, scalars and splats,
    computed as APInt computes it at the type's width; divisions by zero, divsi/floordivsi/ceildivsi of
    MIN by -1 and shifts by the width or more stay, as in MLIR."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.SignlessIntegerBinaryOperation, rewriter: PatternRewriter):
        fold = entry_for(CONSTANT_FOLDS, op)
        width = int_width(op.result.type)
        if fold is None or width is None:
            return
        lhs, rhs = constant_of(op.lhs), constant_of(op.rhs)
        if not isinstance(lhs, int) or not isinstance(rhs, int):
            return
        if (result := fold(lhs, rhs, width)) is not None:
            replace_with_constant(rewriter, op, int_constant(result, op.result.type))


def _is(value: SSAValue, expected: int, width: int) -> bool:
    constant = constant_of(value)
    return isinstance(constant, int) and unsigned(constant, width) == unsigned(expected, width)


def _is_not_of(value: SSAValue, other: SSAValue, width: int) -> bool:
    """Whether `value` is `xori other, -1` (either operand order)."""
    owner = value.owner
    return isinstance(owner, arith.XOrIOp) and (
        (owner.lhs is other and _is(owner.rhs, -1, width)) or (owner.rhs is other and _is(owner.lhs, -1, width))
    )


#: op class -> its right unit (x op unit == x); scalars and splats alike (xDSL's own fold sees scalars only).
RIGHT_UNITS: dict[type[Operation], int] = {
    arith.AddiOp: 0, arith.SubiOp: 0, arith.OrIOp: 0, arith.XOrIOp: 0, arith.AndIOp: -1,
    arith.ShLIOp: 0, arith.ShRUIOp: 0, arith.ShRSIOp: 0,
    arith.MuliOp: 1, arith.DivUIOp: 1, arith.DivSIOp: 1, arith.CeilDivUIOp: 1, arith.CeilDivSIOp: 1,
    arith.FloorDivSIOp: 1,
}
#: Those whose unit works on the left too.
COMMUTATIVE = (arith.AddiOp, arith.MuliOp, arith.OrIOp, arith.XOrIOp, arith.AndIOp)


def _identity(op: arith.SignlessIntegerBinaryOperation, width: int) -> SSAValue | int | None:
    """What `op` folds to by MLIR's identities: an existing value, a constant (int), or None."""
    x, y = op.lhs, op.rhs
    smax, smin, umax = (1 << (width - 1)) - 1, -(1 << (width - 1)), -1
    unit = entry_for(RIGHT_UNITS, op)
    if unit is not None:
        if _is(y, unit, width):
            return x
        if isinstance(op, COMMUTATIVE) and _is(x, unit, width):
            return y
    match op:
        case arith.AddiOp():
            for a, b in ((x, y), (y, x)):
                if isinstance(a.owner, arith.SubiOp) and a.owner.rhs is b:
                    return a.owner.lhs  # (a - b) + b
        case arith.SubiOp():
            if x is y:
                return 0
            if isinstance(x.owner, arith.AddiOp):
                if x.owner.rhs is y:
                    return x.owner.lhs  # (a + b) - b
                if x.owner.lhs is y:
                    return x.owner.rhs  # (a + b) - a
        case arith.MuliOp():
            if _is(y, 0, width) or _is(x, 0, width):
                return 0
        case arith.RemUIOp() | arith.RemSIOp():
            if _is(y, 1, width):
                return 0
        case arith.AndIOp():
            if x is y:
                return x
            if _is(y, -1, width):
                return x
            if _is(y, 0, width):
                return 0
            if _is_not_of(y, x, width) or _is_not_of(x, y, width):
                return 0
        case arith.OrIOp():
            if x is y:
                return x
            if _is(y, -1, width):
                return -1
            if _is_not_of(y, x, width) or _is_not_of(x, y, width):
                return -1
        case arith.XOrIOp():
            if x is y:
                return 0
            if isinstance(x.owner, arith.XOrIOp):
                if x.owner.rhs is y:
                    return x.owner.lhs  # (a ^ b) ^ b
                if x.owner.lhs is y:
                    return x.owner.rhs
            if isinstance(y.owner, arith.XOrIOp):
                if y.owner.rhs is x:
                    return y.owner.lhs  # b ^ (a ^ b)
                if y.owner.lhs is x:
                    return y.owner.rhs
        case arith.MaxSIOp() | arith.MinSIOp() | arith.MaxUIOp() | arith.MinUIOp():
            if x is y:
                return x
            absorbing, neutral = entry_for({
                arith.MaxSIOp: (smax, smin),
                arith.MinSIOp: (smin, smax),
                arith.MaxUIOp: (umax, 0),
                arith.MinUIOp: (0, umax),
            }, op)
            if _is(y, absorbing, width):
                return absorbing
            if _is(y, neutral, width):
                return x
        case _:
            pass
    return None


class FoldIntegerIdentities(RewritePattern):
    """MLIR's identities of integer binary ops: `x + 0 => x`, `x * 1 => x`, `x / 1 => x`, `x << 0 => x` (and
    the other right units, on splats too), `x - x => 0`, `x * 0 => 0`, `x rem 1 => 0`, `(a - b) + b => a`,
    `(a + b) - b => a`, `(a + b) - a => b`, `x & x => x`, `x & -1 => x`, `x & 0 => 0`, `x & ~x => 0`,
    `x | x => x`, `x | -1 => -1`, `x | ~x => -1`, `x ^ x => 0`, `(a ^ b) ^ b => a`, `max/min(x, x) => x`,
    `maxsi(x, MAX) => MAX`, `maxsi(x, MIN) => x` (and likewise for minsi, maxui, minui)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.SignlessIntegerBinaryOperation, rewriter: PatternRewriter):
        width = int_width(op.result.type)
        if width is None:
            return
        result = _identity(op, width)
        if isinstance(result, SSAValue):
            rewriter.replace(op, [], [result])
        elif isinstance(result, int):
            replace_with_constant(rewriter, op, int_constant(result, op.result.type))


PATTERNS = (FoldIntegerConstants(), FoldIntegerIdentities())
