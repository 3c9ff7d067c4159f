"""MLIR's folds and patterns of arith's comparisons and selects that xDSL 0.74 lacks: cmpi and cmpf of
constants (a NaN operand decides a cmpf alone), `cmpi ne/eq (ext i1), 0`, `xori (cmpi), true` as the inverse
comparison, and selects whose condition compares the two choices, is negated, or repeats in a nested select.
"""

from __future__ import annotations

import math

from xdsl.dialects import arith
from xdsl.dialects.builtin import IntegerType, i1
from xdsl.ir import SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.passes.upstream_folds.arith_values import (
    constant_of,
    int_constant,
    int_width,
    replace_with_constant,
    signed,
    unsigned,
)

# cmpi predicates, MLIR's numbering
_EQ, _NE = 0, 1
_CMPI = {
    0: lambda a, b: a == b, 1: lambda a, b: a != b,
    2: lambda a, b: a < b, 3: lambda a, b: a <= b, 4: lambda a, b: a > b, 5: lambda a, b: a >= b,
    6: lambda a, b: a < b, 7: lambda a, b: a <= b, 8: lambda a, b: a > b, 9: lambda a, b: a >= b,
}
#: cmpi predicate -> its negation (eq<->ne, slt<->sge, sle<->sgt, ult<->uge, ule<->ugt)
_CMPI_NOT = {0: 1, 1: 0, 2: 5, 5: 2, 3: 4, 4: 3, 6: 9, 9: 6, 7: 8, 8: 7}

# cmpf predicates 1..14 (false=0 and true=15 are not folded by MLIR): ordered ones are false on NaN,
# unordered ones true.
_CMPF_ORDERED = {
    1: lambda a, b: a == b, 2: lambda a, b: a > b, 3: lambda a, b: a >= b, 4: lambda a, b: a < b,
    5: lambda a, b: a <= b, 6: lambda a, b: a != b, 7: lambda a, b: True,
}


def _cmpf(predicate: int, a: float, b: float) -> bool | None:
    unordered = math.isnan(a) or math.isnan(b)
    if 1 <= predicate <= 7:
        return False if unordered else _CMPF_ORDERED[predicate](a, b)
    if 8 <= predicate <= 14:
        return True if unordered else (_CMPF_ORDERED[predicate - 7](a, b) if predicate != 14 else False)
    return None


def _bool_constant(value: bool, op) -> arith.ConstantOp:
    return int_constant(int(value), op.result.type)


class FoldCmpiConstants(RewritePattern):
    """`arith.cmpi pred, %c1, %c2 => arith.constant (c1 pred c2)`, signed or unsigned as the predicate says;
    `arith.cmpi ne, (extui/extsi %b : i1), 0 => %b`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.CmpiOp, rewriter: PatternRewriter):
        width = int_width(op.lhs.type)
        if width is None or op.result.type != i1:
            return
        predicate = op.predicate.value.data
        lhs, rhs = constant_of(op.lhs), constant_of(op.rhs)
        if isinstance(lhs, int) and isinstance(rhs, int):
            read = signed if 2 <= predicate <= 5 else unsigned
            value = _CMPI[predicate](read(lhs, width), read(rhs, width))
            replace_with_constant(rewriter, op, _bool_constant(value, op))
            return
        ext = op.lhs.owner
        if (
            predicate == _NE
            and isinstance(rhs, int)
            and unsigned(rhs, width) == 0
            and isinstance(ext, arith.ExtUIOp | arith.ExtSIOp)
            and ext.input.type == i1
        ):
            rewriter.replace(op, [], [ext.input])


class FoldCmpfConstants(RewritePattern):
    """`arith.cmpf pred, %c1, %c2 => arith.constant`, and `arith.cmpf pred, %x, NaN => arith.constant`
    (false for an ordered predicate, true for an unordered one); `false` and `true` predicates stay, as in
    MLIR."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.CmpfOp, rewriter: PatternRewriter):
        if op.result.type != i1:
            return
        lhs, rhs = constant_of(op.lhs), constant_of(op.rhs)
        if isinstance(lhs, float) and math.isnan(lhs):
            rhs = lhs
        if isinstance(rhs, float) and math.isnan(rhs):
            lhs = rhs
        if not isinstance(lhs, float) or not isinstance(rhs, float):
            return
        if (value := _cmpf(op.predicate.value.data, lhs, rhs)) is not None:
            replace_with_constant(rewriter, op, _bool_constant(value, op))


def _is_true(value: SSAValue) -> bool:
    constant = constant_of(value)
    return isinstance(constant, int) and constant != 0


class XoriOfCmpi(RewritePattern):
    """`arith.xori (arith.cmpi pred, a, b), true => arith.cmpi (not pred), a, b`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.XOrIOp, rewriter: PatternRewriter):
        if op.result.type != i1:
            return
        for cmp, other in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            if isinstance(cmp.owner, arith.CmpiOp) and _is_true(other):
                new = arith.CmpiOp(cmp.owner.lhs, cmp.owner.rhs, _CMPI_NOT[cmp.owner.predicate.value.data])
                new.location = op.location
                rewriter.replace(op, new)
                return


def _negated(cond: SSAValue) -> SSAValue | None:
    """`c` when `cond` is `xori c, true`."""
    owner = cond.owner
    if isinstance(owner, arith.XOrIOp) and owner.result.type == i1:
        if _is_true(owner.rhs):
            return owner.lhs
        if _is_true(owner.lhs):
            return owner.rhs
    return None


class SelectFolds(RewritePattern):
    """`select (cmpi eq, a, b), a, b => b`, `select (cmpi ne, a, b), a, b => a` (either operand order);
    `select c, (select c, a, b), d => select c, a, d`, `select c, a, (select c, b, d) => select c, a, d`;
    `select (xori c, true), a, b => select c, b, a`; `select c, 1, 0 : iN => extui c`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.SelectOp, rewriter: PatternRewriter):
        cond, a, b = op.cond, op.lhs, op.rhs
        cmp = cond.owner
        if isinstance(cmp, arith.CmpiOp) and cmp.predicate.value.data in (_EQ, _NE):
            if (cmp.lhs is a and cmp.rhs is b) or (cmp.lhs is b and cmp.rhs is a):
                rewriter.replace(op, [], [a if cmp.predicate.value.data == _NE else b])
                return
        if isinstance(a.owner, arith.SelectOp) and a.owner.cond is cond:
            return self._rebuild(rewriter, op, arith.SelectOp(cond, a.owner.lhs, b))
        if isinstance(b.owner, arith.SelectOp) and b.owner.cond is cond:
            return self._rebuild(rewriter, op, arith.SelectOp(cond, a, b.owner.rhs))
        if (inner := _negated(cond)) is not None:
            return self._rebuild(rewriter, op, arith.SelectOp(inner, b, a))
        type_ = op.result.type
        if (
            isinstance(type_, IntegerType)
            and type_.width.data > 1
            and cond.type == i1
            and constant_of(a) == 1
            and constant_of(b) == 0
        ):
            return self._rebuild(rewriter, op, arith.ExtUIOp(cond, type_))

    @staticmethod
    def _rebuild(rewriter: PatternRewriter, op, new) -> None:
        new.location = op.location
        rewriter.replace(op, new)


PATTERNS = (FoldCmpiConstants(), FoldCmpfConstants(), XoriOfCmpi(), SelectFolds())
