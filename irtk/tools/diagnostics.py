"""The one format every irtk-opt error is printed in, and the exception that carries it to the driver.

`FILE:LINE:COL: error: MESSAGE`, then the source line and a caret under the column: the form compilers and
mlir-opt print, so that editors jump to it and `--verify-diagnostics` can match it against annotations.
Errors that belong to no input position (a bad command line) are printed as `irtk-opt: error: MESSAGE`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from irtk.tools.source import SourceFile

PROGRAM = "irtk-opt"
#: Source lines longer than this are shown as a window around the column.
MAX_SHOWN = 160
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Diagnostic:
    """An error (or note) with the position it refers to, if it has one."""

    message: str
    file: str | None = None
    line: int = 0
    col: int = 0
    severity: str = "error"
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # One line per diagnostic, whatever the exception text looked like, so tools can parse it.
        object.__setattr__(self, "message", printable(" ".join(self.message.split())))

    @property
    def located(self) -> bool:
        return self.file is not None and self.line > 0

    def format(self, sources: Mapping[str, SourceFile] | None = None) -> str:
        """The printed form: header line, then the source line and caret when the text is at hand."""
        where = f"{self.file}:{self.line}:{max(self.col, 1)}" if self.located else PROGRAM
        lines = [f"{where}: {self.severity}: {self.message}"]
        source = (sources or {}).get(self.file or "")
        text = source.line_text(self.line) if source is not None and self.located else None
        if text is not None:
            lines += _source_and_caret(text, max(self.col, 1) - 1)
        lines += [f"{PROGRAM}: note: {note}" for note in self.notes]
        return "\n".join(lines)


def printable(text: str) -> str:
    """`text` with control characters (a NUL in binary input, say) written as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _source_and_caret(text: str, index: int) -> list[str]:
    """The source line (a window of it, if long) and a caret line pointing at `index`."""
    prefix, suffix = "", ""
    if len(text) > MAX_SHOWN:
        start = max(0, min(index - MAX_SHOWN // 2, len(text) - MAX_SHOWN))
        prefix = "..." if start > 0 else ""
        suffix = "..." if start + MAX_SHOWN < len(text) else ""
        text, index = text[start : start + MAX_SHOWN], index - start
    # Tabs keep their width and escaped characters their escape's, so the caret stays under the column.
    pad = "".join(c if c == "\t" else " " * len(printable(c)) for c in text[:index])
    return [prefix + printable(text) + suffix, " " * len(prefix) + pad + "^"]


class DiagnosticError(Exception):
    """Raised by a stage of the driver to stop work on one input and report `diagnostic`."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def at(source: SourceFile, offset: int, message: str, *, line_offset: int = 0) -> Diagnostic:
    """A diagnostic at a character offset of `source`, shifted by `line_offset` lines (split input chunks)."""
    line, col = source.line_col(offset)
    return Diagnostic(message, source.name, line + line_offset, col)
