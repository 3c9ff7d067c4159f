"""gpu-map: mark the parallel loops of the loop level that run on a GPU as kernels.

Preconditions: loop-level IR (docs/architecture.md), as `lower-to-loops` produces it. Run last: the named
pipeline `fast-run-cuda` is `fast-run` without `use-blas`, followed by this pass, and `emit-cuda` (irtk/codegen/cuda.py) prints what
it marks.

What becomes a kernel. An `scf.parallel` inside no other kernel whose body may run on a GPU thread:
- the body rules of the C++ target's threads (`irtk/codegen/threads.py`, `runs_in_threads`): it only computes
  (`arith`, `math`), loads, stores, copies, makes views, checks (`cf.assert`), loops and calls the C library
  (`lgamma`, `tgamma`, which CUDA has for the device). No `memref.alloc` or call of a function of the module:
  those use the host call's arena;
- and the device's own: no complex values (`std::complex` is host code), and every `memref.alloca` has a static
  shape of at most 16 KiB (a thread's local array; the device has no `irtk_scratch`).
The outermost such loop of a nest is the kernel; loops inside it run sequentially in each GPU thread. A parallel
loop that fails the rules stays on the host, and a parallel loop inside it may still be a kernel (launched once
per iteration of the host loop). Everything else — sequential code between loops, allocation, the sequential
loops of scans and of sequential reductions — stays on the host.

How a kernel is marked. The loop gets the discardable attribute `irtk.gpu_map = {threads_per_block = 256 : i64}`:
its iteration space is flattened (row-major over all its dimensions), each flattened index (a *unit*) is one
GPU thread's iteration, in blocks of 256 threads with a grid-stride loop, so any size runs on any grid. Why an
attribute and not outlining into `gpu.module`/`gpu.func` + `gpu.launch_func` (which xDSL 0.74 has): the
loop level's contract (one module of `func.func`s and globals, checked by `irtk/codegen/support.py`) stays as
it is, every loop-level tool keeps reading the IR, and the attribute says the one thing the emitter needs, the
way MLIR's `mapping` attribute on `scf.parallel` does. A `memref.get_global` inside a kernel is moved before the
loop (it has no operands and no effect), so the kernel receives the global like any other buffer.

Reductions, and why they keep the CPU's bits. No shared-memory trees or warp shuffles: they would add in
another order than the CPU, and irtk's results do not depend on the target (docs/numerical-policy.md).
- A full float sum or product (the blocked order: chunks of 4096, 8 lanes, a tree, the chunk results folded
  left to right) is, after `lower-to-loops`, an `scf.parallel` over the chunks writing one result each and an
  `scf.for` folding them: the chunks become GPU threads (one thread reduces one chunk with its 8 lanes in
  local memory), and the fold runs on the host, in order. Same bits as the CPU.
- A reduction along an axis (`sum(x, axis=1)`, `max`, `argmax` of each row) is an `scf.parallel` over the
  output elements with the reduction loop inside: one GPU thread per output element, each in the CPU's order.
- Reductions that `lower-to-loops` writes as sequential `scf.for`s over the whole input (max, min, argmax of a
  whole tensor, cumsum along its only axis) stay sequential, on the host.

Contract
  Level: loops
  Needs: loop-level IR, as `lower-to-loops` produces it.
  Guarantees: the IR is unchanged but for the `irtk.gpu_map` attribute on each kernel loop and the
    `memref.get_global`s moved out of kernels; every reduction still adds in the CPU's order.
  Fails: never: a loop that cannot run on a GPU stays on the host.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func, memref, scf
from xdsl.dialects.builtin import ComplexType, DictionaryAttr, IntegerAttr, MemRefType, ModuleOp, i64
from xdsl.ir import Attribute, Operation
from xdsl.passes import ModulePass

from irtk.codegen.scalars import bit_width
from irtk.codegen.threads import runs_in_threads

#: The attribute that marks a kernel, and the threads of one block.
GPU_MAP = "irtk.gpu_map"
THREADS_PER_BLOCK = 256
#: The largest `memref.alloca` a GPU thread holds, in bytes (the C++ target's stack limit).
LOCAL_LIMIT_BYTES = 16 * 1024


def mapping_attribute() -> DictionaryAttr:
    return DictionaryAttr({"threads_per_block": IntegerAttr(THREADS_PER_BLOCK, i64)})


def is_kernel(op: Operation) -> bool:
    """Whether `op` is an `scf.parallel` that `gpu-map` marked as a kernel."""
    return isinstance(op, scf.ParallelOp) and GPU_MAP in op.attributes


def threads_per_block(op: scf.ParallelOp) -> int:
    mapping = op.attributes[GPU_MAP]
    assert isinstance(mapping, DictionaryAttr)
    value = mapping.data["threads_per_block"]
    assert isinstance(value, IntegerAttr)
    return value.value.data


def runs_on_gpu(op: scf.ParallelOp) -> bool:
    """Whether every iteration of `op` may run as one GPU thread (see the module notes)."""
    if op.initVals or not runs_in_threads(op):
        return False
    for inner in [op, *op.body.walk()]:
        types = [v.type for v in inner.results] + [a.type for r in inner.regions for b in r.blocks for a in b.args]
        types += [v.type for v in inner.operands]
        if any(_is_complex(t) for t in types):
            return False
        if isinstance(inner, memref.AllocaOp) and not _small_static(inner.memref.type):
            return False
    return True


def _is_complex(t: Attribute) -> bool:
    return isinstance(t.element_type if isinstance(t, MemRefType) else t, ComplexType)


def _small_static(t: MemRefType) -> bool:
    return t.has_static_shape() and max(1, t.element_count()) * ((bit_width(t.element_type) + 7) // 8) <= LOCAL_LIMIT_BYTES


def map_function(function: func.FuncOp) -> int:
    """Marks the kernels of `function`; returns how many."""
    count = 0
    pending = [function.body]
    while pending:
        region = pending.pop()
        for block in region.blocks:
            for op in list(block.ops):
                if isinstance(op, scf.ParallelOp) and runs_on_gpu(op):
                    _hoist_globals(op)
                    op.attributes[GPU_MAP] = mapping_attribute()
                    count += 1
                else:
                    pending.extend(op.regions)
    return count


def _hoist_globals(loop: scf.ParallelOp) -> None:
    for inner in list(loop.body.walk()):
        if isinstance(inner, memref.GetGlobalOp):
            inner.detach()
            loop.parent_block().insert_op_before(inner, loop)


@dataclass(frozen=True)
class GpuMap(ModulePass):
    """Mark each outermost parallel loop that can run on a GPU as a kernel.

    The mark is `irtk.gpu_map = {threads_per_block = 256}`: the loop runs as a grid-stride loop over its
    flattened iterations, printed by `--emit=cuda` (`docs/cuda.md`). A loop whose body allocates, calls a
    function of the module or computes complex values stays on the host. Reductions keep the CPU's order: a
    thread per chunk of the blocked order, the fold on the host.
    """

    name = "gpu-map"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for function in op.ops:
            if isinstance(function, func.FuncOp) and function.body.blocks:
                map_function(function)
