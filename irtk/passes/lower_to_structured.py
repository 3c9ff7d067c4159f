"""`lower-to-structured`: irtk tensor ops → `linalg.generic` on tensors (plus `tensor.empty`,
`linalg.fill`, `tensor.dim`, `cf.assert` and `arith.constant`).

Contract
  Preconditions: no `irtk.grad` left (run `autodiff` first).
  Afterwards: no irtk op remains; every computation is a `linalg.generic` whose body holds the scalar
  code of the op (from the op family's `scalar` hook), so fusion and the loop lowering need to know
  only one structured op. Fails with the op's location for an op it cannot lower.

One loop dimension per result dimension (plus the reduced ones for `sum` and `dot`). An operand
dimension of static size 1 that the result stretches is read at index 0 (the map's constant 0).
Dynamic sizes that must agree at run time (two `?` dimensions added elementwise, the contracted
dimension of `dot`) get a `cf.assert`, so a mismatch is a clean error, not an out-of-bounds read.
A splat constant operand of an elementwise op becomes a scalar `arith.constant` inside the body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.context import Context
from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from irtk.diagnostics import OpError
from irtk.dialects.irtk import ConstantOp, DimShuffleOp, DotOp, ElementwiseOp, GradOp, SumOp, TensorOp
from irtk.dialects.irtk import scalar
from irtk.dialects.irtk.types import dtype_of, shape_of
from irtk.passes.generic_builder import PARALLEL, REDUCTION, Access, GenericBuilder

def _splat_scalar(value: SSAValue):
    owner = value.owner
    if isinstance(owner, ConstantOp):
        values = owner.value.get_values()
        # -0.0 == 0.0, but dividing by them differs: a splat is one value, sign included
        if len({(v, math.copysign(1.0, v)) if isinstance(v, float) else v for v in values}) == 1:
            return values[0]
    return None


class LowerElementwise(RewritePattern):
    """`irtk.<elementwise> x, y => linalg.generic` with one parallel loop per result dimension."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ElementwiseOp, rewriter: PatternRewriter):
        gb = GenericBuilder(op)
        result_type = op.results[0].type
        out_shape = shape_of(result_type)
        rank = len(out_shape)
        dtype = dtype_of(result_type)
        tensors: list[tuple[SSAValue, Access]] = []
        every: list[tuple[SSAValue, Access]] = []  # splat constants too: their static sizes bound the loops
        slots: list[tuple[str, object]] = []  # ("arg", position) or ("const", value) per operand
        for operand in op.operands:
            shape = shape_of(operand.type)
            access = [None if shape[d] == 1 and out_shape[d] != 1 else d for d in range(rank)]
            every.append((operand, access))
            splat = _splat_scalar(operand)
            if splat is not None:
                slots.append(("const", splat))
                continue
            slots.append(("arg", len(tensors)))
            tensors.append((operand, access))
        sizes = gb.loop_sizes(rank, every, op.name)
        init = gb.empty(result_type, sizes)

        def body(b: Builder, args, out):
            values = []
            for (kind, what), operand in zip(slots, op.operands):
                src = dtype_of(operand.type)
                v = scalar.constant(b, what, src) if kind == "const" else args[what]
                values.append(scalar.cast(b, v, src, dtype))
            return op.scalar(b, values, dtype)

        result = gb.generic(tensors, init, list(range(rank)), [PARALLEL] * rank, body)
        rewriter.replace(op, [], [result])


class LowerDimShuffle(RewritePattern):
    """`irtk.dimshuffle x [p...] => linalg.generic` reading x through the inverse of the pattern."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DimShuffleOp, rewriter: PatternRewriter):
        gb = GenericBuilder(op)
        pattern = op.pattern_values
        in_rank = len(shape_of(op.x.type))
        access = [pattern.index(d) if d in pattern else None for d in range(in_rank)]
        n = len(pattern)
        sizes = gb.loop_sizes(n, [(op.x, access)], op.name)
        init = gb.empty(op.result.type, sizes)
        result = gb.generic([(op.x, access)], init, list(range(n)), [PARALLEL] * n, lambda b, args, out: args[0])
        rewriter.replace(op, [], [result])


class LowerSum(RewritePattern):
    """`irtk.sum x [axes] => linalg.fill 0 + linalg.generic` with reduction loops over `axes`."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SumOp, rewriter: PatternRewriter):
        gb = GenericBuilder(op)
        rank = len(shape_of(op.x.type))
        axes = op.axes_values
        kept = [d for d in range(rank) if d not in axes]
        src, dtype = dtype_of(op.x.type), dtype_of(op.result.type)
        sizes = gb.loop_sizes(rank, [(op.x, list(range(rank)))], op.name)
        init = gb.zeros(op.result.type, [sizes[d] for d in kept])
        iterators = [REDUCTION if d in axes else PARALLEL for d in range(rank)]

        def body(b, args, acc):
            return scalar.add(b, acc, scalar.cast(b, args[0], src, dtype), dtype)

        result = gb.generic([(op.x, list(range(rank)))], init, kept, iterators, body)
        rewriter.replace(op, [], [result])


