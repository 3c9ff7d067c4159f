"""`irtk.reshape`: the same elements in row-major order, in a new shape (numpy's `reshape`, Theano's `Reshape`).

    %r = irtk.reshape %x, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>

The new shape is given as the constructors give theirs (`constructors.py`): static sizes in the result type, one
0-d integer operand per `?`. The element counts must agree: a mismatch known from static sizes is a type error,
one known only when the program runs fails the call. The structured form is a view: `tensor.collapse_shape` of x to
one dimension, then `tensor.expand_shape` to the new shape, which `bufferize` makes a reinterpretation of x's buffer
(no element copied, unless x is itself a strided view). Where MLIR's typing rules for those ops do not fit (a 0-d
side; a static element count on one side only) it is one parallel generic whose body reads x at each element's
row-major place. The gradient is the reshape back.
"""

from __future__ import annotations

import math

from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import DYNAMIC_INDEX, ArrayAttr, IndexType, IntegerAttr, TensorType, i64
from xdsl.ir import SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, var_operand_def

from irtk.dialects.irtk.constructors import DYNAMIC, ConstructorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, GenericBuilder
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import scalar_type
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.tangent_rules import linear_jvp
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type


@irdl_op_definition
class ReshapeOp(ConstructorOp):
    """x's elements, in row-major order, in the shape the result type and the size operands give."""

    name = "irtk.reshape"
    x = operand_def(TensorType)
    sizes = var_operand_def(TensorType)

    @classmethod
    def infer_type(cls, operand_types, properties):
        if not operand_types:
            raise TypeError(f"{cls.name}: expected the operand to reshape")
        x, *sizes = operand_types
        shape = cls.checked_sizes(properties, sizes)
        old = shape_of(x)
        if None not in old and None not in shape and math.prod(old) != math.prod(shape):
            raise TypeError(f"{cls.name}: cannot reshape {math.prod(old)} elements {tuple(old)} into shape {tuple(shape)}")
        return tensor_type(dtype_of(x), shape)

    def size_operands(self):
        return list(self.sizes)

    def operands_with_sizes(self, sizes):
        return [self.x, *sizes]

    def lower(self, gb):
        sizes = [gb.index(s) for s in self.result_sizes(gb)]
        old = [gb.dim(self.x, d) if n is None else gb.index(n) for d, n in enumerate(shape_of(self.x.type))]
        total_new, total_old = _product(gb, sizes), _product(gb, old)
        gb.assert_equal(total_new, total_old, f"{self.name}: the new shape does not have the operand's number of elements{self.where()}")
        view = self.as_view(gb, sizes)
        return [view] if view is not None else [self.as_gather(gb, sizes, old)]

    def as_view(self, gb: GenericBuilder, sizes: list[SSAValue]) -> SSAValue | None:
        """The reshape as MLIR's view ops: x collapsed to one dimension, then expanded to the new shape. Bufferized,
        they reinterpret x's buffer (copying x first only if it is a strided view). None where MLIR's typing rules
        for them do not fit: a 0-d side, or a static element count on one side and a dynamic one on the other."""
        old_shape, new_shape = shape_of(self.x.type), shape_of(self.result.type)
        if not old_shape or not new_shape:
            return None
        flat_size = None if None in old_shape else math.prod(old_shape)
        if (flat_size is None) != (None in new_shape):
            return None
        flat = self.x
        if len(old_shape) > 1:
            flat_type = tensor_type(dtype_of(self.x.type), (flat_size,))
            collapse = tensor.CollapseShapeOp(
                operands=[self.x], result_types=[flat_type], properties={"reassociation": _one_group(len(old_shape))}
            )
            flat = gb.insert(collapse).results[0]
        if len(new_shape) == 1:
            return flat
        dynamic = [size for size, n in zip(sizes, new_shape) if n is None]
        static = [DYNAMIC_INDEX if n is None else n for n in new_shape]
        expand = tensor.ExpandShapeOp(flat, dynamic, _one_group(len(new_shape)), static, self.result.type)
        return gb.insert(expand).results[0]

    def as_gather(self, gb: GenericBuilder, sizes: list[SSAValue], old: list[SSAValue]) -> SSAValue:
        """One parallel generic over the result whose body reads x at each element's row-major place."""
        rank = len(sizes)
        strides = [gb.index(1)]  # the result's row-major strides
        for size in reversed(sizes[1:]):
            strides.insert(0, gb.insert(arith.MuliOp(strides[0], size)).results[0])
        init = gb.empty(self.result.type, sizes)
        element = scalar_type(dtype_of(self.x.type))

        def body(b, args, out):
            number = None
            for d in range(rank):
                term = b.insert(arith.MuliOp(GenericBuilder.loop_index(b, d), args[d])).results[0]
                number = term if number is None else b.insert(arith.AddiOp(number, term)).results[0]
            where: list[SSAValue] = []
            for size in reversed(old):  # x's multi-index of that number, last dimension first
                if number is None:  # a 0-d result: x has one element
                    where.insert(0, b.insert(arith.ConstantOp.from_int_and_width(0, IndexType())).results[0])
                    continue
                where.insert(0, b.insert(arith.RemUIOp(number, size)).results[0])
                number = b.insert(arith.DivUIOp(number, size)).results[0]
            return b.insert(tensor.ExtractOp(self.x, where, element)).results[0]

        return gb.generic([(s, []) for s in strides], init, list(range(rank)), [PARALLEL] * rank, body)

    def vjp(self, tb, grads):
        """The gradient is reshaped back to x's shape."""
        from irtk.dialects.irtk.reduction import CountOp

        (grad,) = grads
        none = [None] * len(self.sizes)
        if grad is None or not dtype_of(self.x.type).startswith("float"):
            return [None, *none]
        shape = shape_of(self.x.type)
        sizes = [tb.build(CountOp, [self.x], axes=int_list_attr([d])) for d, n in enumerate(shape) if n is None]
        static = [DYNAMIC if n is None else n for n in shape]
        return [tb.build(ReshapeOp, [grad, *sizes], static_shape=int_list_attr(static)), *none]

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)


def _one_group(rank: int) -> ArrayAttr:
    """The reassociation that groups all `rank` dimensions into one."""
    return ArrayAttr([ArrayAttr([IntegerAttr(d, i64) for d in range(rank)])])


def _product(gb: GenericBuilder, sizes: list[SSAValue]) -> SSAValue:
    total = gb.index(1)
    for size in sizes:
        total = gb.insert(arith.MuliOp(total, size)).results[0]
    return total


register(ReshapeOp, Frontend(names=("reshape",), kind="custom"))

__all__ = ["ReshapeOp"]
