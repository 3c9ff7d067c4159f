"""Canonicalization patterns of the irtk dialect: `PATTERNS`, which `canonicalize` applies to every irtk op.

The patterns here are exact: no rewrite changes a single bit of any result, and none reassociates (so `x - x`
and `x / x` stay). Three families live in modules of their own, each with its own contract:
- `identities.py`: the identities of 0, 1 and -1 and the negations that adjoint code is full of (`g * 1`,
  `0 * g`, `-(-g)`); exact for real numbers except for the sign of a zero and the NaN of `0 * inf`, as in
  Theano's canonicalizer;
- `broadcasts.py`: broadcasts that stretch nothing, or that an elementwise op does not need (Theano's `fill`
  sinking), removed only where no run-time size check is lost;
- `stability.py`: the numerical-stability rewrites, which change rounding (and are also the `stabilize` pass).
"""

from __future__ import annotations

import math

from xdsl.ir import Operation
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.irtk.arithmetic import NegOp
from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.broadcasts import BROADCAST_PATTERNS
from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.elementwise import CastOp
from irtk.dialects.irtk.identities import IDENTITY_PATTERNS
from irtk.dialects.irtk.shape import DimShuffleOp, pattern_attr
from irtk.dialects.irtk.stability import STABILITY_PATTERNS
from irtk.dialects.irtk.types import shape_of

#: Folding a constant bigger than this would bloat the IR more than it saves at run time.
MAX_FOLDED_ELEMENTS = 1024


def _constant(value) -> ConstantOp | None:
    owner = value.owner
    return owner if isinstance(owner, ConstantOp) else None


def _is_pure(op: Operation) -> bool:
    """Random draws are not pure: each evaluation differs, so they are never folded."""
    from xdsl.traits import Pure

    return op.has_trait(Pure)


def _copy_location(new: Operation, old: Operation) -> Operation:
    new.location = old.location
    return new


class FoldConstantOperands(RewritePattern):
    """`op(constant a, constant b) => constant` for any irtk op, its value computed from the op's structured form
    (`irtk.evaluator.fold`), so folding gives exactly the bits the program would have computed. An op that would
    fail at run time (integer division by zero) is left for run time to report."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, TensorOp) or isinstance(op, ConstantOp) or not op.operands or not _is_pure(op):
            return
        constants = [_constant(o) for o in op.operands]
        if any(c is None for c in constants):
            return
        for result in op.results:
            shape = shape_of(result.type)
            if None in shape or math.prod(shape) > MAX_FOLDED_ELEMENTS:
                return
        from irtk.evaluator.fold import fold

        try:
            values = fold(op, [c.array for c in constants])
        except (ValueError, NotImplementedError):
            return
        folded = [_copy_location(ConstantOp.from_array(v), op) for v in values]
        if [f.result.type for f in folded] != [r.type for r in op.results]:
            return
        rewriter.replace(op, folded, [f.result for f in folded])


class DoubleNegation(RewritePattern):
    """`-(-x) => x`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: NegOp, rewriter: PatternRewriter):
        inner = op.x.owner
        if isinstance(inner, NegOp):
            rewriter.replace(op, [], [inner.x])


class CastToSameType(RewritePattern):
    """`cast(x) : T -> T => x`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: CastOp, rewriter: PatternRewriter):
        if op.x.type == op.result.type:
            rewriter.replace(op, [], [op.x])


class ComposeDimShuffles(RewritePattern):
    """`dimshuffle(dimshuffle(x, p), q) => dimshuffle(x, p∘q)`, and an identity dimshuffle `=> x`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DimShuffleOp, rewriter: PatternRewriter):
        pattern = op.pattern_values
        if pattern == list(range(len(shape_of(op.x.type)))):
            rewriter.replace(op, [], [op.x])
            return
        inner = op.x.owner
        if not isinstance(inner, DimShuffleOp):
            return
        inner_pattern = inner.pattern_values
        composed = [-1 if p == -1 else inner_pattern[p] for p in pattern]
        new = DimShuffleOp.create(operands=[inner.x], result_types=[op.result.type], properties={"pattern": pattern_attr(composed)})
        rewriter.replace(op, _copy_location(new, op))


PATTERNS = (
    FoldConstantOperands(), DoubleNegation(), CastToSameType(), ComposeDimShuffles(), *IDENTITY_PATTERNS,
    *BROADCAST_PATTERNS, *STABILITY_PATTERNS,
)
