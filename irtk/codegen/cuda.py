"""`emit-cuda`: a loop-level module whose GPU loops `gpu-map` marked, as one CUDA source that implements irtk_abi.h.

The CUDA target is the C++ target (`cpp.py`) with the marked loops printed as kernels: the same host code (the
arena, the globals, `irtk_entry` and `irtk_signature`, so the native runtime loads the shared object nvcc makes
from it like any kernel: host arrays in, host arrays out), the same scalar helpers and `irtk_math.h`, compiled
for host and device (`IRTK_HELPER` is `__host__ __device__`), and for each `scf.parallel` marked
`irtk.gpu_map`:
- a `__global__` function before the host function that launches it. Its parameters are the flattened
  iteration count, the trip count of each dimension, and the values the body uses from outside the loop: a
  scalar by value, a buffer as its device pointer plus its dynamic sizes and strides (constants are printed
  again inside instead). Each thread runs a grid-stride loop over *units* (flattened iterations, row-major),
  decodes the induction variables from its unit and runs the body, printed by the same `CStylePrinter` methods as
  host code (nested loops sequential, `memref.alloca` a local array);
- at the loop's place in the host function, the launch (`cuda_runtime.py`): the trip counts, the span of each
  buffer, `cudaMalloc` + `cudaMemcpy` in, `kernel<<<blocks, 256>>>`, `cudaGetLastError`, the device failure record,
  `cudaMemcpy` out of the buffers the kernel stores into.
A failed `cf.assert` in a kernel records the check's message id for its unit and ends the thread
(`irtk_kernel_fail`); the host then throws the message of the lowest failing unit, which is the failure a
sequential run meets first: the C++ target's failure model (`threads.py`), without exceptions on the device.
Complex numbers and BLAS calls stay out of kernels (gpu-map does not mark such loops); an `irtk_blas.gemm` is
refused: the GPU path has no cuBLAS yet. docs/cuda.md says what runs where.
"""

from __future__ import annotations

from xdsl.dialects import arith, cf, memref, scf
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import Operation, SSAValue

from irtk.codegen import cpp_runtime
from irtk.codegen.cpp import CppPrinter, c_string
from irtk.codegen.cstyle import CStylePrinter
from irtk.codegen.errors import EmitError
from irtk.codegen.cuda_runtime import CUDA_PROLOGUE, DEVICE_FAILURES, HOST_AND_DEVICE_FAIL, HOST_FAIL, LAUNCH_RUNTIME
from irtk.codegen.names import NameTable
from irtk.codegen.threads import constant_value, defined_outside, trip_count
from irtk.dialects.blas import GemmOp
from irtk.passes.gpu_map import THREADS_PER_BLOCK, is_kernel, runs_on_gpu, threads_per_block
from irtk.runtime.message_table import compiled_message

__all__ = ["CudaPrinter", "emit_cuda"]

#: The failures of the scalar helpers on the device (`HOST_AND_DEVICE_FAIL`), message ids 0 and 1.
HELPER_MESSAGES = ("integer division by zero", "a check of an irtk scalar helper failed on the GPU")

if HOST_FAIL not in cpp_runtime.CPP_RUNTIME:  # the one line of the host runtime this target replaces
    raise ImportError("irtk.codegen.cuda: the C++ runtime's irtk_fail is not the line the CUDA target replaces")


def emit_cuda(module: ModuleOp) -> str:
    """The CUDA source of `module`; raises EmitError if it holds anything outside the loop level."""
    return CudaPrinter().print_module(module)


