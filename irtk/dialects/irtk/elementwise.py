"""The elementwise family: ops applied independently at every index, with Theano broadcasting.

Operands have the same rank; a dimension of static size 1 is stretched to match the others
(`tensor<1x?xf64>` + `tensor<?x?xf64>`). An op's declaration (`opdef.elementwise`) gives its scalar body and
its dtype rule; this module turns a declaration into an op class whose type rule, structured form and
gradient machinery are shared by every elementwise op:
- the structured form is one `linalg.generic` with a parallel loop per result dimension whose body converts
  each operand to the dtype the rule chose and then runs the declared body (a splat constant operand
  becomes a scalar constant in the body);
- the gradient sums the declared rule's result over broadcast dimensions and casts it back to the
  operand's type; integer and boolean operands get none.
The ops themselves are declared in `arithmetic.py`, `math_functions.py` and `logic.py`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

from xdsl.dialects.builtin import TensorType
from xdsl.ir import SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, result_def, traits_def, var_operand_def
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.complex_scalar import check_cast
from irtk.dialects.irtk.generic_builder import PARALLEL
from irtk.dialects.irtk.opdef import ElementwiseDef, Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.tangent_rules import elementwise_jvp
from irtk.dialects.irtk.types import broadcast_shapes, dtype_of, is_float, shape_of, tensor_type


class ElementwiseOp(TensorOp):
    """Base of the elementwise ops. A declared op carries its `DEFINITION`."""

    DEFINITION: ClassVar[ElementwiseDef]

    @classmethod
    def dtype_rule(cls, dtypes: Sequence[str]) -> tuple[list[str], str]:
        """(the dtype each operand is converted to, the result dtype)."""
        cls.DEFINITION.check_dtypes(cls.name, dtypes)
        return cls.DEFINITION.dtypes(dtypes)

    @classmethod
    def infer_type(cls, operand_types, properties) -> TensorType:
        if len(operand_types) != cls.DEFINITION.arity:
            raise TypeError(f"{cls.name}: expected {cls.DEFINITION.arity} operand(s), got {len(operand_types)}")
        shape = broadcast_shapes([shape_of(t) for t in operand_types], cls.name)
        _, result = cls.dtype_rule([dtype_of(t) for t in operand_types])
        return tensor_type(result, shape)

    @property
    def result_dtype(self) -> str:
        return dtype_of(self.results[0].type)

    def body(self, s: ScalarBuilder, operands: Sequence[Scalar]) -> Scalar:
        return self.DEFINITION.body(s, *operands)

    def lower(self, gb) -> list[SSAValue]:
        result_type = self.results[0].type
        out_shape = shape_of(result_type)
        rank = len(out_shape)
        operand_dtypes, result_dtype = self.dtype_rule([dtype_of(o.type) for o in self.operands])
        inputs, every, slots = [], [], []  # slots: ("arg", position) or ("const", value) per operand
        for operand in self.operands:
            shape = shape_of(operand.type)
            access = [None if shape[d] == 1 and out_shape[d] != 1 else d for d in range(rank)]
            every.append((operand, access))  # splat constants too: their static sizes bound the loops
            splat = splat_value(operand)
            if splat is not None:
                slots.append(("const", splat))
            else:
                slots.append(("arg", len(inputs)))
                inputs.append((operand, access))
        sizes = gb.loop_sizes(rank, every, self.name)
        init = gb.empty(result_type, sizes)

        def body(b, args, out):
            s = ScalarBuilder(b)
            values = []
            for (kind, what), operand, dtype in zip(slots, self.operands, operand_dtypes):
                src = dtype_of(operand.type)
                v = s.const(what, src) if kind == "const" else Scalar(args[what], src)
                values.append(s.cast(v, dtype))
            result = self.body(s, values)
            if result.dtype != result_dtype:
                raise TypeError(f"{self.name}: its body computes {result.dtype}, its type rule says {result_dtype}")
            return result.value

        return [gb.generic(inputs, init, list(range(rank)), [PARALLEL] * rank, body)]

    def partials(self, tb, grad: SSAValue) -> Sequence[SSAValue | None]:
        """The declared gradient rule: one gradient per operand, before un-broadcasting."""
        if self.DEFINITION.grad is None:
            raise NotImplementedError(f"{self.name} has no gradient rule")
        return self.DEFINITION.grad(tb, self, grad)

    def vjp(self, tb, grads):
        (grad,) = grads
        if grad is None or not is_float(self.result_dtype):
            return [None] * len(self.operands)
        return [
            None if g is None or not is_float(dtype_of(o.type)) else tb.unbroadcast(g, o.type)
            for g, o in zip(self.partials(tb, grad), self.operands)
        ]

    def jvp(self, tb, tangents):
        return elementwise_jvp(self, tb, tangents)


def splat_value(value: SSAValue):
    """The one value of a splat `irtk.constant` (-0.0 and 0.0 told apart, also in a complex (re, im) pair), else
    None."""
    from irtk.dialects.irtk.constant import ConstantOp

    owner = value.owner
    if isinstance(owner, ConstantOp):
        values = owner.value.get_values()
        if len({_signed_zero_key(v) for v in values}) == 1:
            return values[0]
    return None


def _signed_zero_key(v):
    if isinstance(v, tuple):
        return tuple(_signed_zero_key(part) for part in v)
    return (v, math.copysign(1.0, v)) if isinstance(v, float) else v


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


class NaryOp(ElementwiseOp):
    args = var_operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$args attr-dict `:` type($args) `->` type($result)"


_BASES = {1: UnaryOp, 2: BinaryOp}


def make_elementwise_op(definition: ElementwiseDef, dialect_name: str = "irtk") -> type[ElementwiseOp]:
    """The op class of a declaration: `irtk.<name>`, with the shared structure of its arity."""
    camel = "".join(part.capitalize() for part in definition.name.split("_")) + "Op"
    namespace = {"name": f"{dialect_name}.{definition.name}", "DEFINITION": definition, "__doc__": definition.doc,
                 "__module__": definition.body.__module__,
                 "__annotations__": {"DEFINITION": ClassVar[ElementwiseDef]}}
    return irdl_op_definition(type(camel, (_BASES.get(definition.arity, NaryOp),), namespace))


# ---------------------------------------------------------------- the two ops the type rule cannot derive


@irdl_op_definition
class CastOp(UnaryOp):
    """`x.astype(dtype)`: the result type names the dtype. It may also forget static sizes
    (`tensor<3xf64> -> tensor<?xf64>`, like MLIR's tensor.cast), never invent them."""

    name = "irtk.cast"
    DEFINITION: ClassVar = ElementwiseDef("cast", 1, lambda s, x: x, None, None, Frontend(kind="custom"), "")

    @classmethod
    def infer_type(cls, operand_types, properties):
        raise TypeError("irtk.cast: the result dtype must be given (use TensorBuilder.cast)")

    def verify_(self) -> None:
        src, dst = shape_of(self.x.type), shape_of(self.result.type)
        if len(src) != len(dst) or any(d is not None and d != s for s, d in zip(src, dst)):
            raise VerifyException(f"irtk.cast: shape changes from {self.x.type} to {self.result.type}")
        try:
            check_cast(dtype_of(self.x.type), dtype_of(self.result.type))  # both supported dtypes, too
        except TypeError as e:
            raise VerifyException(f"irtk.cast: {e}") from None

    def dtype_rule(self, dtypes):  # the conversion to the operand dtype is the whole op
        return [self.result_dtype], self.result_dtype

    def partials(self, tb, grad):
        # No gradient flows through a cast to or from an integer type: the result is piecewise constant.
        return [grad if is_float(dtype_of(self.x.type)) and is_float(self.result_dtype) else None]

    def vjp(self, tb, grads):
        """The gradient cast back; where the cast forgot static sizes, a broadcast to x recovers them (the sizes
        agree, so it stretches nothing)."""
        (gx,) = super().vjp(tb, grads)
        if gx is not None and shape_of(gx.type) != shape_of(self.x.type):
            gx = tb.broadcast(gx, self.x)
        return [gx]


@irdl_op_definition
class BroadcastOp(BinaryOp):
    """`broadcast x to like`: x's values, stretched over like's shape. Theano's `second(like, x)`."""

    name = "irtk.broadcast"
    assembly_format = "$lhs `to` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"
    DEFINITION: ClassVar = ElementwiseDef(
        "broadcast", 2, lambda s, x, like: x, None, None, Frontend(kind="custom"), ""
    )

    @classmethod
    def dtype_rule(cls, dtypes):
        return list(dtypes), dtypes[0]

    def partials(self, tb, grad):
        return [grad, None]


register(CastOp)
register(BroadcastOp)

__all__ = ["ElementwiseOp", "UnaryOp", "BinaryOp", "NaryOp", "CastOp", "BroadcastOp", "make_elementwise_op", "splat_value"]
