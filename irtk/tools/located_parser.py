"""An xDSL parser that records where each op came from, and reports a few errors where MLIR does.

xDSL leaves `op.location` unknown unless the text says `loc(...)`, so a verifier or pass error could not point
at a line. This parser gives each op without an explicit location a `FileLineColLoc` of its first token (its
result list or its name), which passes keep when they clone or rewrite the op. The printer shows locations
only when asked (`--mlir-print-debuginfo`), so output is unchanged.

Some errors are also reported where, and as, the user needs them:
- a value used but never defined is reported at its first use (xDSL reports it at the end of the file);
- an unknown op is reported at its name, saying whether its dialect is unknown too;
- a stray token inside a region (or the end of a truncated file) says what was expected there;
- an exception other than ParseError raised while an op's custom syntax is read (some attribute
  constructors verify themselves) becomes a ParseError at that op, instead of a crash.

One reading is corrected: a hexadecimal integer among the elements of a float `dense<...>` is the bit pattern
of the float, as in MLIR (`dense<[0x7FF8000000000000]> : tensor<1xf64>` is a NaN). That is how NaN, the
infinities and some large values are printed (by xDSL's printer and by mlir-opt alike), but xDSL 0.74 reads
the hex as an integer and converts its value, so a NaN came back as 9.22e18. Scalar float attributes
(`0x7FF8000000000000 : f64`) xDSL already reads as bits. The parts of a complex element are read the same way
(`(0x7FF8000000000000, 1.0)`, which xDSL refuses for mixing an integer and a float).
"""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects.builtin import AnyFloat, FileLineColLoc, IntAttr, ModuleOp, StringAttr, UnknownLoc
from xdsl.ir import Operation
from xdsl.parser import AttrParser, Parser, UnresolvedOperand
from xdsl.utils.exceptions import ParseError
from xdsl.utils.lexer import Span
from xdsl.utils.mlir_lexer import MLIRTokenKind

from irtk.tools.source import SourceFile


