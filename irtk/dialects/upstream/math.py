"""xDSL's `math` dialect with the ops xDSL 0.74 lacks: `math.erfc`, the complementary error function (accurate
where `1 - erf(x)` loses every digit), and the classification ops `math.isnan`, `math.isinf`,
`math.isfinite` and `math.isnormal`. They are the upstream MLIR ops with the same names, syntax and meaning,
so IR that uses them still goes through `mlir-opt`.
"""

from __future__ import annotations

from xdsl.dialects.arith import FastMathFlagsAttr
from xdsl.dialects.builtin import ShapedType, VectorType, i1
from xdsl.dialects.math import FloatingPointLikeUnaryMathOperation, floatingPointLike
from xdsl.dialects.math import Math as _XdslMath
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import IRDLOperation, irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure, SameOperandsAndResultType
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.upstream.extend import extended


@irdl_op_definition
class ErfcOp(FloatingPointLikeUnaryMathOperation):
    """`math.erfc`: the complementary error function `1 - erf(x)`, computed without cancellation."""

    name = "math.erfc"
    traits = traits_def(Pure(), SameOperandsAndResultType())


def bool_like(operand_type: Attribute) -> Attribute:
    """i1, or the vector or tensor of i1 with `operand_type`'s shape: the result type of a classification."""
    if isinstance(operand_type, VectorType):
        return VectorType(i1, operand_type.get_shape(), operand_type.scalable_dims)
    if isinstance(operand_type, ShapedType):
        return type(operand_type)(i1, operand_type.get_shape())  # pyright: ignore[reportCallIssue]
    return i1


class FloatClassificationOp(IRDLOperation):
    """`math.isX %x {fastmath = #arith.fastmath<...>} : T`: whether each element of `%x` is in a class of floats; the result is
    i1 (or i1 in `T`'s shape), so only the operand's type is written."""

    operand = operand_def(floatingPointLike)
    result = result_def()
    fastmath = prop_def(FastMathFlagsAttr, default_value=FastMathFlagsAttr("none"))
    traits = traits_def(Pure())

    def __init__(self, operand: Operation | SSAValue, fastmath: FastMathFlagsAttr | None = None):
        operand = SSAValue.get(operand)
        super().__init__(
            operands=[operand], result_types=[bool_like(operand.type)], properties={"fastmath": fastmath}
        )

    def verify_(self) -> None:
        if self.result.type != bool_like(self.operand.type):
            raise VerifyException(f"{self.name}: result must be {bool_like(self.operand.type)}")

    @classmethod
    def parse(cls, parser: Parser) -> FloatClassificationOp:
        unresolved = parser.parse_unresolved_operand()
        attributes = parser.parse_optional_attr_dict()
        fastmath = attributes.pop("fastmath", None)
        if fastmath is not None and not isinstance(fastmath, FastMathFlagsAttr):
            parser.raise_error("fastmath must be a #arith.fastmath attribute")
        parser.parse_punctuation(":")
        operand = parser.resolve_operand(unresolved, parser.parse_type())
        op = cls(operand, fastmath)
        op.attributes.update(attributes)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.operand)
        shown = dict(self.attributes)
        if self.fastmath != FastMathFlagsAttr("none"):
            shown["fastmath"] = self.fastmath
        printer.print_op_attributes(shown)
        printer.print_string(" : ")
        printer.print_attribute(self.operand.type)


@irdl_op_definition
class IsNanOp(FloatClassificationOp):
    """`math.isnan`: whether the value is a NaN."""

    name = "math.isnan"


@irdl_op_definition
class IsInfOp(FloatClassificationOp):
    """`math.isinf`: whether the value is +inf or -inf."""

    name = "math.isinf"


@irdl_op_definition
class IsFiniteOp(FloatClassificationOp):
    """`math.isfinite`: whether the value is neither infinite nor NaN."""

    name = "math.isfinite"


@irdl_op_definition
class IsNormalOp(FloatClassificationOp):
    """`math.isnormal`: whether the value is normal (not zero, subnormal, infinite or NaN)."""

    name = "math.isnormal"


Math = extended(_XdslMath, ErfcOp, IsNanOp, IsInfOp, IsFiniteOp, IsNormalOp)
