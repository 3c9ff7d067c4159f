"""A named input text that can turn an offset into a line and column, and a line number into its text.

Every diagnostic needs both directions, and doing them by counting newlines each time makes locating every
parsed op quadratic in the file size; the line starts are found once, then looked up by bisection.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_NEWLINE = re.compile("\n")


@dataclass
class SourceFile:
    """The text of one input, under the name diagnostics print (a path, or `<stdin>`)."""

    name: str
    text: str
    _line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a 0-based character offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str | None:
        """The text of a 1-based line, without its newline; None when out of range."""
        if not 1 <= line <= len(self._line_starts):
            return None
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]
