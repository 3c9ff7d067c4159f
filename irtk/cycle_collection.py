"""Pausing Python's cycle collector while irtk builds and rewrites IR.

Why: a compile allocates IR objects by the hundred thousand, and each burst of allocations triggers collections
that traverse every object the process holds (xDSL's and irtk's op classes, numpy, the user's data), not only the
new ones. A third of W6's first lowering (0.29 of 0.81 s, docs/performance.md) and a sixth of a short `irtk-opt`
run were collection. The objects a compile drops are mostly freed by reference counting as it goes (an erased op
drops its references); what cycles remain are reclaimed by the first collection after the pause ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off inside the block, and back on afterwards if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
