"""How irtk-opt prints IR: xDSL's Printer, with one fix for `--mlir-print-debuginfo`.

xDSL's `Printer.print_operation_type` appends the op's `loc(...)` when debug info is on. That is right at the
end of an op in generic form, but custom formats call it mid-op too (`scf.while (...) : (i32) -> i32 {`),
which puts the location where neither MLIR nor xDSL can parse it. Here the location is printed only by the
generic-form path; the custom-form path already prints it after the op.
"""

from __future__ import annotations

from io import StringIO

from xdsl.ir import Operation
from xdsl.printer import Printer


class IrtkPrinter(Printer):
    _in_generic_op: bool = False

    def print_op_with_default_format(self, op: Operation) -> None:
        outer, self._in_generic_op = self._in_generic_op, True
        try:
            super().print_op_with_default_format(op)
        finally:
            self._in_generic_op = outer

    def print_operation_type(self, op: Operation) -> None:
        self.print_function_type(op.operand_types, op.result_types)
        if self.print_debuginfo and self._in_generic_op:
            self.print_string(" ")
            self.print_attribute(op.location)

    def print_op(self, op: Operation) -> None:
        outer, self._in_generic_op = self._in_generic_op, False  # nested ops start afresh
        try:
            super().print_op(op)
        finally:
            self._in_generic_op = outer


def print_module(module: Operation, *, generic: bool = False, debuginfo: bool = False) -> str:
    """The text of `module`, ending in a newline."""
    out = StringIO()
    IrtkPrinter(stream=out, print_generic_format=generic, print_debuginfo=debuginfo).print_op(module)
    return out.getvalue() + "\n"
