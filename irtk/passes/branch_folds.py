"""cf's pass-through branch folds, made safe on cycles of empty blocks; `canonicalize` uses them instead of xDSL's.

xDSL's (and MLIR's) `br ^a` → `br ^b` fold, for a block `^a` that holds only `cf.br ^b`, refuses only the
one-block loop `^a: cf.br ^a`. A longer loop of such blocks makes it run forever:

    cf.br ^bb1
  ^bb1: cf.br ^bb2
  ^bb2: cf.br ^bb1

The entry branch becomes `cf.br ^bb2`, then `cf.br ^bb1` again, and so on: each rewrite creates a new op, so
the worklist never empties. The rule here: a branch is not redirected into a loop of pass-through blocks from
outside that loop. Redirecting a branch that is itself part of the loop is allowed and shortens the loop by one
block, so the loop shrinks to a single self-branching block, which nothing collapses into; a branch from outside
then lands on that block once, and stops. Every rewrite thus either shortens a loop or moves a branch one step
further along a chain of pass-through blocks, so the folds terminate. `cf.cond_br` and `cf.switch` follow the
same rule for each of their successors.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import cf
from xdsl.ir import Block, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.transforms.canonicalization_patterns import cf as xdsl_cf


def _pass_through_target(block: Block) -> Block | None:
    """Where `block` branches to when it holds nothing but a `cf.br` that reads its arguments only, else None."""
    branch = block.first_op
    if branch is None or branch is not block.last_op or not isinstance(branch, cf.BranchOp):
        return None
    if any(use.operation is not branch for arg in block.args for use in arg.uses):
        return None
    return branch.successor


def _loops_back_without(successor: Block, source: Block | None) -> bool:
    """Whether the pass-through chain from `successor` comes back to `successor` without passing `source`:
    `successor` lies on a loop of pass-through blocks that `source` is not part of."""
    seen: set[Block] = set()
    block = _pass_through_target(successor)
    while block is not None and block not in seen:
        if block is source:
            return False
        if block is successor:
            return True
        seen.add(block)
        block = _pass_through_target(block)
    return False


def collapse_branch(
    successor: Block, operands: Sequence[SSAValue], source: Block | None
) -> tuple[Block, Sequence[SSAValue]] | None:
    """xDSL's `collapse_branch` for a branch in `source`, refusing to enter a loop from outside it."""
    if _loops_back_without(successor, source):
        return None
    return xdsl_cf.collapse_branch(successor, operands)


class SimplifyPassThroughBr(RewritePattern):
    """`cf.br ^a` where `^a: cf.br ^b(...)` => `cf.br ^b(...)`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: cf.BranchOp, rewriter: PatternRewriter):
        parent = op.parent_block()
        if parent is None or op.successor is parent:
            return
        collapsed = collapse_branch(op.successor, op.arguments, parent)
        if collapsed is not None:
            rewriter.replace(op, cf.BranchOp(collapsed[0], *collapsed[1]))


class SimplifyPassThroughCondBranch(RewritePattern):
    """`cf.cond_br %c, ^a, ^b` with pass-through `^a`/`^b` => a `cf.cond_br` to their targets."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: cf.ConditionalBranchOp, rewriter: PatternRewriter):
        parent = op.parent_block()
        then_ = collapse_branch(op.then_block, op.then_arguments, parent)
        else_ = collapse_branch(op.else_block, op.else_arguments, parent)
        if then_ is None and else_ is None:
            return
        then_block, then_args = then_ or (op.then_block, op.then_arguments)
        else_block, else_args = else_ or (op.else_block, op.else_arguments)
        folded = type(op)(op.cond, then_block, then_args, else_block, else_args)
        if (weights := op.properties.get("branch_weights")) is not None:
            folded.properties["branch_weights"] = weights  # MLIR keeps them: the successors keep their roles
        rewriter.replace(op, folded)


class SimplifyPassThroughSwitch(RewritePattern):
    """`cf.switch` with pass-through case or default blocks => a `cf.switch` to their targets."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: cf.SwitchOp, rewriter: PatternRewriter):
        parent = op.parent_block()
        changed = False
        blocks: list[Block] = []
        operands: list[Sequence[Operation | SSAValue]] = []
        for block, args in zip(op.case_blocks, op.case_operand, strict=True):
            collapsed = collapse_branch(block, args, parent)
            changed |= collapsed is not None
            new_block, new_args = collapsed or (block, args)
            blocks.append(new_block)
            operands.append(new_args)
        default = collapse_branch(op.default_block, op.default_operands, parent)
        changed |= default is not None
        default_block, default_args = default or (op.default_block, op.default_operands)
        if changed:
            rewriter.replace(
                op, cf.SwitchOp(op.flag, default_block, default_args, op.case_values, blocks, operands)
            )


#: xDSL's pattern class → the cycle-safe one used in its place.
REPLACEMENTS: dict[type[RewritePattern], type[RewritePattern]] = {
    xdsl_cf.SimplifyPassThroughBr: SimplifyPassThroughBr,
    xdsl_cf.SimplifyPassThroughCondBranch: SimplifyPassThroughCondBranch,
    xdsl_cf.SimplifyPassThroughSwitch: SimplifyPassThroughSwitch,
}
