"""The blocked reduction order on numpy arrays: what the evaluator computes for a float sum or product, the same
bits as the loops `lower-to-loops` builds (irtk/passes/blocked_reductions.py; docs/numerical-policy.md).

Every function here works on the last axis and is vectorized over the leading ones. Each ⊕ is one numpy ufunc
call on whole arrays of operands that the policy combines at the same step, so the order is explicit: no numpy
reduction runs along an axis, since `add.reduce` along a contiguous axis is pairwise and along another axis its
order depends on numpy's iteration order.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from irtk.passes.blocked_reductions import CHUNK, LANES, SEQUENTIAL_BELOW

#: `fold(left, right)`: one ⊕ on arrays, elementwise.
Fold = Callable[[np.ndarray, np.ndarray], np.ndarray]


def left_to_right(values: np.ndarray, fold: Fold, init: np.ndarray | None = None) -> np.ndarray:
    """((init ⊕ v0) ⊕ v1) ⊕ ... along the last axis (from v0 when `init` is None; then the axis is not empty)."""
    acc = values[..., 0].copy() if init is None else np.array(init, copy=True)
    for i in range(0 if init is not None else 1, values.shape[-1]):
        acc = fold(acc, values[..., i])
    return acc


def lanes(values: np.ndarray, fold: Fold) -> np.ndarray:
    """A chunk of at least SEQUENTIAL_BELOW values along the last axis: LANES accumulators over the whole groups,
    combined as a tree, then the leftovers left to right."""
    count = values.shape[-1]
    whole = count - count % LANES
    groups = values[..., :whole].reshape(*values.shape[:-1], whole // LANES, LANES)
    acc = groups[..., 0, :].copy()
    for g in range(1, whole // LANES):
        acc = fold(acc, groups[..., g, :])
    while acc.shape[-1] > 1:  # ((l0 ⊕ l1) ⊕ (l2 ⊕ l3)) ⊕ ((l4 ⊕ l5) ⊕ (l6 ⊕ l7))
        acc = fold(acc[..., 0::2], acc[..., 1::2])
    return left_to_right(values[..., whole:], fold, acc[..., 0])


def chunk_result(values: np.ndarray, fold: Fold) -> np.ndarray:
    """One chunk (not empty) along the last axis: lanes when long enough, else left to right."""
    return lanes(values, fold) if values.shape[-1] >= SEQUENTIAL_BELOW else left_to_right(values, fold)


def chunk_results(values: np.ndarray, fold: Fold) -> np.ndarray:
    """The results of the chunks of `values`, whose last axis starts at a chunk boundary of a loop with at least
    SEQUENTIAL_BELOW iterations: an array with one entry per chunk along the last axis."""
    count = values.shape[-1]
    whole = count - count % CHUNK
    parts = []
    if whole:
        full = values[..., :whole].reshape(*values.shape[:-1], whole // CHUNK, CHUNK)
        parts.append(lanes(full, fold))
    if whole < count:
        parts.append(chunk_result(values[..., whole:], fold)[..., None])
    if not parts:
        return values[..., :0]
    return np.concatenate(parts, axis=-1) if len(parts) > 1 else parts[0]
