"""Canonicalization patterns of `scf` ops that MLIR has (SCF.cpp) and xDSL 0.74 does not, or has unsafely.

`REPLACEMENTS` swaps xDSL's `RehoistConstInLoops` for a version that leaves unregistered ops in place (xDSL
asks them for traits and they answer yes to every trait, so `"test.effect"(%iter_arg)` left its loop).
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import IntegerAttr, UnregisteredOp, i1
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint
from xdsl.traits import ConstantLike
from xdsl.transforms.canonicalization_patterns.scf import RehoistConstInLoops


def _int_constant(value: SSAValue) -> int | None:
    """The integer an `arith.constant` defines, or None."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


def _bool_constant(value: SSAValue) -> bool | None:
    constant = _int_constant(value)
    return None if constant is None or value.type != i1 else constant != 0


def _true(rewriter: PatternRewriter, op: Operation, value: bool = True) -> SSAValue:
    constant = arith.ConstantOp(IntegerAttr(1 if value else 0, i1), i1)
    rewriter.insert_op(constant, InsertPoint.before(op))
    return constant.result


def _defined_in(value: SSAValue, region: Region) -> bool:
    """Whether `value` is defined directly in `region` (not above it)."""
    block = value.block if isinstance(value, BlockArgument) else value.owner.parent_block()
    return block is not None and block.parent is region


def _yield(region: Region) -> scf.YieldOp | None:
    if not region.blocks:
        return None
    last = region.block.last_op
    return last if isinstance(last, scf.YieldOp) else None


def _only_yield(region: Region) -> bool:
    return not region.blocks or (len(region.blocks) == 1 and isinstance(region.block.first_op, scf.YieldOp))


def _rebuilt_if(rewriter: PatternRewriter, op: scf.IfOp, keep: Sequence[int]) -> scf.IfOp:
    """A copy of `op` that keeps only the results at `keep`; its regions are moved, their yields trimmed."""
    for region in (op.true_region, op.false_region):
        if (terminator := _yield(region)) is not None:
            operands = [terminator.operands[i] for i in keep]
            rewriter.replace(terminator, scf.YieldOp(*operands))
    new = type(op)(op.cond, [op.output[i].type for i in keep], Region(), Region(), dict(op.attributes))
    op.true_region.move_blocks(new.true_region)
    op.false_region.move_blocks(new.false_region)
    rewriter.insert_op(new, InsertPoint.before(op))
    return new


class IfRemoveUnusedResults(RewritePattern):
    """`%r:2 = scf.if ... ; use(%r#1) => %r = scf.if ... ; use(%r)`: results without uses are dropped (and
    their operands of both `scf.yield`s)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        keep = [i for i, r in enumerate(op.output) if r.uses]
        if len(keep) == len(op.output):
            return
        new = _rebuilt_if(rewriter, op, keep)
        results: list[SSAValue | None] = [None] * len(op.output)
        for new_index, old_index in enumerate(keep):
            results[old_index] = new.output[new_index]
        rewriter.replace(op, [], results)


class IfTrivialToSelect(RewritePattern):
    """MLIR's ConvertTrivialIfToSelect: a result whose yielded values are both defined above the `scf.if`
    becomes `arith.select %cond, %then, %else` (or the value itself when both branches yield the same one);
    the `scf.if` keeps only the other results."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        then_yield, else_yield = _yield(op.true_region), _yield(op.false_region)
        if not op.output or then_yield is None or else_yield is None:
            return
        pairs = list(zip(then_yield.operands, else_yield.operands))
        kept = [i for i, (t, f) in enumerate(pairs)
                if _defined_in(t, op.true_region) or _defined_in(f, op.false_region)]
        if len(kept) == len(op.output):
            return
        new = _rebuilt_if(rewriter, op, kept)
        results: list[SSAValue] = []
        for i, (t, f) in enumerate(pairs):
            if i in kept:
                results.append(new.output[kept.index(i)])
            elif t is f:
                results.append(t)
            else:
                select = arith.SelectOp(op.cond, t, f)
                rewriter.insert_op(select, InsertPoint.before(op))
                results.append(select.result)
        rewriter.replace(op, [], results)


