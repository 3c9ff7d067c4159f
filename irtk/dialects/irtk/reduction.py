"""Reductions: `irtk.sum`.

`axes` lists the reduced dimensions (all of them for a full sum). The result drops them. Summation is
sequential in index order — left to right over the reduced elements in row-major order — in the
compiled code, in folding and in the FAST_COMPILE evaluator alike, so every mode prints the same digits.
That is a deliberate choice (numpy's pairwise sum differs in the last bits for more than 8 elements).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import DenseArrayBase, TensorType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.syntax import IntListSyntax
from irtk.dialects.irtk.shape import NEW_AXIS
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, sum_dtype, tensor_type


def sequential_sum(x: np.ndarray, axes: tuple[int, ...], dtype: str) -> np.ndarray:
    """Sum `axes` of `x` strictly left to right, as the generated loops do."""
    x = np.asarray(x).astype(dtype, copy=False)
    kept = [d for d in range(x.ndim) if d not in axes]
    out_shape = [x.shape[d] for d in kept]
    n = int(np.prod([x.shape[d] for d in axes], dtype=np.int64))
    flat = np.transpose(x, kept + list(axes)).reshape(out_shape + [n])
    acc = np.zeros(out_shape, dtype=dtype)
    for i in range(n):
        acc = acc + flat[..., i]
    return np.asarray(acc, dtype=dtype)


@irdl_op_definition
class SumOp(IntListSyntax, TensorOp):
    """Sum over `axes`."""

    name = "irtk.sum"
    x = operand_def(TensorType)
    axes = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    LIST_PROPERTY: ClassVar[str] = "axes"

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        shape = shape_of(t)
        axes = list(properties["axes"].get_values())
        if any(a < 0 or a >= len(shape) for a in axes) or len(set(axes)) != len(axes) or axes != sorted(axes):
            raise TypeError(f"irtk.sum: axes {axes} must be distinct, sorted dimensions of a rank-{len(shape)} operand")
        return tensor_type(sum_dtype(dtype_of(t)), [s for d, s in enumerate(shape) if d not in axes])

    @property
    def axes_values(self) -> tuple[int, ...]:
        return tuple(self.axes.get_values())

    def reference(self, x):
        return sequential_sum(x, self.axes_values, dtype_of(self.result.type))

    def vjp(self, tb, grad):
        if not is_float(dtype_of(self.x.type)):
            return [None]
        rank = len(shape_of(self.x.type))
        axes = self.axes_values
        kept = iter(range(rank - len(axes)))
        expanded = tb.dimshuffle(grad, [NEW_AXIS if d in axes else next(kept) for d in range(rank)])
        return [tb.cast(tb.broadcast(expanded, self.x), dtype_of(self.x.type))]
