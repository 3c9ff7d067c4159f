"""`bufferize`: tensors → memrefs. Values become buffers; computations write into them in place.

Contract
  Input: single-block functions over tensors holding `linalg.generic`/`linalg.fill`/`irtk_ext.scan`/`irtk_ext.scatter` on tensors, `tensor.empty`,
  `tensor.dim`, `tensor.extract` (a load), dense `arith.constant` tensors, scalar arith, `cf.assert` (what lower-to-structured
  and fuse produce). Fails, naming the op, on any other tensor-producing op.
  Afterwards: no tensor types remain. Function arguments are read-only input buffers. Every result
  is a buffer the function allocated (ownership passes to the caller, the kernel ABI's rule); a
  result that would alias an argument, a constant or another result is copied first. Every other
  allocation is freed before the function returns. Constants become private `memref.global`s.

Loops: an `scf.for` carrying tensors keeps each in one buffer for the whole loop (see `convert_for`). A
`tensor.extract` inside a body (a gather from a captured tensor) becomes a `memref.load` of its buffer.

In place: a generic or fill writes straight into the buffer of its `outs` tensor when nothing else
reads that tensor (the usual case: a fresh `tensor.empty`); otherwise it writes into a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.context import Context
from xdsl.dialects import arith, func, memref, scf, tensor
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    FunctionType,
    IndexType,
    MemRefType,
    ModuleOp,
    StringAttr,
    TensorType,
    UnitAttr,
)
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.diagnostics import OpError
from irtk.dialects.structured_ext import ScanOp, ScatterOp


def memref_type(t: Attribute) -> Attribute:
    if isinstance(t, TensorType):
        return MemRefType(t.element_type, t.get_shape())
    return t


class FunctionBufferizer:
    """Bufferizes one function, op by op in order, keeping a tensor-value → buffer map."""

    def __init__(self, module: ModuleOp, function: func.FuncOp, globals_: list[memref.GlobalOp]):
        self.module = module
        self.function = function
        self.globals = globals_
        self.buffer: dict[SSAValue, SSAValue] = {}
        self.allocs: list[SSAValue] = []
        self.retired: list[Operation] = []

    def run(self) -> None:
        f = self.function
        block = f.body.block
        for arg in list(block.args):
            if isinstance(arg.type, TensorType):
                self.buffer[arg] = Rewriter.replace_value_with_new_type(arg, memref_type(arg.type))
        for op in list(block.ops):
            self.convert(op)
        for op in reversed(self.retired):  # users before producers
            op.erase(safe_erase=False)
        f.function_type = FunctionType.from_lists(
            [memref_type(t) for t in f.function_type.inputs], [memref_type(t) for t in f.function_type.outputs]
        )

    def buf(self, v: SSAValue) -> SSAValue:
        return self.buffer.get(v, v)

    def insert(self, op: Operation, before: Operation) -> Operation:
        op.location = before.location
        Builder(InsertPoint.before(before)).insert(op)
        return op

    def alloc_like(self, value: SSAValue, t: MemRefType, before: Operation) -> SSAValue:
        """A new buffer of `t`'s type, with `value`'s dynamic sizes."""
        sizes = []
        for d, size in enumerate(t.get_shape()):
            if size < 0:
                index = self.insert(arith.ConstantOp.from_int_and_width(d, IndexType()), before).results[0]
                sizes.append(self.insert(memref.DimOp(value, index), before).results[0])
        new = self.insert(memref.AllocOp(sizes, [], t), before).results[0]
        self.allocs.append(new)
        return new

    def writable(self, tensor_value: SSAValue, op: Operation) -> SSAValue:
        """The buffer `op` may write its result into: its outs' buffer, or a copy if others read it."""
        buffer = self.buf(tensor_value)
        owner = buffer.owner
        private = isinstance(owner, memref.AllocOp) and tensor_value.uses.get_length() == 1
        if private:
            return buffer
        copy = self.alloc_like(buffer, buffer.type, op)
        self.insert(memref.CopyOp(buffer, copy), op)
        return copy

    def convert(self, op: Operation) -> None:
        if isinstance(op, tensor.EmptyOp):
            new = self.insert(memref.AllocOp(list(op.dynamic_sizes), [], memref_type(op.tensor.type)), op)
            self.allocs.append(new.results[0])
            self.replace(op, new.results[0])
        elif isinstance(op, tensor.DimOp):
            self.replace(op, self.insert(memref.DimOp(self.buf(op.source), op.index), op).results[0])
        elif isinstance(op, tensor.ExtractOp):
            self.replace(op, self.insert(memref.LoadOp.get(self.buf(op.tensor), list(op.indices)), op).results[0])
        elif isinstance(op, arith.ConstantOp) and isinstance(op.result.type, TensorType):
            self.replace(op, self.global_constant(op))
        elif isinstance(op, (linalg.FillOp, linalg.GenericOp)) and not op.results:
            return  # already on buffers
        elif isinstance(op, linalg.FillOp):
            out = self.writable(op.outputs[0], op)
            self.insert(linalg.FillOp(list(op.inputs), [out], []), op)
            self.replace(op, out)
        elif isinstance(op, linalg.GenericOp):
            outs = [self.writable(o, op) for o in op.outputs]
            new = linalg.GenericOp(
                [self.buf(v) for v in op.inputs], outs, op.detach_region(op.body), op.indexing_maps, op.iterator_types, []
            )
            self.insert(new, op)
            self.load_captured(new)
            for result, out in zip(op.results, outs):  # users read them through self.buffer
                self.buffer[result] = out
            self.retire(op)
        elif isinstance(op, ScanOp) and op.results:
            out = self.writable(op.output, op)
            self.insert(ScanOp(self.buf(op.input), out, op.detach_region(op.body), op.dim, op.is_reverse), op)
            self.buffer[op.results[0]] = out
            self.retire(op)
        elif isinstance(op, ScatterOp) and op.results:
            out = self.writable(op.output, op)
            self.insert(ScatterOp(self.buf(op.updates), [self.buf(i) for i in op.indices], out, op.detach_region(op.body)), op)
            self.buffer[op.results[0]] = out
            self.retire(op)
        elif isinstance(op, scf.ForOp) and any(isinstance(t, TensorType) for t in op.result_types):
            self.convert_for(op)
        elif isinstance(op, func.ReturnOp):
            self.convert_return(op)
        elif any(isinstance(t, TensorType) for t in [*op.result_types, *(o.type for o in op.operands)]):
            raise OpError(op, f"bufferize: {op.name} on tensors is not supported")

    def load_captured(self, op: Operation) -> None:
        """`tensor.extract` of a tensor the body of `op` captures (a gather) becomes a `memref.load` of its buffer."""
        for inner in list(op.walk()):
            if isinstance(inner, tensor.ExtractOp):  # of a tensor, or of an argument already made a memref
                load = memref.LoadOp.get(self.buf(inner.tensor), list(inner.indices))
                load.location = inner.location
                Rewriter.replace_op(inner, load)

    def convert_for(self, op: scf.ForOp) -> None:
        """An `scf.for` carrying tensors: each carried tensor lives in one buffer for the whole loop (a private copy
        of its initial value), which the body reads and, at the end of each iteration, receives the value yielded
        for the next one (copied unless it was computed in place); the buffers the body allocates are freed at the
        end of its iteration. Scalars stay `iter_args`."""
        # (an argument's type is already a memref: arguments are converted first)
        carried = [self.writable(init, op) if isinstance(init.type, (TensorType, MemRefType)) else None for init in op.iter_args]
        scalar_inits = [init for init, c in zip(op.iter_args, carried) if c is None]
        old = op.body.block
        block = Block(arg_types=[IndexType(), *(v.type for v in scalar_inits)])
        loop = self.insert(scf.ForOp(op.lb, op.ub, op.step, scalar_inits, Region(block)), op)
        old.args[0].replace_all_uses_with(block.args[0])
        scalar_args = iter(block.args[1:])
        for arg, buffer in zip(old.args[1:], carried):
            if buffer is None:
                arg.replace_all_uses_with(next(scalar_args))
            else:
                self.buffer[arg] = buffer
        yielded = old.last_op
        assert isinstance(yielded, scf.YieldOp)
        for inner in list(old.ops):
            inner.detach()
            block.add_op(inner)
        outer_allocs, self.allocs = self.allocs, []
        for inner in list(block.ops):
            if inner is not yielded:
                self.convert(inner)
        for value, buffer in zip(yielded.operands, carried):
            if buffer is not None and self.buf(value) is not buffer:
                self.insert(memref.CopyOp(self.buf(value), buffer), yielded)
        for allocated in self.allocs:
            self.insert(memref.DeallocOp.get(allocated), yielded)
        self.allocs = outer_allocs
        self.insert(scf.YieldOp(*(v for v, c in zip(yielded.operands, carried) if c is None)), yielded)
        yielded.detach()
        self.retired.append(yielded)
        scalar_results = iter(loop.results)
        for result, buffer in zip(op.results, carried):
            if buffer is None:
                result.replace_all_uses_with(next(scalar_results))
            else:
                self.buffer[result] = buffer
        self.retire(op)

    def replace(self, op: Operation, value: SSAValue) -> None:
        """Retire `op`; its result is now `value` (a buffer, for a tensor result)."""
        result = op.results[0]
        if isinstance(result.type, TensorType):
            # Users come later in the block; they read the buffer through self.buffer when converted.
            self.buffer[result] = value
        else:
            result.replace_all_uses_with(value)
        self.retire(op)

    def retire(self, op: Operation) -> None:
        op.detach()
        self.retired.append(op)

    def global_constant(self, op: arith.ConstantOp) -> SSAValue:
        value = op.value
        assert isinstance(value, DenseIntOrFPElementsAttr)
        t = memref_type(op.result.type)
        name = f"__constant_{len(self.globals)}"
        g = memref.GlobalOp.get(StringAttr(name), t, value, StringAttr("private"), UnitAttr())
        self.globals.append(g)
        return self.insert(memref.GetGlobalOp(name, t), op).results[0]

    def convert_return(self, op: func.ReturnOp) -> None:
        returned: list[SSAValue] = []
        for v in op.arguments:
            b = self.buf(v)
            if isinstance(b.type, MemRefType) and (b not in self.allocs or b in returned):
                copy = self.alloc_like(b, b.type, op)
                self.insert(memref.CopyOp(b, copy), op)
                b = copy
            returned.append(b)
        for a in self.allocs:
            if a not in returned:
                self.insert(memref.DeallocOp.get(a), op)
        self.insert(func.ReturnOp(*returned), op)
        self.retire(op)


@dataclass(frozen=True)
class Bufferize(ModulePass):
    """Turn tensors into buffers (see the module docstring for the contract)."""

    name = "bufferize"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        globals_: list[memref.GlobalOp] = [g for g in op.ops if isinstance(g, memref.GlobalOp)]
        n_before = len(globals_)
        for f in [f for f in op.ops if isinstance(f, func.FuncOp)]:
            if len(f.body.blocks) > 1:
                raise OpError(f, f"bufferize: @{f.sym_name.data} has {len(f.body.blocks)} blocks; only single-block functions are supported")
            if f.body.blocks:
                FunctionBufferizer(op, f, globals_).run()
        for g in globals_[n_before:]:
            Builder(InsertPoint.at_start(op.body.block)).insert(g)