class IfYieldsCondition(RewritePattern):
    """MLIR's ReplaceIfYieldWithConditionOrValue: an i1 result that is `true` in the then branch and `false` in
    the else branch is the condition; `false`/`true` is `arith.xori %cond, true`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        then_yield, else_yield = _yield(op.true_region), _yield(op.false_region)
        if not op.output or then_yield is None or else_yield is None:
            return
        for t, f, result in zip(then_yield.operands, else_yield.operands, op.output):
            if not result.uses:
                continue
            if t is f:
                rewriter.replace_all_uses_with(result, t)
                continue
            then_value, else_value = _bool_constant(t), _bool_constant(f)
            if then_value is True and else_value is False:
                rewriter.replace_all_uses_with(result, op.cond)
            elif then_value is False and else_value is True:
                negated = arith.XOrIOp(op.cond, _true(rewriter, op))
                rewriter.insert_op(negated, InsertPoint.before(op))
                rewriter.replace_all_uses_with(result, negated.result)


class IfRemoveEmptyElse(RewritePattern):
    """`scf.if %c { A } else { } => scf.if %c { A }` (no results)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        if op.output or not op.false_region.blocks or not _only_yield(op.false_region):
            return
        new = type(op)(op.cond, [], Region(), Region(), dict(op.attributes))
        op.true_region.move_blocks(new.true_region)
        rewriter.replace(op, new)


class IfEmptyIsErased(RewritePattern):
    """`scf.if %c { } else { } =>` nothing (no results, both regions only yield)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        if not op.output and _only_yield(op.true_region) and _only_yield(op.false_region):
            rewriter.erase(op)


class IfConditionPropagation(RewritePattern):
    """MLIR's ConditionPropagation: inside the then region the condition is `true`, inside the else region
    `false` (unless the condition is already a constant)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IfOp, rewriter: PatternRewriter):
        if _int_constant(op.cond) is not None:
            return
        for region, value in ((op.true_region, True), (op.false_region, False)):
            inside = [use for use in op.cond.uses if region.is_ancestor(use.operation)]
            if not inside:
                continue
            constant = _true(rewriter, op, value)
            rewriter.replace_uses_with_if(op.cond, constant, lambda use, r=region: r.is_ancestor(use.operation))


class ForIterArgsFolder(RewritePattern):
    """MLIR's ForOpIterArgsFolder: an iter_arg is dropped when its block argument is yielded unchanged, when its
    initial value is yielded, or when neither the block argument nor the result has uses; the block argument
    and the result become the initial value."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.ForOp, rewriter: PatternRewriter):
        block = op.body.block
        terminator = block.last_op
        if not isinstance(terminator, scf.YieldOp) or not op.iter_args:
            return
        args = block.args[1:]
        dropped = [
            init is yielded or arg is yielded or (not arg.uses and not result.uses)
            for init, arg, result, yielded in zip(op.iter_args, args, op.res, terminator.operands)
        ]
        if not any(dropped):
            return
        kept = [i for i, drop in enumerate(dropped) if not drop]
        new_block = Block(arg_types=[block.args[0].type, *(args[i].type for i in kept)])
        new = scf.ForOp(op.lb, op.ub, op.step, [op.iter_args[i] for i in kept], Region(new_block))
        new.attributes |= op.attributes
        mapping: list[SSAValue] = [new_block.args[0]]
        position = iter(new_block.args[1:])
        for i, drop in enumerate(dropped):
            mapping.append(op.iter_args[i] if drop else next(position))
        rewriter.insert_op(new, InsertPoint.before(op))
        rewriter.inline_block(block, InsertPoint.at_start(new_block), mapping)
        rewriter.replace(terminator, scf.YieldOp(*(terminator.operands[i] for i in kept)))
        results = []
        for i, drop in enumerate(dropped):
            results.append(op.iter_args[i] if drop else new.res[kept.index(i)])
        rewriter.replace(op, [], results)


class ForEmptyIsErased(RewritePattern):
    """`scf.for ... { }` without results =>  nothing (a loop with no ops has no effect)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.ForOp, rewriter: PatternRewriter):
        if not op.res and isinstance(op.body.block.first_op, scf.YieldOp):
            rewriter.erase(op)


