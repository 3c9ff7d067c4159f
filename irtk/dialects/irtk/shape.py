"""Rank and layout changes: `irtk.dimshuffle`, Theano's DimShuffle.

`pattern` lists, for each result dimension, the operand dimension it takes (or -1, Theano's 'x', for a
new broadcastable dimension of size 1). Operand dimensions left out must have static size 1. So
`[1, 0]` transposes a matrix, `[-1, 0]` makes a vector a row, `[]` makes a `tensor<1x1xf64>` a scalar.
This is how rank-changing broadcasts are made explicit: elementwise ops then stretch the size-1 dims.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import DenseArrayBase, TensorType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.syntax import IntListSyntax, int_list_attr
from irtk.dialects.irtk.tangent_rules import linear_jvp
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type

NEW_AXIS = -1

#: The `pattern` property of a dimshuffle, from a list of ints (-1 for a new axis).
pattern_attr = int_list_attr


def restore_axes(rank: int, axes) -> list[int]:
    """The dimshuffle pattern that puts the `axes` a reduction removed back, as new size-1 dimensions, into a
    rank-`rank` shape: what broadcasts a reduction's result (or its gradient) against its operand."""
    kept = iter(range(rank - len(axes)))
    return [NEW_AXIS if d in axes else next(kept) for d in range(rank)]


@irdl_op_definition
class DimShuffleOp(IntListSyntax, TensorOp):
    """Permute, insert (-1) or drop (size-1) dimensions."""

    name = "irtk.dimshuffle"
    x = operand_def(TensorType)
    pattern = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    LIST_PROPERTY: ClassVar[str] = "pattern"

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        shape = shape_of(t)
        pattern = list(properties["pattern"].get_values())
        kept = [p for p in pattern if p != NEW_AXIS]
        if any(p < NEW_AXIS or p >= len(shape) for p in pattern) or len(set(kept)) != len(kept):
            raise TypeError(f"irtk.dimshuffle: pattern {pattern} is not valid for a rank-{len(shape)} operand")
        dropped = [d for d in range(len(shape)) if d not in kept]
        if any(shape[d] != 1 for d in dropped):
            raise TypeError(f"irtk.dimshuffle: pattern {pattern} drops dimensions {dropped} that are not of size 1")
        return tensor_type(dtype_of(t), [1 if p == NEW_AXIS else shape[p] for p in pattern])

    @property
    def pattern_values(self) -> list[int]:
        return list(self.pattern.get_values())

    def lower(self, gb):
        """A generic reading x through the inverse of the pattern."""
        pattern = self.pattern_values
        in_rank = len(shape_of(self.x.type))
        access = [pattern.index(d) if d in pattern else None for d in range(in_rank)]
        n = len(pattern)
        sizes = gb.loop_sizes(n, [(self.x, access)], self.name)
        init = gb.empty(self.result.type, sizes)
        return [gb.generic([(self.x, access)], init, list(range(n)), [PARALLEL] * n, lambda b, args, out: args[0])]

    def vjp(self, tb, grads):
        (grad,) = grads
        pattern = self.pattern_values
        rank = len(shape_of(self.x.type))
        inverse = [pattern.index(d) if d in pattern else NEW_AXIS for d in range(rank)]
        return [tb.dimshuffle(grad, inverse)]

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)


register(DimShuffleOp, Frontend(kind="custom"))
