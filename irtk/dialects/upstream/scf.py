"""xDSL's `scf` dialect as irtk registers it: the place for the custom syntax of `scf` ops that xDSL 0.74
prints only generically (subclasses that take the place of xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.scf import Scf as _XdslScf

from irtk.dialects.upstream.extend import replaced

Scf = replaced(_XdslScf)
