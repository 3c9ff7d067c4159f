"""`irtk.tensor.nlinalg`: Theano's `theano.tensor.nlinalg` — the matrix functions that are contractions.

`trace`, `diag`, `extract_diag`, `alloc_diag` and `matrix_dot`. Each is a contraction (`irtk.contract`, or the sum
of one), so it lowers to one loop nest and differentiates like any other op. Only the main diagonal of square
matrices is supported. `matrix_inverse`, `det` and the decompositions are not here: they need pivoting, whose
data-dependent row choice no `linalg.generic` expresses.
"""

from __future__ import annotations

from irtk.frontend import contractions
from irtk.frontend.basic import as_tensor_variable, dot
from irtk.frontend.variable import Variable


def trace(X) -> Variable:
    """The sum of the diagonal of the square matrix X."""
    X = as_tensor_variable(X)
    if X.ndim != 2:
        raise TypeError(f"trace: X must be a matrix, got a {X.ndim}-d tensor")
    return contractions.trace(X)


def extract_diag(x) -> Variable:
    """The diagonal of the square matrix x, as a vector."""
    x = as_tensor_variable(x)
    if x.ndim != 2:
        raise TypeError(f"extract_diag: x must be a matrix, got a {x.ndim}-d tensor")
    return contractions.diagonal(x)


def alloc_diag(x) -> Variable:
    """The square matrix with the vector x on its diagonal and 0 elsewhere."""
    return contractions.alloc_diag(x)


def diag(x) -> Variable:
    """A matrix's diagonal, or the square matrix with a vector on its diagonal (numpy's `diag`)."""
    return contractions.diag(x)


def matrix_dot(*args) -> Variable:
    """The product `args[0] · args[1] · ... · args[-1]`, in that order."""
    if not args:
        raise TypeError("matrix_dot: needs at least one argument")
    result = as_tensor_variable(args[0])
    for x in args[1:]:
        result = dot(result, x)
    return result


__all__ = ["trace", "extract_diag", "alloc_diag", "diag", "matrix_dot"]
