"""The message table: compiled kernels that do not change when the user's lines move.

A failed run-time check says where the user wrote the op: `irtk.mul: size mismatch in dimension 0 of operand #1
(at train.py:12)`. If that text were in the C++ source, and the locations in the tensor IR that keys the lowering
cache, a blank line added at the top of `train.py` would change every key and recompile every kernel. So FAST_RUN
keeps locations out of both:

1. `number_ops` numbers the ops of the tensor-level module in walk order and wraps each op's location in a
   `NameLoc` holding its number (`loc("irtk.op.7"("train.py":12:5))`); it returns the table, number -> the
   user's location. Passes copy locations, so every `cf.assert` the pipeline makes carries the number of the
   tensor op it checks. The lowering cache key is the module printed without locations: two modules with the
   same text have the same ops in the same walk order, so a number means the same op in both.
2. The C++ emitter prints a numbered check's message without its location: `compiled_message` strips the
   ` (at train.py:12)` suffix and appends the number as ` [irtk.op.7]`.
3. When a call fails, `located_message` replaces ` [irtk.op.7]` by the location the *current* graph gives op 7,
   so the user sees exactly the message the evaluator gives (FAST_COMPILE keeps the located text in the IR).

Everything else (compile errors, IRTK_DUMP) still sees the user's location: `NameLoc` is looked through by
`irtk.diagnostics.file_line_col`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xdsl.dialects.builtin import ModuleOp, NameLoc, StringAttr
from xdsl.ir import Attribute

from irtk.diagnostics import source_suffix

#: The name of a numbered location, and the mark a compiled message carries instead of its location.
PREFIX = "irtk.op."
_MARK = re.compile(r" \[irtk\.op\.(\d+)\]\Z")

#: number -> the user's location of the tensor op with that number.
LocationTable = Sequence[Attribute]


def number_ops(module: ModuleOp) -> list[Attribute]:
    """Wrap the location of every op of `module` in a `NameLoc` holding its number in walk order; the table of
    the original locations, indexed by number."""
    table: list[Attribute] = []
    for k, op in enumerate(module.walk()):
        table.append(op.location)
        op.location = NameLoc(StringAttr(f"{PREFIX}{k}"), op.location)
    return table


def op_number(location: Attribute | None) -> int | None:
    """The number `number_ops` gave the op at `location`, or None for a location it did not make."""
    if isinstance(location, NameLoc) and location.desc.data.startswith(PREFIX):
        suffix = location.desc.data[len(PREFIX) :]
        return int(suffix) if suffix.isdigit() else None
    return None


def compiled_message(message: str, location: Attribute | None) -> str:
    """The text a compiled check fails with: for an op `number_ops` numbered, the message without its
    ` (at file:line)` suffix, marked with the op's number; any other message as it is."""
    number = op_number(location)
    suffix = source_suffix(location)
    if number is None or not suffix or not message.endswith(suffix):
        return message
    return f"{message[: -len(suffix)]} [{PREFIX}{number}]"


def located_message(message: str, table: LocationTable | None) -> str:
    """A compiled check's failure message with its op's number replaced by that op's location in `table`."""
    found = _MARK.search(message)
    if found is None or table is None:
        return message
    number = int(found.group(1))
    where = source_suffix(table[number]) if number < len(table) else ""
    return message[: found.start()] + where


__all__ = ["LocationTable", "compiled_message", "located_message", "number_ops", "op_number"]
