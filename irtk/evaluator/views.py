"""The view ops of the structured level — `tensor.extract_slice`, `tensor.collapse_shape`, `tensor.expand_shape` —
as numpy views: a basic slice and a reshape of a contiguous array copy nothing here either."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects import tensor
from xdsl.dialects.builtin import DYNAMIC_INDEX

from irtk.dialects.irtk.types import shape_of
from irtk.dialects.rank_reduction import rank_reduction_mask


def mixed(static: Sequence[int], dynamic: Sequence[np.ndarray]) -> list[int]:
    """MLIR's mixed lists (`[%o, 0, %n]`): each DYNAMIC_INDEX in the static list takes the next dynamic value."""
    values = iter(int(v) for v in dynamic)
    return [next(values) if s == DYNAMIC_INDEX else int(s) for s in static]


def extract_slice(op: tensor.ExtractSliceOp, source: np.ndarray, operands: Sequence[np.ndarray]) -> np.ndarray:
    n_off, n_size = len(op.offsets), len(op.sizes)
    offsets = mixed(op.static_offsets.get_values(), operands[:n_off])
    sizes = mixed(op.static_sizes.get_values(), operands[n_off : n_off + n_size])
    strides = mixed(op.static_strides.get_values(), operands[n_off + n_size :])
    key = []
    for offset, size, stride in zip(offsets, sizes, strides):
        stop = offset + stride * size
        key.append(slice(offset, offset, 1) if size == 0 else slice(offset, None if stop < 0 else stop, stride))
    view = source[tuple(key)]
    static = [None if s == DYNAMIC_INDEX else s for s in op.static_sizes.get_values()]
    kept = rank_reduction_mask(static, shape_of(op.result.type))
    return view.reshape([n for n, k in zip(view.shape, kept) if k])


def collapse_shape(op: tensor.CollapseShapeOp, source: np.ndarray) -> np.ndarray:
    groups = [[d.value.data for d in group] for group in op.reassociation]
    return source.reshape([int(np.prod([source.shape[d] for d in group], dtype=np.int64)) for group in groups])


def expand_shape(op: tensor.ExpandShapeOp, source: np.ndarray, sizes: Sequence[np.ndarray]) -> np.ndarray:
    return source.reshape(mixed(op.static_output_shape.get_values(), sizes))


__all__ = ["collapse_shape", "expand_shape", "extract_slice", "mixed"]
