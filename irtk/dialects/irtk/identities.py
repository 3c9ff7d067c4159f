"""Canonicalization patterns for the identities of 0, 1 and -1, and for negations: what a gradient rule writes
when one of its factors is the seed (`g * 1`), a zero gradient (`0 * g`, `+ 0`) or a negated gradient.

They hold for the real numbers, as in Theano's canonicalizer, and are exact there except at two points:
`x + 0 => x` keeps a -0.0 that the addition would have turned into +0.0, and `0 * x => 0` drops the NaN that an
infinite or NaN x would have given. None applies to complex numbers (their products with 1 + 0j are NaN for an
infinite part). A 0 or 1 is a splat constant, or one broadcast to a shape (`zeros_like`, `ones_like`) that the
other operand provably has (`broadcasts.covers`); otherwise the identity leaves `broadcast x to like`, keeping the
size check. Negations move out of products and meet (`-(-x) => x`): exact, since IEEE negation only flips the sign.
"""

from __future__ import annotations

import math

import numpy as np
from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from irtk.dialects.irtk.arithmetic import AddOp, DivOp, MulOp, NegOp, SubOp
from irtk.dialects.irtk.broadcasts import covers, located, same_shape
from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.contraction import ContractOp
from irtk.dialects.irtk.elementwise import BroadcastOp
from irtk.dialects.irtk.stability import is_splat_of
from irtk.dialects.irtk.types import dtype_of, is_complex, shape_of

#: Zeros of more elements than this are written as a broadcast of one zero, not as a constant.
MAX_ZEROS_CONSTANT = 1024


class MulByOne(RewritePattern):
    """`x * 1 => x` and `1 * x => x` when the product has x's type (exact, also for NaN and -0.0). Not for complex
    numbers: their product with 1 + 0j computes `re*1 - im*0`, which is NaN for an infinite imaginary part."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter):
        if is_complex(dtype_of(op.result.type)):
            return
        for one, x in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            if is_splat_of(one, 1) and _keep_operand(rewriter, op, x, one):
                return


def _keep_operand(rewriter: PatternRewriter, op: Operation, x, identity) -> bool:
    """Replace `op` (an identity `x op identity`) by x when the result has x's type, or by `broadcast x to like`
    when the identity is a broadcast to `like` that stretches x; whether it did. No run-time size check is lost:
    the identity must be a splat constant, or broadcast to a shape x provably has (or is broadcast to)."""
    result_type = op.results[0].type
    fill = identity.owner
    if x.type == result_type and (not isinstance(fill, BroadcastOp) or same_shape(x, identity) or covers(x, fill.rhs)):
        rewriter.replace(op, [], [x])
        return True
    if not isinstance(fill, BroadcastOp):
        return False
    try:
        (stretched,) = BroadcastOp.infer_types([x.type, fill.rhs.type], {})
    except TypeError:
        return False
    if stretched != result_type:
        return False
    rewriter.replace(op, located(BroadcastOp.create(operands=[x, fill.rhs], result_types=[stretched]), op))
    return True


def _is(value, number: float, other) -> bool:
    """Whether `value` is the constant `number` as an operand next to `other`: a splat constant, or one
    broadcast to a shape that `other` provably has (so that dropping it loses no run-time size check)."""
    if not is_splat_of(value, number):
        return False
    return not isinstance(value.owner, BroadcastOp) or same_shape(other, value)


def _real(op: Operation) -> bool:
    return not is_complex(dtype_of(op.results[0].type)) and dtype_of(op.results[0].type) != "bool"


def _neg(op: Operation, x):
    new = located(NegOp.create(operands=[x], result_types=[x.type]), op)
    return new


class MulByMinusOne(RewritePattern):
    """`x * -1 => -x` and `-1 * x => -x` when the product has x's type (exact for real numbers, NaN included)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter):
        if not _real(op) or dtype_of(op.result.type).startswith("uint"):
            return
        for one, x in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            if x.type == op.result.type and _is(one, -1, x):
                rewriter.replace(op, _neg(op, x))
                return


class MulByZero(RewritePattern):
    """`0 * x => 0` and `x * 0 => 0` (real numbers; Theano's `local_mul_zero`): the zeros, of the product's type.
    For an infinite or NaN x the product would have been NaN."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MulOp, rewriter: PatternRewriter):
        if not _real(op):
            return
        result_type = op.result.type
        for zero, x in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            if not _is(zero, 0, x):
                continue
            if any(xd is None and rd is not None for xd, rd in zip(shape_of(x.type), shape_of(result_type))):
                continue  # the product checks x's dynamic size against the zeros' static one: keep that check
            if zero.type == result_type:
                rewriter.replace(op, [], [zero])
                return
            shape = shape_of(result_type)
            if None not in shape and math.prod(shape) <= MAX_ZEROS_CONSTANT:
                rewriter.replace(op, located(ConstantOp.from_array(np.zeros(shape, dtype_of(result_type))), op))
                return
            for like in (x, zero):
                if shape_of(like.type) == shape:  # the zeros, broadcast to the operand that has the product's shape
                    splat = located(ConstantOp.from_array(np.zeros((1,) * len(shape), dtype_of(result_type))), op)
                    fill = located(BroadcastOp.create(operands=[splat.result, like], result_types=[result_type]), op)
                    rewriter.replace(op, [splat, fill], [fill.result])
                    return


class AddZero(RewritePattern):
    """`x + 0 => x` and `0 + x => x` when the sum has x's type (x = -0.0 stays -0.0)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp, rewriter: PatternRewriter):
        if is_complex(dtype_of(op.result.type)):
            return
        for zero, x in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            if is_splat_of(zero, 0) and _keep_operand(rewriter, op, x, zero):
                return


