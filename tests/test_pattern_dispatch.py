"""`DispatchingPatternApplier` (irtk/passes/pattern_dispatch.py): each op is offered only the patterns declared for
its class, in their order, after dead-op erasure and folding, as `GreedyRewritePatternApplier` would do."""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects import arith, func, test
from xdsl.dialects.builtin import IntegerAttr, ModuleOp, i32
from xdsl.ir import Block, Operation, Region
from xdsl.pattern_rewriter import PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern

from irtk.passes.pattern_dispatch import DispatchingPatternApplier, declared_op_types


class CountAddi(RewritePattern):
    seen: list[str]

    def __init__(self) -> None:
        self.seen = []

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.AddiOp, rewriter: PatternRewriter):
        self.seen.append(op.name)


class CountAddOrMul(RewritePattern):
    def __init__(self) -> None:
        self.seen: list[str] = []

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.AddiOp | arith.MuliOp, rewriter: PatternRewriter):
        self.seen.append(op.name)


class CountAll(RewritePattern):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        self.seen.append(op.name)


class CountDeclared(CountAll):
    op_types = (arith.MuliOp,)


class AddiToSubi(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: arith.AddiOp, rewriter: PatternRewriter):
        rewriter.replace(op, arith.SubiOp(op.lhs, op.rhs))


def test_each_kind_of_pattern_declares_its_classes() -> None:
    assert declared_op_types(CountAddi()) == (arith.AddiOp,)
    assert declared_op_types(CountAddOrMul()) == (arith.AddiOp, arith.MuliOp)
    assert declared_op_types(CountDeclared()) == (arith.MuliOp,)
    assert declared_op_types(CountAll()) is None
    nested = DispatchingPatternApplier([CountAddi(), CountDeclared()], dce_enabled=False)
    assert set(nested.op_types) == {arith.AddiOp, arith.MuliOp}
    assert DispatchingPatternApplier([CountAddi(), CountAll()], dce_enabled=False).op_types is None
    assert DispatchingPatternApplier([CountAddi()]).op_types is None  # it erases dead ops of any class


def _module() -> ModuleOp:
    """Three arith ops on a function argument, all used by the return."""
    block = Block(arg_types=[i32])
    x = block.args[0]
    add = arith.AddiOp(x, x)
    mul = arith.MuliOp(add, x)
    const = arith.ConstantOp(IntegerAttr(1, i32))
    block.add_ops([add, mul, const, func.ReturnOp(mul, const)])
    return ModuleOp([func.FuncOp("f", ((i32,), (i32, i32)), Region(block))])


def test_ops_are_offered_only_the_patterns_of_their_class_in_order() -> None:
    patterns = [CountAddi(), CountAddOrMul(), CountDeclared(), CountAll()]
    PatternRewriteWalker(DispatchingPatternApplier(patterns), apply_recursively=False).rewrite_module(_module())
    assert patterns[0].seen == ["arith.addi"]
    assert sorted(patterns[1].seen) == ["arith.addi", "arith.muli"]
    assert patterns[2].seen == ["arith.muli"]
    assert {"arith.addi", "arith.muli", "arith.constant", "func.return", "func.func"} <= set(patterns[3].seen)


def test_the_first_pattern_that_rewrites_wins_and_dead_ops_are_erased() -> None:
    module = _module()
    later = CountAll()
    dead = test.TestPureOp(result_types=[i32])
    module.body.block.ops.first.body.block.insert_op_before(dead, module.body.block.ops.first.body.block.first_op)
    PatternRewriteWalker(DispatchingPatternApplier([AddiToSubi(), later]), apply_recursively=False).rewrite_module(module)
    names = [op.name for op in module.walk()]
    assert "arith.subi" in names and "arith.addi" not in names and "test.op" not in names
    assert "arith.addi" not in later.seen  # the rewrite ended the op's turn


def test_folding_uses_the_context() -> None:
    ctx = Context()
    ctx.load_dialect(arith.Arith)
    block = Block()
    one = arith.ConstantOp(IntegerAttr(1, i32))
    two = arith.ConstantOp(IntegerAttr(2, i32))
    add = arith.AddiOp(one, two)
    block.add_ops([one, two, add, func.ReturnOp(add)])
    module = ModuleOp([func.FuncOp("f", ((), (i32,)), Region(block))])
    PatternRewriteWalker(DispatchingPatternApplier([], ctx, folding_enabled=True)).rewrite_module(module)
    returned = module.body.block.ops.first.body.block.last_op.operands[0].owner
    assert isinstance(returned, arith.ConstantOp) and returned.value.value.data == 3
