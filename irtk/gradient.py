"""`theano.gradient`: `grad` (with Theano's options, and its markers `DisconnectedType` and `NullType`), `jacobian`,
`hessian`, `Rop`, `Lop`, `verify_grad`, and the ops that change only gradients (`zero_grad`, `disconnected_grad`,
`grad_clip`)."""

from irtk.frontend.derived import FUNCTIONS as _DERIVED
from irtk.frontend.gradient import (
    DisconnectedInputError,
    DisconnectedType,
    NullType,
    NullTypeGradError,
    grad,
    hessian,
    jacobian,
)
from irtk.frontend.rop import Lop, Rop
from irtk.frontend.verify_grad import GradientError, verify_grad

zero_grad = _DERIVED["zero_grad"]
disconnected_grad = _DERIVED["disconnected_grad"]
grad_clip = _DERIVED["grad_clip"]

__all__ = [
    "grad", "jacobian", "hessian", "DisconnectedType", "NullType", "NullTypeGradError", "DisconnectedInputError",
    "Rop", "Lop", "verify_grad", "GradientError", "zero_grad", "disconnected_grad", "grad_clip",
]
