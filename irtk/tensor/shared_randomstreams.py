"""`theano.tensor.shared_randomstreams`: `RandomStreams` (see `irtk/frontend/random_streams.py`)."""

from irtk.frontend.random_streams import RandomStreams

__all__ = ["RandomStreams"]
