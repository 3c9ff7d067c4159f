"""The FAST_COMPILE evaluator: runs a function of the structured level (`linalg.generic` on tensors, as
`lower-to-structured` leaves it) with numpy, op by op.

No compiler runs, so a function is ready as soon as its IR is lowered. The evaluator knows no irtk op: it runs
the generics that each op's structured form builds (`structured.py`) and the scalar ops inside them
(`scalar_ops.py`), so an op defined anywhere — a plugin's too — evaluates exactly as it compiles: the
same scalar ops, the same reduction order, the same C library functions, the same run-time checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from xdsl.dialects import arith, cf, func, scf, tensor
from xdsl.dialects.builtin import DenseIntOrFPElementsAttr, ModuleOp, TensorType
from xdsl.dialects.linalg import ops as linalg
from xdsl.ir import Operation, SSAValue

from irtk.diagnostics import OpError
from irtk.dialects.c_library import is_c_declaration
from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.types import dtype_of, format_type, shape_of
from irtk.dialects.signless import boundary_types
from irtk.dialects.structured_ext import ScanOp, ScatterOp
from irtk.evaluator import scalar_ops, views
from irtk.evaluator.scan import run_scan
from irtk.evaluator.scatter import run_scatter
from irtk.evaluator.structured import GenericRun, from_signless, to_signless
from irtk.runtime.failures import check_failure
from irtk.dialects.op_lookup import entry_for


class Evaluator:
    """Calls the public function of a structured-level module on numpy arrays."""

    def __init__(self, module: ModuleOp, arg_names: Sequence[str] | None = None):
        if any(isinstance(op, TensorOp) for op in module.walk()):  # tensor level: lower a copy first
            from irtk.passes.lower_to_structured import LowerToStructured

            module = module.clone()
            LowerToStructured().apply(None, module)  # type: ignore[arg-type]
        functions = [op for op in module.ops if isinstance(op, func.FuncOp) and not is_c_declaration(op)]
        if len(functions) != 1:
            raise ValueError(f"expected one function to evaluate, found {len(functions)}")
        self.function = functions[0]
        n_args = len(self.function.body.block.args)
        self.arg_labels = [f"argument {n!r}" for n in arg_names] if arg_names else [f"argument {i}" for i in range(n_args)]
        for op in self.function.body.block.ops:
            if not _can_run(op):
                raise OpError(op, f"the FAST_COMPILE evaluator cannot run {op.name}")

    def __call__(self, args: Sequence[np.ndarray]) -> list[np.ndarray]:
        block = self.function.body.block
        arg_types, result_types = boundary_types(self.function)  # the dtypes of signless values (uint8)
        for label, t, value in zip(self.arg_labels, arg_types, args):
            _check_argument(label, np.asarray(value), t)
        env: dict[SSAValue, np.ndarray] = dict(zip(block.args, (to_signless(np.asarray(a)) for a in args)))
        for op in block.ops:
            if isinstance(op, func.ReturnOp):
                results = [from_signless(env[v], t) for v, t in zip(op.arguments, result_types)]
                return _owned(results, args)
            results = run_op(op, [env[o] for o in op.operands], env)
            env.update(zip(op.results, results))
        raise ValueError("function has no return")


def run_op(op: Operation, operands: list[np.ndarray], env: Mapping[SSAValue, np.ndarray]) -> list[np.ndarray]:
    """The results of one op of a function body, on its operands' values (`env`: every value computed so far,
    which a generic's body may read)."""
    if isinstance(op, linalg.GenericOp):
        n_in = len(op.inputs)
        results = GenericRun(op, operands[:n_in], operands[n_in:], env).run()
        return [from_signless(r, t) for r, t in zip(results, op.result_types)]
    if isinstance(op, ScanOp):
        return [run_scan(op, operands[0])]
    if isinstance(op, ScatterOp):
        return [run_scatter(op, operands[0], operands[1:-1], operands[-1])]
    if isinstance(op, scf.ForOp):
        return run_for(op, operands, env)
    if isinstance(op, linalg.FillOp):
        value, out = operands
        t = op.result_types[0]
        return [from_signless(np.full(out.shape, value, dtype=to_signless(out).dtype), t)]
    if isinstance(op, tensor.EmptyOp):
        t = op.tensor.type
        sizes = iter(int(s) for s in operands)
        shape = [next(sizes) if d is None else d for d in shape_of(t)]
        return [np.zeros(shape, dtype=dtype_of(t))]
    if isinstance(op, tensor.ExtractSliceOp):
        return [views.extract_slice(op, operands[0], operands[1:])]
    if isinstance(op, tensor.CollapseShapeOp):
        return [views.collapse_shape(op, operands[0])]
    if isinstance(op, tensor.ExpandShapeOp):
        return [views.expand_shape(op, operands[0], operands[1:])]
    if isinstance(op, tensor.DimOp):
        return [np.array(operands[0].shape[int(operands[1])], dtype=np.int64)]
    if isinstance(op, tensor.ExtractOp):  # an element read outside a generic (a size held in a 0-d tensor)
        return [np.asarray(to_signless(np.asarray(operands[0]))[tuple(int(i) for i in operands[1:])])]
    if isinstance(op, arith.ConstantOp) and isinstance(op.result.type, TensorType):
        from irtk.dialects.irtk.constant import dense_value

        assert isinstance(op.value, DenseIntOrFPElementsAttr)
        return [dense_value(op.value)]
    if isinstance(op, cf.AssertOp):
        if not bool(operands[0]):
            raise check_failure(op.msg.data)
        return []
    return [scalar_ops.evaluate(op, operands)]


def run_for(op: scf.ForOp, operands: list[np.ndarray], env: Mapping[SSAValue, np.ndarray]) -> list[np.ndarray]:
    """An `scf.for` at the structured level (its iter_args may be tensors): the body runs once per iteration, in
    order, on the values the previous iteration yielded."""
    lower, upper, step, *values = operands
    block = op.body.block
    for k in range(int(lower), int(upper), int(step)):
        local = dict(env)
        local[block.args[0]] = np.array(k, dtype=np.int64)
        local.update(zip(block.args[1:], values))
        for inner in block.ops:
            if isinstance(inner, scf.YieldOp):
                values = [local[v] for v in inner.operands]
                break
            local.update(zip(inner.results, run_op(inner, [local[o] for o in inner.operands], local)))
    return list(values)


def _can_run(op: Operation) -> bool:
    if isinstance(op, scf.ForOp):
        return all(isinstance(inner, scf.YieldOp) or _can_run(inner) for inner in op.body.block.ops)
    return (
        isinstance(op, (func.ReturnOp, linalg.GenericOp, ScanOp, ScatterOp, linalg.FillOp, tensor.EmptyOp, tensor.DimOp, tensor.ExtractOp, cf.AssertOp, arith.ConstantOp))
        or isinstance(op, (tensor.ExtractSliceOp, tensor.CollapseShapeOp, tensor.ExpandShapeOp))
        or entry_for(scalar_ops.OPS, op) is not None
    )


def _check_argument(label: str, value: np.ndarray, t: TensorType) -> None:
    """What the compiled kernel checks too: the dtype, the rank and every static size."""
    dtype = np.dtype(dtype_of(t))
    if value.dtype != dtype:
        raise TypeError(f"{label} must have dtype {dtype} ({format_type(str(dtype), shape_of(t))}), got {value.dtype}")
    static = shape_of(t)
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
