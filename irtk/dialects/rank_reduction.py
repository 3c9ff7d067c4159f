"""Which dimensions of a slice a rank-reduced result keeps — MLIR's rule for `tensor.extract_slice` and
`memref.subview`, shared by the evaluator and the emitters."""

from __future__ import annotations

from collections.abc import Sequence


def rank_reduction_mask(sizes: Sequence[int | None], result_shape: Sequence[int | None]) -> list[bool]:
    """For a slice of `sizes` (static sizes, None where dynamic) whose result has `result_shape`: left to right, a
    dimension matching the next result dimension is kept, a static unit one that does not is dropped. Unit
    dimensions are addressed at index 0 only, so when several choices fit, all address the same elements."""
    kept, j = [], 0
    for size in sizes:
        if j < len(result_shape) and result_shape[j] == size:
            kept.append(True)
            j += 1
        elif size == 1:
            kept.append(False)
        else:
            raise ValueError(f"cannot reduce a slice of sizes {list(sizes)} to the shape {list(result_shape)}")
    if j != len(result_shape):
        raise ValueError(f"cannot reduce a slice of sizes {list(sizes)} to the shape {list(result_shape)}")
    return kept


__all__ = ["rank_reduction_mask"]
