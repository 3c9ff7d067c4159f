"""`irtk_ext.scan` on numpy arrays: the same left-to-right (or right-to-left) sequence of body applications as the
loops `lower-to-loops` builds, so FAST_COMPILE and FAST_RUN agree bit for bit.

A body that is one addition or multiplication of the carry and the element is `ufunc.accumulate` along the axis,
which is sequential in numpy (never pairwise), wraps integers as the compiled code does, and runs at C speed. Any
other body runs one step per position along the axis, each step vectorized over the other dimensions.
"""

from __future__ import annotations

import numpy as np
from xdsl.dialects import arith
from xdsl.ir import SSAValue

from irtk.dialects.structured_ext import ScanOp, YieldOp
from irtk.evaluator import scalar_ops
from irtk.evaluator.structured import from_signless, to_signless

_ACCUMULATE = {arith.AddfOp: np.add, arith.AddiOp: np.add, arith.MulfOp: np.multiply, arith.MuliOp: np.multiply}


def run_scan(op: ScanOp, x: np.ndarray) -> np.ndarray:
    axis = op.dim
    data = to_signless(np.asarray(x))
    if op.is_reverse:
        data = np.flip(data, axis)
    ufunc = _single_accumulation(op)
    if ufunc is not None:
        with np.errstate(all="ignore"):
            result = ufunc.accumulate(data, axis=axis, dtype=data.dtype)
    else:
        result = _stepwise(op, data, axis)
    if op.is_reverse:
        result = np.flip(result, axis)
    return from_signless(np.ascontiguousarray(result), op.results[0].type)


def _single_accumulation(op: ScanOp):
    """numpy's ufunc when the body is `yield combine(carry, element)` for an addition or multiplication."""
    block = op.body.block
    ops = list(block.ops)
    if len(ops) != 2 or type(ops[0]) not in _ACCUMULATE or not isinstance(ops[1], YieldOp):
        return None
    combine = ops[0]
    if set(combine.operands) != set(block.args) or list(ops[1].operands) != [combine.results[0]]:
        return None
    if isinstance(combine, arith.AddiOp) and block.args[0].type.width.data == 1:
        return None  # i1 addition is xor, not numpy's add of booleans
    return _ACCUMULATE[type(combine)]


def _stepwise(op: ScanOp, data: np.ndarray, axis: int) -> np.ndarray:
    block = op.body.block
    moved = np.moveaxis(data, axis, 0)
    out = np.empty_like(moved)
    if moved.shape[0]:
        out[0] = moved[0]
    for k in range(1, moved.shape[0]):
        env: dict[SSAValue, np.ndarray] = {block.args[0]: out[k - 1], block.args[1]: moved[k]}
        for inner in block.ops:
            if isinstance(inner, YieldOp):
                out[k] = env[inner.operands[0]]
                break
            env[inner.results[0]] = scalar_ops.evaluate(inner, [env[v] for v in inner.operands])
    return np.moveaxis(out, 0, axis)


__all__ = ["run_scan"]