class LocatedParser(Parser):
    """Parse `source.text`; ops get locations in `source.name`, lines shifted by `line_offset`."""

    def __init__(self, ctx: Context, source: SourceFile, *, line_offset: int = 0):
        super().__init__(ctx, source.text, source.name)
        self._source = source
        self._line_offset = line_offset
        self._filename = StringAttr(source.name)
        self._first_use: dict[str, Span] = {}

    def parse_operation(self) -> Operation:
        start = self._current_token.span
        try:
            op = super().parse_operation()
        except (ParseError, RecursionError):
            raise
        except Exception as exc:  # a custom parser or attribute constructor rejected its input
            raise ParseError(start, str(exc) or type(exc).__name__) from exc
        if isinstance(op.location, UnknownLoc):
            line, col = self._source.line_col(start.start)
            op.location = FileLineColLoc(self._filename, IntAttr(line + self._line_offset), IntAttr(col))
        return op

    def _get_op_by_name(self, name: str) -> type[Operation]:
        op_type = self.ctx.get_optional_op(name, dialect_stack=self._parser_state.dialect_stack)
        if op_type is not None:
            return op_type
        # The name token was just consumed: it is the last occurrence of the name before the current token.
        at = self.lexer.input.content.rfind(name, 0, self._current_token.span.start)
        dialect = name.split(".", 1)[0] if "." in name else None
        if dialect is None:
            message = f"unknown operation '{name}'"
        elif dialect in self.ctx.registered_dialect_names:
            message = f"unknown operation '{name}' in dialect '{dialect}'"
        else:
            message = (
                f"unknown operation '{name}': dialect '{dialect}' is not registered"
                " (--allow-unregistered-dialect accepts it)"
            )
        self.raise_error(message, Span(at, at + len(name), self.lexer.input) if at >= 0 else None)

    def _parse_block(self):
        token = self._current_token
        if token.kind == MLIRTokenKind.EOF:
            self.raise_error("unexpected end of input: expected '}' to close a region")
        if token.kind != MLIRTokenKind.CARET_IDENT:
            self.raise_error(f"expected an operation, a block label or '}}', found '{token.text}'")
        return super()._parse_block()

    def resolve_operand(self, operand: UnresolvedOperand, type):  # noqa: A002 (xDSL's parameter name)
        name = operand.operand_name
        if name not in self.ssa_values:
            self._first_use.setdefault(name, operand.span)
        return super().resolve_operand(operand, type)

    def _parse_tensor_literal_element(self) -> AttrParser._TensorLiteralElement:
        token = self._current_token
        element = super()._parse_tensor_literal_element()
        if token.kind == MLIRTokenKind.INTEGER_LIT and token.text[:2] in ("0x", "0X"):
            return _HexElement(element.is_negative, element.value, element.span)
        if isinstance(element.value, _ComplexParts):
            return _ComplexElement(element.is_negative, element.value, element.span)
        return element

    def _parse_optional_complex(self):
        """`(re, im)`, each part a number or a float's bit pattern in hexadecimal."""
        if self._current_token.kind != MLIRTokenKind.L_PAREN:
            return None
        start = self._consume_token(MLIRTokenKind.L_PAREN).span
        values, hexadecimal = [], []
        for k in range(2):
            if k:
                self.parse_punctuation(",")
            token = self._current_token
            value, _ = self._parse_bool_int_or_float()
            values.append(value)
            hexadecimal.append(token.kind == MLIRTokenKind.INTEGER_LIT and token.text[:2] in ("0x", "0X"))
        end = self._consume_token(MLIRTokenKind.R_PAREN).span
        if type(values[0]) is not type(values[1]) and not any(hexadecimal):
            self.raise_error("Complex value must be either (float, float) or (int, int)", start)
        return _ComplexParts(values, hexadecimal), Span(start.start, end.end, start.input)

    def parse_module(self, allow_implicit_module: bool = True) -> ModuleOp:
        if self._current_token.kind == MLIRTokenKind.EOF:
            return ModuleOp([])  # an empty file is an empty module, as in mlir-opt
        try:
            module = super().parse_module(allow_implicit_module)
        except ParseError as exc:
            undefined = [n for n in self.forward_ssa_references if n in self._first_use]
            if not exc.msg.startswith("values used but not defined") or not undefined:
                raise
            first = min(undefined, key=lambda n: self._first_use[n].start)
            raise ParseError(self._first_use[first], f"use of undeclared SSA value name %{first}") from None
        if isinstance(module.location, UnknownLoc):  # the implicit module: errors in new ops fall back here
            module.location = FileLineColLoc(self._filename, IntAttr(self._line_offset + 1), IntAttr(1))
        return module


class _ComplexParts(tuple):
    """The (re, im) of a complex element, and which part was written in hexadecimal."""

    def __new__(cls, values, hexadecimal):
        parts = super().__new__(cls, values)
        parts.hexadecimal = tuple(hexadecimal)
        return parts


class _ComplexElement(AttrParser._TensorLiteralElement):
    """A complex `dense<...>` element: for a float part type, a hexadecimal part is the float's bit pattern."""

    def to_complex(self, parser: AttrParser, type):  # noqa: A002 (xDSL's parameter name)
        parts = self.value
        if not isinstance(type.element_type, AnyFloat):
            return super().to_complex(parser, type)
        return tuple(
            _HexElement(False, v, self.span).to_type(parser, type.element_type) if is_hex else float(v)
            for v, is_hex in zip(parts, parts.hexadecimal)  # type: ignore[union-attr]
        )


class _HexElement(AttrParser._TensorLiteralElement):
    """A `dense<...>` element written as a (non-negative) hexadecimal integer: for a float element type it
    is the float's bit pattern, as in MLIR; for an integer type, an integer as before."""

    def to_type(self, parser: AttrParser, type):  # noqa: A002 (xDSL's parameter name)
        if not isinstance(type, AnyFloat):
            return super().to_type(parser, type)
        assert isinstance(self.value, int)
        width = type.compile_time_size * 8
        if self.value >= 1 << width:
            parser.raise_error(f"hexadecimal float constant out of range for type {type}", at_position=self.span)
        return next(type.iter_unpack(self.value.to_bytes(type.compile_time_size, "little")))