class CudaPrinter(CppPrinter):
    """The CUDA target: the C++ target's host code, and a `__global__` kernel per loop `gpu-map` marked."""

    STATEMENTS = {op: method for op, method in CppPrinter.STATEMENTS.items() if op is not GemmOp}
    TARGET = "CUDA"

    def __init__(self) -> None:
        super().__init__()
        #: The kernels printed while printing the current host function, put before it.
        self.kernels: list[str] = []
        self.kernel_count = 0
        #: Whether the op being printed runs in a kernel.
        self.in_kernel = False
        #: The message id of each check inside a kernel (after HELPER_MESSAGES).
        self.message_ids: dict[Operation, int] = {}
        self.messages: list[str] = list(HELPER_MESSAGES)

    # ---- the translation unit --------------------------------------------------------------------
    def print_module(self, module: ModuleOp) -> str:
        for op in module.walk():
            if isinstance(op, cf.AssertOp) and _inside_kernel(op):
                self.message_ids[op] = len(self.messages)
                self.messages.append(compiled_message(op.msg.data, op.location))
        return super().print_module(module)

    def prologue(self) -> str:
        return super().prologue() + CUDA_PROLOGUE

    def vector_math_header(self) -> str:
        """irtk_math.h's functions, for host and device."""
        text = super().vector_math_header()
        host_only = "#define IRTK_MATH_INLINE static inline __attribute__((always_inline))"
        if host_only not in text:
            raise AssertionError("irtk_math.h no longer defines IRTK_MATH_INLINE as the CUDA target expects")
        return text.replace(host_only, "#define IRTK_MATH_INLINE static inline __host__ __device__")

    def runtime(self) -> str:
        table = ",\n".join(f"    {c_string(m)}" for m in self.messages)
        messages = (
            "\n/* The failure messages of this module's kernels, by id (HELPER_MESSAGES first). */\n"
            f"static const char* const irtk_cuda_messages[{len(self.messages)}] = {{\n{table}\n}};\n"
            "static const char* irtk_cuda_message(unsigned id) {\n"
            f"  return id < {len(self.messages)} ? irtk_cuda_messages[id] : \"a check failed on the GPU\";\n"
            "}\n"
        )
        return DEVICE_FAILURES + super().runtime().replace(HOST_FAIL, HOST_AND_DEVICE_FAIL) + messages + LAUNCH_RUNTIME

    def print_function(self, op, specifiers: str = "static ") -> None:
        """The host function, preceded by the kernels it launches."""
        start = len(self.lines)
        super().print_function(op, specifiers)
        body = self.lines[start:]
        del self.lines[start:]
        self.lines += self.kernels + body
        self.kernels = []

    # ---- kernels ---------------------------------------------------------------------------------
    def print_parallel(self, op: scf.ParallelOp) -> None:
        """A marked loop is a kernel and its launch; any other runs sequentially on the host (or in the kernel's
        thread)."""
        if is_kernel(op) and not self.in_kernel:
            self.print_kernel_launch(op)
        else:
            CStylePrinter.print_parallel(self, op)

    def print_kernel_launch(self, op: scf.ParallelOp) -> None:
        if threads_per_block(op) != THREADS_PER_BLOCK:
            raise EmitError(f"irtk.gpu_map: emit-cuda runs blocks of {THREADS_PER_BLOCK} threads, not {threads_per_block(op)}", op)
        if not runs_on_gpu(op):
            raise EmitError("irtk.gpu_map marks a loop whose body cannot run on a GPU thread (see gpu-map)", op)
        block = op.body.block
        bounds = list(zip(op.lowerBound, op.upperBound, op.step))
        used = _used_from_outside(op)
        constants = [v for v in used if isinstance(v.owner, arith.ConstantOp)]  # printed again in the kernel
        inputs = [v for v in used if v not in constants]
        buffers = [v for v in inputs if isinstance(v.type, MemRefType)]
        written = _stored_into(op)
        name = f"irtk_kernel_{self.kernel_count}"
        self.kernel_count += 1

        self.emit("{")
        with self.indented():
            counts = [self.names.fresh(f"n{k}") for k in range(len(bounds))]
            for count, triple in zip(counts, bounds):
                self.emit(f"const int64_t {count} = {trip_count(self, *triple)};")
            units = self.names.fresh("units")
            self.emit(f"const int64_t {units} = irtk_element_count({{{', '.join(counts)}}});")
            self.emit(f"if ({units} > 0) {{")
            with self.indented():
                launch = self.names.fresh("launch")
                self.emit(f"irtk_cuda_launch<{max(1, len(buffers))}> {launch};")
                for slot, value in enumerate(buffers):
                    sizes, strides = ", ".join(self.shape(value)), ", ".join(self.strides_of(value))
                    element = self.c_type(value.type.element_type)
                    writes = "true" if value in written else "false"
                    span = f"irtk_cuda_span({{{sizes}}}, {{{strides}}})"
                    self.emit(f"{launch}.add({slot}, {self.expr(value)}, {span}, sizeof({element}), {writes});")
                self.emit(f"{launch}.upload();")
                arguments = [units, *counts]
                for value in inputs:
                    parts = self.parts(value)
                    if isinstance(value.type, MemRefType):
                        parts[0] = f"{launch}.device({buffers.index(value)}, {parts[0]})"
                    arguments += parts
                blocks = f"{launch}.blocks({units})"
                self.emit(f"{name}<<<{blocks}, IRTK_CUDA_THREADS>>>({', '.join(arguments)});")
                self.emit(f"{launch}.finish();")
            self.emit("}")
        self.emit("}")
        self.print_kernel(name, constants, inputs, bounds, block)

    def print_kernel(self, name: str, constants: list[SSAValue], inputs: list[SSAValue], bounds, block) -> None:
        """The `__global__` function, printed into `self.kernels` with a fresh function state."""
        saved = (self.lines, self.depth, self.names, self.exprs, self.shapes, self.strides, self.yield_targets)
        self.lines, self.depth = [], 0
        self.names, self.exprs, self.shapes, self.strides, self.yield_targets = NameTable(), {}, {}, {}, []
        self.in_kernel = True
        try:
            units = self.names.fresh("units")
            counts = [self.names.fresh(f"n{k}") for k in range(len(bounds))]
            params = [f"int64_t {units}", *(f"int64_t {count}" for count in counts)]
            for value in inputs:
                variables = self.declare([value], value.type, value.name_hint)
                params += [f"{ctype} {variable}" for ctype, variable in variables]
            self.emit(f"__global__ void __launch_bounds__(IRTK_CUDA_THREADS) {name}({', '.join(params)}) {{")
            with self.indented():
                for constant in constants:  # a literal, not a parameter
                    self.print_op(constant.owner)
                unit = self.names.fresh("unit")
                self.emit(
                    f"for (int64_t {unit} = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; {unit} < {units}; "
                    f"{unit} += static_cast<int64_t>(blockDim.x) * gridDim.x) {{"
                )
                with self.indented():
                    self.emit(f"irtk_kernel_unit({unit});")
                    rest = unit
                    for k in reversed(range(len(bounds))):
                        iv = block.args[k]
                        variable = self.declare([iv], iv.type, iv.name_hint or "i")[0][1]
                        lb, _, step = bounds[k]
                        position = rest if k == 0 else self.names.fresh(f"u{k}")
                        if k > 0:
                            self.emit(f"const int64_t {position} = {rest} % {counts[k]};")
                        start = "" if constant_value(lb) == 0 else f"{self.expr(lb)} + "
                        scaled = position if constant_value(step) == 1 else f"{position} * {self.expr(step)}"
                        self.emit(f"const int64_t {variable} = {start}{scaled};")
                        if k > 0:
                            quotient = self.names.fresh(f"q{k}")
                            self.emit(f"const int64_t {quotient} = {rest} / {counts[k]};")
                            rest = quotient
                self.print_region_body(block, [])
                self.emit("}")
            self.emit("}")
            self.emit("")
            kernel = self.lines
        finally:
            self.in_kernel = False
            self.lines, self.depth, self.names, self.exprs, self.shapes, self.strides, self.yield_targets = saved
        self.kernels += kernel

    # ---- ops that print differently in a kernel --------------------------------------------------
    def print_assert(self, op: cf.AssertOp) -> None:
        if not self.in_kernel:
            super().print_assert(op)
            return
        self.emit(f"if (!{self.expr(op.arg)}) {{ irtk_kernel_fail({self.message_ids[op]}u); return; }}")

    def print_copy(self, op: memref.CopyOp) -> None:
        """In a kernel, element by element (no memmove on the device)."""
        if not self.in_kernel:
            super().print_copy(op)
            return
        self.print_copy_by_element(op)


