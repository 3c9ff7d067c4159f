"""Turn a `-p` string into pass instances, or into a diagnostic that points into the string.

The syntax is xDSL's (`canonicalize,tile{sizes=32,32},fast-run`), with the named pipelines of
`irtk.registry.PIPELINES` usable wherever a pass name is. An mlir-opt style `builtin.module(...)` around the
list is accepted and ignored, since there is only one level of nesting. Errors are reported as
`<pass-pipeline>:1:COL: error: ...` with the string and a caret, as mlir-opt does for its pipelines.

`ArgSpecParseError` (bad syntax) derives from BaseException and carries its position only in its message,
which is why it is caught by name and its column read back from the text.
"""

from __future__ import annotations

import difflib
import re

from irtk import registry
from irtk.tools.diagnostics import DiagnosticError, at
from irtk.tools.source import SourceFile

NAME = "<pass-pipeline>"
_WRAPPER = re.compile(r"^\s*builtin\.module\((?P<inner>.*)\)\s*$", re.DOTALL)
_ARGSPEC_POSITION = re.compile(r":(\d+):(\d+)\n")


def build_pipeline(spec: str) -> tuple:
    """The ModulePass instances `spec` names, in order; raises DiagnosticError for any problem."""
    if not spec.strip():
        return ()
    from xdsl.utils.arg_spec import parse_pipeline
    from xdsl.utils.exceptions import ArgSpecParseError

    source = SourceFile(NAME, spec)
    base, inner = 0, spec
    if (wrapped := _WRAPPER.match(spec)) is not None:
        base, inner = wrapped.start("inner"), wrapped.group("inner")
    try:
        list(parse_pipeline(inner))
    except ArgSpecParseError as exc:
        text = str(exc)
        position = _ARGSPEC_POSITION.search(text)
        col = int(position.group(2)) - 1 if position else 0
        message = text.rstrip().splitlines()[-1].strip()
        raise DiagnosticError(at(source, base + col, f"invalid pass pipeline: {message}")) from None

    passes: list = []
    for offset, item in _items(inner):
        passes += _build_item(item, source, base + offset)
    return tuple(passes)


def _build_item(item: str, source: SourceFile, offset: int) -> tuple:
    name = item.split("{", 1)[0].strip()
    if name not in registry.PASSES and name not in registry.PIPELINES:
        close = difflib.get_close_matches(name, [*registry.PASSES, *registry.PIPELINES], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        message = f"'{name}' does not refer to a registered pass or pass pipeline{hint}"
        raise DiagnosticError(at(source, offset, message))
    if name in registry.PIPELINES and "{" in item:
        raise DiagnosticError(at(source, offset, f"named pipeline '{name}' takes no options"))
    try:
        return registry.parse_pipeline(item).passes
    except (ValueError, TypeError) as exc:
        raise DiagnosticError(at(source, offset, f"invalid options for pass '{name}': {exc}")) from None
    except Exception as exc:  # the pass's module failed to import
        raise DiagnosticError(at(source, offset, f"pass '{name}' could not be loaded: {exc}")) from None


def _items(spec: str) -> list[tuple[int, str]]:
    """The top-level comma-separated items of `spec`, each with its offset (leading blanks skipped)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(spec + ","):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            item = spec[start:i]
            if item.strip():
                items.append((start + len(item) - len(item.lstrip()), item.strip()))
            start = i + 1
    return items
