"""`OpError`: a compile error about one op, carrying the op so a driver can point at its source.

Passes raise it (instead of asserting or letting a KeyError escape) whenever input IR is outside what
they handle. `irtk-opt` prints it as `file:line:col: error: message` using the op's `location`, which
parsing sets and rewrites copy onto the ops they create.
"""

from __future__ import annotations

import re

from xdsl.dialects.builtin import CallSiteLoc, FileLineColLoc, FusedLoc, NameLoc
from xdsl.ir import Attribute, Operation
from xdsl.utils.exceptions import DiagnosticException


class OpError(DiagnosticException):
    """An error located at `op`."""

    def __init__(self, op: Operation, message: str):
        super().__init__(message)
        self.op = op
        self.message = message

    @property
    def location(self) -> str | None:
        """`file:line:col` of the op, when it has a source location."""
        return format_location(self.op.location)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: error: {self.message}" if where else f"error: {self.message}"


def source_suffix(loc: Attribute | None) -> str:
    """` (at file:line)` for a run-time error message, or "" when the location is unknown."""
    found = file_line_col(loc)
    return f" (at {found[0]}:{found[1]})" if found else ""


def format_location(loc: Attribute | str | None) -> str | None:
    """`file:line:col` of a location, or None when it has none."""
    found = file_line_col(loc)
    return f"{found[0]}:{found[1]}:{found[2]}" if found else None


_TEXT_LOCATION = re.compile(r"^(?:loc\()?\"?(?P<file>.+?)\"?:(?P<line>\d+):(?P<col>\d+)\)?$")


def file_line_col(loc: Attribute | str | None) -> tuple[str, int, int] | None:
    """The file, line and column in a location attribute (looking through name, call-site and fused ones)
    or in `file:line:col` text."""
    match loc:
        case str():
            found = _TEXT_LOCATION.match(loc.strip())
            return (found["file"], int(found["line"]), int(found["col"])) if found else None
        case FileLineColLoc():
            return loc.filename.data, loc.line.data, loc.column.data
        case NameLoc():
            return file_line_col(loc.location)
        case CallSiteLoc():
            return file_line_col(loc.callee) or file_line_col(loc.caller)
        case FusedLoc():
            for inner in getattr(loc.locations, "data", ()):
                if (found := file_line_col(inner)) is not None:
                    return found
    return None

