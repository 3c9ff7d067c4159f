"""Emitters: loop-level IR as source code for a system compiler.

`cstyle.CStylePrinter` prints function bodies as C statements from a dispatch table (one printer per op);
`cpp.CppPrinter` extends it into a self-contained C++ translation unit that implements the kernel ABI of
`irtk/runtime/irtk_abi.h`. `support.check_module` decides, before anything is printed, whether a module
stays inside what the printers handle. See docs/codegen.md.
"""

from irtk.codegen.cpp import emit_cpp
from irtk.codegen.errors import EmitError

__all__ = ["EmitError", "emit_cpp"]
