"""xDSL's `cf` dialect as irtk registers it: the place for the custom syntax of `cf` ops that xDSL 0.74
prints only generically (subclasses that take the place of xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.cf import Cf as _XdslCf

from irtk.dialects.upstream.extend import replaced

Cf = replaced(_XdslCf)
