"""String literals lexed in linear time: xDSL 0.74's lexer takes exponential time on an unterminated one.

xDSL's `MLIRLexer` matches a string literal with `"(?:[^"\\\n\v\f]+|\\(?:...))*"`: a repeated group around a
repeated character class. When no closing quote comes (`"abc...` cut short, as fuzzing irtk-opt produced), the
regex engine tries every way of splitting the run of characters between the two repetitions before giving up:
a 24-character run takes a second, a 40-character one hangs irtk-opt, or any parse of IR text.

The pattern here takes each run of plain characters whole, as an atomic group (a lookahead captures the run and
a backreference consumes it: Python before 3.11 has no possessive repetition), so there is one way to split the
input and a failed match costs linear time. It matches exactly the same strings, because its two alternatives
start with different characters (anything but a quote or backslash; a backslash) and neither can consume the
closing quote, so a match never needed a run split in two. Installed when irtk makes a context (`registry.make_context`: every irtk parse goes through one), by
replacing the class attribute the lexer reads. Remove this module when xDSL's pattern no longer backtracks.
"""

from __future__ import annotations

import re

from xdsl.utils.mlir_lexer import MLIRLexer

#: MLIR's string literal: printable characters, and escapes `\"`, `\n`, `\t`, `\\` or two hex digits.
LINEAR_STRING_LITERAL = r'"(?:(?=([^"\\\n\v\f]+))\1|\\(?:["nt\\]|[0-9A-Fa-f]{2}))*"'


def install() -> None:
    """Give xDSL's lexer the linear-time pattern."""
    MLIRLexer._unescaped_characters_regex = re.compile(LINEAR_STRING_LITERAL)  # noqa: SLF001 (the lexer's own pattern)
