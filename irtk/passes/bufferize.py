"""`bufferize`: tensors → memrefs. Values become buffers; computations write into them in place.

Contract
  Level: structured → memref
  Needs: single-block functions over tensors holding `linalg.generic`, `linalg.fill`, `irtk_ext.scan`,
    `irtk_ext.scatter` and `irtk_blas.gemm` on tensors, `tensor.empty`, `tensor.dim`, `tensor.extract` (a load),
    `tensor.extract_slice`, `tensor.collapse_shape`/`expand_shape`, dense `arith.constant` tensors, scalar arith,
    `cf.assert`, tensor-level `scf.for` (what lower-to-structured and fuse produce).
  Guarantees: no tensor types remain. Function arguments are read-only input buffers. Every result is a
    contiguous buffer the function allocated (ownership passes to the caller, the kernel ABI's rule); a result
    that would alias an argument, a constant or another result, or that is a strided view, is copied first.
    Every other allocation is freed before the function returns. Constants become private `memref.global`s.
  Fails: with an `OpError` at any other tensor-producing op, and at a function of more than one block.

Views: a slice (`tensor.extract_slice`) becomes a `memref.subview` of its source's buffer, with a strided layout
whose offset and strides are known when the program runs; a reshape becomes `memref.collapse_shape`/`expand_shape`
of the buffer when it is contiguous (else of a contiguous copy). Neither copies an element.

Loops: an `scf.for` carrying tensors keeps each in one buffer for the whole loop (see `convert_for`). A
`tensor.extract` inside a body (a gather from a captured tensor) becomes a `memref.load` of its buffer.

In place, by alias analysis (`may_overwrite`): an op writes straight into the buffer of its destination tensor (a
generic's `outs`, a scatter's target, a loop's initial value) when the function allocated that buffer in the same
block and no value living in it — the tensor, earlier values computed in place there, views of it — is read after
the op; otherwise it writes into a copy. So `inc_subtensor` of a fresh value updates it in place, one whose old
value is read later is copied first, and a function argument is never written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.context import Context
from xdsl.dialects import arith, func, memref, scf, tensor
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    DenseIntOrFPElementsAttr,
    FunctionType,
    IndexType,
    MemRefType,
    ModuleOp,
    NoneAttr,
    StridedLayoutAttr,
    StringAttr,
    TensorType,
    UnitAttr,
)
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.diagnostics import OpError
from irtk.dialects.blas import GemmOp
from irtk.dialects.structured_ext import ScanOp, ScatterOp


def memref_type(t: Attribute) -> Attribute:
    if isinstance(t, TensorType):
        return MemRefType(t.element_type, t.get_shape())
    return t


def subview_type(source: MemRefType, op: tensor.ExtractSliceOp) -> MemRefType:
    """The type MLIR infers for the view a slice `op` takes of a buffer of type `source`: each stride the source's
    times the step, the offset the source's plus each offset times its stride — static where all of those are
    static — with the dimensions a rank-reduced result drops left out."""
    from irtk.dialects.rank_reduction import rank_reduction_mask

    def known(values):
        return [None if v == DYNAMIC_INDEX else v for v in values]

    shape = known(source.get_shape())
    if isinstance(source.layout, StridedLayoutAttr):
        strides = [None if isinstance(v, NoneAttr) else v.data for v in source.layout.strides.data]
        offset = None if isinstance(source.layout.offset, NoneAttr) else source.layout.offset.data
    else:  # row-major: a dimension's stride is the product of the sizes after it
        strides, offset = [], 0
        for d in range(len(shape)):
            after = shape[d + 1 :]
            strides.append(None if None in after else math.prod(after))
    offsets, sizes, steps = (known(a.get_values()) for a in (op.static_offsets, op.static_sizes, op.static_strides))
    for o, stride in zip(offsets, strides):
        offset = None if offset is None or o is None or stride is None else offset + o * stride
    new_strides = [None if stride is None or step is None else stride * step for stride, step in zip(strides, steps)]
    result_shape = known(op.result.type.get_shape())
    kept = rank_reduction_mask(sizes, result_shape)
    layout = StridedLayoutAttr([st for st, k in zip(new_strides, kept) if k], offset)
    return MemRefType(source.element_type, op.result.type.get_shape(), layout)


def is_contiguous(t: MemRefType) -> bool:
    """Whether a buffer of type `t` is row-major contiguous (MLIR's identity layout)."""
    return isinstance(t.layout, NoneAttr)


class FunctionBufferizer:
    """Bufferizes one function, op by op in order, keeping a tensor-value → buffer map."""

    def __init__(self, module: ModuleOp, function: func.FuncOp, globals_: list[memref.GlobalOp]):
        self.module = module
        self.function = function
        self.globals = globals_
        self.buffer: dict[SSAValue, SSAValue] = {}
        self.allocs: list[SSAValue] = []
        self.retired: list[Operation] = []
        #: buffer -> the buffer it is a view of (a subview, or a reshape of a contiguous buffer); absent for a root
        self.view_of: dict[SSAValue, SSAValue] = {}
        #: a loop body's block -> the buffers that carry the loop's tensors (each iteration's value lives there)
        self.carried_in: dict[Block, set[SSAValue]] = {}
        #: root buffer -> the tensor values that live in it or in a view of it
        self.sharing: dict[SSAValue, list[SSAValue]] = {}

    def run(self) -> None:
        f = self.function
        block = f.body.block
        for arg in list(block.args):
            if isinstance(arg.type, TensorType):
                self.bind(arg, Rewriter.replace_value_with_new_type(arg, memref_type(arg.type)))
        for op in list(block.ops):
            self.convert(op)
        for op in reversed(self.retired):  # users before producers
            op.erase(safe_erase=False)
        f.function_type = FunctionType.from_lists(
            [memref_type(t) for t in f.function_type.inputs], [memref_type(t) for t in f.function_type.outputs]
        )

    def buf(self, v: SSAValue) -> SSAValue:
        return self.buffer.get(v, v)

    def bind(self, tensor_value: SSAValue, buffer: SSAValue) -> None:
        """`tensor_value` now lives in `buffer` (which may be a view of another)."""
        self.buffer[tensor_value] = buffer
        self.sharing.setdefault(self.root(buffer), []).append(tensor_value)

    def insert(self, op: Operation, before: Operation) -> Operation:
        op.location = before.location
        Builder(InsertPoint.before(before)).insert(op)
        return op

    def alloc_like(self, value: SSAValue, t: MemRefType, before: Operation) -> SSAValue:
        """A new contiguous buffer of `t`'s shape and element type, with `value`'s dynamic sizes."""
        sizes = []
        for d, size in enumerate(t.get_shape()):
            if size < 0:
                index = self.insert(arith.ConstantOp.from_int_and_width(d, IndexType()), before).results[0]
                sizes.append(self.insert(memref.DimOp(value, index), before).results[0])
        new = self.insert(memref.AllocOp(sizes, [], MemRefType(t.element_type, t.get_shape())), before).results[0]
        self.allocs.append(new)
        return new

    def root(self, buffer: SSAValue) -> SSAValue:
        """The buffer that owns the memory `buffer` reads (itself unless it is a view)."""
        while buffer in self.view_of:
            buffer = self.view_of[buffer]
        return buffer

    def writable(self, tensor_value: SSAValue, op: Operation) -> SSAValue:
        """The buffer `op` may write its result into: its outs' buffer, or a copy if that would change a value
        something still reads (see `may_overwrite`)."""
        buffer = self.buf(tensor_value)
        if self.may_overwrite(tensor_value, op):
            return buffer
        copy = self.alloc_like(buffer, buffer.type, op)
        self.insert(memref.CopyOp(buffer, copy), op)
        return copy

    def may_overwrite(self, tensor_value: SSAValue, op: Operation) -> bool:
        """Alias analysis: `op` may write into the buffer holding `tensor_value` when that buffer was allocated by
        this function in the block of `op`, or carries a tensor of the loop whose body that block is (so never an
        argument, a constant, or another buffer from outside a loop, which the next iteration would read again),
        it is not a view, and no tensor whose value lives in it — the tensor itself, earlier values computed in
        place in it, views of it — is read by any op after `op`, or by `op` other than as the tensor it writes. Ops are converted in order and retired (detached) once converted, so a
        use by a detached op is in the past."""
        buffer = self.buf(tensor_value)
        block = op.parent_block()
        if not isinstance(buffer.owner, memref.AllocOp) or buffer in self.view_of:
            return False
        if buffer.owner.parent_block() is not block and buffer not in self.carried_in.get(block, ()):
            return False
        written = [use.index for use in tensor_value.uses if use.operation is op]
        if len(written) != 1 or not _is_destination(op, written[0]):
            return False
        for t in self.sharing.get(buffer, ()):
            for use in t.uses:
                user = _ancestor_in(use.operation, block)
                if user is None or (user is op and t is tensor_value):
                    continue
                if user is op or not user.is_before_in_block(op):
                    return False
        return True

    def convert(self, op: Operation) -> None:
        if isinstance(op, tensor.EmptyOp):
            new = self.insert(memref.AllocOp(list(op.dynamic_sizes), [], memref_type(op.tensor.type)), op)
            self.allocs.append(new.results[0])
            self.replace(op, new.results[0])
        elif isinstance(op, tensor.DimOp):
            self.replace(op, self.insert(memref.DimOp(self.buf(op.source), op.index), op).results[0])
        elif isinstance(op, tensor.ExtractSliceOp):
            self.convert_extract_slice(op)
        elif isinstance(op, (tensor.CollapseShapeOp, tensor.ExpandShapeOp)):
            self.convert_reshape(op)
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
                self.bind(result, out)
            self.retire(op)
        elif isinstance(op, ScanOp) and op.results:
            out = self.writable(op.output, op)
            self.insert(ScanOp(self.buf(op.input), out, op.detach_region(op.body), op.dim, op.is_reverse), op)
            self.bind(op.results[0], out)
            self.retire(op)
        elif isinstance(op, GemmOp) and op.results:  # its outs' buffer is never an operand's (writable copies then)
            out = self.writable(op.output, op)
            self.insert(GemmOp(self.buf(op.lhs), self.buf(op.rhs), out, op.transposes_lhs, op.transposes_rhs), op)
            self.bind(op.results[0], out)
            self.retire(op)
        elif isinstance(op, ScatterOp) and op.results:
            out = self.writable(op.output, op)
            self.insert(ScatterOp(self.buf(op.updates), [self.buf(i) for i in op.indices], out, op.detach_region(op.body)), op)
            self.bind(op.results[0], out)
            self.retire(op)
        elif isinstance(op, scf.ForOp) and any(isinstance(t, TensorType) for t in op.result_types):
            self.convert_for(op)
        elif isinstance(op, func.ReturnOp):
            self.convert_return(op)
        elif any(isinstance(t, TensorType) for t in [*op.result_types, *(o.type for o in op.operands)]):
            raise OpError(op, f"bufferize: {op.name} on tensors is not supported")

    def convert_extract_slice(self, op: tensor.ExtractSliceOp) -> None:
        """A slice is a view: a `memref.subview` of the source's buffer, whose layout (offset, strides) is known
        only when the program runs."""
        source = self.buf(op.source)
        view = memref.SubviewOp(
            source, list(op.offsets), list(op.sizes), list(op.strides),
            op.static_offsets, op.static_sizes, op.static_strides, subview_type(source.type, op),
        )
        new = self.insert(view, op).results[0]
        self.view_of[new] = source
        self.replace(op, new)

    def convert_reshape(self, op: tensor.CollapseShapeOp | tensor.ExpandShapeOp) -> None:
        """A reshape is a view of a contiguous buffer (`memref.collapse_shape`/`expand_shape`); a strided one
        is copied into a contiguous buffer first."""
        source = self.buf(op.src)
        if not is_contiguous(source.type):
            contiguous = self.alloc_like(source, source.type, op)
            self.insert(memref.CopyOp(source, contiguous), op)
            source = contiguous
        t = memref_type(op.result.type)
        if isinstance(op, tensor.CollapseShapeOp):
            view = memref.CollapseShapeOp(operands=[source], result_types=[t], properties={"reassociation": op.reassociation})
        else:
            view = memref.ExpandShapeOp(
                operands=[source, list(op.dynamic_output_shape)], result_types=[t],
                properties={"reassociation": op.reassociation, "static_output_shape": op.static_output_shape},
            )
        new = self.insert(view, op).results[0]
        self.view_of[new] = source
        self.replace(op, new)

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
                self.bind(arg, buffer)
        yielded = old.last_op
        assert isinstance(yielded, scf.YieldOp)
        for inner in list(old.ops):
            inner.detach()
            block.add_op(inner)
        outer_allocs, self.allocs = self.allocs, []
        self.carried_in[block] = {b for b in carried if b is not None}
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
                self.bind(result, buffer)
        self.retire(op)

    def replace(self, op: Operation, value: SSAValue) -> None:
        """Retire `op`; its result is now `value` (a buffer, for a tensor result)."""
        result = op.results[0]
        if isinstance(result.type, TensorType):
            # Users come later in the block; they read the buffer through self.buffer when converted.
            self.bind(result, value)
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
        owners: list[SSAValue] = []  # the allocations whose memory a result hands over
        for v in op.arguments:
            b = self.buf(v)
            if isinstance(b.type, MemRefType):
                owner = self.root(b)
                if owner not in self.allocs or owner in owners or not is_contiguous(b.type):
                    b = owner = self.alloc_like(b, b.type, op)
                    self.insert(memref.CopyOp(self.buf(v), b), op)
                owners.append(owner)
            returned.append(b)
        for a in self.allocs:
            if a not in owners:
                self.insert(memref.DeallocOp.get(a), op)
        self.insert(func.ReturnOp(*returned), op)
        self.retire(op)


def _ancestor_in(op: Operation, block: Block | None) -> Operation | None:
    """The op of `block` that is `op` or holds it in a region; None if there is none (`op` is detached)."""
    while op is not None and op.parent_block() is not block:
        op = op.parent_op()
    return op


def _is_destination(op: Operation, operand_index: int) -> bool:
    """Whether operand #operand_index of `op` is a tensor `op` writes its result into (an `outs`, a loop's initial
    value), rather than one it reads."""
    operand = op.operands[operand_index]
    if isinstance(op, (linalg.GenericOp, linalg.FillOp)):
        return operand_index >= len(op.inputs)
    if isinstance(op, (ScanOp, ScatterOp, GemmOp)):
        return operand is op.output
    if isinstance(op, scf.ForOp):
        return operand_index >= 3
    return False


@dataclass(frozen=True)
class Bufferize(ModulePass):
    """Turn tensors into buffers, writing in place wherever no value living in the buffer is read afterwards.

    Tensors become memrefs: an `scf.for` carrying tensors keeps each in one buffer for the whole loop, and a
    `tensor.extract` in a body becomes a `memref.load`. Slices become `memref.subview`s and reshapes of
    contiguous buffers `memref.collapse_shape`/`expand_shape` (views, no copy). Generics, scans, scatters and
    loops write into their destination's buffer in place unless a value living in it (views included) is read
    afterwards (alias analysis). Results are fresh contiguous allocations owned by the caller (arguments,
    constants, views and duplicated results are copied); other allocations are freed before returning;
    constants become `memref.global`s.
    """

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
