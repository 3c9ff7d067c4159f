"""`verify_grad`: Theano's check of a gradient rule against central finite differences, on a random projection.

    verify_grad(lambda x, y: tensor.tanh(x * y), [x_value, y_value], rng=numpy.random.RandomState(0))

The output of `fun` is projected on random weights (so that every output element's gradient is tested, each with a
different weight), and the gradient of that scalar with respect to each input, as `grad` computes it, is compared
with the central difference `(c(x + eps) - c(x - eps)) / 2 eps` element by element. A mismatch raises
`GradientError`, which names the op that made the output, the input, the position and both values.
"""

from __future__ import annotations

import numpy as np

from irtk.frontend.basic import as_tensor_variable, constant
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Variable

#: Theano's defaults by dtype: the step, and the absolute and relative tolerances.
_EPS = {"float64": 1e-7, "float32": 3e-3}
_TOLERANCE = {"float64": 1e-4, "float32": 1e-2}


class GradientError(ValueError):
    """The analytic gradient and the finite difference disagree beyond the tolerances."""

    def __init__(self, message: str, arg: int, position: tuple, analytic: float, numeric: float):
        super().__init__(message)
        self.arg, self.position, self.analytic, self.numeric = arg, position, analytic, numeric


def verify_grad(fun, pt, n_tests=2, rng=None, eps=None, out_type=None, abs_tol=None, rel_tol=None, mode=None,
                cast_to_output_type=False, no_debug_ref=True) -> None:
    """Check `grad` of `fun` (a function of symbolic variables, one per array in `pt`) at the point `pt`."""
    from irtk.frontend.function import function
    from irtk.frontend.gradient import grad

    points = [np.array(p, dtype=np.result_type(p, np.float64) if np.asarray(p).dtype.kind != "f" else None) for p in pt]
    if not points:
        raise ValueError("verify_grad: pt must hold at least one array")
    dtype = str(np.result_type(*points))
    inputs = [TensorType(str(p.dtype), (False,) * p.ndim)(f"input_{i}") for i, p in enumerate(points)]
    output = as_tensor_variable(fun(*inputs))
    if not isinstance(output, Variable) or not output.dtype.startswith("float"):
        raise TypeError(f"verify_grad: fun must return a float tensor, got {output!r}")
    maker = output.owner.op.name if output.owner is not None else "its input"
    eps = _EPS[dtype] if eps is None else eps
    abs_tol = _TOLERANCE[dtype] if abs_tol is None else abs_tol
    rel_tol = _TOLERANCE[dtype] if rel_tol is None else rel_tol
    rng = np.random.RandomState(0) if rng is None else rng
    shape = function(inputs, output, mode=mode, on_unused_input="ignore")(*points).shape
    for _ in range(n_tests):
        weights = constant(np.asarray(rng.uniform(size=shape) + 0.5, dtype=output.dtype))
        cost = (output * weights).sum()
        f = function(inputs, [cost, *grad(cost, inputs)], mode=mode, on_unused_input="ignore")
        _, *analytic = f(*points)
        for arg, point in enumerate(points):
            for position in np.ndindex(point.shape):
                moved = [p.copy() for p in points]
                moved[arg][position] += eps
                up = float(f(*moved)[0])
                moved[arg][position] -= 2 * eps
                down = float(f(*moved)[0])
                numeric = (up - down) / (2 * eps)
                value = float(analytic[arg][position])
                error = abs(value - numeric)
                if error > abs_tol and error > rel_tol * (abs(value) + abs(numeric)):
                    raise GradientError(
                        f"verify_grad: the gradient of {maker} with respect to argument {arg} at position {position} is "
                        f"{value!r}, the finite difference {numeric!r} (absolute error {error:.3g}, tolerances "
                        f"{abs_tol:g} absolute, {rel_tol:g} relative)", arg, position, value, numeric)


__all__ = ["verify_grad", "GradientError"]
