"""xDSL's `memref` dialect as irtk registers it: the place for the custom syntax of `memref` ops that xDSL 0.74
prints only generically (subclasses that take the place of xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.memref import MemRef as _XdslMemRef

from irtk.dialects.upstream.extend import replaced

MemRef = replaced(_XdslMemRef)
