"""xDSL's `cf` dialect as irtk registers it: the place for the custom syntax of `cf` ops that xDSL 0.74
prints only generically or not at all (subclasses that take the place of xDSL's through `replaced`).

`cf.cond_br` gains MLIR's optional branch weights, `cf.cond_br %c weights([10, 90]), ^a, ^b` (property
`branch_weights`, a `array<i32: ...>` of two numbers): xDSL 0.74 rejects both forms of it."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import DenseArrayBase, IntegerType, i32
from xdsl.dialects.cf import Cf as _XdslCf
from xdsl.dialects.cf import ConditionalBranchOpHasCanonicalizationPatterns
from xdsl.dialects.cf import ConditionalBranchOp as _XdslConditionalBranchOp
from xdsl.ir import Block, SSAValue
from xdsl.irdl import (
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    successor_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.traits import IsTerminator
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.upstream.extend import replaced


def _parse_successor_with_operands(parser: Parser) -> tuple[Block, list[SSAValue]]:
    """`^bb` or `^bb(%a, %b : t1, t2)`."""
    block = parser.parse_successor()
    if parser.parse_optional_punctuation("(") is None:
        return block, []
    unresolved: list[UnresolvedOperand] = parser.parse_comma_separated_list(
        Parser.Delimiter.NONE, parser.parse_unresolved_operand
    )
    parser.parse_punctuation(":")
    types = parser.parse_comma_separated_list(Parser.Delimiter.NONE, parser.parse_type)
    parser.parse_punctuation(")")
    if len(types) != len(unresolved):
        parser.raise_error(f"expected {len(unresolved)} types, got {len(types)}")
    return block, [parser.resolve_operand(u, t) for u, t in zip(unresolved, types, strict=True)]


def _print_successor_with_operands(printer: Printer, block: Block, operands: Sequence[SSAValue]) -> None:
    printer.print_block_name(block)
    if operands:
        printer.print_string("(")
        printer.print_list(operands, printer.print_operand)
        printer.print_string(" : ")
        printer.print_list([o.type for o in operands], printer.print_attribute)
        printer.print_string(")")


@irdl_op_definition
class ConditionalBranchOp(_XdslConditionalBranchOp):
    """`cf.cond_br %c [weights([t, f])], ^then(...), ^else(...)`: xDSL's op with MLIR's branch weights."""

    name = "cf.cond_br"

    cond = operand_def(IntegerType(1))
    then_arguments = var_operand_def()
    else_arguments = var_operand_def()
    then_block = successor_def()
    else_block = successor_def()
    branch_weights = opt_prop_def(DenseArrayBase.constr(i32))
    traits = traits_def(IsTerminator(), ConditionalBranchOpHasCanonicalizationPatterns())
    assembly_format = None

    def verify_(self) -> None:
        weights = self.branch_weights
        if weights is not None and len(weights.get_values()) != 2:
            raise VerifyException("cf.cond_br: branch weights must hold two numbers, one per successor")

    @classmethod
    def parse(cls, parser: Parser) -> ConditionalBranchOp:
        cond = parser.parse_operand()
        weights = None
        if parser.parse_optional_keyword("weights") is not None:
            parser.parse_punctuation("(")
            values = parser.parse_comma_separated_list(Parser.Delimiter.SQUARE, parser.parse_integer)
            parser.parse_punctuation(")")
            weights = DenseArrayBase.from_list(i32, values)
        parser.parse_punctuation(",")
        then_block, then_args = _parse_successor_with_operands(parser)
        parser.parse_punctuation(",")
        else_block, else_args = _parse_successor_with_operands(parser)
        op = cls(cond, then_block, then_args, else_block, else_args)
        if weights is not None:
            op.branch_weights = weights
        op.attributes.update(parser.parse_optional_attr_dict())
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.cond)
        if self.branch_weights is not None:
            printer.print_string(" weights([")
            printer.print_list(self.branch_weights.get_values(), lambda v: printer.print_string(str(v)))
            printer.print_string("])")
        printer.print_string(", ")
        _print_successor_with_operands(printer, self.then_block, self.then_arguments)
        printer.print_string(", ")
        _print_successor_with_operands(printer, self.else_block, self.else_arguments)
        printer.print_op_attributes(self.attributes)


Cf = replaced(_XdslCf, ConditionalBranchOp)
