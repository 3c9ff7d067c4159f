"""`theano.gradient`: `grad`, `verify_grad`, and the ops that change only gradients (`zero_grad`,
`disconnected_grad`, `grad_clip`)."""

from irtk.frontend.derived import FUNCTIONS as _DERIVED
from irtk.frontend.gradient import DisconnectedInputError, grad
from irtk.frontend.verify_grad import GradientError, verify_grad

zero_grad = _DERIVED["zero_grad"]
disconnected_grad = _DERIVED["disconnected_grad"]
grad_clip = _DERIVED["grad_clip"]

__all__ = ["grad", "verify_grad", "GradientError", "DisconnectedInputError", "zero_grad", "disconnected_grad", "grad_clip"]
