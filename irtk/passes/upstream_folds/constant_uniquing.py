"""Equal `arith.constant`s become one, at the start of the region they are materialized in, as MLIR's
canonicalize does (its OperationFolder unique-ifies constants and hoists them to the entry block of the
nearest region that is isolated from above).

The insertion region is MLIR's: that of the nearest ancestor that is isolated from above, unregistered (it
might be) or at the top level. `gpu.launch` bodies keep their constants too, as a kernel to be outlined needs
them inside (MLIR's outlining sinks them back in). Hoisting a constant is always correct: it has no operands
and no effects, and the start of the entry block dominates every use in the region.
"""

from __future__ import annotations

import math
import weakref

from xdsl.dialects import arith
from xdsl.dialects.builtin import FloatAttr, IntegerAttr, UnregisteredOp
from xdsl.ir import Block, Operation, Region
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint
from xdsl.traits import IsolatedFromAbove

#: Ops whose regions keep their own constants although they are not isolated from above.
KEEPS_CONSTANTS = frozenset({"gpu.launch"})


def insertion_region(op: Operation) -> Region | None:
    """The region whose entry block `op`, a constant, belongs at the start of (MLIR's getInsertionRegion)."""
    block = op.parent_block()
    while block is not None and (region := block.parent) is not None:
        parent = region.parent
        if (
            parent is None
            or parent.parent_block() is None
            or isinstance(parent, UnregisteredOp)
            or parent.has_trait(IsolatedFromAbove)
            or parent.name in KEEPS_CONSTANTS
        ):
            return region
        block = parent.parent_block()
    return None


def _key(op: arith.ConstantOp) -> tuple | None:
    """What equal constants share: type and value, with the sign of a float zero (0.0 == -0.0 in Python, not
    in bits); None for a NaN (Python's NaNs are unequal, so they are not unique-d) and values printed only
    as text."""
    value = op.value
    if isinstance(value, FloatAttr):
        number = value.value.data
        return None if math.isnan(number) else (op.result.type, value, math.copysign(1.0, number))
    if isinstance(value, IntegerAttr):
        return (op.result.type, value)
    return (op.result.type, str(value))  # dense and resource values, as printed (signed zeros kept)


class UniqueConstants(RewritePattern):
    """`%a = arith.constant c ... %b = arith.constant c => %a` (the uses of %b go to %a), with `%a` moved to
    the start of its insertion region's entry block (where it dominates the whole region) and a constant of a
    nested block hoisted there.

    Like MLIR's OperationFolder it remembers the kept constant of each value per entry block (weakly, so
    that blocks freed between runs are forgotten); one that has left that block is forgotten. Each rewrite
    hoists a constant into an entry block or erases one, so the pattern ends."""

    def __init__(self) -> None:
        self._kept: weakref.WeakKeyDictionary[Block, dict[tuple, arith.ConstantOp]] = weakref.WeakKeyDictionary()

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.ConstantOp, rewriter: PatternRewriter):
        region = insertion_region(op)
        if region is None or (entry := region.first_block) is None or (key := _key(op)) is None:
            return
        kept = self._kept.setdefault(entry, {})
        known = kept.get(key)
        if known is op:
            return
        if known is not None and known.parent_block() is entry:
            if known is not entry.first_op:
                known.detach()
                rewriter.insert(known, InsertPoint.at_start(entry))
            rewriter.replace(op, [], [known.result])
            return
        kept[key] = op
        if op.parent_block() is not entry:
            op.detach()
            rewriter.insert(op, InsertPoint.at_start(entry))


PATTERNS = (UniqueConstants(),)
