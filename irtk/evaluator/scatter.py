"""`irtk_ext.scatter` on numpy arrays: the updates combined into the target one position of the indices after the
other, in row-major order, as the loops `lower-to-loops` builds do.

A body that adds the update (in either operand order) is numpy's `add.at`, which is unbuffered and goes through the
positions in order, so repeated indices accumulate in the same order and to the same bits as the loop; a body that
returns the update is an assignment in order (the last one wins). Any other body runs position by position.
"""

from __future__ import annotations

import numpy as np
from xdsl.dialects import arith

from irtk.dialects.structured_ext import ScatterOp, YieldOp
from irtk.evaluator import scalar_ops
from irtk.evaluator.structured import from_signless, to_signless
from irtk.runtime.failures import IndexOutOfBounds


def run_scatter(op: ScatterOp, updates: np.ndarray, indices: list[np.ndarray], target: np.ndarray) -> np.ndarray:
    result = to_signless(np.array(target, copy=True))
    updates = to_signless(np.asarray(updates))
    positions = tuple(np.asarray(i, dtype=np.int64) for i in indices)
    for axis, (i, size) in enumerate(zip(positions, result.shape)):
        if i.size and (i.min() < 0 or i.max() >= size):
            raise IndexOutOfBounds(f"irtk_ext.scatter: index out of bounds in dimension {axis} (size {size})")
    block = op.body.block
    ops = list(block.ops)
    update_arg, current_arg = block.args
    if len(ops) == 1 and isinstance(ops[0], YieldOp) and ops[0].operands[0] is update_arg:
        for b in np.ndindex(*positions[0].shape):  # numpy's fancy assignment keeps no defined order: in order here
            result[tuple(p[b] for p in positions)] = updates[b]
    elif _adds_update(ops, update_arg, current_arg):
        with np.errstate(all="ignore"):
            np.add.at(result, positions, updates)
    else:
        for b in np.ndindex(*positions[0].shape):
            where = tuple(p[b] for p in positions)
            env = {update_arg: updates[b], current_arg: result[where]}
            for inner in ops:
                if isinstance(inner, YieldOp):
                    result[where] = env[inner.operands[0]]
                    break
                env[inner.results[0]] = scalar_ops.evaluate(inner, [env[v] for v in inner.operands])
    return from_signless(result, op.results[0].type)


def _adds_update(ops, update_arg, current_arg) -> bool:
    """Whether the body is `yield current + update` (floats, or integers wider than i1, whose add wraps as numpy's)."""
    if len(ops) != 2 or type(ops[0]) not in (arith.AddfOp, arith.AddiOp):
        return False
    if isinstance(ops[0], arith.AddiOp) and update_arg.type.width.data == 1:
        return False
    return set(ops[0].operands) == {update_arg, current_arg} and ops[1].operands[0] is ops[0].results[0]


__all__ = ["run_scatter"]
