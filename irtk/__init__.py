"""irtk: an MLIR-style multi-level IR compiler toolkit with a Theano-like frontend.

    import irtk as theano
    from irtk import tensor
    a, b = tensor.dscalar(), tensor.dscalar()
    f = theano.function([a, b], a + b)
    f(1.5, 2.5)  # array(4.)
"""

from irtk import printing, tensor
from irtk.config import config
from irtk.frontend.function import Function, function
from irtk.frontend.gradient import grad
from irtk.frontend.shared import SharedVariable, shared

__version__ = "0.1.0"

__all__ = ["tensor", "function", "shared", "grad", "printing", "config", "Function", "SharedVariable"]
