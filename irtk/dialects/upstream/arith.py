"""xDSL's `arith` dialect with what irtk adds: `arith.trunci` with MLIR 22's overflow flags, `arith.remf`, which xDSL 0.74 lacks (the C library's `fmod`: the
remainder with the dividend's sign, from which numpy's float `%` and `//` are built exactly), and the custom
syntax of ops xDSL prints only generically.

`arith.remf` is the upstream MLIR op with the same name, syntax and meaning, so IR that uses it still goes
through `mlir-opt`.
"""

from __future__ import annotations

from xdsl.dialects.arith import Arith as _XdslArith
from xdsl.dialects.arith import FloatingPointLikeBinaryOperation, IntegerOverflowAttr
from xdsl.dialects.arith import TruncIOp as _XdslTruncIOp
from xdsl.dialects.builtin import IntegerType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.upstream.extend import extended, replaced


@irdl_op_definition
class RemFOp(FloatingPointLikeBinaryOperation):
    """`arith.remf`: the floating-point remainder of `lhs / rhs` with the sign of `lhs` (C's `fmod`)."""

    name = "arith.remf"
    traits = traits_def(Pure())


@irdl_op_definition
class TruncIOp(_XdslTruncIOp):
    """`arith.trunci %x [overflow<nsw, nuw>] : iN to iM`: MLIR 22's trunci carries overflow flags (printed
    by mlir-opt in generic form, `<{overflowFlags = #arith.overflow<none>}>`), which xDSL 0.74's lacks."""

    name = "arith.trunci"

    input = operand_def(IntegerType)
    result = result_def(IntegerType)
    overflow_flags = prop_def(
        IntegerOverflowAttr, default_value=IntegerOverflowAttr("none"), prop_name="overflowFlags"
    )

    assembly_format = None  # xDSL's format has no overflow flags; parse and print below

    def verify_(self) -> None:
        # Defined here so that xDSL's (which checks against its own definition, without the flags) is not
        # inherited.
        source, target = self.input.type, self.result.type
        assert isinstance(source, IntegerType) and isinstance(target, IntegerType)
        if not target.width.data < source.width.data:
            raise VerifyException("Destination bit-width must be smaller than the input bit-width")

    @classmethod
    def parse(cls, parser: Parser) -> TruncIOp:
        operand = parser.parse_unresolved_operand()
        flags = IntegerOverflowAttr("none")
        if parser.parse_optional_keyword("overflow"):
            flags = IntegerOverflowAttr(IntegerOverflowAttr.parse_parameter(parser))
        attributes = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        source = parser.parse_type()
        parser.parse_keyword("to")
        target = parser.parse_type()
        op = cls.create(
            operands=[parser.resolve_operand(operand, source)],
            result_types=[target],
            properties={"overflowFlags": flags},
            attributes=attributes,
        )
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.input)
        if self.overflow_flags != IntegerOverflowAttr("none"):
            printer.print_string(" overflow")
            self.overflow_flags.print_parameter(printer)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.input.type)
        printer.print_string(" to ")
        printer.print_attribute(self.result.type)


Arith = replaced(extended(_XdslArith, RemFOp), TruncIOp)