def _inside_kernel(op: Operation) -> bool:
    parent = op.parent_op()
    while parent is not None:
        if is_kernel(parent):
            return True
        parent = parent.parent_op()
    return False


def _defined_inside(value: SSAValue, loop: Operation) -> bool:
    return not defined_outside(value, loop)


def _used_from_outside(loop: scf.ParallelOp) -> list[SSAValue]:
    """The values the kernel needs from the host, in order of first use: the lower bounds and steps, then every
    operand inside the body defined outside the loop."""
    found: dict[SSAValue, None] = {}
    for value in [*loop.lowerBound, *loop.step]:
        found[value] = None
    for inner in loop.body.walk():
        for value in inner.operands:
            if not _defined_inside(value, loop):
                found[value] = None
    return list(found)


def _stored_into(loop: scf.ParallelOp) -> set[SSAValue]:
    """The buffers from outside the loop that its body stores or copies into (through views made inside)."""
    written = set()
    for inner in loop.body.walk():
        if isinstance(inner, memref.StoreOp):
            target = inner.memref
        elif isinstance(inner, memref.CopyOp):
            target = inner.destination
        else:
            continue
        while _defined_inside(target, loop) and isinstance(
            target.owner, (memref.SubviewOp, memref.CollapseShapeOp, memref.ExpandShapeOp)
        ):
            target = target.owner.operands[0]
        if not _defined_inside(target, loop):
            written.add(target)
    return written
