"""Constant folding by evaluation: the value of one irtk op on constant operands, from its structured form.

Folding asks the same structured form that compiled code and the FAST_COMPILE evaluator run, so a folded
constant has exactly the bits the unfolded program would have computed, for every op, a plugin's included.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, Region
from xdsl.rewriter import InsertPoint

from irtk.dialects.irtk.builder import TensorBuilder


def fold(op: Operation, constants: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The results of `op` (an irtk op) applied to `constants`; raises ValueError where it would fail at run time."""
    from irtk.evaluator import Evaluator
    from irtk.passes.lower_to_structured import LowerToStructured

    block = Block()
    tb = TensorBuilder(InsertPoint.at_end(block))
    operands = [tb.constant(c) for c in constants]
    clone = op.clone()
    for i, v in enumerate(operands):
        clone.operands[i] = v
    tb.builder.insert(clone)
    block.add_op(func.ReturnOp(*clone.results))
    function = func.FuncOp("fold", ([], [r.type for r in clone.results]), Region(block))
    module = ModuleOp([function])
    LowerToStructured().apply(None, module)  # type: ignore[arg-type]
    return Evaluator(module)([])
