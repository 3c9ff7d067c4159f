"""What an emitter accepts, checked over the whole module before a single line is printed.

The contract is the loop level of docs/architecture.md. A module that strays from it gets one `EmitError`
that lists every problem, each naming its op and location, instead of a C++ compile error later (or worse,
a kernel that compiles and computes something else). The ops accepted are exactly those in the printer's
dispatch tables; the other checks are the assumptions the printers make. The regions of an op with a
problem are not looked into, so one unsupported op is reported once, not once per op inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from xdsl.dialects import arith, func, memref, scf
from xdsl.dialects.builtin import DenseIntOrFPElementsAttr, FloatAttr, IntegerAttr, MemRefType, ModuleOp, StridedLayoutAttr
from xdsl.ir import Attribute, Block, Operation, SSAValue

from irtk.codegen.cstyle import CStylePrinter
from irtk.codegen.errors import EmitError, describe
from irtk.codegen.scalars import is_memref, is_scalar
from irtk.dialects.c_library import is_c_declaration
from irtk.dialects.signless import boundary_types
from irtk.dialects.op_lookup import entry_for

#: irtk_abi.h's IRTK_MAX_RANK: the most dimensions an entry argument or result may have.
MAX_RANK = 16

#: A problem: the op it is about (None for the module as a whole) and what is wrong.
Problem = tuple[Operation | None, str]


def check_module(module: ModuleOp, printer: type[CStylePrinter], target: str) -> func.FuncOp:
    """Raises EmitError unless `printer` can print all of `module`; returns the entry function."""
    checker = _Checker(printer, target, module)
    entry = checker.check()
    if checker.problems:
        lines = list(dict.fromkeys(f"{describe(op)}: {text}" if op else text for op, text in checker.problems))
        first = next((op for op, _ in checker.problems if op is not None), None)
        message = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)
        raise EmitError(message, first)
    assert entry is not None
    return entry


@dataclass
class _Checker:
    printer: type[CStylePrinter]
    target: str
    module: ModuleOp
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.functions = {op.sym_name.data: op for op in self.module.ops if isinstance(op, func.FuncOp)}
        self.globals = {op.sym_name.data: op for op in self.module.ops if isinstance(op, memref.GlobalOp)}

    def check(self) -> func.FuncOp | None:
        for op in self.module.ops:
            if isinstance(op, memref.GlobalOp):
                self.check_global(op)
            elif isinstance(op, func.FuncOp):
                self.check_function(op)
            else:
                self.problems.append((op, "only func.func and memref.global may appear in the module"))
        public = [f for f in self.functions.values() if _is_public(f)]
        if len(public) != 1:
            names = ", ".join("@" + f.sym_name.data for f in public) or "none"
            message = f"the module needs exactly one public func.func (the entry point); it has {names}"
            self.problems.append((None, message))
            return None
        self.check_entry(public[0])
        return public[0]

    def check_global(self, op: memref.GlobalOp) -> None:
        t = op.type
        if not is_memref(t) or not isinstance(t, MemRefType) or not t.has_static_shape():
            self.problems.append((op, f"a global needs a statically shaped memref of scalars, not {t}"))
        elif op.constant is None or not isinstance(op.initial_value, DenseIntOrFPElementsAttr):
            self.problems.append((op, "only constant globals with a dense initial value are supported"))

    def check_function(self, function: func.FuncOp) -> None:
        name = function.sym_name.data
        if is_c_declaration(function):  # a C library function the body calls (`c_library`)
            return
        if not function.body.blocks:
            self.problems.append((function, f"@{name} is only declared; it needs a body"))
            return
        if len(function.body.blocks) != 1:
            self.problems.append((function, f"@{name} has several blocks (unstructured control flow)"))
            return
        signature = [*function.function_type.inputs.data, *function.function_type.outputs.data]
        self.problems += [(function, f"type {t} is unsupported") for t in signature if not _fits(t)]
        self.check_block(function.body.block)

    def check_entry(self, entry: func.FuncOp) -> None:
        """The entry's arguments and results cross the ABI: memrefs only (a scalar is rank 0), of bounded rank."""
        types = [*entry.function_type.inputs.data, *entry.function_type.outputs.data]
        bad = [
            t for t in types
            if is_scalar(t) or (isinstance(t, MemRefType) and (t.get_num_dims() > MAX_RANK or not _is_contiguous(t)))
        ]
        rule = f"it may pass only contiguous memrefs of rank <= {MAX_RANK}"
        self.problems += [(entry, f"the entry point passes {t}; {rule}") for t in bad]
        try:  # an `irtk.dtype` attribute must name a dtype its memref can hold
            boundary_types(entry)
        except (TypeError, ValueError) as e:
            self.problems.append((entry, f"the entry point's irtk.dtype attributes: {e}"))

    def check_block(self, block: Block) -> None:
        for op in block.ops:
            found = self.op_problems(op)
            self.problems += found
            if not found:
                for region in op.regions:
                    for inner in region.blocks:
                        self.check_block(inner)

    def op_problems(self, op: Operation) -> list[Problem]:
        if not self.printer.supports(op):
            return [(op, f"the {self.target} emitter does not support this op")]
        block_args = (arg for region in op.regions for block in region.blocks for arg in block.args)
        values: list[SSAValue] = [*op.results, *block_args]
        problems = [(op, f"values of type {v.type} are unsupported") for v in values if not _fits(v.type)]
        check = entry_for(OP_CHECKS, op)
        message = check(self, op) if check else None
        return problems + ([(op, message)] if message else [])


