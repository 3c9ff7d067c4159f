"""`TensorBuilder`: create irtk ops with their types inferred, at one insertion point.

Gradient rules, the frontend and rewrites all build IR through it, so nobody spells a result type by
hand: each op's `infer_type` is the only place type rules live.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.builder import Builder
from xdsl.dialects.builtin import TensorType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.rewriter import InsertPoint

from irtk.dialects.irtk import elementwise as ew
from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.complex_scalar import check_cast
from irtk.dialects.irtk.opdef import op_named
from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.contraction import DotOp
from irtk.dialects.irtk.reduction import SumOp
from irtk.dialects.irtk.shape import DimShuffleOp, pattern_attr, restore_axes
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type


class TensorBuilder:
    """Builds irtk ops at `insertion_point`; each new op gets `location` (to keep source positions)."""

    def __init__(self, insertion_point: InsertPoint, location: Attribute | None = None):
        self.builder = Builder(insertion_point)
        self.location = location

    def insert(self, op: Operation) -> SSAValue | None:
        """Insert `op` (located); its first result, if it has one."""
        if self.location is not None:
            op.location = self.location
        self.builder.insert(op)
        return op.results[0] if op.results else None

    def build(self, op_type: type[TensorOp], operands: Sequence[SSAValue], **properties: Attribute) -> SSAValue:
        """A new single-result op; its result type from the op's type rule."""
        (result,) = self.build_n(op_type, operands, **properties)
        return result

    def build_n(self, op_type: type[TensorOp], operands: Sequence[SSAValue], **properties: Attribute) -> list[SSAValue]:
        """A new op with any number of results."""
        result_types = op_type.infer_types([o.type for o in operands], properties)
        op = op_type.create(operands=list(operands), result_types=list(result_types), properties=properties)
        self.insert(op)
        return list(op.results)

    def __getattr__(self, name: str):
        """`tb.<op>(x, y, ...)` for every registered op without properties (`tb.tanh(x)`, `tb.lt(x, y)`)."""
        if name.startswith("_"):
            raise AttributeError(name)
        op_type = op_named(name)
        return lambda *operands: self.build(op_type, list(operands))

    def unary(self, op_type: type[TensorOp], x):
        return self.build(op_type, [x])

    def broadcast(self, x, like):
        return self.build(ew.BroadcastOp, [x, like])

    def cast(self, x: SSAValue, dtype: str) -> SSAValue:
        if dtype_of(x.type) == dtype:
            return x
        check_cast(dtype_of(x.type), dtype)
        t = tensor_type(dtype, shape_of(x.type))
        return self.insert(ew.CastOp.create(operands=[x], result_types=[t]))

    def cast_to(self, x: SSAValue, t: TensorType) -> SSAValue:
        """`x` with type `t`: its dtype converted and static sizes forgotten where `t` has dynamic ones."""
        if x.type == t:
            return x
        check_cast(dtype_of(x.type), dtype_of(t))
        return self.insert(ew.CastOp.create(operands=[x], result_types=[t]))

    # shape, reductions, contractions
    def dimshuffle(self, x: SSAValue, pattern: Sequence[int]) -> SSAValue:
        if list(pattern) == list(range(len(shape_of(x.type)))):
            return x
        return self.build(DimShuffleOp, [x], pattern=pattern_attr(pattern))

    def sum(self, x: SSAValue, axes: Sequence[int]) -> SSAValue:
        return self.build(SumOp, [x], axes=pattern_attr(sorted(axes)))

    def reduce(self, op_type: type[TensorOp], x: SSAValue, axes: Sequence[int]) -> list[SSAValue]:
        """A reduction of the `axes` family `op_type` (`MaxOp`, `ArgmaxOp`, ...): its results."""
        return self.build_n(op_type, [x], axes=pattern_attr(sorted(axes)))

    def dot(self, a, b):
        return self.build(DotOp, [a, b])

    # constants
    def constant(self, value: np.ndarray) -> SSAValue:
        return self.insert(ConstantOp.from_array(np.asarray(value)))

    def scalar_like(self, value: float, like: SSAValue) -> SSAValue:
        """A constant of `like`'s dtype and rank with every dimension broadcastable."""
        rank = len(shape_of(like.type))
        return self.constant(np.full((1,) * rank, value, dtype=dtype_of(like.type)))

    def unbroadcast(self, grad: SSAValue, target: TensorType) -> SSAValue:
        """Sum `grad` over the dimensions `target` broadcasts (static size 1), then cast to its dtype."""
        gshape, tshape = shape_of(grad.type), shape_of(target)
        axes = [d for d, (g, t) in enumerate(zip(gshape, tshape)) if t == 1 and g != 1]
        if axes:
            grad = self.dimshuffle(self.sum(grad, axes), restore_axes(len(gshape), axes))
        return self.cast(grad, dtype_of(target))
