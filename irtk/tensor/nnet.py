"""`irtk.tensor.nnet`: Theano's `theano.tensor.nnet` — activations, softmax and cross-entropies."""

from irtk.frontend.composite import (binary_crossentropy, categorical_crossentropy, crossentropy_softmax_1hot, elu,
                                     logsoftmax, relu, softmax)
from irtk.frontend.derived import FUNCTIONS as _FUNCTIONS

sigmoid = _FUNCTIONS["sigmoid"]
ultra_fast_sigmoid = _FUNCTIONS["ultra_fast_sigmoid"]
softplus = _FUNCTIONS["softplus"]

__all__ = ["sigmoid", "ultra_fast_sigmoid", "softplus", "relu", "elu", "softmax", "logsoftmax",
           "categorical_crossentropy", "binary_crossentropy", "crossentropy_softmax_1hot"]
