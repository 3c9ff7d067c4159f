"""The FAST_COMPILE evaluator: runs a tensor-level `func.func` op by op with each op's numpy reference.

No compiler runs, so a function is ready as soon as its IR is built. Results are bit-for-bit those of
the compiled code, because each op's `reference` fixes the same evaluation order as its lowering.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp

from irtk.diagnostics import OpError
from irtk.dialects.irtk import TensorOp
from irtk.dialects.irtk.types import shape_of


class Evaluator:
    """Calls the public function of a tensor-level module on numpy arrays."""

    def __init__(self, module: ModuleOp, arg_names: Sequence[str] | None = None):
        functions = [op for op in module.ops if isinstance(op, func.FuncOp)]
        if len(functions) != 1:
            raise ValueError(f"expected one function to evaluate, found {len(functions)}")
        self.function = functions[0]
        n_args = len(self.function.body.block.args)
        self.arg_labels = [f"argument {n!r}" for n in arg_names] if arg_names else [f"argument {i}" for i in range(n_args)]
        for op in self.function.body.block.ops:
            if not isinstance(op, (TensorOp, func.ReturnOp)):
                raise OpError(op, f"the FAST_COMPILE evaluator cannot run {op.name}")

    def __call__(self, args: Sequence[np.ndarray]) -> list[np.ndarray]:
        block = self.function.body.block
        for label, arg, value in zip(self.arg_labels, block.args, args):
            _check_argument(label, np.asarray(value), shape_of(arg.type))
        env = dict(zip(block.args, args))
        for op in block.ops:
            if isinstance(op, func.ReturnOp):
                return _owned([env[v] for v in op.arguments], args)
            env[op.results[0]] = op.reference(*(env[o] for o in op.operands))
        raise ValueError("function has no return")


def _check_argument(label: str, value: np.ndarray, static: tuple) -> None:
    """What the compiled kernel checks too: the rank and every static size."""
    if value.ndim != len(static) or any(s is not None and s != n for s, n in zip(static, value.shape)):
        expected = "x".join("?" if s is None else str(s) for s in static)
        raise ValueError(f"{label}: shape {value.shape} does not match [{expected}]")


def _owned(results: list[np.ndarray], args: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Results are C-contiguous, and those aliasing an argument or an earlier result are copied, as the
    compiled code's are."""
    owned: list[np.ndarray] = []
    for r in results:
        r = np.asarray(r)
        if not r.flags.c_contiguous or any(np.shares_memory(r, a) for a in (*args, *owned)):
            r = r.copy(order="C")
        owned.append(r)
    return owned
