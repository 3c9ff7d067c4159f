"""xDSL's `tensor` dialect as irtk registers it: the place for the custom syntax of `tensor` ops that xDSL 0.74
prints only generically (subclasses that take the place of xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.tensor import Tensor as _XdslTensor

from irtk.dialects.upstream.extend import replaced

Tensor = replaced(_XdslTensor)
