"""Making an upstream dialect with ops added to or replacing xDSL's: how irtk fills what xDSL 0.74 lacks without
editing xDSL."""

from __future__ import annotations

from xdsl.ir import Dialect


def extended(base: Dialect, *ops: type) -> Dialect:
    """`base` with `ops` added."""
    return Dialect(base.name, [*base.operations, *ops], [*base.attributes], list(base._interfaces))  # noqa: SLF001 (no public accessor in xDSL 0.74)


def replaced(base: Dialect, *ops: type) -> Dialect:
    """`base` with each of `ops` taking the place of xDSL's op of the same name (added if xDSL has none)."""
    names = {op.name for op in ops}
    kept = [op for op in base.operations if op.name not in names]
    return Dialect(base.name, [*kept, *ops], [*base.attributes], list(base._interfaces))  # noqa: SLF001
