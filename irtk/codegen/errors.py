"""The one exception the emitters raise.

An emitter refuses IR it cannot print faithfully instead of printing something close: a kernel that
compiles but computes the wrong thing is worse than a clear error. `EmitError` derives from xDSL's
`DiagnosticException`, so `irtk-opt` reports it like a failed pass, and from `ValueError`, so plain
Python callers can catch it without knowing about xDSL.
"""

from __future__ import annotations

from xdsl.ir import Operation
from xdsl.utils.exceptions import DiagnosticException

from irtk.diagnostics import format_location


class EmitError(DiagnosticException, ValueError):
    """The IR holds something the emitter cannot print; the message names each offending op.

    `op` is the first of them, so that a driver can point at its source line.
    """

    def __init__(self, message: str, op: Operation | None = None):
        super().__init__(message)
        self.message = message
        self.op = op


def describe(op: Operation) -> str:
    """`'memref.subview' in @main at f.mlir:3:5`: enough to find the op in the input."""
    where = f"'{op.name}'"
    func: Operation | None = op
    while func is not None and func.name != "func.func":
        func = func.parent_op()
    if func is not None:
        where += f" in @{func.properties['sym_name'].data}"  # type: ignore[union-attr]
    loc = format_location(op.location)
    if loc is not None:
        where += f" at {loc}"
    return where
