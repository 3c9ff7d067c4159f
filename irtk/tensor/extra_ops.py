"""`theano.tensor.extra_ops`: `cumsum`, `cumprod`."""

from irtk.frontend.cumulative import cumprod, cumsum

__all__ = ["cumsum", "cumprod"]
