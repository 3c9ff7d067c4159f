"""The C-style printer: loop-level function bodies as C statements, shared by the C++ and device targets.

It is a dispatch table. `EXPRESSIONS` maps each pure scalar op to a renderer (see `expressions.py`) whose
result is bound to a fresh `const` temporary; `STATEMENTS` maps every other op to the name of the method
that prints it. A target subclass adds entries (allocation, assertions) and overrides hooks (the leading
parameters of every function, the spelling of math functions); the checker in `support.py` reads the same
tables, so what a target can print and what it accepts never disagree.

How values become C:
- a scalar is one variable, named after its SSA name hint;
- a memref is a data pointer plus its shape: static dimensions are literals, dynamic ones `int64_t`
  variables (`A_d0`); indexing is row-major contiguous, `A[i * A_d1 + j]`;
- a view (a memref with a strided layout: `memref.subview`) is a pointer to its first element plus its shape and
  its strides, static ones literals and dynamic ones variables (`v_s0`): `v[i * v_s0 + j * v_s1]`. The layout's
  offset is already in the pointer. A reshape of a contiguous buffer (`memref.collapse_shape`/`expand_shape`) is the
  same pointer with new sizes;
- values carried by `scf.for` or produced by `scf.if` are mutable variables declared before the statement
  and assigned by `scf.yield`; `func.return` assigns the reference parameters that carry the results.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import ClassVar

from xdsl.dialects import arith, func, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, IntegerAttr, MemRefType, NoneAttr, StridedLayoutAttr
from xdsl.ir import Attribute, Block, Operation, SSAValue

from irtk.codegen.expressions import EXPRESSIONS, Expr
from irtk.codegen.names import NameTable
from irtk.codegen.scalars import c_type
from irtk.dialects.c_library import double_name
from irtk.dialects.rank_reduction import rank_reduction_mask
from irtk.dialects.op_lookup import entry_for


def _times(a: str, b: str) -> str:
    """The C product of two index expressions, leaving out a factor 1."""
    if a == "1" or b == "1":
        return b if a == "1" else a
    return f"{_factor(a)} * {_factor(b)}"


def _factor(e: str) -> str:
    return f"({e})" if " " in e else e


def layout_strides(t: MemRefType) -> list[int | None] | None:
    """A view's strides from its strided layout (None where dynamic); None for a contiguous (identity) layout."""
    layout = t.layout
    if not isinstance(layout, StridedLayoutAttr):
        return None
    return [None if isinstance(s, NoneAttr) else s.data for s in layout.strides.data]


