"""`emit-cpp`: a loop-level module as one self-contained C++17 source that implements irtk_abi.h.

Layout of the output:
1. the preamble, in an include guard named after its digest (`precompiled_preamble.guard`: a compile may read it
   from a precompiled header instead, and skip this copy):
   a. the text of `irtk/runtime/irtk_abi.h`, so that the source (and a cache key computed from it) covers the ABI;
   b. the standard includes and guards against flags that would break IEEE semantics, and the text of
      `irtk/runtime/include/irtk_math.h` when the module calls one of its functions (`vector_math.py`);
   c. in an anonymous namespace: the runtime (`cpp_runtime.py`) and the scalar helpers (`scalar_helpers.py`);
2. in an anonymous namespace (nothing leaks into the symbol table of the loaded library): the BLAS declarations
   where the module calls BLAS, the constant globals, and one `static` function per `func.func`, each taking the
   call's `irtk_arena` first;
3. the two exports: `irtk_signature()` and `irtk_entry()`, which checks the arguments against the entry
   point's types, unpacks them, calls the entry point and hands its results to the caller.
"""

from __future__ import annotations

from xdsl.dialects import cf, func, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, MemRefType, ModuleOp
from xdsl.ir import Attribute, Operation, SSAValue

from irtk.codegen.blas_calls import BlasCalls, blas_support
from irtk.codegen.cpp_runtime import CPP_RUNTIME
from irtk.codegen.cstyle import CStylePrinter
from irtk.codegen.errors import EmitError
from irtk.codegen.names import NameTable
from irtk.codegen.scalar_helpers import COMPLEX_HELPERS, SCALAR_HELPERS
from irtk.codegen.scalars import bit_width, c_type, complex_literal, dtype_name, float_literal, int_literal, is_complex, is_float
from irtk.codegen.support import check_module
from irtk.codegen.vector_math import math_header, uses_vector_math
from irtk.codegen.threads import print_threaded_parallel, runs_in_threads
from irtk.dialects.blas import GemmOp
from irtk.dialects.c_library import is_c_declaration
from irtk.dialects.signless import boundary_types
from irtk.runtime import abi_header
from irtk.runtime.precompiled_preamble import guard
from irtk.runtime.message_table import compiled_message

__all__ = ["CppPrinter", "EmitError", "emit_cpp", "signature"]

#: Static `memref.alloca`s up to this size live on the stack; larger ones on the heap.
STACK_LIMIT_BYTES = 16 * 1024
#: Splat globals longer than this are filled when the library loads instead of spelled out.
SPELLED_SPLAT_LIMIT = 256

PROLOGUE = """
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <initializer_list>
#include <type_traits>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__FAST_MATH__)
#error "irtk kernels need IEEE floating point: do not compile them with -ffast-math"
#endif
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "irtk kernels need FLT_EVAL_METHOD == 0: float arithmetic must not use excess precision"
#endif
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#pragma clang diagnostic ignored "-Wunknown-warning-option"
#endif
/* Generated code passes every dimension, names every value and defines every function, used or not. */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
/* A parallel loop's OpenMP directive; without OpenMP (a compiler run without -fopenmp), nothing: the loop runs on
   the calling thread. */
#define IRTK_PRAGMA(text) _Pragma(#text)
#ifdef _OPENMP
#define IRTK_PARALLEL_FOR(region) \
  IRTK_PRAGMA(omp parallel for schedule(static) num_threads(region.threads()) if (region.threads() > 1))
#else
#define IRTK_PARALLEL_FOR(region)
#endif

#define IRTK_EXPORT __attribute__((visibility("default")))
#define IRTK_HELPER inline
"""


def emit_cpp(module: ModuleOp) -> str:
    """The C++ source of `module`; raises EmitError if it holds anything outside the loop level."""
    return CppPrinter().print_module(module)


