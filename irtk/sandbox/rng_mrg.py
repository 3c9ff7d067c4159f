"""`theano.sandbox.rng_mrg`: `MRG_RandomStreams` (see `irtk/frontend/random_streams.py`)."""

from irtk.frontend.random_streams import MRG_RandomStreams

__all__ = ["MRG_RandomStreams"]