class SubZero(RewritePattern):
    """`x - 0 => x` and `0 - x => -x` when the difference has x's type."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SubOp, rewriter: PatternRewriter):
        if not _real(op):
            return
        if is_splat_of(op.rhs, 0) and _keep_operand(rewriter, op, op.lhs, op.rhs):
            return
        if op.rhs.type == op.result.type and _is(op.lhs, 0, op.rhs):
            rewriter.replace(op, _neg(op, op.rhs))


class DivByOne(RewritePattern):
    """`x / 1 => x` when the quotient has x's type (not for integers: their quotient is a float)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter):
        if _real(op) and is_splat_of(op.rhs, 1):
            _keep_operand(rewriter, op, op.lhs, op.rhs)


def _negated(value):
    """x when `value` is `-x`, else None."""
    owner = value.owner
    return owner.x if isinstance(owner, NegOp) else None


def _same_type_op(op_type, operands, like: Operation, properties=None):
    """A new `op_type(operands)` when its inferred result type is `like`'s (else None)."""
    try:
        (t,) = op_type.infer_types([o.type for o in operands], properties or {})
    except TypeError:
        return None
    if t != like.results[0].type:
        return None
    return located(op_type.create(operands=list(operands), result_types=[t]), like)


class AddOfNegation(RewritePattern):
    """`a + -b => a - b` and `-a + b => b - a` (exact: IEEE negation only flips the sign); adjoint code sums
    negated gradients often (`x - y` gives y the gradient `-g`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp, rewriter: PatternRewriter):
        for a, negated in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
            b = _negated(negated)
            new = b is not None and _same_type_op(SubOp, [a, b], op)
            if new:
                rewriter.replace(op, new)
                return


class SubOfNegation(RewritePattern):
    """`a - -b => a + b` (exact)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: SubOp, rewriter: PatternRewriter):
        b = _negated(op.rhs)
        new = b is not None and _same_type_op(AddOp, [op.lhs, b], op)
        if new:
            rewriter.replace(op, new)


class NegationOutOfProduct(RewritePattern):
    """`-a * b => -(a * b)`, and the same for `a * -b`, `-a / b`, `a / -b` (exact: the sign of a product or
    quotient is the XOR of its operands' signs), when nothing else reads `-a`: the negations then meet and
    cancel (`DoubleNegation`), or one negation is left at the end instead of one per factor."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, (MulOp, DivOp)) or not _real(op):
            return
        for i, operand in enumerate(op.operands):
            inner = _negated(operand)
            if inner is None or not operand.has_one_use():
                continue
            operands = list(op.operands)
            operands[i] = inner
            product = _same_type_op(type(op), operands, op)
            if product:
                rewriter.replace(op, [product, _neg(op, product.results[0])], None)
                return


class ContractWithOne(RewritePattern):
    """A rank-0 constant 1 in a contraction (`contract(1, v) {",a->a"}`, the gradient of a dot product seeded
    with 1) multiplies every term by 1: it is dropped, and a contraction of one operand whose term is the
    result's is that operand."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ContractOp, rewriter: PatternRewriter):
        spec = op.spec_for([o.type for o in op.inputs], dict(op.properties))
        if is_complex(dtype_of(op.result.type)):
            return
        for i, (operand, term) in enumerate(zip(op.inputs, spec.inputs)):
            if term or len(op.inputs) < 2 or not is_splat_of(operand, 1):
                continue
            rest = [o for j, o in enumerate(op.inputs) if j != i]
            terms = [t for j, t in enumerate(spec.inputs) if j != i]
            if len(rest) == 1 and terms[0] == spec.output and len(set(terms[0])) == len(terms[0]):
                if rest[0].type == op.result.type:
                    rewriter.replace(op, [], [rest[0]])
                return
            properties = {"spec": StringAttr(",".join(terms) + "->" + spec.output)}
            try:
                (t,) = ContractOp.infer_types([o.type for o in rest], properties)
            except TypeError:
                return
            if t == op.result.type:
                rewriter.replace(op, located(ContractOp.create(operands=rest, result_types=[t], properties=properties), op))
            return


IDENTITY_PATTERNS = (
    MulByOne(), MulByMinusOne(), MulByZero(), AddZero(), SubZero(), DivByOne(), AddOfNegation(), SubOfNegation(),
    NegationOutOfProduct(), ContractWithOne(),
)

__all__ = ["IDENTITY_PATTERNS"]