def _is_public(function: func.FuncOp) -> bool:
    return function.sym_visibility is None or function.sym_visibility.data == "public"


def _fits(t: Attribute) -> bool:
    return is_scalar(t) or is_memref(t)


def _is_contiguous(t: MemRefType) -> bool:
    return not isinstance(t.layout, StridedLayoutAttr)


def _reshapes_contiguous(c: _Checker, op: Operation) -> str | None:
    source = op.operands[0].type
    return None if _is_contiguous(source) else "only a contiguous buffer may be reshaped (copy a view first)"


def _escapes(value: SSAValue) -> bool:
    return any(isinstance(use.operation, (scf.YieldOp, func.ReturnOp)) for use in value.uses)


def _is_global(value: SSAValue) -> bool:
    return isinstance(value.owner, memref.GetGlobalOp)


def _check_call(checker: _Checker, op: func.CallOp) -> str | None:
    name = op.callee.string_value()
    callee = checker.functions.get(name)
    if callee is not None and is_c_declaration(callee):
        return None  # a C library function (`c_library`)
    return None if callee is not None and callee.body.blocks else f"no function @{name} with a body in this module"


#: Op-specific conditions beyond "the printer has an entry": each returns a problem, or None.
OP_CHECKS: dict[type[Operation], Callable[[_Checker, Operation], str | None]] = {
    arith.ConstantOp: lambda c, op: None
    if isinstance(op.value, (IntegerAttr, FloatAttr))
    else "only scalar constants are supported",
    scf.ParallelOp: lambda c, op: "reductions in scf.parallel are unsupported" if op.initVals else None,
    func.CallOp: _check_call,
    memref.GetGlobalOp: lambda c, op: None
    if op.name_.string_value() in c.globals
    else f"no memref.global @{op.name_.string_value()} in this module",
    memref.AllocaOp: lambda c, op: "a memref.alloca result may not leave its block (yield or return)"
    if _escapes(op.memref)
    else None,
    memref.StoreOp: lambda c, op: "stores into a constant global" if _is_global(op.memref) else None,
    memref.CopyOp: lambda c, op: "copies into a constant global" if _is_global(op.destination) else None,
    memref.CollapseShapeOp: _reshapes_contiguous,
    memref.ExpandShapeOp: _reshapes_contiguous,
}