class CStylePrinter:
    """Prints `func.func` bodies of the loop level; subclasses print whole translation units."""

    EXPRESSIONS: ClassVar[dict[type[Operation], Expr]] = EXPRESSIONS
    STATEMENTS: ClassVar[dict[type[Operation], str]] = {
        scf.ForOp: "print_for",
        scf.ParallelOp: "print_parallel",
        scf.IfOp: "print_if",
        scf.YieldOp: "print_yield",
        scf.ReduceOp: "print_reduce",
        func.CallOp: "print_call",
        func.ReturnOp: "print_return",
        memref.LoadOp: "print_load",
        memref.StoreOp: "print_store",
        memref.DimOp: "print_dim",
        memref.SubviewOp: "print_subview",
        memref.CollapseShapeOp: "print_collapse_shape",
        memref.ExpandShapeOp: "print_expand_shape",
    }
    #: Parameters (and the matching arguments) that every generated function takes first.
    CONTEXT_PARAMS: ClassVar[tuple[str, ...]] = ()
    CONTEXT_ARGS: ClassVar[tuple[str, ...]] = ()
    #: Qualifies `<cmath>` function names.
    MATH_NAMESPACE: ClassVar[str] = "std::"

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0
        #: C function name of each `func.func`, by symbol; the translation unit fills it.
        self.function_names: dict[str, str] = {}
        self._reset_function_state()

    @classmethod
    def supports(cls, op: Operation) -> bool:
        return entry_for(cls.STATEMENTS, op) is not None or entry_for(cls.EXPRESSIONS, op) is not None

    # ---- output ----------------------------------------------------------------------------------
    def emit(self, line: str = "") -> None:
        self.lines.append("  " * self.depth + line if line else "")

    @contextmanager
    def indented(self) -> Iterator[None]:
        self.depth += 1
        yield
        self.depth -= 1

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    # ---- types and values ------------------------------------------------------------------------
    def c_type(self, t: Attribute) -> str:
        return c_type(t)

    def math_function(self, name: str) -> str:
        return self.MATH_NAMESPACE + name

    def _reset_function_state(self) -> None:
        self.names = NameTable()
        self.exprs: dict[SSAValue, str] = {}
        self.shapes: dict[SSAValue, list[str]] = {}
        self.strides: dict[SSAValue, list[str]] = {}  # of views only
        self.yield_targets: list[list[str]] = []
        self.return_targets: list[str] = []

    def expr(self, value: SSAValue) -> str:
        """The C expression of a scalar, or of a memref's data pointer."""
        return self.exprs[value]

    def shape(self, value: SSAValue) -> list[str]:
        return self.shapes[value]

    def parts(self, value: SSAValue) -> list[str]:
        """What a value is made of in C: the scalar, or the data pointer, the dynamic dimensions and (for a view)
        the dynamic strides."""
        if not isinstance(value.type, MemRefType):
            return [self.exprs[value]]
        dynamic = [i for i, size in enumerate(value.type.get_shape()) if size == DYNAMIC_INDEX]
        dynamic_strides = [i for i, stride in enumerate(layout_strides(value.type) or []) if stride is None]
        return (
            [self.exprs[value]]
            + [self.shapes[value][i] for i in dynamic]
            + [self.strides[value][i] for i in dynamic_strides]
        )

    def bind(self, value: SSAValue, parts: Sequence[str]) -> None:
        """Makes `value` stand for existing C parts (in the order `parts` returns them)."""
        self.exprs[value] = parts[0]
        if isinstance(value.type, MemRefType):
            dynamic = iter(parts[1:])
            self.shapes[value] = [next(dynamic) if s == DYNAMIC_INDEX else str(s) for s in value.type.get_shape()]
            strides = layout_strides(value.type)
            if strides is not None:
                self.strides[value] = [next(dynamic) if s is None else str(s) for s in strides]

    def declare(self, values: Sequence[SSAValue], t: Attribute, hint: str | None) -> list[tuple[str, str]]:
        """Fresh variables for a value of type `t`, bound to each of `values`: [(C type, name)]."""
        name = self.names.fresh(hint)
        if not isinstance(t, MemRefType):
            variables = [(self.c_type(t), name)]
        else:
            variables = [(self.c_type(t.element_type) + "*", name)] + [
                ("int64_t", self.names.fresh(f"{name}_d{i}"))
                for i, size in enumerate(t.get_shape())
                if size == DYNAMIC_INDEX
            ] + [
                ("int64_t", self.names.fresh(f"{name}_s{i}"))
                for i, stride in enumerate(layout_strides(t) or [])
                if stride is None
            ]
        for value in values:
            self.bind(value, [variable for _, variable in variables])
        return variables

    def declare_results(
        self, op: Operation, initial: Sequence[SSAValue] = (), aliases: Sequence[SSAValue] = ()
    ) -> list[str]:
        """Mutable variables for each result of `op` (and the value each aliases), set to `initial` if given;
        returns their names, the targets of the `scf.yield`s (or the call) that set them."""
        targets = []
        for k, result in enumerate(op.results):
            also = [aliases[k]] if aliases else []
            hint = result.name_hint or (also[0].name_hint if also else None)
            variables = self.declare([result, *also], result.type, hint)
            sources = self.parts(initial[k]) if initial else [None] * len(variables)
            for (ctype, name), source in zip(variables, sources):
                self.emit(f"{ctype} {name};" if source is None else f"{ctype} {name} = {source};")
            targets += [name for _, name in variables]
        return targets

    def linear_index(self, value: SSAValue, indices: Sequence[SSAValue]) -> str:
        return self.offset_of(value, [self.expr(index) for index in indices])

    def offset_of(self, value: SSAValue, indices: Sequence[str]) -> str:
        """The element offset of `indices` (C expressions) into memref `value`: row-major in Horner form,
        `(i * d1 + j) * d2 + k`, or for a view the sum of each index times its stride."""
        if not indices:
            return "0"
        if value in self.strides:
            terms = [index if stride == "1" else f"{index} * {stride}" for index, stride in zip(indices, self.strides[value])]
            return " + ".join(terms)
        offset = indices[0]
        for index, size in zip(indices[1:], self.shape(value)[1:]):
            if size != "1":
                offset = f"({offset}) * {size}" if " + " in offset else f"{offset} * {size}"
            offset = f"{offset} + {index}"
        return offset

    def strides_of(self, value: SSAValue) -> list[str]:
        """Each dimension's stride in elements, as C expressions (a contiguous buffer's from its shape)."""
        if value in self.strides:
            return self.strides[value]
        shape = self.shape(value)
        return [" * ".join(shape[d + 1 :]) or "1" for d in range(len(shape))]

    def element_count(self, value: SSAValue) -> str:
        return " * ".join(self.shape(value)) or "1"

    # ---- functions -------------------------------------------------------------------------------
    def function_header(self, op: func.FuncOp) -> str:
        """`void name(params)`; binds the arguments and the result parameters of `op`."""
        self._reset_function_state()
        params = list(self.CONTEXT_PARAMS)
        for arg in op.body.block.args:
            params += [f"{ctype} {name}" for ctype, name in self.declare([arg], arg.type, arg.name_hint)]
        for j, t in enumerate(op.function_type.outputs.data):
            variables = self.declare([], t, f"out{j}")
            params += [f"{ctype}& {name}" for ctype, name in variables]
            self.return_targets += [name for _, name in variables]
        return f"void {self.function_names[op.sym_name.data]}({', '.join(params)})"

    def print_function(self, op: func.FuncOp, specifiers: str = "static ") -> None:
        self.emit(f"{specifiers}{self.function_header(op)} {{")
        with self.indented():
            self.print_block(op.body.block)
        self.emit("}")

    def print_block(self, block: Block) -> None:
        for op in block.ops:
            self.print_op(op)

    def print_op(self, op: Operation) -> None:
        method = entry_for(self.STATEMENTS, op)
        if method is not None:
            getattr(self, method)(op)
            return
        render = entry_for(self.EXPRESSIONS, op)
        result = op.results[0]
        expression = render(self, op, [self.expr(operand) for operand in op.operands])
        name = self.names.fresh(result.name_hint)
        self.bind(result, [name])
        self.emit(f"const {self.c_type(result.type)} {name} = {expression};")

    def assign(self, targets: Sequence[str], values: Sequence[SSAValue]) -> None:
        """`targets = values`, all at once: through temporaries if a value is itself a later target."""
        sources = [part for value in values for part in self.parts(value)]
        pairs = [(t, s) for t, s in zip(targets, sources, strict=True) if t != s]
        if any(s in targets for _, s in pairs):
            staged = []
            for target, source in pairs:
                temporary = self.names.fresh(f"{target}_next")
                self.emit(f"const auto {temporary} = {source};")
                staged.append((target, temporary))
            pairs = staged
        for target, source in pairs:
            self.emit(f"{target} = {source};")

    # ---- control flow ----------------------------------------------------------------------------
    @contextmanager
    def yielding_to(self, targets: list[str]) -> Iterator[None]:
        """`scf.yield`s met inside assign to `targets`."""
        self.yield_targets.append(targets)
        yield
        self.yield_targets.pop()

    def print_region_body(self, block: Block, targets: list[str]) -> None:
        with self.indented(), self.yielding_to(targets):
            self.print_block(block)

    def print_for(self, op: scf.ForOp) -> None:
        block = op.body.block
        targets = self.declare_results(op, op.iter_args, block.args[1:])
        iv = block.args[0]
        name = self.declare([iv], iv.type, iv.name_hint or "i")[0][1]
        lb, ub, step = self.expr(op.lb), self.expr(op.ub), self.expr(op.step)
        self.emit(f"for ({self.c_type(iv.type)} {name} = {lb}; {name} < {ub}; {name} += {step}) {{")
        self.print_region_body(block, targets)
        self.emit("}")

    def print_parallel(self, op: scf.ParallelOp) -> None:
        """A parallel loop nest, printed sequentially: one `for` per dimension, outermost first."""
        block, base = op.body.block, self.depth
        bounds = zip(block.args, op.lowerBound, op.upperBound, op.step, strict=True)
        for k, (iv, lb, ub, step) in enumerate(bounds):
            name = self.declare([iv], iv.type, iv.name_hint or "i")[0][1]
            lb, ub, step = self.expr(lb), self.expr(ub), self.expr(step)
            self.depth = base + k
            self.emit(f"for (int64_t {name} = {lb}; {name} < {ub}; {name} += {step}) {{")
        self.depth = base + len(block.args) - 1
        self.print_region_body(block, [])
        for k in reversed(range(len(block.args))):
            self.depth = base + k
            self.emit("}")
        self.depth = base

    def print_if(self, op: scf.IfOp) -> None:
        targets = self.declare_results(op)
        self.emit(f"if ({self.expr(op.cond)}) {{")
        self.print_region_body(op.true_region.block, targets)
        otherwise = op.false_region.blocks
        if otherwise and any(not isinstance(o, scf.YieldOp) or o.operands for o in otherwise[0].ops):
            self.emit("} else {")
            self.print_region_body(otherwise[0], targets)
        self.emit("}")

    def print_yield(self, op: scf.YieldOp) -> None:
        self.assign(self.yield_targets[-1], op.operands)

    def print_reduce(self, op: scf.ReduceOp) -> None:
        """`scf.reduce` without operands ends a parallel body and prints nothing."""

    def print_return(self, op: func.ReturnOp) -> None:
        self.assign(self.return_targets, op.operands)

    def print_call(self, op: func.CallOp) -> None:
        callee = op.callee.string_value()
        if callee not in self.function_names:  # a declared C library function (`c_library`): a math call
            function = self.math_function(double_name(callee) or callee)
            name = self.names.fresh(op.results[0].name_hint)
            self.bind(op.results[0], [name])
            arguments = ", ".join(self.expr(a) for a in op.operands)
            self.emit(f"const {self.c_type(op.results[0].type)} {name} = {function}({arguments});")
            return
        outputs = self.declare_results(op)
        args = list(self.CONTEXT_ARGS) + [part for value in op.operands for part in self.parts(value)]
        self.emit(f"{self.function_names[op.callee.string_value()]}({', '.join(args + outputs)});")

    # ---- memory ----------------------------------------------------------------------------------
    def print_load(self, op: memref.LoadOp) -> None:
        name = self.names.fresh(op.res.name_hint)
        self.bind(op.res, [name])
        address = f"{self.expr(op.memref)}[{self.linear_index(op.memref, op.indices)}]"
        self.emit(f"const {self.c_type(op.res.type)} {name} = {address};")

    def print_store(self, op: memref.StoreOp) -> None:
        address = f"{self.expr(op.memref)}[{self.linear_index(op.memref, op.indices)}]"
        self.emit(f"{address} = {self.expr(op.value)};")

    def print_subview(self, op: memref.SubviewOp) -> None:
        """A view: the pointer moves to the first element; sizes are the slice's, strides the source's times the
        steps; the dimensions a rank-reduced result drops are left out."""
        offsets = self._mixed(op.static_offsets.get_values(), op.offsets)
        sizes = self._mixed(op.static_sizes.get_values(), op.sizes)
        steps = self._mixed(op.static_strides.get_values(), op.strides)
        source_strides = self.strides_of(op.source)
        start = " + ".join(_times(o, st) for o, st in zip(offsets, source_strides) if o != "0") or "0"
        static_sizes = [None if n == DYNAMIC_INDEX else n for n in op.static_sizes.get_values()]
        result_shape = [None if n == DYNAMIC_INDEX else n for n in op.result.type.get_shape()]
        kept = rank_reduction_mask(static_sizes, result_shape)
        pointer = self.names.fresh(op.result.name_hint or "view")
        ctype = self.c_type(op.result.type.element_type)
        self.emit(f"{ctype}* {pointer} = {self.expr(op.source)} + ({start});")
        parts = [pointer]
        result_type = op.result.type
        kept_sizes = [n for n, k in zip(sizes, kept) if k]
        kept_strides = [_times(st, step) for st, step, k in zip(source_strides, steps, kept) if k]
        for d, size in enumerate(result_type.get_shape()):
            if size == DYNAMIC_INDEX:
                parts.append(self._constant_index(f"{pointer}_d{d}", kept_sizes[d]))
        for d, stride in enumerate(layout_strides(result_type) or []):
            if stride is None:
                parts.append(self._constant_index(f"{pointer}_s{d}", kept_strides[d]))
        self.bind(op.result, parts)

    def print_collapse_shape(self, op: memref.CollapseShapeOp) -> None:
        """Of a contiguous buffer: the same pointer, each group of dimensions one."""
        shape = self.shape(op.src)
        parts = [self.expr(op.src)]
        for d, (group, size) in enumerate(zip(op.reassociation, op.result.type.get_shape())):
            if size == DYNAMIC_INDEX:
                product = " * ".join(f"({shape[k.value.data]})" for k in group) or "1"
                parts.append(self._constant_index(f"{parts[0]}_d{d}", product))
        self.bind(op.result, parts)

    def print_expand_shape(self, op: memref.ExpandShapeOp) -> None:
        """Of a contiguous buffer: the same pointer, with the output shape's sizes."""
        parts = [self.expr(op.src)]
        sizes = self._mixed(op.static_output_shape.get_values(), op.output_shape)
        for d, size in enumerate(op.result.type.get_shape()):
            if size == DYNAMIC_INDEX:
                parts.append(self._constant_index(f"{parts[0]}_d{d}", sizes[d]))
        self.bind(op.result, parts)

    def _mixed(self, static: Sequence[int], dynamic: Sequence[SSAValue]) -> list[str]:
        """MLIR's mixed static/dynamic list (`[%o, 0, %n]`) as C expressions."""
        values = iter(dynamic)
        return [self.expr(next(values)) if n == DYNAMIC_INDEX else str(n) for n in static]

    def _constant_index(self, hint: str, expression: str) -> str:
        name = self.names.fresh(hint)
        self.emit(f"const int64_t {name} = {expression};")
        return name

    def print_dim(self, op: memref.DimOp) -> None:
        """A constant index picks the dimension now; any other selects among them at run time."""
        shape = self.shape(op.source)
        index = op.index.owner
        if isinstance(index, arith.ConstantOp) and isinstance(index.value, IntegerAttr):
            k = index.value.value.data
            size = shape[k] if 0 <= k < len(shape) else "-1"  # out of range is undefined in MLIR
        else:
            size = "".join(f"{self.expr(op.index)} == {k} ? {s} : " for k, s in enumerate(shape)) + "-1"
        name = self.names.fresh(op.result.name_hint)
        self.bind(op.result, [name])
        self.emit(f"const int64_t {name} = {size};")
