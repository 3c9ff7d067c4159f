"""Canonicalization patterns and folds of `arith` ops that MLIR has and xDSL 0.74 does not.

Each is exact, as MLIR's folder is. Remove one here when xDSL gains it. The folds live in the modules next to
this one, by kind: integer ops (arith_int_folds), float ops (arith_float_folds), casts (arith_cast_folds),
comparisons and selects (arith_cmp_select_folds), constant chains (arith_reassociation), and the unique-ing
and hoisting of equal constants (constant_uniquing), which runs last.
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.dialects.builtin import IndexType, IntegerAttr, i1
from xdsl.ir import Operation
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.transforms.canonicalization_patterns.arith import FoldConstConstOp, FoldConstsByReassociation

from irtk.passes.upstream_folds import (
    arith_cast_folds,
    arith_cmp_select_folds,
    arith_float_folds,
    arith_int_folds,
    arith_reassociation,
    constant_uniquing,
)

# arith.cmpi predicates (MLIR's numbering): eq ne slt sle sgt sge ult ule ugt uge
_TRUE_WHEN_EQUAL = {0, 3, 5, 7, 9}


class CmpiOfOneValue(RewritePattern):
    """`arith.cmpi pred, %x, %x => arith.constant (pred holds for equal operands)`.

    Run-time shape checks compare two sizes that cse often proves to be the same value; this removes the
    check (cf.assert of a true constant is then erased by cf's own pattern)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.CmpiOp, rewriter: PatternRewriter):
        if op.lhs is not op.rhs:
            return
        value = 1 if op.predicate.value.data in _TRUE_WHEN_EQUAL else 0
        constant = arith.ConstantOp(IntegerAttr(value, i1), i1)
        constant.location = op.location
        rewriter.replace(op, constant)


class EraseUnusedExtsiRemui(RewritePattern):
    """`%r = arith.extsi/remui ...` with no use => nothing. MLIR declares both Pure, so canonicalize erases
    them when dead; xDSL 0.74 gives them no trait (its dead-code removal keeps them). irtk's evaluator and
    code generator look ops up by their exact xDSL class, so the trait is not added by a subclass."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = (arith.ExtSIOp, arith.RemUIOp)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if isinstance(op, arith.ExtSIOp | arith.RemUIOp) and not op.results[0].uses:
            rewriter.erase(op)


class WrapIndexConstant(RewritePattern):
    """`arith.constant 9223372036854775808 : index => arith.constant -9223372036854775808 : index`: xDSL's
    integer folder does not wrap `index` results to 64 bits as MLIR does (MIN * -1, say), and mlir-opt reads
    no index constant out of the signed 64-bit range."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.ConstantOp, rewriter: PatternRewriter):
        value = op.value
        if isinstance(value, IntegerAttr) and isinstance(value.type, IndexType):
            wrapped = (value.value.data + (1 << 63)) % (1 << 64) - (1 << 63)
            if wrapped != value.value.data:
                constant = arith.ConstantOp(IntegerAttr(wrapped, IndexType()), IndexType())
                constant.location = op.location
                rewriter.replace(op, constant)


#: In the order `canonicalize` tries them; each is offered only the arith ops it declares (`pattern_dispatch.py`).
PATTERNS = (
    CmpiOfOneValue(),
    EraseUnusedExtsiRemui(),
    WrapIndexConstant(),
    *arith_int_folds.PATTERNS,
    *arith_float_folds.PATTERNS,
    *arith_cast_folds.PATTERNS,
    *arith_cmp_select_folds.PATTERNS,
    *arith_reassociation.PATTERNS,
    *constant_uniquing.PATTERNS,
)

#: xDSL patterns `canonicalize` swaps for these: xDSL's float constant fold raises when the result overflows
#: the type (FloatAttr refuses to round 6e38 to f32 instead of giving inf), and its regrouping of constants
#: under fastmath<reassoc> is no fold of MLIR's canonicalize (which never reassociates floats).
REPLACEMENTS: dict[type[RewritePattern], type[RewritePattern]] = {
    FoldConstConstOp: arith_float_folds.FoldFloatConstants,
    FoldConstsByReassociation: arith_float_folds.FoldFloatConstants,
}