def signature(entry: func.FuncOp) -> str:
    """The entry point's types in irtk_abi.h's grammar, e.g. `f64[?x4],f32[]->f64[]`; an argument or result
    marked `irtk.dtype` has that dtype (a signless `memref<?xi8>` marked uint8 is `ui8[?]`)."""
    inputs, outputs = boundary_types(entry)
    return ",".join(map(type_signature, inputs)) + "->" + ",".join(map(type_signature, outputs))


def uses_complex(module: ModuleOp) -> bool:
    """Whether a value (or a memref's element) of `module` is complex: only then does its source include
    `<complex>` and the complex helpers, which cost every compile a fifth of a second."""
    for op in module.walk():
        types = [v.type for v in op.results] + [a.type for r in op.regions for b in r.blocks for a in b.args]
        if isinstance(op, memref.GlobalOp):
            types.append(op.type)
        for t in types:
            if is_complex(t.element_type if isinstance(t, MemRefType) else t):
                return True
    return False


def type_signature(t: MemRefType) -> str:
    """`memref<?x4xf64>` is `f64[?x4]`, `memref<f32>` is `f32[]`."""
    dims = "x".join("?" if d == DYNAMIC_INDEX else str(d) for d in t.get_shape())
    return f"{dtype_name(t.element_type)}[{dims}]"


def c_string(text: str) -> str:
    """A C string literal with the UTF-8 bytes of `text`.

    Octal escapes always have three digits, so they cannot swallow a digit that follows; a `?` after
    a `?` is escaped so that no trigraph forms under older language standards.
    """
    out: list[str] = []
    for byte in text.encode():
        char = chr(byte)
        if char in '"\\':
            out.append("\\" + char)
        elif 32 <= byte < 127 and not (char == "?" and out and out[-1] == "?"):
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


