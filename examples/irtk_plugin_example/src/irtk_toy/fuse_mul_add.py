"""`toy-fuse-mul-add`: `irtk.add(irtk.mul(a, b), c)` becomes `toy.mul_add(a, b, c)`."""

from dataclasses import dataclass

from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.irtk import AddOp, MulOp
from irtk.dialects.irtk.types import dtype_of, is_float
from irtk_toy.mul_add import MulAddOp


class FormMulAdd(RewritePattern):
    """`(a * b) + c` and `c + (a * b)` → `toy.mul_add(a, b, c)`, when

    - the product is used only by this sum: otherwise it would still be computed, and computed twice;
    - a, b, c and the sum have one float dtype: with mixed dtypes `a * b` rounds in its own, narrower dtype
      before the sum converts it, and one op computing in the common dtype would give other bits.
    Floating-point addition is commutative, so both operand orders give the sum's exact bits.
    """

    @op_type_rewrite_pattern
    def match_and_rewrite(self, add: AddOp, rewriter: PatternRewriter) -> None:
        for product, addend in ((add.lhs, add.rhs), (add.rhs, add.lhs)):
            mul = product.owner
            if not isinstance(mul, MulOp) or not product.has_one_use():
                continue
            dtypes = {dtype_of(v.type) for v in (mul.lhs, mul.rhs, addend, add.result)}
            if len(dtypes) != 1 or not is_float(dtypes.pop()):
                continue
            fused = MulAddOp.create(operands=[mul.lhs, mul.rhs, addend], result_types=[add.result.type])
            fused.location = add.location  # run-time errors keep pointing at the user's line
            rewriter.replace_matched_op(fused)
            rewriter.erase_op(mul)
            return


@dataclass(frozen=True)
class FuseMulAdd(ModulePass):
    """Fuse each product that only feeds a sum into one `toy.mul_add` (same results, bit for bit)."""

    name = "toy-fuse-mul-add"

    def apply(self, ctx, op) -> None:
        PatternRewriteWalker(FormMulAdd()).rewrite_module(op)
