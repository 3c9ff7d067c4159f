"""The exception a failed run-time check raises, in both modes.

A compiled kernel (`irtk_fail`) and the evaluator (`cf.assert`) report a failed check as a ValueError with the
check's message, which names the op and the user's line (a kernel's message names the op by number, and the
location table kept with the kernel gives the line: `message_table.py`). An index out of bounds is also an
IndexError, as numpy raises one: checks of indices say "out of bounds" in their messages, and this module
turns those into `IndexOutOfBounds`, which is both.
"""

from __future__ import annotations

from irtk.runtime.message_table import LocationTable, located_message


class IndexOutOfBounds(IndexError, ValueError):
    """An index out of bounds, found when the program ran (an IndexError, and a ValueError as every failed check)."""


def check_failure(message: str, locations: LocationTable | None = None) -> ValueError:
    """The exception for a failed run-time check with `message`. A compiled kernel's message names its op by
    number (`message_table.py`); `locations`, the table kept with the kernel, puts the user's line back."""
    message = located_message(message, locations)
    return IndexOutOfBounds(message) if "out of bounds" in message else ValueError(message)


__all__ = ["IndexOutOfBounds", "check_failure"]
