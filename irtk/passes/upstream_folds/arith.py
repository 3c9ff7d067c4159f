"""Canonicalization patterns and folds of `arith` ops that MLIR has and xDSL 0.74 does not.

Each is exact, as MLIR's folder is. Remove one here when xDSL gains it.
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.dialects.builtin import IntegerAttr, i1
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

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


PATTERNS = (CmpiOfOneValue(),)
