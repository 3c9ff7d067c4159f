"""Finding an op's entry in a table keyed by op class, where the op may be a subclass that only adds syntax.

irtk registers some upstream ops as subclasses of xDSL's (irtk/dialects/upstream/: `memref.copy` with MLIR's
custom syntax, `cf.cond_br` with branch weights, ...). Parsed IR holds those subclasses while irtk's passes build
xDSL's classes, so every table that maps op classes to emitters or evaluators is searched along the class's MRO:
a subclass is printed and evaluated as the op it refines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from xdsl.ir import Operation

V = TypeVar("V")


def entry_for(table: Mapping[type, V], op: Operation) -> V | None:
    """`table`'s entry for `op`'s class, or for its nearest base class that has one; None if none has."""
    cls = type(op)
    found = table.get(cls)
    if found is not None:
        return found
    for base in cls.__mro__[1:]:
        found = table.get(base)
        if found is not None:
            return found
    return None
