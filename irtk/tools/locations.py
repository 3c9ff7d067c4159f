"""Where an error happened: from an op's location, or from an exception raised while working on an op.

Parsed ops carry a `FileLineColLoc` (see located_parser.py) and passes keep it when they clone or rewrite, so
an error found after ten passes can still point at the user's line. Ops a pass creates from nothing have no
location; for those the nearest enclosing op that has one (usually the function) stands in.

Exceptions from verifiers, passes and emitters rarely say which op they are about, so `exception_location`
asks, in order: an explicit `location` or `op` attribute on the exception (the documented way for irtk
passes to say it), an op among its arguments, a `loc("file":line:col)` written in its message, then the
frames of its traceback from the innermost out, for a local named `op` (the argument of every rewrite
pattern) or an op's `self` (xDSL's `emit_error`).
irtk's own `irtk.diagnostics.OpError` carries its op as `op`, and its `location` as `file:line:col` text;
both forms are understood.
"""

from __future__ import annotations

import re
from types import TracebackType

from xdsl.ir import Operation

from irtk.diagnostics import file_line_col


_LOC_IN_MESSAGE = re.compile(r'loc\("(?P<file>[^"]+)":(?P<line>\d+):(?P<col>\d+)\)')


def op_location(op: Operation | None) -> tuple[str, int, int] | None:
    """The location of `op`, or of its nearest enclosing op that has one."""
    while op is not None:
        if (found := file_line_col(op.location)) is not None:
            return found
        op = op.parent_op()
    return None


def exception_location(exc: BaseException) -> tuple[str, int, int] | None:
    """The source position an exception is about, or None (see the module docstring for the order)."""
    if (found := file_line_col(getattr(exc, "location", None))) is not None:
        return found
    explicit = getattr(exc, "op", None)
    if isinstance(explicit, Operation):
        return op_location(explicit)
    for arg in exc.args:
        if isinstance(arg, Operation):
            return op_location(arg)
    if (match := _LOC_IN_MESSAGE.search(str(exc))) is not None:
        return match["file"], int(match["line"]), int(match["col"])
    return op_location(_innermost_frame_op(exc.__traceback__))


def _innermost_frame_op(tb: TracebackType | None) -> Operation | None:
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for name in ("op", "self"):
            value = frame.f_locals.get(name)
            if isinstance(value, Operation) and op_location(value) is not None:
                return value
    return None
