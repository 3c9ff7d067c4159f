"""The central finite difference that the op-family tests check gradients against."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numeric_gradient(cost: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """d cost / d x by central differences `(cost(x + h) - cost(x - h)) / 2h`, one element at a time."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (cost(up) - cost(down)) / (2 * h)
    return grad
