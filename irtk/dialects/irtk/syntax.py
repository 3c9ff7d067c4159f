"""Custom syntax for unary ops with an integer-list property: `irtk.sum %x [0, 1] : T -> U`.

In the list, `x` stands for -1 (Theano's new broadcastable axis), so a dimshuffle reads like Theano's:
`irtk.dimshuffle %v [x, 0] : tensor<?xf64> -> tensor<1x?xf64>`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from xdsl.ir import Operation
from xdsl.parser import Parser
from xdsl.printer import Printer

from xdsl.dialects.builtin import DenseArrayBase, i64


class IntListSyntax:
    """Mix-in for an op with operand `x`, result `result`, and the int-list property `LIST_PROPERTY`."""

    LIST_PROPERTY: ClassVar[str]

    @classmethod
    def parse(cls, parser: Parser) -> Operation:
        unresolved = parser.parse_unresolved_operand()
        values = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: _parse_entry(parser))
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        x_type = parser.parse_type()
        parser.parse_punctuation("->")
        result_type = parser.parse_type()
        x = parser.resolve_operand(unresolved, x_type)
        op = cls.create(operands=[x], result_types=[result_type], properties={cls.LIST_PROPERTY: int_list_attr(values)})
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        values = self.properties[self.LIST_PROPERTY].get_values()
        printer.print_string(" ")
        printer.print_operand(self.x)
        printer.print_string(" [" + ", ".join("x" if v == -1 else str(v) for v in values) + "]")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.x.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)


def _parse_entry(parser: Parser) -> int:
    if parser.parse_optional_keyword("x") is not None:
        return -1
    return parser.parse_integer(allow_boolean=False, allow_negative=True)


def int_list_attr(values: Sequence[int]) -> DenseArrayBase:
    """The `array<i64: ...>` property holding an op's integer list."""
    return DenseArrayBase.from_list(i64, list(values))
