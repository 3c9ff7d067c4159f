"""`GenericBuilder`: builds `linalg.generic` ops on tensors, with what they need around them.

The vocabulary of op definitions' structured forms (`TensorOp.lower`), used by `lower-to-structured`: loop sizes (with run-time `cf.assert`s
where dynamic sizes must agree), `tensor.empty`/`linalg.fill` initial values, indexing maps from per-operand
*accesses*, one or several outputs, scalar (non-tensor) inputs, the iteration index (`linalg.index`), and a
body built by a callback. Every op it creates carries the location of the op being lowered.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.builder import Builder
from xdsl.dialects import arith, cf, tensor
from xdsl.dialects.builtin import AffineMapAttr, IndexType, TensorType
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.attrs import IteratorTypeAttr
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineExpr, AffineMap
from xdsl.rewriter import InsertPoint
from xdsl.transforms.dead_code_elimination import is_trivially_dead

from irtk.diagnostics import source_suffix
from irtk.dialects.irtk import scalar
from irtk.dialects.irtk.types import dtype_of, shape_of

PARALLEL = IteratorTypeAttr.parallel()
REDUCTION = IteratorTypeAttr.reduction()

#: An operand's view of the loop dimensions: for each operand dimension, a loop dimension or None (index 0).
#: A scalar (non-tensor) input has the empty access: it is the same value at every iteration.
Access = Sequence["int | None"]


class GenericBuilder:
    """Builds one `linalg.generic` (and what it needs) before `op`, keeping `op`'s location."""

    def __init__(self, op: Operation):
        self.op = op
        self.b = Builder(InsertPoint.before(op))
        self.b.operation_insertion_handler.append(self._locate)

    def inside(self, block: Block) -> GenericBuilder:
        """A builder for the same op that appends to `block` (the body of a loop the structured form builds)."""
        inner = GenericBuilder.__new__(GenericBuilder)
        inner.op = self.op
        inner.b = Builder(InsertPoint.at_end(block))
        inner.b.operation_insertion_handler.append(inner._locate)
        return inner

    def _locate(self, new: Operation) -> None:
        new.location = self.op.location

    def insert(self, new: Operation) -> Operation:
        return self.b.insert(new)

    def dim(self, value: SSAValue, d: int) -> SSAValue:
        index = self.insert(arith.ConstantOp.from_int_and_width(d, IndexType()))
        return self.insert(tensor.DimOp(value, index)).results[0]

    def loop_sizes(self, n_loops: int, operands: Sequence[tuple[SSAValue, Access]], what: str) -> list[SSAValue | int]:
        """The size of each loop dimension, asserting at run time that dynamic sizes agree."""
        sizes: list[SSAValue | int | None] = [None] * n_loops
        for i, (value, access) in enumerate(operands):
            shape = shape_of(value.type)
            for d, loop in enumerate(access):
                if loop is None:
                    continue
                size = shape[d]
                this = self.dim(value, d) if size is None else size
                known = sizes[loop]
                if known is None:
                    sizes[loop] = this
                elif isinstance(known, int) and isinstance(this, int):
                    continue  # static sizes were checked by the verifier
                else:
                    self.assert_equal(known, this, f"{what}: size mismatch in dimension {d} of operand #{i}{source_suffix(self.op.location)}")
                    if isinstance(this, int):
                        sizes[loop] = this
        return [1 if s is None else s for s in sizes]

    def assert_equal(self, a: SSAValue | int, b: SSAValue | int, message: str) -> None:
        a, b = (self.index(v) for v in (a, b))
        eq = self.insert(arith.CmpiOp(a, b, "eq")).results[0]
        self.insert(cf.AssertOp(eq, message))

    def index(self, v: SSAValue | int) -> SSAValue:
        if isinstance(v, int):
            return self.insert(arith.ConstantOp.from_int_and_width(v, IndexType())).results[0]
        return v

    def empty(self, result_type: TensorType, sizes: Sequence[SSAValue | int]) -> SSAValue:
        dynamic = [s for s, d in zip(sizes, shape_of(result_type)) if d is None]
        return self.insert(tensor.EmptyOp([self.index(s) for s in dynamic], result_type)).results[0]

    def zeros(self, result_type: TensorType, sizes: Sequence[SSAValue | int]) -> SSAValue:
        return self.full(result_type, sizes, 0)

    def insert_scalar_constant(self, value, dtype: str) -> SSAValue:
        return scalar.constant(self.b, value, dtype)

    def generic(
        self,
        inputs: Sequence[tuple[SSAValue, Access]],
        init: SSAValue,
        out_access: Access,
        iterators: Sequence,
        body,
    ) -> SSAValue:
        """A generic over `len(iterators)` loops with one output; `body(builder, input_args, out_arg)` returns
        the yielded value."""
        (result,) = self.generic_n(inputs, [init], [out_access], iterators, lambda b, args, outs: [body(b, args, outs[0])])
        return result

    def generic_n(
        self,
        inputs: Sequence[tuple[SSAValue, Access]],
        inits: Sequence[SSAValue],
        out_accesses: Sequence[Access],
        iterators: Sequence,
        body,
    ) -> list[SSAValue]:
        """A generic with several outputs; `body(builder, input_args, out_args)` returns one value per output.
        Inside `body`, `GenericBuilder.loop_index(builder, d)` gives the index of loop dimension d."""
        n = len(iterators)
        maps = [_affine_map(n, access) for _, access in inputs] + [_affine_map(n, a) for a in out_accesses]
        block = Block(arg_types=[_element(v.type) for v, _ in inputs] + [_element(i.type) for i in inits])
        inner = Builder(InsertPoint.at_end(block))
        values = body(inner, list(block.args[: len(inputs)]), list(block.args[len(inputs) :]))
        inner.insert(linalg.YieldOp(*values))
        for o in reversed(list(block.ops)):  # scalar code the result does not need (broadcast's `like` cast)
            if is_trivially_dead(o):
                block.erase_op(o)
        for o in block.ops:
            o.location = self.op.location
        generic = linalg.GenericOp(
            [v for v, _ in inputs], list(inits), Region(block), [AffineMapAttr(m) for m in maps], list(iterators),
            [i.type for i in inits],
        )
        return list(self.insert(generic).results)

    @staticmethod
    def loop_index(b: Builder, dim: int) -> SSAValue:
        """`linalg.index dim` inside a body under construction: the current iteration's index in loop `dim`."""
        return b.insert(linalg.IndexOp(dim)).result

    def full(self, result_type: TensorType, sizes: Sequence[SSAValue | int], value) -> SSAValue:
        """A tensor of `result_type` filled with the scalar `value` (`linalg.fill` of a `tensor.empty`)."""
        init = self.empty(result_type, sizes)
        dtype = dtype_of(result_type)
        if dtype.startswith("complex"):  # xDSL's linalg.fill takes int and float elements only: a generic yields it
            rank = len(shape_of(result_type))
            return self.generic([], init, list(range(rank)), [PARALLEL] * rank, lambda b, args, out: scalar.constant(b, value, dtype))
        scalar_value = self.insert_scalar_constant(value, dtype_of(result_type))
        return self.insert(linalg.FillOp([scalar_value], [init], [result_type])).results[0]


def _affine_map(n_loops: int, access: Access) -> AffineMap:
    exprs = [AffineExpr.constant(0) if d is None else AffineExpr.dimension(d) for d in access]
    return AffineMap(n_loops, 0, tuple(exprs))


def _element(t):
    if not isinstance(t, TensorType):
        return t  # a scalar input
    return scalar.scalar_type(dtype_of(t))
