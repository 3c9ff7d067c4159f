"""Dead block-argument elimination, part of `canonicalize`'s region simplification as in MLIR's region DCE.

A block argument is dead when nothing reads it once the dead arguments it feeds are gone. MLIR's region DCE
erases such arguments of non-entry blocks together with the operands the predecessors' branches pass for them;
the ops that computed those operands then die as well. xDSL's `region_dce` erases dead ops and unreachable blocks only,
so this completes it: it drops unused arguments of blocks that every predecessor reaches through `cf.br`,
`cf.cond_br` or `cf.switch` (the terminators whose operand-to-argument mapping is known), and repeats until
none is left, so a chain of arguments that only forward each other goes in one call.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import cf
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.pattern_rewriter import PatternRewriterListener

_KNOWN_BRANCHES = (cf.BranchOp, cf.ConditionalBranchOp, cf.SwitchOp)


def erase_dead_block_arguments(region: Region, listener: PatternRewriterListener | None = None) -> bool:
    """Erase unused arguments of the non-entry blocks in `region` and in the regions nested in it; returns
    whether any was erased."""
    changed = False
    while _erase_once(region, listener):
        changed = True
    return changed


def _erase_once(region: Region, listener: PatternRewriterListener | None) -> bool:
    changed = False
    for block in list(region.blocks):
        for op in block.ops:
            for nested in op.regions:
                changed |= _erase_once(nested, listener)
        if block is region.first_block or not block.args:
            continue
        predecessors = [use.operation for use in block.uses]
        if not all(isinstance(p, _KNOWN_BRANCHES) for p in predecessors):
            continue
        dead = [i for i, arg in enumerate(block.args) if arg.first_use is None]
        if not dead:
            continue
        for branch in set(predecessors):
            _replace(branch, _without(branch, block, set(dead)), listener)
        for index in reversed(dead):
            block.erase_arg(block.args[index])
        changed = True
    return changed


def _drop(operands: Sequence[SSAValue], target: Block, successor: Block, dead: set[int]) -> list[SSAValue]:
    if successor is not target:
        return list(operands)
    return [value for i, value in enumerate(operands) if i not in dead]


def _without(branch: Operation, target: Block, dead: set[int]) -> Operation:
    """`branch` rebuilt without the operands it passes to `target`'s arguments numbered in `dead`."""
    if isinstance(branch, cf.BranchOp):
        new = cf.BranchOp(branch.successor, *_drop(branch.arguments, target, branch.successor, dead))
    elif isinstance(branch, cf.ConditionalBranchOp):
        new = type(branch)(
            branch.cond,
            branch.then_block,
            _drop(branch.then_arguments, target, branch.then_block, dead),
            branch.else_block,
            _drop(branch.else_arguments, target, branch.else_block, dead),
        )
        if (weights := branch.properties.get("branch_weights")) is not None:
            new.properties["branch_weights"] = weights
    else:
        assert isinstance(branch, cf.SwitchOp)
        case_operands = [
            _drop(operands, target, block, dead)
            for block, operands in zip(branch.case_blocks, branch.case_operand, strict=True)
        ]
        new = cf.SwitchOp(
            branch.flag,
            branch.default_block,
            _drop(branch.default_operands, target, branch.default_block, dead),
            branch.case_values,
            list(branch.case_blocks),
            case_operands,
        )
    new.attributes.update(branch.attributes)
    return new


def _replace(old: Operation, new: Operation, listener: PatternRewriterListener | None) -> None:
    block = old.parent_block()
    assert block is not None
    block.insert_op_before(new, old)
    if listener is not None:
        listener.handle_operation_insertion(new)
        listener.handle_operation_removal(old)
    block.erase_op(old)
