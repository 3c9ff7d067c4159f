"""`irtk.tensor.nlinalg`: Theano's `theano.tensor.nlinalg` — the matrix functions that are contractions.

`trace`, `diag`, `extract_diag`, `alloc_diag` and `matrix_dot` are contractions (`irtk.contract`, or the sum of
one), so each lowers to one loop nest and differentiates like any other op; only the main diagonal of square
matrices is supported. `matrix_inverse` and `det` are Gaussian elimination with partial pivoting
(`irtk/dialects/irtk/linear_algebra.py`): a loop over the pivots whose steps read rows chosen by the data.
"""

from __future__ import annotations

from irtk.dialects.irtk.linear_algebra import DetOp, MatrixInverseOp
from irtk.frontend import contractions
from irtk.frontend.basic import apply, as_tensor_variable, dot
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


def matrix_inverse(x) -> Variable:
    """The inverse of the square matrix x; a singular matrix fails the call (numpy's `inv` raises)."""
    x = as_tensor_variable(x)
    if x.ndim != 2:
        raise TypeError(f"matrix_inverse: x must be a matrix, got a {x.ndim}-d tensor")
    return apply(MatrixInverseOp, [x])


def det(x) -> Variable:
    """The determinant of the square matrix x (0 for a singular one)."""
    x = as_tensor_variable(x)
    if x.ndim != 2:
        raise TypeError(f"det: x must be a matrix, got a {x.ndim}-d tensor")
    return apply(DetOp, [x])


__all__ = ["trace", "extract_diag", "alloc_diag", "diag", "matrix_dot", "matrix_inverse", "det"]
