"""MLIR's patterns (ArithCanonicalization.td) that gather the constants of a chain of addi, subi or muli into
one: exact for integers, which wrap at their width whichever way they are grouped. The rebuilt ops carry no
overflow flags (regrouping can overflow where the original did not). Floats are never regrouped.
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern

from irtk.passes.upstream_folds.arith_values import constant_of, int_constant, int_width


def _var_and_constant(value: SSAValue, kind: type[Operation]) -> tuple[SSAValue, int] | None:
    """(x, c) when `value` is `kind x, c` or `kind c, x` (addi and muli commute) with c a constant."""
    owner = value.owner
    if not isinstance(owner, kind):
        return None
    for var, const in ((owner.lhs, owner.rhs), (owner.rhs, owner.lhs)):
        c = constant_of(const)
        if isinstance(c, int) and constant_of(var) is None:
            return var, c
    return None


def _sub_parts(value: SSAValue) -> tuple[str, SSAValue, int] | None:
    """('x-c', x, c) for `subi x, c`, ('c-x', x, c) for `subi c, x`."""
    owner = value.owner
    if not isinstance(owner, arith.SubiOp):
        return None
    rhs, lhs = constant_of(owner.rhs), constant_of(owner.lhs)
    if isinstance(rhs, int) and lhs is None:
        return "x-c", owner.lhs, rhs
    if isinstance(lhs, int) and rhs is None:
        return "c-x", owner.rhs, lhs
    return None


def _outer(op: arith.AddiOp | arith.SubiOp | arith.MuliOp) -> tuple[SSAValue, int, bool] | None:
    """(inner value, outer constant c1, whether c1 is on the left) of `op`."""
    rhs, lhs = constant_of(op.rhs), constant_of(op.lhs)
    if isinstance(rhs, int) and lhs is None:
        return op.lhs, rhs, False
    if isinstance(lhs, int) and rhs is None:
        return op.rhs, lhs, True
    return None


class ReassociateConstants(RewritePattern):
    """`(x + c0) + c1 => x + (c0+c1)`, `(x - c0) + c1 => x + (c1-c0)`, `(c0 - x) + c1 => (c0+c1) - x`,
    `(x + c0) - c1 => x + (c0-c1)`, `c1 - (x + c0) => (c1-c0) - x`, `(x - c0) - c1 => x - (c0+c1)`,
    `(c0 - x) - c1 => (c0-c1) - x`, `c1 - (x - c0) => (c0+c1) - x`, `c1 - (c0 - x) => x + (c1-c0)`,
    `(x * c0) * c1 => x * (c0*c1)`."""

    #: the ops it can rewrite (`pattern_dispatch.py` offers it no others)
    op_types = (arith.AddiOp, arith.SubiOp, arith.MuliOp)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, arith.AddiOp | arith.SubiOp | arith.MuliOp):
            return
        if int_width(op.result.type) is None or (outer := _outer(op)) is None:
            return
        inner, c1, c1_left = outer
        build: tuple[type[Operation], SSAValue | int, SSAValue | int] | None = None
        if isinstance(op, arith.MuliOp):
            if (parts := _var_and_constant(inner, arith.MuliOp)) is not None:
                x, c0 = parts
                build = (arith.MuliOp, x, c0 * c1)
        elif isinstance(op, arith.AddiOp):
            if (parts := _var_and_constant(inner, arith.AddiOp)) is not None:
                x, c0 = parts
                build = (arith.AddiOp, x, c0 + c1)
            elif (sub := _sub_parts(inner)) is not None:
                shape, x, c0 = sub
                build = (arith.AddiOp, x, c1 - c0) if shape == "x-c" else (arith.SubiOp, c0 + c1, x)
        elif not c1_left:  # (inner) - c1
            if (parts := _var_and_constant(inner, arith.AddiOp)) is not None:
                x, c0 = parts
                build = (arith.AddiOp, x, c0 - c1)
            elif (sub := _sub_parts(inner)) is not None:
                shape, x, c0 = sub
                build = (arith.SubiOp, x, c0 + c1) if shape == "x-c" else (arith.SubiOp, c0 - c1, x)
        else:  # c1 - (inner)
            if (parts := _var_and_constant(inner, arith.AddiOp)) is not None:
                x, c0 = parts
                build = (arith.SubiOp, c1 - c0, x)
            elif (sub := _sub_parts(inner)) is not None:
                shape, x, c0 = sub
                build = (arith.SubiOp, c0 + c1, x) if shape == "x-c" else (arith.AddiOp, x, c1 - c0)
        if build is None:
            return
        kind, lhs, rhs = build
        new_ops: list[Operation] = []
        operands = []
        for operand in (lhs, rhs):
            if isinstance(operand, int):
                constant = int_constant(operand, op.result.type)
                constant.location = op.location
                new_ops.append(constant)
                operands.append(constant.result)
            else:
                operands.append(operand)
        new = kind(operands[0], operands[1])
        new.location = op.location
        rewriter.replace(op, [*new_ops, new])


PATTERNS = (ReassociateConstants(),)