class LowerDot(RewritePattern):
    """`irtk.dot a, b => linalg.fill 0 + linalg.generic`, the contracted dimension innermost."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DotOp, rewriter: PatternRewriter):
        gb = GenericBuilder(op)
        ra, rb = len(shape_of(op.lhs.type)), len(shape_of(op.rhs.type))
        n_out = ra + rb - 2
        k = n_out  # the contracted loop is the last one
        a_access = [0, k] if ra == 2 else [k]
        b_access = ([k, n_out - 1] if rb == 2 else [k])
        out_access = list(range(n_out))
        operands = [(op.lhs, a_access), (op.rhs, b_access)]
        sizes = gb.loop_sizes(n_out + 1, operands, op.name)
        init = gb.zeros(op.result.type, sizes[:n_out])
        dtype = dtype_of(op.result.type)
        da, db = dtype_of(op.lhs.type), dtype_of(op.rhs.type)

        def body(b, args, acc):
            product = scalar.mul(b, scalar.cast(b, args[0], da, dtype), scalar.cast(b, args[1], db, dtype), dtype)
            return scalar.add(b, acc, product, dtype)

        result = gb.generic(operands, init, out_access, [PARALLEL] * n_out + [REDUCTION], body)
        rewriter.replace(op, [], [result])


class LowerConstant(RewritePattern):
    """`irtk.constant => arith.constant` (a dense tensor; bufferize turns it into a global)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ConstantOp, rewriter: PatternRewriter):
        if not op.result.uses:
            rewriter.erase(op)
            return
        new = arith.ConstantOp(op.value, op.result.type)
        new.location = op.location
        rewriter.replace(op, new)


def _check_lowerable_dtypes(op: TensorOp) -> None:
    """Unsigned and complex tensors have no loop-level lowering yet (FAST_COMPILE evaluates them)."""
    for value in [*op.operands, *op.results]:
        dtype = dtype_of(value.type)
        if dtype.startswith(("uint", "complex")):
            raise OpError(
                op,
                f"lower-to-structured: {op.name} on {dtype} tensors cannot be compiled yet "
                f"(only bool, signed integer and float dtypes can); use mode FAST_COMPILE for {dtype}",
            )


class ResolveDimOfResult(RewritePattern):
    """`tensor.dim(generic/fill result, d) => tensor.dim(its init, d)` and `tensor.dim(tensor.empty(s...), d) => s`.

    Sizes then come from the function's arguments, not from intermediate results, so that a result
    used only for its shape does not stay alive (and can be fused away).
    """

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.DimOp, rewriter: PatternRewriter):
        source = op.source.owner
        if isinstance(source, (linalg.GenericOp, linalg.FillOp)) and len(source.results) == 1:
            new = tensor.DimOp(source.outputs[0], op.index)
            new.location = op.location
            rewriter.replace(op, new)
            return
        index = op.index.owner
        if isinstance(source, tensor.EmptyOp) and isinstance(index, arith.ConstantOp):
            d = index.value.value.data
            shape = shape_of(source.tensor.type)
            if shape[d] is None:
                rewriter.replace(op, [], [source.dynamic_sizes[sum(1 for s in shape[:d] if s is None)]])


@dataclass(frozen=True)
class LowerToStructured(ModulePass):
    """Lower the irtk dialect to linalg.generic on tensors."""

    name = "lower-to-structured"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for o in op.walk():
            if isinstance(o, GradOp):
                raise OpError(o, "lower-to-structured: irtk.grad must be expanded by the autodiff pass first")
            if isinstance(o, TensorOp):
                _check_lowerable_dtypes(o)
        PatternRewriteWalker(
            GreedyRewritePatternApplier([LowerElementwise(), LowerDimShuffle(), LowerSum(), LowerDot()]),
            apply_recursively=False,
        ).rewrite_module(op)
        PatternRewriteWalker(LowerConstant(), apply_recursively=False, walk_reverse=True).rewrite_module(op)
        PatternRewriteWalker(ResolveDimOfResult()).rewrite_module(op)
        for o in op.walk():
            if isinstance(o, TensorOp):
                raise OpError(o, f"lower-to-structured: no lowering for {o.name}")
