"""`OpError`: a compile error about one op, carrying the op so a driver can point at its source.

Passes raise it (instead of asserting or letting a KeyError escape) whenever input IR is outside what
they handle. `irtk-opt` prints it as `file:line:col: error: message` using the op's `location`, which
parsing sets and rewrites copy onto the ops they create.
"""

from __future__ import annotations

from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import Operation
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


def format_location(loc) -> str | None:
    if isinstance(loc, FileLineColLoc):
        return f"{loc.filename.data}:{loc.line.data}:{loc.column.data}"
    return None
