"""The elementwise family: ops applied independently at every index, with Theano broadcasting.

Operands have the same rank; a dimension of static size 1 is stretched to match the others
(`tensor<1x?xf64>` + `tensor<?x?xf64>`). Mixed dtypes are upcast to a common *compute dtype* first,
so `f32 * f64` computes in f64 — exactly what the lowering does with `arith.extf` inside the loop body.

Each op states, once: its numpy function (`reference`), its scalar body (`scalar`, arith/math ops for
one element) and its gradient (`partials`, one expression per operand in terms of the result's
gradient). Autodiff, folding, the FAST_COMPILE evaluator and lower-to-structured all use these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from xdsl.builder import Builder
from xdsl.dialects import math
from xdsl.dialects.builtin import TensorType
from xdsl.ir import Attribute, SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, result_def, traits_def
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk import libm, scalar
from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.types import (
    broadcast_shapes,
    dtype_of,
    is_float,
    is_integer,
    shape_of,
    tensor_type,
    true_div_dtype,
    upcast,
)

if TYPE_CHECKING:
    from irtk.dialects.irtk.builder import TensorBuilder


def upgrade_to_float(dtype: str) -> str:
    """Theano's rule for float-valued functions of integers: small ints to float32, others to float64."""
    if is_float(dtype) or dtype.startswith("complex"):
        return dtype
    return "float32" if dtype in ("bool", "int8", "uint8", "int16", "uint16") else "float64"


