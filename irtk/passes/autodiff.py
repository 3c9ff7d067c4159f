"""`autodiff`: expand every `irtk.grad` request into reverse-mode adjoint code.

Algorithm, for `%g... = irtk.grad %cost wrt %w...` in a block:
  1. Walk the block's ops before the request once, forward, marking the values that depend on a `wrt`.
  2. Walk backwards from `cost`, marking the ops `cost` depends on.
  3. Seed the adjoint of `cost` with 1, then visit the ops marked in both walks in reverse order; each
     op's gradient rule (`vjp`) turns the adjoints of its results (None for a result the cost does not
     use) into adjoints of its operands, which are summed where a value has several uses. Each gradient a
     rule returns must have its operand's type: a wrong rule fails here, naming the op, not later.
  4. Replace each gradient result by the adjoint of its `wrt` value and erase the request.
The adjoint code is inserted just before the request, so all forward values it reads dominate it; it
is plain irtk IR, which canonicalize, cse and fusion then optimize like any other code.

Fails (with the request's location) when the cost does not depend on a `wrt` value, like Theano's
DisconnectedInputError, or when an op on the path has no gradient rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint

from irtk.diagnostics import OpError
from irtk.dialects.irtk import GradOp, TensorOp
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.types import dtype_of, is_complex, shape_of


@dataclass(frozen=True)
class Autodiff(ModulePass):
    """Replace `irtk.grad` requests by the adjoint computation."""

    name = "autodiff"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for request in [o for o in op.walk() if isinstance(o, GradOp)]:
            expand(request)


def expand(request: GradOp) -> None:
    forward = _ops_before(request)
    dependent = _depending_on(forward, set(request.wrt))
    needed = _needed_for(request.cost)
    tb = TensorBuilder(InsertPoint.before(request), location=request.location)

    adjoint: dict[SSAValue, SSAValue] = {request.cost: tb.constant(np.ones((), dtype=dtype_of(request.cost.type)))}
    for op in reversed(forward):
        if op not in needed or not any(r in dependent for r in op.results):
            continue
        grads = [adjoint.get(r) for r in op.results]
        if all(g is None for g in grads):
            continue
        if not isinstance(op, TensorOp):
            raise OpError(op, f"autodiff: cannot differentiate through {op.name}")
        _check_real(op, dependent)
        tb.location = op.location
        try:
            operand_grads = list(op.vjp(tb, grads))
        except NotImplementedError as e:
            raise OpError(op, f"autodiff: {e}") from None
        if len(operand_grads) != len(op.operands):
            raise OpError(op, f"autodiff: the gradient rule of {op.name} returned {len(operand_grads)} gradients for {len(op.operands)} operands")
        for i, (operand, g) in enumerate(zip(op.operands, operand_grads)):
            if g is None or operand not in dependent:
                continue
            _check_gradient_type(op, i, operand, g)
            adjoint[operand] = tb.add(adjoint[operand], g) if operand in adjoint else g

    for i, (w, result) in enumerate(zip(request.wrt, request.grads)):
        if w not in adjoint:
            raise OpError(request, f"irtk.grad: the cost does not depend on wrt operand #{i} (a disconnected input)")
        tb.location = request.location
        # The adjoint may know more static sizes than `wrt`'s type (a constant operand fixes them): forget them.
        result.replace_all_uses_with(tb.cast_to(adjoint[w], result.type))
    request.detach()
    request.erase()


def _check_real(op: Operation, dependent: set[SSAValue]) -> None:
    """Gradients are of real functions of real values: a complex value between the cost and a `wrt` value is
    refused (as Theano refuses it), instead of being silently treated as constant."""
    for v in [*op.operands, *op.results]:
        if v in dependent and is_complex(dtype_of(v.type)):
            raise OpError(op, f"autodiff: the cost depends on a wrt value through {op.name} on {dtype_of(v.type)} values; "
                              "gradients through complex values are not supported")


def _check_gradient_type(op: Operation, i: int, operand: SSAValue, g: SSAValue) -> None:
    """A rule's gradient must have its operand's dtype and shape; it may know a static size the operand's type
    leaves dynamic (a constant fixed it), never the other way round, and never stretch a size-1 dimension."""
    want, got = operand.type, g.type
    want_shape, got_shape = shape_of(want), shape_of(got)
    compatible = len(want_shape) == len(got_shape) and all(w is None or w == g_ for w, g_ in zip(want_shape, got_shape))
    if dtype_of(want) != dtype_of(got) or not compatible:
        raise OpError(op, f"autodiff: the gradient rule of {op.name} gave {got} for operand #{i}, which has type {want}")


def _ops_before(request: Operation) -> list[Operation]:
    ops = []
    for op in request.parent_block().ops:
        if op is request:
            break
        ops.append(op)
    return ops


def _depending_on(ops: list[Operation], roots: set[SSAValue]) -> set[SSAValue]:
    dependent = set(roots)
    for op in ops:
        if any(o in dependent for o in op.operands):
            dependent.update(op.results)
    return dependent


def _needed_for(cost: SSAValue) -> set[Operation]:
    needed: set[Operation] = set()
    stack = [cost]
    while stack:
        owner = stack.pop().owner
        if isinstance(owner, Operation) and owner not in needed:
            needed.add(owner)
            stack.extend(owner.operands)
    return needed
