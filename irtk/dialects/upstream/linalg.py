"""xDSL's `linalg` dialect as irtk registers it: the place for the custom syntax of `linalg` ops that xDSL 0.74
prints only generically (subclasses that take the place of xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.linalg import Linalg as _XdslLinalg

from irtk.dialects.upstream.extend import replaced

Linalg = replaced(_XdslLinalg)
