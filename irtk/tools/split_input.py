"""`--split-input-file`: cut a file into independent pieces at `// -----` lines.

As in mlir-opt, each piece is processed on its own and the outputs are joined by `// -----`. A piece keeps
the number of lines before it, so that diagnostics and `expected-error` annotations use the line numbers of
the whole file. The marker must stand alone on its line (`// CHECK: // -----` is not one), so tests can
check for the separator in the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = "// -----"
_MARKER_LINE = re.compile(r"^[ \t]*// -----[ \t]*\r?$\n?", re.MULTILINE)


@dataclass(frozen=True)
class Chunk:
    """One piece of the input; its first line is line `line_offset + 1` of the file."""

    text: str
    line_offset: int


def split_input(text: str) -> list[Chunk]:
    """The pieces of `text` between marker lines (the whole text when there is no marker)."""
    chunks, start, line = [], 0, 0
    for match in _MARKER_LINE.finditer(text):
        chunks.append(Chunk(text[start : match.start()], line))
        line += text.count("\n", start, match.end())
        start = match.end()
    chunks.append(Chunk(text[start:], line))
    return chunks
