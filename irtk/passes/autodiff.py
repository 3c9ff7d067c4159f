"""`autodiff`: expand every derivative request (`irtk.grad`, `irtk.jacobian`) into reverse-mode adjoint code.

The reverse sweep, for seeds (value, its adjoint) in a block — the cost with a constant 1 and each `known` pair for
`irtk.grad`, one one-hot row for `irtk.jacobian`:
  1. Walk the block's ops before the request once, forward, marking the values that depend on a `wrt`.
  2. Walk backwards from the seeded values, marking the ops they depend on.
  3. Start from the seeds' adjoints, then visit the ops marked in both walks in reverse order; each op's
     gradient rule (`vjp`) turns the adjoints of its results (None for a result nothing seeded uses) into
     adjoints of its operands, which are summed where a value has several uses. Each gradient a rule returns
     must have its operand's type: a wrong rule fails here, naming the op, not later.
  4. The adjoint of each `wrt` value is its gradient.
The adjoint code is inserted just before the request, so all forward values it reads dominate it; it is plain
irtk IR, which canonicalize, cse and fusion then optimize like any other code.

`irtk.jacobian %y wrt %x` is ONE tensor-level `scf.for` over the elements of y, not one sweep per element written
out: iteration k seeds y with the one-hot vector e_k, runs the sweep, and writes the gradient into row k of a
carried result (`irtk.advanced_set_subtensor`, in place once bufferized). The forward values are computed once,
before the loop, and only read in it; so is every part of the sweep that does not depend on the seed (hoisted
out of the body). The loop carries k as a 0-d int64 tensor, so that its body is irtk ops only, lowered like any
others. A Hessian is the Jacobian of a gradient: requests are expanded in block order, so the `irtk.grad` it reads
is already adjoint code when the `irtk.jacobian` differentiates it.

`irtk.rop` requests are expanded in forward mode by `forward_mode.py`, in the same walk over the block.

Contract
  Level: tensor
  Needs: irtk IR on tensors; every op between a request's cost (or y, or f) and its `wrt` values an irtk op with
    a gradient rule (`vjp`), or for `irtk.rop` a tangent rule (`jvp`) or a gradient rule. Run after `stabilize`,
    so that gradients are taken of the stable forms.
  Guarantees: no `irtk.grad`, `irtk.jacobian` or `irtk.rop` is left; each is replaced by plain irtk IR (a
    Jacobian's by one tensor-level `scf.for`) inserted just before it, computing the same derivative, of each
    `wrt` value's type.
  Fails: with an `OpError` at the request when a `wrt` value gets no gradient (the cost does not depend on it,
    Theano's DisconnectedInputError), unless the request says `allow_disconnected` (that gradient is then zero);
    at the op when an op on the path has no gradient rule or is not an irtk op (an expanded Jacobian's loop
    included), when a rule returns a gradient of the wrong type, or when the path goes through complex values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects import arith, scf, tensor
from xdsl.dialects.builtin import IndexType, ModuleOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint
from xdsl.traits import Pure

from irtk.diagnostics import OpError
from irtk.dialects.irtk import GradOp, TensorOp
from irtk.dialects.irtk.autodiff import JacobianOp
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.constructors import DYNAMIC, AllocOp
from irtk.dialects.irtk.indexing import AdvancedSetSubtensorOp
from irtk.dialects.irtk.reduction import CountOp, IotaOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import dtype_of, is_complex, shape_of, tensor_type
from irtk.dialects.irtk import RopOp
from irtk.passes.dataflow import depending_on, needed_for, ops_before
from irtk.passes.forward_mode import expand as expand_rop


@dataclass(frozen=True)
class Autodiff(ModulePass):
    """Replace derivative requests by the adjoint computation.

    The requests are expanded in block order, so a Hessian (the Jacobian of a gradient) or a Hessian-vector
    product (the `irtk.rop` of a gradient) differentiates adjoint code already written:
    - each `irtk.grad` request (with its `known` seeds) becomes reverse-mode adjoint code, built from each op's
      gradient rule (`vjp`);
    - an `irtk.jacobian` becomes one tensor-level `scf.for` of reverse sweeps, seeded with the one-hot rows;
    - an `irtk.rop` is expanded in forward mode (`irtk/passes/forward_mode.py`): each op's tangent rule
      (`jvp`), else the transpose of its gradient rule.

    Only float values carry gradients: none flows through a cast to or from an integer type. An adjoint whose
    type knows more static sizes than its `wrt` value is cast back to the `wrt` value's type (`irtk.cast` may
    forget static sizes). A cost that does not depend on a `wrt` value is an error (Theano's
    DisconnectedInputError), unless the request allows it.

    Adjoint code is each rule's gradient as the rule writes it; `canonicalize,cse` clean it afterwards: the
    seed's ones broadcast to a shape sink into the products and vanish (`x*1`), zero gradients of
    piecewise-constant ops vanish (`0*x`, `x+0`), negations cancel, identity broadcasts go, and cse merges what
    several rules recompute (`softmax`, the output gradient restored to the operand's rank).
    `filecheck/passes/adjoint/` shows the result, one file per op family.
    """

    name = "autodiff"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # In block order: a request reading an earlier one's results (the Jacobian of a gradient) comes after it.
        for request in [o for o in op.walk() if type(o) in EXPANSIONS]:
            EXPANSIONS[type(request)](request)


def expand(request: GradOp) -> None:
    """`irtk.grad` => the gradients of its cost and known gradients, by one reverse sweep."""
    tb = TensorBuilder(InsertPoint.before(request), location=request.location)
    seeds = list(request.seeds)
    if request.cost is not None:
        seeds.insert(0, (request.cost, tb.constant(np.ones((), dtype=dtype_of(request.cost.type)))))
    adjoint = backpropagate(tb, ops_before(request), seeds, list(request.wrt))
    allowed = request.allow_disconnected is not None
    for i, (w, result) in enumerate(zip(request.wrt, request.grads)):
        tb.location = request.location
        if w not in adjoint:
            if not allowed:
                what = "the cost does not" if request.cost is not None else "no value with a known gradient does"
                raise OpError(request, f"irtk.grad: {what} depend on wrt operand #{i} (a disconnected input)")
            result.replace_all_uses_with(zeros_like(tb, w))
            continue
        # The adjoint may know more static sizes than `wrt`'s type (a constant operand fixes them): forget them.
        result.replace_all_uses_with(tb.cast_to(adjoint[w], result.type))
    request.detach()
    request.erase()


def expand_jacobian(request: JacobianOp) -> None:
    """`irtk.jacobian` => one `scf.for` over y's elements, each iteration one reverse sweep seeded with a one-hot."""
    y, wrt = request.y, list(request.wrt)
    forward = ops_before(request)
    tb = TensorBuilder(InsertPoint.before(request), location=request.location)
    zero_jacobians = [zeros_like(tb, None, r.type, [y, w]) for r, w in zip(request.jacobians, wrt)]

    block = Block(arg_types=[IndexType(), tensor_type("int64", ()), *(r.type for r in request.jacobians)])
    block.args[0].name_hint = "k"
    k, rows = block.args[1], list(block.args[2:])
    body = TensorBuilder(InsertPoint.at_end(block), location=request.location)
    position = body.dimshuffle(k, [-1])  # k as a (1,) vector, to compare with y's positions elementwise
    one_hot = body.cast(body.eq(body.build(IotaOp, [y], axes=int_list_attr([0])), position), dtype_of(y.type))
    adjoint = backpropagate(body, forward, [(y, one_hot)], wrt)

    body.location = request.location
    updated = []
    for i, (w, jac) in enumerate(zip(wrt, rows)):
        if w not in adjoint:
            if request.allow_disconnected is None:
                _discard(block)
                raise OpError(request, f"irtk.jacobian: y does not depend on wrt operand #{i} (a disconnected input)")
            updated.append(jac)
            continue
        row = body.cast_to(adjoint[w], w.type)
        updated.append(body.build(AdvancedSetSubtensorOp, [jac, row, k], in_bounds=int_list_attr([0])))
    next_k = body.add(k, body.constant(np.ones((), dtype=np.int64)))
    block.add_op(scf.YieldOp(next_k, *updated))

    if all(w not in adjoint for w in wrt):  # every Jacobian is zero: no loop at all
        _discard(block)
        results = zero_jacobians
    else:
        _hoist_invariants(block, tb)
        first = tb.constant(np.zeros((), dtype=np.int64))
        zero, one = (tb.insert(arith.ConstantOp.from_int_and_width(v, IndexType())) for v in (0, 1))
        loop = scf.ForOp(zero, _length(tb, y, zero), one, [first, *zero_jacobians], Region(block))
        tb.insert(loop)
        results = list(loop.results[1:])
    for result, value in zip(request.jacobians, results):
        result.replace_all_uses_with(tb.cast_to(value, result.type))
    request.detach()
    request.erase()


#: How each request is expanded (one entry per request op the pass knows).
EXPANSIONS: dict[type[Operation], Callable[[Operation], None]] = {GradOp: expand, JacobianOp: expand_jacobian,
                                                               RopOp: expand_rop}  # forward mode: forward_mode.py


def backpropagate(tb: TensorBuilder, forward: Sequence[Operation], seeds: Sequence[tuple[SSAValue, SSAValue]],
                  wrt: Sequence[SSAValue]) -> dict[SSAValue, SSAValue]:
    """The reverse sweep through the `forward` ops (a block's, in order) from the seeded adjoints, built with `tb`:
    the adjoint of every value on a path from a `wrt` value to a seeded one (the `wrt` values included)."""
    dependent = depending_on(forward, set(wrt))
    needed = needed_for([v for v, _ in seeds])
    adjoint: dict[SSAValue, SSAValue] = {}
    for value, g in seeds:
        adjoint[value] = tb.add(adjoint[value], g) if value in adjoint else g
    location = tb.location
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
            raise OpError(op, f"autodiff: the gradient rule of {op.name} returned {len(operand_grads)} gradients "
                              f"for {len(op.operands)} operands")
        for i, (operand, g) in enumerate(zip(op.operands, operand_grads)):
            if g is None or operand not in dependent:
                continue
            g = _checked_gradient(tb, op, i, operand, g)
            adjoint[operand] = tb.add(adjoint[operand], g) if operand in adjoint else g
    tb.location = location
    return {w: adjoint[w] for w in wrt if w in adjoint}


def zeros_like(tb: TensorBuilder, value: SSAValue | None, t=None, size_sources: Sequence[SSAValue] = ()) -> SSAValue:
    """Zeros of `value`'s type; or of type `t`, whose dynamic sizes are, in order, those of the `size_sources`'
    dimensions (each source contributing all its dimensions, in order)."""
    if value is not None:
        t, size_sources = value.type, [value]
    source_dims = [(s, d) for s in size_sources for d in range(len(shape_of(s.type)))]
    shape = shape_of(t)
    sizes = [tb.build(CountOp, [s], axes=int_list_attr([d])) for (s, d), n in zip(source_dims, shape) if n is None]
    zero = tb.constant(np.zeros((), dtype=dtype_of(t)))
    return tb.build(AllocOp, [zero, *sizes], static_shape=int_list_attr([DYNAMIC if n is None else n for n in shape]))


def _length(tb: TensorBuilder, y: SSAValue, zero: SSAValue) -> SSAValue:
    """len(y), an index (`zero` is the index 0)."""
    (size,) = shape_of(y.type)
    if size is not None:
        return tb.insert(arith.ConstantOp.from_int_and_width(size, IndexType()))
    return tb.insert(tensor.DimOp(y, zero))


def _discard(block: Block) -> None:
    """Erase a body that will not be used (its ops read values outside it: they must not stay their users)."""
    for op in reversed(list(block.ops)):
        block.erase_op(op, safe_erase=False)


def _hoist_invariants(block: Block, tb: TensorBuilder) -> None:
    """Move the body's pure ops that read nothing the iteration computes to `tb`'s insertion point (before the
    loop): the parts of the reverse sweep that do not depend on the seed run once, not once per element."""
    varying: set[SSAValue] = set(block.args)
    for op in list(block.ops):
        if isinstance(op, scf.YieldOp) or op.regions or not op.has_trait(Pure) or any(o in varying for o in op.operands):
            varying.update(op.results)
            continue
        op.detach()
        tb.builder.insert(op)


def _check_real(op: Operation, dependent: set[SSAValue]) -> None:
    """Gradients are of real functions of real values: a complex value between the cost and a `wrt` value is
    refused (as Theano refuses it), instead of being silently treated as constant."""
    for v in [*op.operands, *op.results]:
        if v in dependent and is_complex(dtype_of(v.type)):
            raise OpError(op, f"autodiff: the cost depends on a wrt value through {op.name} on {dtype_of(v.type)} values; "
                              "gradients through complex values are not supported")


def _checked_gradient(tb: TensorBuilder, op: Operation, i: int, operand: SSAValue, g: SSAValue) -> SSAValue:
    """A rule's gradient must have its operand's dtype and rank, and agree with each size both types know; it may
    know a static size the operand's type leaves dynamic (a constant fixed it). It may also leave dynamic a size
    the operand knows (a rule built it from values of dynamic type: elementwise ops check such sizes when the
    program runs), except a size 1, which a dynamic size could silently stretch."""
    want, got = operand.type, g.type
    want_shape, got_shape = shape_of(want), shape_of(got)
    compatible = len(want_shape) == len(got_shape) and all(
        w is None or w == g_ or (g_ is None and w != 1) for w, g_ in zip(want_shape, got_shape)
    )
    if dtype_of(want) != dtype_of(got) or not compatible:
        raise OpError(op, f"autodiff: the gradient rule of {op.name} gave {got} for operand #{i}, which has type {want}")
    return g







