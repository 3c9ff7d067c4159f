"""`lower-to-structured`: irtk tensor ops → `linalg.generic` on tensors (plus `tensor.empty`,
`linalg.fill`, `tensor.dim`, `tensor.extract` of 0-d sizes, scalar `arith`, `cf.assert` and `arith.constant`).

Contract
  Level: tensor → structured
  Needs: irtk IR on tensors with no derivative request left (`irtk.grad`, `irtk.jacobian`, `irtk.rop`: run
    `autodiff` first).
  Guarantees: no irtk op remains; every computation is a `linalg.generic` (or `linalg.fill`, or an
    `irtk_ext.scan`), so fusion and the loop lowering need to know only one structured op (an `irtk_blas.gemm`
    from `use-blas` stays as it is). Every integer type is signless: unsigned tensors (`tensor<?xui8>`) become
    `tensor<?xi8>`, and a function argument or result that was unsigned keeps its dtype in the attribute
    `irtk.dtype` (see `irtk.dialects.signless`).
  Fails: with an `OpError` at a derivative request left unexpanded, or at an op it cannot lower.

The pass itself knows no op: each op's `lower` hook (its structured form, `TensorOp.lower`) builds the
generics with a `GenericBuilder`, or decomposes the op into other irtk ops, which are lowered in turn.
By the builder's conventions: one loop dimension per result dimension, plus the reduced ones; an operand
dimension of static size 1 that the result stretches is read at index 0 (the map's constant 0); dynamic
sizes that must agree at run time get a `cf.assert`, so a mismatch is a clean error, not an out-of-bounds
read; a splat constant operand of an elementwise op becomes a scalar `arith.constant` inside the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern

from xdsl.transforms.dead_code_elimination import is_trivially_dead

from irtk.diagnostics import OpError
from irtk.dialects.blas import GemmOp
from irtk.dialects.c_library import declare_c_functions
from irtk.dialects.irtk import ConstantOp, GradOp, JacobianOp, RopOp, TensorOp
from irtk.dialects.irtk.generic_builder import GenericBuilder
from irtk.dialects.irtk.types import shape_of
from irtk.dialects.structured_ext import ScanOp
from irtk.dialects.signless import to_signless


class LowerTensorOp(RewritePattern):
    """`irtk.<op> => its structured form`: whatever the op's `lower` hook builds replaces its results."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, TensorOp) or isinstance(op, ConstantOp):
            return
        if is_trivially_dead(op):  # nothing reads it: no code at all
            rewriter.erase(op)
            return
        try:
            results = op.lower(GenericBuilder(op))
        except NotImplementedError:
            raise OpError(op, f"lower-to-structured: no lowering for {op.name}") from None
        rewriter.replace(op, [], list(results))


class LowerConstant(RewritePattern):
    """`irtk.constant => arith.constant` (a dense tensor; bufferize turns it into a global). Constants are
    lowered last, so that elementwise ops still see splat constants and read them as scalars."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ConstantOp, rewriter: PatternRewriter):
        if not op.result.uses:
            rewriter.erase(op)
            return
        new = arith.ConstantOp(op.value, op.result.type)
        new.location = op.location
        rewriter.replace(op, new)


class ResolveDimOfResult(RewritePattern):
    """`tensor.dim(generic/fill/scan/gemm result, d) => tensor.dim(its init, d)` and `tensor.dim(tensor.empty(s...), d) => s`.

    Sizes then come from the function's arguments, not from intermediate results, so that a result
    used only for its shape does not stay alive (and can be fused away).
    """

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: tensor.DimOp, rewriter: PatternRewriter):
        source = op.source.owner
        if isinstance(source, (linalg.GenericOp, linalg.FillOp, ScanOp, GemmOp)):
            init = source.output if isinstance(source, (ScanOp, GemmOp)) else source.outputs[op.source.index]
            new = tensor.DimOp(init, op.index)
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
    """Lower the irtk dialect to linalg.generic on tensors.

    Every irtk op becomes its structured form: `linalg.generic`s on tensors (reductions initialise with
    `linalg.fill`), or an `irtk_ext.scan` (cumsum, cumprod). Run-time size agreement becomes `cf.assert`; splat
    constants become scalars inside the body; `tensor.dim` of results is resolved to argument sizes. Every type
    becomes signless (`tensor<?xui8>` is `tensor<?xi8>`: the bodies already chose `divui`, `cmpi ult`, `uitofp`
    by dtype), a function argument or result that was unsigned keeping its dtype in `irtk.dtype`
    (docs/architecture.md, "Unsigned integers"). The C library functions that bodies call (`func.call @lgamma`)
    are declared.
    """

    name = "lower-to-structured"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for o in op.walk():
            if isinstance(o, (GradOp, JacobianOp, RopOp)):
                raise OpError(o, f"lower-to-structured: {o.name} must be expanded by the autodiff pass first")
        # an op may lower into other irtk ops (a decomposition): walk until none is left but constants
        PatternRewriteWalker(LowerTensorOp(), apply_recursively=True).rewrite_module(op)
        PatternRewriteWalker(LowerConstant(), apply_recursively=False, walk_reverse=True).rewrite_module(op)
        PatternRewriteWalker(ResolveDimOfResult()).rewrite_module(op)
        declare_c_functions(op)  # the C library functions that bodies call (tgamma, lgamma)
        for o in op.walk():
            if isinstance(o, TensorOp):
                raise OpError(o, f"lower-to-structured: no lowering for {o.name}")
        to_signless(op)  # the structured forms chose their ops by signedness; the types no longer need it