class ElementwiseOp(TensorOp):
    """Base of the elementwise ops. Subclasses set `NUMPY_FN` and implement `scalar` and `partials`."""

    NUMPY_FN: ClassVar = None

    @classmethod
    def compute_dtype(cls, dtypes: Sequence[str]) -> str:
        """The dtype the operation is carried out in (operands are cast to it first)."""
        return upcast(*dtypes)

    @classmethod
    def infer_type(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> TensorType:
        shape = broadcast_shapes([shape_of(t) for t in operand_types], cls.name)
        return tensor_type(cls.compute_dtype([dtype_of(t) for t in operand_types]), shape)

    @property
    def result_dtype(self) -> str:
        return dtype_of(self.results[0].type)

    def reference(self, *args: np.ndarray) -> np.ndarray:
        dtype = self.result_dtype
        args = [np.asarray(a) for a in args]
        self.check_shapes(args)
        return np.asarray(type(self).NUMPY_FN(*(a.astype(dtype, copy=False) for a in args))).astype(dtype, copy=False)

    def check_shapes(self, args: Sequence[np.ndarray]) -> None:
        """Raise ValueError where run-time sizes disagree: only static size-1 dimensions broadcast."""
        sizes: dict[int, int] = {}
        for i, (a, operand) in enumerate(zip(args, self.operands)):
            for d, (n, static) in enumerate(zip(a.shape, shape_of(operand.type))):
                if static == 1:
                    continue
                if sizes.setdefault(d, n) != n:
                    raise ValueError(f"{self.name}: size mismatch in dimension {d} of operand #{i}{self.where()}")

    def scalar(self, b: Builder, args: Sequence[SSAValue], dtype: str) -> SSAValue:
        """The result for one element, given operands already cast to the compute dtype."""
        raise NotImplementedError(self.name)

    def partials(self, tb: TensorBuilder, grad: SSAValue) -> Sequence[SSAValue | None]:
        """The gradient for each operand, before un-broadcasting and casting back to its type."""
        raise NotImplementedError(f"{self.name} has no gradient rule")

    def vjp(self, tb: TensorBuilder, grad: SSAValue) -> Sequence[SSAValue | None]:
        """Gradients for the float operands only: integers and booleans are not differentiable."""
        grads = self.partials(tb, grad)
        return [
            None if g is None or not is_float(dtype_of(o.type)) else tb.unbroadcast(g, o.type)
            for g, o in zip(grads, self.operands)
        ]


class UnaryOp(ElementwiseOp):
    x = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$x attr-dict `:` type($x) `->` type($result)"


class BinaryOp(ElementwiseOp):
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"


class FloatUnaryOp(UnaryOp):
    """A float-valued function (exp, log, ...): integers are upgraded to float first."""

    @classmethod
    def compute_dtype(cls, dtypes: Sequence[str]) -> str:
        return upgrade_to_float(dtypes[0])


# ---------------------------------------------------------------- binary arithmetic


@irdl_op_definition
class AddOp(BinaryOp):
    """`x + y`."""

    name = "irtk.add"
    NUMPY_FN: ClassVar = np.add

    def scalar(self, b, args, dtype):
        return scalar.add(b, args[0], args[1], dtype)

    def partials(self, tb, grad):
        return [grad, grad]


class NoBoolean:
    """Mix-in: numpy refuses `-` on booleans, and so does irtk (use logical operations instead)."""

    @classmethod
    def compute_dtype(cls, dtypes):
        dtype = super().compute_dtype(dtypes)
        if dtype == "bool":
            raise TypeError(f"{cls.name}: not defined for booleans (numpy refuses `-` on bool too)")
        return dtype


@irdl_op_definition
class SubOp(NoBoolean, BinaryOp):
    """`x - y`."""

    name = "irtk.sub"
    NUMPY_FN: ClassVar = np.subtract

    def scalar(self, b, args, dtype):
        return scalar.sub(b, args[0], args[1], dtype)

    def partials(self, tb, grad):
        return [grad, tb.neg(grad)]


@irdl_op_definition
class MulOp(BinaryOp):
    """`x * y`."""

    name = "irtk.mul"
    NUMPY_FN: ClassVar = np.multiply

    def scalar(self, b, args, dtype):
        return scalar.mul(b, args[0], args[1], dtype)

    def partials(self, tb, grad):
        return [tb.mul(grad, self.rhs), tb.mul(grad, self.lhs)]


@irdl_op_definition
class DivOp(BinaryOp):
    """`x / y`, true division: integer operands divide as float64."""

    name = "irtk.div"
    NUMPY_FN: ClassVar = np.true_divide

    @classmethod
    def compute_dtype(cls, dtypes):
        return true_div_dtype(*dtypes)

    def scalar(self, b, args, dtype):
        return scalar.div(b, args[0], args[1], dtype)

    def partials(self, tb, grad):
        # d(x/y)/dx = 1/y ; d(x/y)/dy = -(x / y^2)
        return [tb.div(grad, self.rhs), tb.neg(tb.div(tb.mul(grad, self.lhs), tb.mul(self.rhs, self.rhs)))]


# ---------------------------------------------------------------- unary arithmetic


@irdl_op_definition
class NegOp(NoBoolean, UnaryOp):
    """`-x`."""

    name = "irtk.neg"
    NUMPY_FN: ClassVar = np.negative

    def scalar(self, b, args, dtype):
        return scalar.neg(b, args[0], dtype)

    def partials(self, tb, grad):
        return [tb.neg(grad)]


@irdl_op_definition
class SqrOp(UnaryOp):
    """`x * x`."""

    name = "irtk.sqr"

    @staticmethod
    def NUMPY_FN(x):  # noqa: N802
        return x * x

    def scalar(self, b, args, dtype):
        return scalar.mul(b, args[0], args[0], dtype)

    def partials(self, tb, grad):
        # d(x^2)/dx = 2x, as Theano writes it: (g * x) * 2
        return [tb.mul(tb.mul(grad, self.x), tb.scalar_like(2, self.x))]


@irdl_op_definition
class ExpOp(FloatUnaryOp):
    """`e ** x`."""

    name = "irtk.exp"
    NUMPY_FN: ClassVar = staticmethod(libm.numpy_fn("exp"))

    def scalar(self, b, args, dtype):
        return b.insert(math.ExpOp(args[0])).result

    def partials(self, tb, grad):
        return [tb.mul(grad, self.result)]


@irdl_op_definition
class LogOp(FloatUnaryOp):
    """Natural logarithm."""

    name = "irtk.log"
    NUMPY_FN: ClassVar = staticmethod(libm.numpy_fn("log"))

    def scalar(self, b, args, dtype):
        return b.insert(math.LogOp(args[0])).result

    def partials(self, tb, grad):
        return [tb.div(grad, self.x)]


@irdl_op_definition
class SqrtOp(FloatUnaryOp):
    """Square root."""

    name = "irtk.sqrt"
    NUMPY_FN: ClassVar = np.sqrt

    def scalar(self, b, args, dtype):
        return b.insert(math.SqrtOp(args[0])).result

    def partials(self, tb, grad):
        # d sqrt(x)/dx = 1 / (2 sqrt(x))
        return [tb.div(grad, tb.mul(tb.scalar_like(2, self.result), self.result))]


# ---------------------------------------------------------------- dtype and shape


@irdl_op_definition
class CastOp(UnaryOp):
    """`x.astype(dtype)`: the result type names the dtype. It may also forget static sizes
    (`tensor<3xf64> -> tensor<?xf64>`, like MLIR's tensor.cast), never invent them."""

    name = "irtk.cast"

    @classmethod
    def infer_type(cls, operand_types, properties):
        raise TypeError("irtk.cast: the result dtype must be given (use TensorBuilder.cast)")

    def verify_(self) -> None:
        src, dst = shape_of(self.x.type), shape_of(self.result.type)
        if len(src) != len(dst) or any(d is not None and d != s for s, d in zip(src, dst)):
            raise VerifyException(f"irtk.cast: shape changes from {self.x.type} to {self.result.type}")
        dtype_of(self.result.type)  # a supported dtype

    def reference(self, x):
        return np.asarray(x).astype(self.result_dtype)

    def scalar(self, b, args, dtype):
        return args[0]  # the operand was already cast to the result dtype

    def partials(self, tb, grad):
        # No gradient flows through a cast to or from an integer type: the result is piecewise constant.
        return [grad if is_float(dtype_of(self.x.type)) and is_float(self.result_dtype) else None]


@irdl_op_definition
class BroadcastOp(BinaryOp):
    """`broadcast x to like`: x's values, stretched over like's shape. Theano's `second(like, x)`."""

    name = "irtk.broadcast"
    assembly_format = "$lhs `to` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"

    @classmethod
    def compute_dtype(cls, dtypes):
        return dtypes[0]

    def reference(self, x, like):
        self.check_shapes([np.asarray(x), np.asarray(like)])  # a dynamic size 1 does not stretch
        return np.array(np.broadcast_to(np.asarray(x), np.broadcast_shapes(np.shape(x), np.shape(like))))

    def scalar(self, b, args, dtype):
        return args[0]

    def partials(self, tb, grad):
        return [grad, None]


ELEMENTWISE_OPS = (AddOp, SubOp, MulOp, DivOp, NegOp, SqrOp, ExpOp, LogOp, SqrtOp, CastOp, BroadcastOp)

__all__ = [op.__name__ for op in ELEMENTWISE_OPS] + ["ElementwiseOp", "ELEMENTWISE_OPS", "is_integer"]
