"""`theano.tensor.sort`: `sort`, `argsort`."""

from irtk.frontend.sorting import argsort, sort

__all__ = ["sort", "argsort"]
