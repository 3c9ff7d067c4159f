"""xDSL's `linalg` dialect as irtk registers it: the place for the custom syntax of `linalg` ops that xDSL 0.74
prints only generically or parses only in part (subclasses that take the place of xDSL's through `replaced`).

- `linalg.generic`: MLIR writes several result types in parentheses (`} -> (tensor<4xf32>, tensor<4xf32>)`),
  which xDSL's parser took for the start of a function type.
"""

from __future__ import annotations

from xdsl.dialects.linalg import Linalg as _XdslLinalg
from xdsl.dialects.linalg import ops as _ops
from xdsl.parser import Parser

from irtk.dialects.upstream.extend import replaced


class _ResultTypesInParens:
    """A parser view whose `-> (T, U)` is read as the list `T, U` by xDSL's `linalg.generic` parser."""

    def __init__(self, parser: Parser):
        self._parser = parser

    def __getattr__(self, name: str):
        return getattr(self._parser, name)

    def parse_optional_punctuation(self, punctuation: str):
        found = self._parser.parse_optional_punctuation(punctuation)
        if found is not None and punctuation == "->":
            self._parenthesized = self._parser.parse_optional_punctuation("(") is not None
        return found

    def parse_comma_separated_list(self, delimiter, parse, context_msg: str = ""):
        items = self._parser.parse_comma_separated_list(delimiter, parse, context_msg)
        if getattr(self, "_parenthesized", False):
            self._parenthesized = False
            self._parser.parse_punctuation(")")
        return items


class GenericOp(_ops.GenericOp):
    """`linalg.generic` that also reads MLIR's parenthesized list of result types."""

    @classmethod
    def create(cls, **fields):
        return _ops.GenericOp.create(**fields)  # the generic form too builds xDSL's class

    @classmethod
    def parse(cls, parser: Parser) -> _ops.GenericOp:
        # xDSL's own class, as a pass builds it (passes, emitters and the interpreter look ops up by class).
        return _ops.GenericOp.parse.__func__(_ops.GenericOp, _ResultTypesInParens(parser))  # type: ignore[attr-defined]


Linalg = replaced(_XdslLinalg, GenericOp)
