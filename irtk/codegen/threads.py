"""Parallel loops on several threads: how the C++ target prints an `scf.parallel` with OpenMP.

What runs in threads, and why only that:
- the outermost `scf.parallel` of a nest (one inside it runs on the thread that reaches it: nested teams cost
  more than they give on a few cores);
- whose body only computes, loads, stores and calls the C library: a `memref.alloc` or a call of another
  function of the module would use the call's arena, which is not shared between threads, and any op this
  module does not know (a library call with threads of its own) keeps its loop sequential.
The iterations of an `scf.parallel` are independent by definition, so any cut into blocks computes the same
bits; the thread count (`irtk_context.threads`, irtk's `threads` flag) changes the time, never the result.

How the loop is cut (`irtk_parallel` in `cpp_runtime.py`): the iteration space's outer dimensions (all but the
last; with one dimension, the dimension itself) are flattened into *units*, and consecutive units form up to
four blocks per thread, handed out by `#pragma omp parallel for schedule(static)`. The last dimension stays an
ordinary inner `for` loop, the one the C++ compiler vectorizes. Threads start only when the loop's work (units
times the trip counts of the loops inside a unit, where those are known before the loop, times the body's weight:
one per 8 arithmetic ops, at least 1) reaches IRTK_PARALLEL_MIN_WORK. A failed check inside a block is filed with the loop, which rethrows the failure a
sequential run would have met first once every thread has stopped (never a C++ exception across threads).
"""

from __future__ import annotations

from xdsl.dialects import arith, cf, func, math, memref, scf
from xdsl.dialects.builtin import IntegerAttr
from xdsl.ir import Operation, SSAValue

from irtk.dialects.c_library import is_c_declaration
from irtk.passes.loop_utils import WORK_PER_ITERATION

#: Ops a threaded loop body may hold: pure computation, memory access without allocation, loops, checks.
_THREAD_SAFE_OPS = (
    scf.ForOp, scf.ParallelOp, scf.IfOp, scf.YieldOp, scf.ReduceOp,
    memref.LoadOp, memref.StoreOp, memref.DimOp, memref.SubviewOp, memref.CollapseShapeOp, memref.ExpandShapeOp,
    memref.AllocaOp, memref.GetGlobalOp, memref.CopyOp, cf.AssertOp,
)


def runs_in_threads(op: scf.ParallelOp) -> bool:
    """Whether `op`'s body may run on several threads at once (see the module notes)."""
    module = op.get_toplevel_object()
    for inner in op.body.walk():
        if inner.dialect_name() in (arith.Arith.name, math.Math.name) or isinstance(inner, _THREAD_SAFE_OPS):
            continue
        if isinstance(inner, func.CallOp) and _calls_c_library(module, inner):
            continue
        return False
    return True


def _calls_c_library(module: Operation, call: func.CallOp) -> bool:
    callee = call.callee.root_reference.data
    for candidate in module.walk():
        if isinstance(candidate, func.FuncOp) and candidate.sym_name.data == callee:
            return is_c_declaration(candidate)
    return False


def inner_trip_counts(op: scf.ParallelOp) -> list[tuple[SSAValue, SSAValue, SSAValue]]:
    """The (lower bound, upper bound, step) of the loops nested in one iteration of `op`, outermost first along
    the first nest found at each level, as far as their bounds are known before `op` runs: an estimate of the
    work of one iteration. A level without a loop but with an `scf.if` is looked at through the `if`'s first
    branch: a blocked reduction (`blocked_reductions.py`) is `if n < 32 {loop over n} else {chunks}`, whose work
    is n either way, and whose chunk loop's bounds are computed inside the branch."""
    found = []
    block = op.body.block
    while True:
        loop = next((o for o in block.ops if isinstance(o, (scf.ForOp, scf.ParallelOp))), None)
        if loop is None:
            branch = next((o for o in block.ops if isinstance(o, scf.IfOp)), None)
            if branch is None or not branch.true_region.blocks:
                return found
            block = branch.true_region.block
            continue
        bounds = list(zip(loop.lowerBound, loop.upperBound, loop.step)) if isinstance(loop, scf.ParallelOp) else [(loop.lb, loop.ub, loop.step)]
        if any(not defined_outside(v, op) for triple in bounds for v in triple):
            return found
        found += bounds
        block = loop.body.block


def defined_outside(value: SSAValue, op: Operation) -> bool:
    """Whether `value` is defined outside `op` (not in any of its regions)."""
    owner = value.owner
    parent = owner if isinstance(owner, Operation) else owner.parent_op()
    while parent is not None:
        if parent is op:
            return False
        parent = parent.parent_op()
    return True