class SafeRehoistConstInLoops(RewritePattern):
    """xDSL's RehoistConstInLoops for registered constants only: `arith.constant` in a loop body moves above it."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.ForOp, rewriter: PatternRewriter):
        for child in list(op.body.block.ops):
            if not isinstance(child, UnregisteredOp) and not child.regions and child.has_trait(ConstantLike):
                hoisted = child.clone()
                rewriter.insert_op(hoisted, InsertPoint.before(op))
                rewriter.replace(child, [], hoisted.results)


def _trip_count(lb: SSAValue, ub: SSAValue, step: SSAValue) -> int | None:
    """The constant trip count of a loop dimension (bounds signed, as MLIR's constantTripCount), or None."""
    low, high = _int_constant(lb), _int_constant(ub)
    if low is None or high is None:
        return None
    if high <= low:
        return 0
    stride = _int_constant(step)
    if stride is None or stride <= 0:
        return None
    return -(-(high - low) // stride)


class ParallelSingleOrZeroIterationDims(RewritePattern):
    """MLIR's ParallelOpSingleOrZeroIterationDimsFolder: a loop with a zero-iteration dimension is its initial
    values; a single-iteration dimension is dropped (its induction variable is its lower bound); with all
    dimensions dropped, the body and its reductions (applied to the initial values) replace the loop."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.ParallelOp, rewriter: PatternRewriter):
        counts = [_trip_count(*dim) for dim in zip(op.lowerBound, op.upperBound, op.step)]
        if 0 in counts:
            rewriter.replace(op, [], list(op.initVals))
            return
        single = [i for i, count in enumerate(counts) if count == 1]
        if not single:
            return
        block = op.body.block
        kept = [i for i in range(len(counts)) if i not in single]
        for i in single:
            rewriter.replace_all_uses_with(block.args[i], op.lowerBound[i])
        if kept:
            new_block = Block(arg_types=[block.args[i].type for i in kept])
            new = type(op)([op.lowerBound[i] for i in kept], [op.upperBound[i] for i in kept],
                           [op.step[i] for i in kept], Region(new_block), list(op.initVals))
            new.attributes |= {k: v for k, v in op.attributes.items()}
            rewriter.insert_op(new, InsertPoint.before(op))
            mapping = [new_block.args[kept.index(i)] if i in kept else op.lowerBound[i] for i in range(len(counts))]
            rewriter.inline_block(block, InsertPoint.at_start(new_block), mapping)
            rewriter.replace(op, [], new.res)
            return
        reduce = block.last_op
        assert isinstance(reduce, scf.ReduceOp)
        reduced = list(reduce.args)
        rewriter.inline_block(block, InsertPoint.before(op), list(op.lowerBound))
        results: list[SSAValue] = []
        for init, value, region in zip(op.initVals, reduced, reduce.reductions):
            inner = region.block
            terminator = inner.last_op
            assert isinstance(terminator, scf.ReduceReturnOp)
            rewriter.inline_block(inner, InsertPoint.before(op), [init, value])
            results.append(terminator.result)
            rewriter.erase(terminator)
        rewriter.erase(reduce)
        rewriter.replace(op, [], results)


class IndexSwitchConstantCase(RewritePattern):
    """MLIR's FoldConstantCase: `scf.index_switch` of a constant is the region of that case (or the default)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.IndexSwitchOp, rewriter: PatternRewriter):
        value = _int_constant(op.arg)
        if value is None:
            return
        cases = list(op.cases.get_values())
        region = op.case_regions[cases.index(value)] if value in cases else op.default_region
        block = region.block
        terminator = block.last_op
        assert isinstance(terminator, scf.YieldOp)
        results = list(terminator.operands)
        rewriter.inline_block(block, InsertPoint.before(op))
        rewriter.erase(terminator)
        rewriter.replace(op, [], results)


class WhileConditionTruth(RewritePattern):
    """MLIR's WhileConditionTruth: an `after` argument that receives the loop condition is `true`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.WhileOp, rewriter: PatternRewriter):
        condition = op.before_region.block.last_op
        if not isinstance(condition, scf.ConditionOp) or not op.after_region.blocks:
            return
        constant = None
        for passed, arg in zip(condition.args, op.after_region.block.args):
            if passed is condition.condition and arg.uses:
                constant = constant or _true(rewriter, op)
                rewriter.replace_all_uses_with(arg, constant)


PATTERNS = (
    IfRemoveUnusedResults(),
    IfTrivialToSelect(),
    IfYieldsCondition(),
    IfRemoveEmptyElse(),
    IfEmptyIsErased(),
    IfConditionPropagation(),
    ForIterArgsFolder(),
    ForEmptyIsErased(),
    ParallelSingleOrZeroIterationDims(),
    IndexSwitchConstantCase(),
    WhileConditionTruth(),
)

#: xDSL patterns that `canonicalize` replaces with these.
REPLACEMENTS: dict[type[RewritePattern], type[RewritePattern]] = {RehoistConstInLoops: SafeRehoistConstInLoops}
