"""xDSL's `scf` dialect as irtk registers it: the place for the custom syntax of `scf` ops that xDSL 0.74
prints only generically or parses only in part (subclasses that take the place of xDSL's through `replaced`).

- `scf.if`: MLIR writes one result type without parentheses (`scf.if %c -> index {`), and a region that ends
  in an unregistered op still gets its implicit `scf.yield` (xDSL took the unregistered op for a terminator).
- `scf.reduce`: several reduction regions separated by commas, as MLIR writes them, are read.
- `scf.parallel`: MLIR's `scf.parallel (%i) = (%lb) to (%ub) step (%s) init (%v) -> T { ... }` is read (and
  printed generically, as xDSL prints the loops irtk's passes build).
"""

from __future__ import annotations

from xdsl.dialects import scf as _scf
from xdsl.dialects.builtin import IndexType, UnregisteredOp
from xdsl.dialects.scf import Scf as _XdslScf
from xdsl.ir import Attribute, Block
from xdsl.parser import Parser
from xdsl.traits import IsTerminator, SingleBlockImplicitTerminator

from irtk.dialects.upstream.extend import replaced

# Each `parse` and `create` (the generic form) here builds xDSL's own op class, not the subclass: passes, the C++/CUDA emitters and xDSL's
# interpreter look ops up by their exact class, and a parsed op must be the same op as one a pass builds. The
# subclasses only carry the syntax into the dialect.


def _parse_arrow_types(parser: Parser) -> list[Attribute]:
    """MLIR's arrow type list: `-> T`, `-> (T, U)` or nothing."""
    if not parser.parse_optional_punctuation("->"):
        return []
    if parser.parse_optional_punctuation("(") is not None:
        if parser.parse_optional_punctuation(")") is not None:
            return []
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        parser.parse_punctuation(")")
        return types
    return [parser.parse_type()]


def _add_implicit_terminators(op) -> None:
    """MLIR's ensureTerminator: a block of a non-empty region that does not end in a registered terminator gets
    one (an unregistered op is never taken for the terminator); empty regions stay empty."""
    for trait in op.get_traits_of_type(SingleBlockImplicitTerminator):
        for region in op.regions:
            if region.blocks:
                ensure_terminator_of(region.block, trait.op_type)


def ensure_terminator_of(block: Block, terminator: type) -> None:
    last = block.last_op
    if last is None or isinstance(last, UnregisteredOp) or not last.has_trait(IsTerminator):
        block.add_op(terminator())


class IfOp(_scf.IfOp):
    """`scf.if` with MLIR's full custom syntax."""

    @classmethod
    def create(cls, **fields):
        return _scf.IfOp.create(**fields)  # the generic form too builds xDSL's class

    @classmethod
    def parse(cls, parser: Parser) -> _scf.IfOp:
        cond = parser.parse_operand()
        return_types = _parse_arrow_types(parser)
        then_region = parser.parse_region()
        else_region = parser.parse_region() if parser.parse_optional_keyword("else") else None
        for region in (then_region, else_region):
            if region is not None and not region.blocks:
                region.add_block(Block())  # `{ }`: one block holding the implicit scf.yield
        attrs = parser.parse_optional_attr_dict()
        op = _scf.IfOp(cond, return_types, then_region, else_region, attrs)
        _add_implicit_terminators(op)
        return op


class ParallelOp(_scf.ParallelOp):
    """`scf.parallel` read in MLIR's custom syntax. It is printed in the generic form, as the loops irtk's passes
    build (xDSL's own class) are, so that one program never mixes the two forms; MLIR reads both."""

    @classmethod
    def create(cls, **fields):
        return _scf.ParallelOp.create(**fields)  # the generic form too builds xDSL's class

    @classmethod
    def parse(cls, parser: Parser) -> _scf.ParallelOp:
        ivs = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, lambda: parser.parse_argument(expect_type=False)
        )
        parser.parse_punctuation("=")
        index = IndexType()

        def operands() -> list:
            return parser.parse_comma_separated_list(
                parser.Delimiter.PAREN, lambda: parser.resolve_operand(parser.parse_unresolved_operand(), index)
            )

        lbs = operands()
        parser.parse_keyword("to")
        ubs = operands()
        parser.parse_keyword("step")
        steps = operands()
        inits = []
        if parser.parse_optional_keyword("init"):
            inits = parser.parse_comma_separated_list(parser.Delimiter.PAREN, parser.parse_unresolved_operand)
        pos = parser.pos
        types = _parse_arrow_types(parser)
        init_values = parser.resolve_operands(inits, types, pos)
        body = parser.parse_region([iv.resolve(index) for iv in ivs])
        attrs = parser.parse_optional_attr_dict()
        op = _scf.ParallelOp(lbs, ubs, steps, body, init_values)
        op.attributes |= attrs
        _add_implicit_terminators(op)
        return op


class ReduceOp(_scf.ReduceOp):
    """`scf.reduce` read with its reduction regions separated by commas, as MLIR writes them (`}, {`)."""

    @classmethod
    def create(cls, **fields):
        return _scf.ReduceOp.create(**fields)  # the generic form too builds xDSL's class

    @classmethod
    def parse(cls, parser: Parser) -> _scf.ReduceOp:
        args = []
        if parser.parse_optional_punctuation("(") is not None:
            pos = parser.pos
            unresolved = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
            parser.parse_punctuation(":")
            types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
            parser.parse_punctuation(")")
            args = parser.resolve_operands(unresolved, types, pos)
        regions = []
        if (region := parser.parse_optional_region()) is not None:
            regions.append(region)
            while parser.parse_optional_punctuation(",") is not None:
                regions.append(parser.parse_region())
        attrs = parser.parse_optional_attr_dict()
        op = _scf.ReduceOp(args, regions)
        op.attributes |= attrs
        return op


Scf = replaced(_XdslScf, IfOp, ParallelOp, ReduceOp)