def constant_value(value: SSAValue) -> int | None:
    """The integer an `arith.constant` defines, else None."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


def trip_count(printer, lb: SSAValue, ub: SSAValue, step: SSAValue) -> str:
    """The number of iterations of `for (i = lb; i < ub; i += step)` as a C expression (step > 0)."""
    lb_c, ub_c, step_c = (printer.expr(v) for v in (lb, ub, step))
    if constant_value(lb) == 0 and constant_value(step) == 1:
        return f"({ub_c} > 0 ? {ub_c} : 0)"
    return f"({ub_c} > {lb_c} ? ({ub_c} - {lb_c} + {step_c} - 1) / {step_c} : 0)"


#: How many arithmetic ops of a loop body count as one unit of work: a body of up to this many (most elementwise
#: nests) is one unit per element, as IRTK_PARALLEL_MIN_WORK was measured for.
OPS_PER_WORK_UNIT = 8


def body_weight(op: scf.ParallelOp) -> int:
    """The work of one element of `op`'s body, in units of OPS_PER_WORK_UNIT arithmetic ops, at least 1: a fused
    chain of 1000 elementwise ops on 10,000 elements is 10 million ops, enough for threads, though its element
    count is not. Only the ops of the body's own block count (the loops inside are counted by their trip
    counts)."""
    computing = sum(1 for inner in op.body.block.ops if inner.dialect_name() in (arith.Arith.name, math.Math.name))
    return max(1, computing // OPS_PER_WORK_UNIT)


def print_threaded_parallel(printer, op: scf.ParallelOp) -> None:
    """Prints `op` as blocks of units run by an OpenMP team (see the module notes); `printer` is the C++
    printer, whose `in_threads` flag makes loops inside print sequentially."""
    block = op.body.block
    bounds = list(zip(op.lowerBound, op.upperBound, op.step))
    ivs = [printer.declare([iv], iv.type, iv.name_hint or "i")[0][1] for iv in block.args]
    inner = [trip_count(printer, *triple) for triple in inner_trip_counts(op)]
    region = printer.names.fresh("region")
    counts = [printer.names.fresh(f"n{k}") for k in range(len(bounds))]
    printer.emit("{")
    with printer.indented():
        for count, triple in zip(counts, bounds):
            printer.emit(f"const int64_t {count} = {trip_count(printer, *triple)};")
        outer = counts[:-1] if len(counts) > 1 else counts
        units = " * ".join(outer)
        if len(counts) > 1:
            units = f"irtk_element_count({{{', '.join(outer)}}})"
        per_unit = [counts[-1]] if len(counts) > 1 else []
        recorded = op.attributes.get(WORK_PER_ITERATION)
        if isinstance(recorded, IntegerAttr):  # the pass that built the loop knew better than the estimate
            per_unit, inner = [str(recorded.value.data)], []
        elif (weight := body_weight(op)) > 1:
            inner = [*inner, str(weight)]
        work = f"irtk_element_count({{{', '.join(per_unit + inner)}}})" if per_unit + inner else "1"
        printer.emit(f"irtk_parallel {region}(arena.threads, {units}, {work});")
        blk, unit = printer.names.fresh("block"), printer.names.fresh("unit")
        printer.emit(f"IRTK_PARALLEL_FOR({region})")
        printer.emit(f"for (int64_t {blk} = 0; {blk} < {region}.blocks(); ++{blk}) {{")
        with printer.indented():
            printer.emit(f"if ({region}.skips({blk})) continue;")
            printer.emit("try {")
            with printer.indented():
                printer.emit(f"const int64_t {unit}_end = {region}.end({blk});")
                printer.emit(f"for (int64_t {unit} = {region}.begin({blk}); {unit} < {unit}_end; ++{unit}) {{")
                with printer.indented():
                    _print_unit(printer, op, bounds, ivs, counts, unit)
                printer.emit("}")
            printer.emit("} catch (const irtk_failure& failure) {")
            printer.emit(f"  {region}.fail({blk}, failure);")
            printer.emit("} catch (...) {")
            printer.emit(f'  {region}.fail({blk}, irtk_failure{{"unexpected C++ exception"}});')
            printer.emit("}")
        printer.emit("}")
        printer.emit(f"{region}.finish();")
    printer.emit("}")


def _print_unit(printer, op: scf.ParallelOp, bounds, ivs, counts, unit: str) -> None:
    """One unit: the outer induction variables decoded from `unit`, then the last dimension's loop and the body."""
    block = op.body.block
    if len(ivs) == 1:
        lb, _, step = bounds[0]
        printer.emit(f"const int64_t {ivs[0]} = {_affine(printer, lb, unit, step)};")
        printer.print_region_body(block, [])
        return
    rest = unit
    for k in reversed(range(len(ivs) - 1)):
        lb, _, step = bounds[k]
        if k == 0:
            printer.emit(f"const int64_t {ivs[k]} = {_affine(printer, lb, rest, step)};")
            break
        position = printer.names.fresh(f"u{k}")
        printer.emit(f"const int64_t {position} = {rest} % {counts[k]};")
        printer.emit(f"const int64_t {ivs[k]} = {_affine(printer, lb, position, step)};")
        quotient = printer.names.fresh(f"q{k}")
        printer.emit(f"const int64_t {quotient} = {rest} / {counts[k]};")
        rest = quotient
    lb, ub, step = (printer.expr(v) for v in bounds[-1])
    last = ivs[-1]
    printer.emit(f"for (int64_t {last} = {lb}; {last} < {ub}; {last} += {step}) {{")
    printer.print_region_body(block, [])
    printer.emit("}")


def _affine(printer, lb: SSAValue, index: str, step: SSAValue) -> str:
    """`lb + index * step` in C, without the parts that are 0 or 1."""
    start = "" if constant_value(lb) == 0 else f"{printer.expr(lb)} + "
    scaled = index if constant_value(step) == 1 else f"{index} * {printer.expr(step)}"
    return start + scaled
