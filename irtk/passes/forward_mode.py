"""Forward mode: expand every `irtk.rop` request into tangent code (run by the `autodiff` pass).

Algorithm, for `%jv... = irtk.rop %f... wrt %x... tangents %v...` in a block:
  1. Walk backwards from the `f` values, marking the ops they depend on.
  2. Seed the tangent of each `x` with its `v`, then visit the block's ops before the request once, in program
     order: an op on the path with a moving operand gets its results' tangents from its operands' tangents
     through its tangent rule (`jvp`). A `wrt` value keeps its seed, as Theano treats it as an input.
  3. Replace each result by the tangent of its `f` value (zeros where `f` does not move) and erase the request.
Every tangent a rule returns must have its result's dtype and static sizes: a wrong rule fails here, naming the op.

Ops without a tangent rule of their own get the transpose of their gradient rule. `vjp(u)` is linear in the
results' cotangents `u`, so `J v = d/du <vjp(u), v>`: the rule is built once on fresh cotangents, then a reverse
sweep over the code it built, seeded at each operand's gradient with that operand's tangent, gives the tangent of
each result as the adjoint of its `u`; the built code that only served to be differentiated is erased. So every
op with a gradient rule has a tangent rule too, and the ops with a direct one (elementwise, linear and multilinear
ops, extrema: `irtk/dialects/irtk/tangent_rules.py`) get the cheaper forward code.

A Hessian-vector product is the `rop` of a gradient: `autodiff` expands requests in program order, so an `irtk.grad`
that an `irtk.rop` reads is adjoint code by then, which the forward sweep walks like any other code.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir import Block, Operation, SSAValue
from xdsl.rewriter import InsertPoint

from irtk.diagnostics import OpError
from irtk.dialects.irtk import RopOp, TensorOp
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.tangent_rules import zeros_like
from irtk.dialects.irtk.types import dtype_of, is_complex, is_float, shape_of
from irtk.passes.dataflow import needed_for, ops_before


def expand(request: RopOp) -> None:
    """Replace one `irtk.rop` request by the tangent code computing its results."""
    needed = needed_for(request.f)
    tb = TensorBuilder(InsertPoint.before(request), location=request.location)
    tangent: dict[SSAValue, SSAValue] = {}
    for w, v in zip(request.wrt, request.tangents):
        tangent[w] = tb.add(tangent[w], v) if w in tangent else v
    seeds = set(request.wrt)

    for op in ops_before(request):
        if op not in needed:
            continue
        inputs = [tangent.get(o) for o in op.operands]
        if all(t is None for t in inputs):
            continue
        if not isinstance(op, TensorOp):
            raise OpError(op, f"irtk.rop: cannot differentiate through {op.name}")
        _check_real(op)
        tb.location = op.location
        outputs = tangents_of(op, tb, inputs)
        if len(outputs) != len(op.results):
            raise OpError(op, f"irtk.rop: the tangent rule of {op.name} returned {len(outputs)} tangents for {len(op.results)} results")
        for i, (r, t) in enumerate(zip(op.results, outputs)):
            if t is not None and r not in seeds:
                tangent[r] = _checked_tangent(op, tb, i, r, t)

    tb.location = request.location
    for f, result in zip(request.f, request.products):
        t = tangent.get(f)
        if t is None:  # f does not move (or is an integer): its derivative is zero
            t = zeros_like(tb, f)
        # The tangent may know more static sizes than f's type (a constant tangent fixes them): forget them.
        result.replace_all_uses_with(tb.cast_to(t, result.type))
    request.detach()
    request.erase()


def tangents_of(op: TensorOp, tb: TensorBuilder, inputs: Sequence[SSAValue | None]) -> list[SSAValue | None]:
    """The tangents of `op`'s results: by its tangent rule, or by the transpose of its gradient rule."""
    try:
        return list(op.jvp(tb, inputs))
    except NotImplementedError:
        return transposed_vjp(op, tb, inputs)


def transposed_vjp(op: TensorOp, tb: TensorBuilder, inputs: Sequence[SSAValue | None]) -> list[SSAValue | None]:
    """`J v` from `op`'s gradient rule: its reverse-mode derivative with respect to the results' cotangents,
    seeded at each operand's gradient with that operand's tangent (see the module's docstring)."""
    scratch = Block()
    inner = TensorBuilder(InsertPoint.at_end(scratch), location=tb.location)
    cotangents = [zeros_like(inner, r) if is_float(dtype_of(r.type)) else None for r in op.results]
    try:
        grads = list(op.vjp(inner, cotangents))
    except NotImplementedError:
        raise OpError(op, f"irtk.rop: {op.name} has neither a tangent rule nor a gradient rule") from None
    if len(grads) != len(op.operands):
        raise OpError(op, f"irtk.rop: the gradient rule of {op.name} returned {len(grads)} gradients for {len(op.operands)} operands")
    built = list(scratch.ops)
    for o in built:  # the rule's code joins the program: the reverse sweep below reads its values
        o.detach()
        tb.builder.insert(o)

    dependent = {u for u in cotangents if u is not None}
    for o in built:
        if any(v in dependent for v in o.operands):
            dependent.update(o.results)
    adjoint: dict[SSAValue, SSAValue] = {}
    for g, operand, t in zip(grads, op.operands, inputs):
        if g is not None and t is not None and g in dependent and is_float(dtype_of(operand.type)):
            seed = tb.cast(t, dtype_of(g.type))
            adjoint[g] = tb.add(adjoint[g], seed) if g in adjoint else seed
    for o in reversed(built):
        results = [adjoint.get(r) for r in o.results]
        if all(a is None for a in results) or not any(v in dependent for v in o.operands):
            continue
        if not isinstance(o, TensorOp):
            raise OpError(op, f"irtk.rop: the gradient rule of {op.name} builds {o.name}, which cannot be differentiated")
        try:
            back = list(o.vjp(tb, results))
        except NotImplementedError as e:
            raise OpError(op, f"irtk.rop: transposing the gradient rule of {op.name}: {e}") from None
        for v, a in zip(o.operands, back):
            if a is not None and v in dependent:
                adjoint[v] = tb.add(adjoint[v], a) if v in adjoint else a

    for o in reversed(built):  # what only served to be differentiated
        if all(not r.uses for r in o.results):
            o.detach()
            o.erase()
    return [None if u is None else adjoint.get(u) for u in cotangents]


def _checked_tangent(op: Operation, tb: TensorBuilder, i: int, result: SSAValue, t: SSAValue) -> SSAValue:
    """`t`, checked to be a tangent of `result`: the same dtype and rank and every static size of `result` (a
    dynamic size where `result` knows one, other than 1, is recovered by a broadcast checked at run time)."""
    want, got = shape_of(result.type), shape_of(t.type)
    wrong = dtype_of(result.type) != dtype_of(t.type) or len(want) != len(got)
    recoverable = False
    for w, g in zip(want, got):
        if w is None or g == w:
            continue
        if g is None and w != 1:
            recoverable = True
        else:
            wrong = True
    if wrong:
        raise OpError(op, f"irtk.rop: the tangent rule of {op.name} gave {t.type} for result #{i}, which has type {result.type}")
    return tb.broadcast(t, result) if recoverable else t


def _check_real(op: Operation) -> None:
    """Tangents are of real functions of real values: a complex result of an op on the path is refused (as by
    `autodiff`), instead of being silently treated as constant."""
    for v in op.results:
        if is_complex(dtype_of(v.type)):
            raise OpError(op, f"irtk.rop: the result depends on a wrt value through {op.name} on {dtype_of(v.type)} values; "
                              "derivatives through complex values are not supported")