class CppPrinter(BlasCalls, CStylePrinter):
    """The host C++ target: heap buffers in a per-call arena, failed asserts as exceptions."""

    STATEMENTS = {
        **CStylePrinter.STATEMENTS,
        memref.AllocOp: "print_alloc",
        memref.AllocaOp: "print_alloca",
        memref.DeallocOp: "print_dealloc",
        memref.CopyOp: "print_copy",
        memref.GetGlobalOp: "print_get_global",
        cf.AssertOp: "print_assert",
        GemmOp: "print_blas_gemm",
    }
    CONTEXT_PARAMS = ("irtk_arena& arena",)
    CONTEXT_ARGS = ("arena",)
    #: The target's name in EmitError messages.
    TARGET = "C++"

    def __init__(self) -> None:
        super().__init__()
        self.global_names: dict[str, str] = {}
        #: Whether the loop being printed already runs on a team of threads (loops inside it stay sequential).
        self.in_threads = False
        #: The function `irtk_entry` calls (set by print_module).
        self.entry: func.FuncOp | None = None

    # ---- the translation unit --------------------------------------------------------------------
    def print_module(self, module: ModuleOp) -> str:
        entry = check_module(module, type(self), self.TARGET)
        self.entry = entry
        module_names = NameTable()
        functions = [op for op in module.ops if isinstance(op, func.FuncOp) and not is_c_declaration(op)]
        for op in functions:
            self.function_names[op.sym_name.data] = module_names.fresh_global("fn", op.sym_name.data)
        for op in module.ops:
            if isinstance(op, memref.GlobalOp):
                self.global_names[op.sym_name.data] = module_names.fresh_global("g", op.sym_name.data)

        self.lines += guard(self.preamble(module)).rstrip("\n").split("\n")
        self.emit()
        self.emit("namespace {")
        self.lines += blas_support(module)  # BLAS prototypes and helpers, only in a module with irtk_blas.gemm
        for op in module.ops:
            if isinstance(op, memref.GlobalOp):
                self.emit()
                self.print_global(op)
        self.emit()
        for op in functions:
            self.emit(f"static {self.function_header(op)};")
        for op in functions:
            self.emit()
            self.print_function(op)
        self.emit()
        self.emit("}  // namespace")
        self.emit()
        self.emit(f'extern "C" IRTK_EXPORT const char* irtk_signature(void) {{ return "{signature(entry)}"; }}')
        self.emit()
        self.print_entry(entry)
        return self.text()

    def preamble(self, module: ModuleOp) -> str:
        """What every module with the same needs (complex numbers, vector math) starts with, the same text for
        all of them: `guard`ed, so that a precompiled copy can stand in for it (`precompiled_preamble.py`)."""
        complex_numbers = uses_complex(module)
        parts = [abi_header().rstrip("\n"), self.prologue().rstrip("\n")]
        if complex_numbers:
            parts.append("#include <complex>")
        if uses_vector_math(module):  # irtk_exp, irtk_tanh, ...: the header only where it is called
            parts.append(self.vector_math_header().rstrip("\n"))
        helpers = self.runtime() + SCALAR_HELPERS + (COMPLEX_HELPERS if complex_numbers else "")
        parts += ["", "namespace {", helpers.rstrip("\n"), "}  // namespace"]
        return "\n".join(parts)

    # The target's texts, which a device target built on this one (`cuda.py`) replaces.
    def prologue(self) -> str:
        """Includes, guards and macros, before the anonymous namespace."""
        return PROLOGUE

    def vector_math_header(self) -> str:
        """The text of irtk_math.h, for a module that calls it."""
        return math_header()

    def runtime(self) -> str:
        """The support code before the scalar helpers (`cpp_runtime.py`)."""
        return CPP_RUNTIME

    def print_global(self, op: memref.GlobalOp) -> None:
        """A constant global: spelled out, or zero-initialised, or (a long splat) filled at load time."""
        t = op.type
        assert isinstance(t, MemRefType)
        element = t.element_type
        ctype, name = self.c_type(element), self.global_names[op.sym_name.data]
        count = max(1, t.element_count())
        alignment = max(64, op.alignment.value.data if op.alignment else 0)
        literal = float_literal if is_float(element) else complex_literal if is_complex(element) else int_literal
        values = [literal(v, element) for v in op.initial_value.get_values()]  # type: ignore[union-attr]
        if all(v == values[0] for v in values) and values and values[0] in ("0", "0.0", "0.0f", "false"):
            self.emit(f"alignas({alignment}) const {ctype} {name}[{count}] = {{}};")
        elif len(values) > SPELLED_SPLAT_LIMIT and all(v == values[0] for v in values):
            self.emit(f"alignas({alignment}) {ctype} {name}[{count}];")
            self.emit(f"const bool {name.replace('irtk_g_', 'irtk_filled_', 1)} = [] {{")
            self.emit(f"  for (int64_t k = 0; k < {count}; ++k) {name}[k] = {values[0]};")
            self.emit("  return true;")
            self.emit("}();")
        else:
            self.emit(f"alignas({alignment}) const {ctype} {name}[{count}] = {{")
            for k in range(0, len(values), 8):
                self.emit("    " + ", ".join(values[k : k + 8]) + ",")
            self.emit("};")

    def print_entry(self, entry: func.FuncOp) -> None:
        """`irtk_entry`: checks and unpacks `args`, calls the entry point, hands the results over."""
        inputs = entry.function_type.inputs.data
        outputs = entry.function_type.outputs.data
        count = len(outputs)
        self._reset_function_state()
        params = "const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error"
        self.emit(f'extern "C" IRTK_EXPORT int irtk_entry({params}) {{')
        with self.indented():
            for i, t in enumerate(boundary_types(entry)[0]):
                self.print_argument_check(i, t, count)
            self.emit("try {")
            with self.indented():
                self.emit("irtk_arena arena(context);")
                call = ["arena"]
                for i, (arg, t) in enumerate(zip(entry.body.block.args, inputs)):
                    call += self.print_argument_unpacking(i, t, arg.name_hint or f"arg{i}")
                results = [self.declare([], t, f"result{j}") for j, t in enumerate(outputs)]
                for variables in results:
                    self.emit(" ".join(f"{ctype} {name};" for ctype, name in variables))
                call += [name for variables in results for _, name in variables]
                self.emit(f"{self.function_names[entry.sym_name.data]}({', '.join(call)});")
                self.print_hand_over(outputs, results)
                self.emit("return 0;")
            self.emit("} catch (const irtk_failure& failure) {")
            self.emit(f"  return irtk_reject(error, results, {count}, failure.message);")
            self.emit("} catch (...) {")
            self.emit(f'  return irtk_reject(error, results, {count}, "unexpected C++ exception");')
            self.emit("}")
        self.emit("}")

    def print_argument_check(self, i: int, t: Attribute, result_count: int) -> None:
        assert isinstance(t, MemRefType)
        shape = t.get_shape()
        conditions = [f"args[{i}].rank != {len(shape)}"] + [
            f"args[{i}].shape[{d}] != {size}" for d, size in enumerate(shape) if size != DYNAMIC_INDEX
        ]
        message = c_string(f"argument {i} does not match {type_signature(t)}")
        self.emit(f"if ({' || '.join(conditions)}) return irtk_reject(error, results, {result_count}, {message});")

    def print_argument_unpacking(self, i: int, t: Attribute, hint: str) -> list[str]:
        assert isinstance(t, MemRefType)
        variables = self.declare([], t, hint)
        (pointer_type, pointer), *dims = variables
        self.emit(f"{pointer_type} {pointer} = static_cast<{pointer_type}>(args[{i}].data);")
        dynamic = [d for d, size in enumerate(t.get_shape()) if size == DYNAMIC_INDEX]
        for (_, name), d in zip(dims, dynamic):
            self.emit(f"const int64_t {name} = args[{i}].shape[{d}];")
        return [name for _, name in variables]

    def print_hand_over(self, outputs, results) -> None:
        """Claims every result first (this may copy, and fail), then releases them all (this cannot)."""
        data = []
        for j, (t, variables) in enumerate(zip(outputs, results)):
            pointer = variables[0][1]
            dims = iter(name for _, name in variables[1:])
            shape = [next(dims) if size == DYNAMIC_INDEX else str(size) for size in t.get_shape()]
            count = " * ".join(shape) or "1"
            name = self.names.fresh(f"data{j}")
            self.emit(f"void* {name} = arena.claim({pointer}, {count}, sizeof({c_type(t.element_type)}));")
            data.append((name, shape))
        if outputs:
            self.emit("arena.release_claimed();")
        for j, (name, shape) in enumerate(data):
            self.emit(f"results[{j}].data = {name};")
            self.emit(f"results[{j}].rank = {len(shape)};")
            for d, size in enumerate(shape):
                self.emit(f"results[{j}].shape[{d}] = {size};")

    # ---- target-specific ops ---------------------------------------------------------------------
    def _alignment(self, op: memref.AllocOp | memref.AllocaOp) -> int:
        return max(64, op.alignment.value.data if op.alignment else 0)

    def _bind_new_memref(self, op: Operation, pointer: str) -> None:
        self.bind(op.results[0], [pointer, *(self.expr(size) for size in op.operands)])

    def print_alloc(self, op: memref.AllocOp) -> None:
        t = op.memref.type
        ctype = self.c_type(t.element_type)
        pointer = self.names.fresh(op.memref.name_hint)
        self._bind_new_memref(op, pointer)
        alignment = self._alignment(op)
        extra = f", {alignment}" if alignment != 64 else ""
        method = "alloc_result" if self.returned_by_entry(op.memref) else "alloc"
        self.emit(f"{ctype}* {pointer} = arena.{method}<{ctype}>({self.checked_count(op.memref)}{extra});")

    def returned_by_entry(self, value: SSAValue) -> bool:
        """Whether the entry function returns `value` as it is: only such a buffer may be one the caller donated
        (`irtk_arena::alloc_result`), since it leaves the call as a result."""
        return any(
            isinstance(use.operation, func.ReturnOp) and use.operation.parent_op() is self.entry for use in value.uses
        )

    def print_alloca(self, op: memref.AllocaOp) -> None:
        """On the stack if small and static, else an `irtk_scratch`; either way freed at the block's end."""
        t = op.memref.type
        ctype = self.c_type(t.element_type)
        pointer = self.names.fresh(op.memref.name_hint)
        self._bind_new_memref(op, pointer)
        alignment = self._alignment(op)
        element_bytes = (bit_width(t.element_type) + 7) // 8
        if t.has_static_shape() and t.element_count() * element_bytes <= STACK_LIMIT_BYTES:
            self.emit(f"alignas({alignment}) {ctype} {pointer}[{max(1, t.element_count())}];")
            return
        storage = self.names.fresh(f"{pointer}_storage")
        self.emit(f"irtk_scratch<{ctype}> {storage}({self.checked_count(op.memref)}, {alignment});")
        self.emit(f"{ctype}* {pointer} = {storage}.data;")

    def checked_count(self, value: SSAValue) -> str:
        """The element count of a new buffer: a product of two or more sizes known only at run time is checked for
        overflow (`irtk_element_count`), since a wrapped count would allocate less than the loops then write."""
        shape = self.shape(value)
        dynamic = [size for size in shape if not size.isdigit()]
        if len(shape) < 2 or not dynamic:
            return self.element_count(value)
        return "irtk_element_count({" + ", ".join(shape) + "})"

    def print_dealloc(self, op: memref.DeallocOp) -> None:
        self.emit(f"arena.dealloc({self.expr(op.memref)});")

    def print_copy(self, op: memref.CopyOp) -> None:
        """Contiguous buffers in one block copy; otherwise (a view on either side) element by element, a loop
        per dimension."""
        source, target = self.expr(op.source), self.expr(op.destination)
        if op.source not in self.strides and op.destination not in self.strides:
            self.emit(f"irtk_copy({target}, {source}, {self.element_count(op.source)});")
            return
        self.print_copy_by_element(op)

    def print_copy_by_element(self, op: memref.CopyOp) -> None:
        """A copy as a loop per dimension, one element at a time (views, and targets without memmove)."""
        source, target = self.expr(op.source), self.expr(op.destination)
        indices = []
        for d, size in enumerate(self.shape(op.source)):
            index = self.names.fresh(f"c{d}")
            self.emit(f"for (int64_t {index} = 0; {index} < {size}; ++{index}) {{")
            self.depth += 1
            indices.append(index)
        self.emit(f"{target}[{self.offset_of(op.destination, indices)}] = {source}[{self.offset_of(op.source, indices)}];")
        for _ in indices:
            self.depth -= 1
            self.emit("}")

    def print_get_global(self, op: memref.GetGlobalOp) -> None:
        ctype = self.c_type(op.memref.type.element_type)
        pointer = self.names.fresh(op.memref.name_hint or op.name_.string_value())
        self.bind(op.memref, [pointer])
        self.emit(f"{ctype}* {pointer} = const_cast<{ctype}*>({self.global_names[op.name_.string_value()]});")

    def print_parallel(self, op: scf.ParallelOp) -> None:
        """The outermost parallel loop of a nest runs on several threads where its body allows it (`threads.py`)."""
        if self.in_threads or not runs_in_threads(op):
            super().print_parallel(op)
            return
        self.in_threads = True
        try:
            print_threaded_parallel(self, op)
        finally:
            self.in_threads = False

    def print_assert(self, op: cf.AssertOp) -> None:
        """A failed check throws its message; a check of a numbered op (FAST_RUN) throws it without the user's
        location, which the kernel's location table puts back (`runtime/message_table.py`)."""
        message = compiled_message(op.msg.data, op.location)
        self.emit(f"if (!{self.expr(op.arg)}) irtk_fail({c_string(message)});")

