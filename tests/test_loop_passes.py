"""lower-to-loops and tile: the loops they build compute what numpy computes, in the documented order.

Each kernel below is what `bufferize` hands to `lower-to-loops`: a function over memrefs that allocates its result
and fills it with linalg ops. It is lowered (and tiled, in several ways), checked to hold only loop-level ops,
and run by xDSL's interpreter, whose `scf.parallel` runs iterations in a shuffled order, so a result that depended
on the order of parallel iterations would show. Results are compared with numpy in float64. Where the MLIR 22 tools
are installed, the same IR must pass `mlir-opt-22 --verify-each` and, run by `mlir-runner-22`, print the same
numbers; without them those tests are skipped, except under CI (the `CI` environment variable), where they fail.
"""

from __future__ import annotations

import functools
import glob
import itertools
import operator
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from math import prod

import numpy as np
import pytest
from xdsl.dialects import arith, cf, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, ModuleOp
from xdsl.interpreter import (
    Interpreter,
    InterpreterFunctions,
    PythonValues,
    ReturnedValues,
    TerminatorValue,
    impl,
    impl_terminator,
    register_impls,
)
from xdsl.interpreters import register_implementations
from xdsl.interpreters.builtin import xtype_for_el_type
from xdsl.interpreters.math import MathFunctions
from xdsl.interpreters.shaped_array import ShapedArray
from xdsl.interpreters.utils.ptr import TypedPtr
from xdsl.parser import Parser

from test_blocked_reductions import blocked

from irtk.diagnostics import OpError
from irtk.registry import make_context, parse_pipeline

# ---------------------------------------------------------------------------------------------------------------
# Kernels: `@kernel` takes the inputs and returns a buffer it allocated.

ID2 = "affine_map<(d0, d1) -> (d0, d1)>"

ADD_BROADCAST_ROW = f"""
func.func @kernel(%a: memref<?x?xf64>, %row: memref<1x?xf64>) -> memref<?x?xf64> {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  %out = memref.alloc(%m, %n) : memref<?x?xf64>
  linalg.generic {{indexing_maps = [{ID2}, affine_map<(d0, d1) -> (0, d1)>, {ID2}],
                  iterator_types = ["parallel", "parallel"]}}
      ins(%a, %row : memref<?x?xf64>, memref<1x?xf64>) outs(%out : memref<?x?xf64>) {{
  ^bb0(%x: f64, %r: f64, %o: f64):
    %s = arith.addf %x, %r : f64
    linalg.yield %s : f64
  }}
  func.return %out : memref<?x?xf64>
}}
"""

# exp(-a) / (1 + b * b), with b broadcast along rows from a column (?x1).
SOFT_RATIO = f"""
func.func @kernel(%a: memref<?x?xf64>, %b: memref<?x1xf64>) -> memref<?x?xf64> {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  %out = memref.alloc(%m, %n) : memref<?x?xf64>
  linalg.generic {{indexing_maps = [{ID2}, affine_map<(d0, d1) -> (d0, 0)>, {ID2}],
                  iterator_types = ["parallel", "parallel"]}}
      ins(%a, %b : memref<?x?xf64>, memref<?x1xf64>) outs(%out : memref<?x?xf64>) {{
  ^bb0(%x: f64, %y: f64, %o: f64):
    %one = arith.constant 1.0 : f64
    %nx = arith.negf %x : f64
    %e = math.exp %nx : f64
    %yy = arith.mulf %y, %y : f64
    %d = arith.addf %one, %yy : f64
    %q = arith.divf %e, %d : f64
    linalg.yield %q : f64
  }}
  func.return %out : memref<?x?xf64>
}}
"""

SUM_ROWS = f"""
func.func @kernel(%a: memref<?x?xf64>) -> memref<?xf64> {{
  %c0 = arith.constant 0 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %out = memref.alloc(%m) : memref<?xf64>
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<?xf64>)
  linalg.generic {{indexing_maps = [{ID2}, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}}
      ins(%a : memref<?x?xf64>) outs(%out : memref<?xf64>) {{
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }}
  func.return %out : memref<?xf64>
}}
"""

MAX_COLS_KEEPDIM = f"""
func.func @kernel(%a: memref<?x?xf64>) -> memref<1x?xf64> {{
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  %out = memref.alloc(%n) : memref<1x?xf64>
  %low = arith.constant -1.0e300 : f64
  linalg.fill ins(%low : f64) outs(%out : memref<1x?xf64>)
  linalg.generic {{indexing_maps = [{ID2}, affine_map<(d0, d1) -> (0, d1)>],
                  iterator_types = ["reduction", "parallel"]}}
      ins(%a : memref<?x?xf64>) outs(%out : memref<1x?xf64>) {{
  ^bb0(%x: f64, %acc: f64):
    %m = arith.maximumf %acc, %x : f64
    linalg.yield %m : f64
  }}
  func.return %out : memref<1x?xf64>
}}
"""

SUM_ALL = """
func.func @kernel(%a: memref<?x?xf64>) -> memref<f64> {
  %out = memref.alloc() : memref<f64>
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<f64>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>],
                  iterator_types = ["reduction", "reduction"]}
      ins(%a : memref<?x?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return %out : memref<f64>
}
"""

MATMUL = """
func.func @kernel(%a: memref<?x?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %b, %c1 : memref<?x?xf64>
  %out = memref.alloc(%m, %n) : memref<?x?xf64>
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<?x?xf64>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%out : memref<?x?xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return %out : memref<?x?xf64>
}
"""

# The same contraction as a named op, on static shapes.
NAMED_MATMUL = """
func.func @kernel(%a: memref<5x4xf64>, %b: memref<4x7xf64>) -> memref<5x7xf64> {
  %out = memref.alloc() : memref<5x7xf64>
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<5x7xf64>)
  linalg.matmul ins(%a, %b : memref<5x4xf64>, memref<4x7xf64>) outs(%out : memref<5x7xf64>)
  func.return %out : memref<5x7xf64>
}
"""

# out[i, j] = a[j, i] + j, through linalg.index.
TRANSPOSE_PLUS_INDEX = """
func.func @kernel(%a: memref<?x?xf64>) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c1 : memref<?x?xf64>
  %n = memref.dim %a, %c0 : memref<?x?xf64>
  %out = memref.alloc(%m, %n) : memref<?x?xf64>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<?x?xf64>) outs(%out : memref<?x?xf64>) {
  ^bb0(%x: f64, %o: f64):
    %j = linalg.index 1 : index
    %i = arith.index_cast %j : index to i64
    %f = arith.sitofp %i : i64 to f64
    %s = arith.addf %x, %f : f64
    linalg.yield %s : f64
  }
  func.return %out : memref<?x?xf64>
}
"""

SCALAR = """
func.func @kernel(%a: memref<f64>, %b: memref<f64>) -> memref<f64> {
  %out = memref.alloc() : memref<f64>
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>],
                  iterator_types = []}
      ins(%a, %b : memref<f64>, memref<f64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.subf %p, %x : f64
    linalg.yield %s : f64
  }
  func.return %out : memref<f64>
}
"""

# A batched reduction over two axes, keeping the middle one: out[b, j] = sum over (i, k) of a[b, i, j, k] (f32).
SUM_AXES_0_3 = """
func.func @kernel(%a: memref<?x?x?x?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %d0 = memref.dim %a, %c0 : memref<?x?x?x?xf32>
  %d2 = memref.dim %a, %c2 : memref<?x?x?x?xf32>
  %out = memref.alloc(%d0, %d2) : memref<?x?xf32>
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<?x?xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                   affine_map<(d0, d1, d2, d3) -> (d0, d2)>],
                  iterator_types = ["parallel", "reduction", "parallel", "reduction"]}
      ins(%a : memref<?x?x?x?xf32>) outs(%out : memref<?x?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    linalg.yield %s : f32
  }
  func.return %out : memref<?x?xf32>
}
"""


@dataclass(frozen=True)
class Case:
    source: str
    shapes: tuple[tuple[int, ...], ...]
    reference: object  # numpy float64 function of the inputs
    dtype: type = np.float64


CASES = {
    "add_broadcast_row": Case(ADD_BROADCAST_ROW, ((5, 7), (1, 7)), lambda a, r: a + r),
    "soft_ratio": Case(SOFT_RATIO, ((5, 7), (5, 1)), lambda a, b: np.exp(-a) / (1 + b * b)),
    "sum_rows": Case(SUM_ROWS, ((5, 7),), lambda a: a.sum(axis=1)),
    "max_cols_keepdim": Case(MAX_COLS_KEEPDIM, ((5, 7),), lambda a: a.max(axis=0, keepdims=True)),
    "sum_all": Case(SUM_ALL, ((5, 7),), lambda a: np.array(a.sum())),
    "matmul": Case(MATMUL, ((5, 4), (4, 7)), lambda a, b: a @ b),
    "named_matmul": Case(NAMED_MATMUL, ((5, 4), (4, 7)), lambda a, b: a @ b),
    "transpose_plus_index": Case(TRANSPOSE_PLUS_INDEX, ((7, 5),), lambda a: a.T + np.arange(7.0)),
    "scalar": Case(SCALAR, ((), ()), lambda a, b: np.array(a * b - a)),
    "sum_axes_0_3": Case(SUM_AXES_0_3, ((3, 4, 5, 2),), lambda a: a.sum(axis=(1, 3)), np.float32),
}

PIPELINES = [
    "lower-to-loops",
    "lower-to-loops,tile{sizes=2,3}",
    "lower-to-loops,tile{sizes=0,4},canonicalize",
    "lower-to-loops,tile{sizes=64,64}",
    "lower-to-loops,canonicalize,tile{sizes=1,1},cse",
]

#: The ops the loop level allows (docs/architecture.md); arith and math are allowed whole.
LOOP_LEVEL_OPS = {
    "builtin.module", "func.func", "func.return", "func.call",
    "scf.for", "scf.parallel", "scf.reduce", "scf.if", "scf.yield",
    "memref.alloc", "memref.alloca", "memref.dealloc", "memref.load", "memref.store", "memref.dim", "memref.copy",
    "memref.global", "memref.get_global", "cf.assert",
}  # fmt: skip


def inputs_for(case: Case, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.uniform(-2.0, 2.0, size=shape).astype(case.dtype) for shape in case.shapes]


def lower(source: str, pipeline: str) -> ModuleOp:
    ctx = make_context()
    module = Parser(ctx, source).parse_module()
    module.verify()
    parse_pipeline(pipeline, callback=lambda _previous, mod, _next: mod.verify()).apply(ctx, module)
    module.verify()
    return module


# ---------------------------------------------------------------------------------------------------------------
# The interpreter, completed with the loop-level ops it lacks.


@register_impls
class LoopLevelFunctions(InterpreterFunctions):
    """What xDSL's interpreter lacks for loop-level IR. `scf.parallel` runs its iterations in a shuffled order."""

    def __init__(self, seed: int = 0):
        self.random = random.Random(seed)

    @impl(scf.ParallelOp)
    def run_parallel(self, interpreter: Interpreter, op: scf.ParallelOp, args: PythonValues) -> PythonValues:
        rank = len(op.lowerBound)
        lower, upper, step = args[:rank], args[rank : 2 * rank], args[2 * rank : 3 * rank]
        iterations = list(itertools.product(*(range(lo, hi, st) for lo, hi, st in zip(lower, upper, step))))
        self.random.shuffle(iterations)
        for ivs in iterations:
            interpreter.run_ssacfg_region(op.body, ivs, "scf.parallel")
        return ()

    @impl_terminator(scf.ReduceOp)
    def run_reduce(
        self, interpreter: Interpreter, op: scf.ReduceOp, args: PythonValues
    ) -> tuple[TerminatorValue, PythonValues]:
        return ReturnedValues(()), ()

    @impl(memref.AllocOp)
    def run_alloc(self, interpreter: Interpreter, op: memref.AllocOp, args: PythonValues) -> PythonValues:
        sizes = iter(args)
        shape = [next(sizes) if size == DYNAMIC_INDEX else size for size in op.memref.type.get_shape()]
        xtype = xtype_for_el_type(op.memref.type.get_element_type(), interpreter.index_bitwidth)
        return (ShapedArray(TypedPtr.zeros(prod(shape), xtype=xtype), shape),)

    @impl(memref.AllocaOp)
    def run_alloca(self, interpreter: Interpreter, op: memref.AllocaOp, args: PythonValues) -> PythonValues:
        sizes = iter(args)
        shape = [next(sizes) if size == DYNAMIC_INDEX else size for size in op.memref.type.get_shape()]
        xtype = xtype_for_el_type(op.memref.type.get_element_type(), interpreter.index_bitwidth)
        return (ShapedArray(TypedPtr.zeros(prod(shape), xtype=xtype), shape),)

    @impl(memref.DimOp)
    def run_dim(self, interpreter: Interpreter, op: memref.DimOp, args: PythonValues) -> PythonValues:
        return (args[0].shape[args[1]],)

    @impl(arith.MinSIOp)
    def run_minsi(self, interpreter: Interpreter, op: arith.MinSIOp, args: PythonValues) -> PythonValues:
        return (min(args),)

    @impl(arith.DivfOp)
    def run_divf(self, interpreter: Interpreter, op: arith.DivfOp, args: PythonValues) -> PythonValues:
        return (args[0] / args[1],)

    @impl(arith.NegfOp)
    def run_negf(self, interpreter: Interpreter, op: arith.NegfOp, args: PythonValues) -> PythonValues:
        return (-args[0],)

    @impl(arith.SIToFPOp)
    def run_sitofp(self, interpreter: Interpreter, op: arith.SIToFPOp, args: PythonValues) -> PythonValues:
        return (float(args[0]),)

    @impl(cf.AssertOp)
    def run_assert(self, interpreter: Interpreter, op: cf.AssertOp, args: PythonValues) -> PythonValues:
        assert args[0], op.msg.data
        return ()


def interpret(module: ModuleOp, arrays: list[np.ndarray], seed: int = 0) -> np.ndarray:
    interpreter = Interpreter(module)
    register_implementations(interpreter, make_context())
    interpreter.register_implementations(MathFunctions())
    interpreter.register_implementations(LoopLevelFunctions(seed), override=True)
    args = []
    for array in arrays:
        ptr = TypedPtr.new_float32 if array.dtype == np.float32 else TypedPtr.new_float64
        args.append(ShapedArray(ptr([float(v) for v in array.flat]), list(array.shape)))
    (result,) = interpreter.call_op("kernel", tuple(args))
    return np.array(result.data, dtype=np.float64).reshape(result.shape)


def assert_close(actual: np.ndarray, case: Case, arrays: list[np.ndarray]) -> None:
    expected = case.reference(*(a.astype(np.float64) for a in arrays))
    rtol = 1e-5 if case.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=rtol)


# ---------------------------------------------------------------------------------------------------------------
# Interpreter checks: these always run.


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", CASES)
def test_lowered_kernel_matches_numpy(name: str, pipeline: str):
    case = CASES[name]
    module = lower(case.source, pipeline)
    left = {op.name for op in module.walk()} - LOOP_LEVEL_OPS
    assert all(n.startswith(("arith.", "math.")) for n in left), f"not loop-level ops: {sorted(left)}"
    for seed in (0, 1):
        arrays = inputs_for(case, seed)
        assert_close(interpret(module, arrays, seed), case, arrays)


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_reductions_run_left_to_right(pipeline: str):
    # Summed left to right, each row gives exactly 1.0: 1e16 + 1 rounds to 1e16, the - 1e16 cancels it, + 1;
    # pairwise, (1e16 + 1) + (-1e16 + 1) gives 0.0. The whole matrix, row after row, also gives 1.0.
    a = np.array([[1e16, 1.0, -1e16, 1.0, 0.0]] * 3, dtype=np.float64)

    def left_to_right(values) -> float:
        return functools.reduce(lambda acc, x: acc + x, values, 0.0)

    assert [left_to_right(row) for row in a] == [1.0, 1.0, 1.0] and left_to_right(a.flat) == 1.0
    np.testing.assert_array_equal(interpret(lower(SUM_ROWS, pipeline), [a]), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(interpret(lower(SUM_ALL, pipeline), [a]), np.array(1.0))


DOT = """
func.func @kernel(%a: memref<?xf64>, %b: memref<?xf64>) -> memref<f64> {
  %out = memref.alloc() : memref<f64>
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<f64>)
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>],
                  iterator_types = ["reduction"]}
      ins(%a, %b : memref<?xf64>, memref<?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return %out : memref<f64>
}
"""


@pytest.mark.parametrize("pipeline", PIPELINES[:2])
def test_long_reductions_follow_the_blocked_order(pipeline: str):
    """From 32 elements on, a float sum is blocked (docs/numerical-policy.md): the loops compute exactly the
    documented order, whatever order the interpreter runs the chunks of an `scf.parallel` in."""
    rng = np.random.default_rng(4)

    def sample(shape) -> np.ndarray:
        return rng.standard_normal(shape) * 10.0 ** rng.integers(-8, 9, shape)

    def in_order(values, init=np.float64(0)):
        return blocked([np.float64(v) for v in values], init, operator.add)

    a = sample((2, 4133))  # two chunks per row, the second one 37 long
    np.testing.assert_array_equal(interpret(lower(SUM_ROWS, pipeline), [a]), [in_order(row) for row in a])
    b = sample((3, 45))  # the outer reduced loop carries the sum into each row's blocked sum
    total = functools.reduce(lambda acc, row: in_order(row, acc), b, np.float64(0))
    np.testing.assert_array_equal(interpret(lower(SUM_ALL, pipeline), [b]), np.array(total))
    x, w = sample(4133), sample(4133) * 1e-3
    seed = PIPELINES.index(pipeline)  # the order the interpreter runs the two chunks of the scf.parallel in
    np.testing.assert_array_equal(interpret(lower(DOT, pipeline), [x, w], seed), np.array(in_order(x * w)))


def test_reduction_is_carried_in_iter_args():
    """The output element is carried through the reduction's loops (the sequential one for short rows, the one
    over chunks of the blocked order for long ones) and stored once, after them."""
    module = lower(MATMUL, "lower-to-loops")
    (out,) = [op.memref for op in module.walk() if isinstance(op, memref.AllocOp)]
    carrying = [op for op in module.walk() if isinstance(op, scf.ForOp) and op.iter_args]
    assert carrying and all(len(loop.iter_args) == 1 for loop in carrying)
    for loop in carrying:
        stores = [op for op in loop.body.walk() if isinstance(op, memref.StoreOp) and op.memref is out]
        assert not stores, "the accumulator is stored once"


def test_tile_keeps_every_reduction_loop_as_it_was():
    untiled = lower(MATMUL, "lower-to-loops")
    tiled = lower(MATMUL, "lower-to-loops,tile{sizes=2,3}")

    def for_loops(module: ModuleOp) -> list[str]:
        return [re.sub(r"%\w+", "%v", str(op)) for op in module.walk() if isinstance(op, scf.ForOp)]

    assert for_loops(tiled) == for_loops(untiled)
    assert "affine." not in str(tiled)


def test_unconvertible_op_is_named():
    source = """
    func.func @kernel(%a: memref<4x5xf64>, %out: memref<4xf64>) {
      linalg.reduce ins(%a : memref<4x5xf64>) outs(%out : memref<4xf64>) dimensions = [1]
        (%x: f64, %acc: f64) {
          %s = arith.addf %acc, %x : f64
          linalg.yield %s : f64
        }
      func.return
    }
    """
    with pytest.raises(OpError, match="cannot convert linalg.reduce: it is not a structured op") as failure:
        lower(source, "lower-to-loops")
    assert failure.value.op.name == "linalg.reduce"


def test_tile_rejects_negative_sizes():
    with pytest.raises(ValueError, match="must not be negative"):
        parse_pipeline("lower-to-loops,tile{sizes=-2}")


@pytest.mark.parametrize("sizes", ["9223372036854775808", "4,18446744073709551611", str(2**70)])
def test_tile_rejects_sizes_past_the_index_range(sizes):
    """A size of 2**63 or more would wrap to a negative (or zero) `index` step: a loop that never ends."""
    with pytest.raises(ValueError, match=rf"tile: sizes must be below 2\*\*63 \(the range of index\), got {sizes}$"):
        parse_pipeline(f"lower-to-loops,tile{{sizes={sizes}}}")
    parse_pipeline("lower-to-loops,tile{sizes=9223372036854775807}")  # the largest index is fine


@pytest.mark.parametrize("sizes,shown", [("true", "true"), ("4,false", "4,false")])
def test_tile_rejects_boolean_sizes(sizes, shown):
    with pytest.raises(ValueError, match=f"tile: sizes must be integers, got {shown}$"):
        parse_pipeline(f"lower-to-loops,tile{{sizes={sizes}}}")


STRIDED = """
func.func @kernel(%a: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %a, %c0 : memref<?xf64>
  %out = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %zero, %out[%i] : memref<?xf64>
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %n, %c2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %x = memref.load %a[%i] : memref<?xf64>
    %y = arith.addf %x, %x : f64
    memref.store %y, %out[%i] : memref<?xf64>
    "scf.reduce"() : () -> ()
  }) : (index, index, index) -> ()
  func.return %out : memref<?xf64>
}
"""


def test_tile_step_stays_in_the_index_range():
    """With step 2, a size of 2**62 asks for a tile step of 2**63, which `index` cannot hold: the step becomes
    the largest multiple of 2 that it can, and one tile covers the whole loop."""
    module = lower(STRIDED, f"tile{{sizes={2**62}}}")
    constants = [op.value.value.data for op in module.walk() if isinstance(op, arith.ConstantOp)
                 and not isinstance(op.value.value.data, float)]  # fmt: skip
    assert 2**63 - 2 in constants and 2**62 in constants  # the strided loop's tile step, the other loop's
    assert max(constants) < 2**63
    a = np.arange(7.0)
    np.testing.assert_array_equal(interpret(module, [a]), [0.0, 0, 4, 0, 8, 0, 12])


# ---------------------------------------------------------------------------------------------------------------
# MLIR 22 checks: skipped without the tools, failed under CI without them.


def missing(reason: str) -> None:
    """Skip for want of an MLIR tool; under CI, fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI requires it")
    pytest.skip(reason)


def mlir_tool(name: str) -> str:
    """The MLIR 22 tool `name` (mlir-opt, mlir-runner): $MLIR_OPT / $MLIR_RUNNER, `name`-22 on PATH, or LLVM's bin."""
    found = os.environ.get(name.upper().replace("-", "_")) or shutil.which(f"{name}-22")
    if not found and os.access(f"/usr/lib/llvm-22/bin/{name}", os.X_OK):
        found = f"/usr/lib/llvm-22/bin/{name}"
    if not found:
        missing(f"{name}-22 is not installed (apt-get install mlir-22-tools)")
    return found


def runner_libraries() -> list[str]:
    """mlir-runner's support libraries ($MLIR_LIBDIR, else LLVM 22's lib folder)."""
    libdir = os.environ.get("MLIR_LIBDIR", "/usr/lib/llvm-22/lib")
    found = [sorted(glob.glob(f"{libdir}/libmlir_{lib}.so*"))[:1] for lib in ("runner_utils", "c_runner_utils")]
    if not all(found):
        missing(f"libmlir_runner_utils / libmlir_c_runner_utils are not in {libdir} (apt-get install libmlir-22)")
    return [paths[0] for paths in found]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", CASES)
def test_mlir_opt_accepts_output(name: str, pipeline: str, tmp_path):
    mlir_opt = mlir_tool("mlir-opt")
    path = tmp_path / "lowered.mlir"
    path.write_text(str(lower(CASES[name].source, pipeline)))
    done = subprocess.run([mlir_opt, "--verify-each", str(path), "-o", os.devnull], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


TO_LLVM = [
    "--convert-scf-to-cf", "--convert-math-to-llvm", "--convert-math-to-libm", "--expand-strided-metadata",
    "--finalize-memref-to-llvm", "--convert-arith-to-llvm", "--convert-func-to-llvm", "--convert-cf-to-llvm",
    "--convert-to-llvm", "--reconcile-unrealized-casts",
]  # fmt: skip


def with_main(lowered: str, case: Case, arrays: list[np.ndarray]) -> str:
    """The lowered module plus a `@main` that calls `@kernel` on constant inputs and prints its result."""
    kernel = next(line for line in case.source.splitlines() if "func.func @kernel" in line)
    arg_types = re.findall(r"%\w+: (memref<[^>]*>)", kernel)
    result_type = kernel.split("->")[1].strip(" {")
    element = "f32" if case.dtype == np.float32 else "f64"
    printer = "printMemrefF32" if case.dtype == np.float32 else "printMemrefF64"
    lines = [f"func.func private @{printer}(memref<*x{element}>)"]
    body, names = [], []
    for index, (array, arg_type) in enumerate(zip(arrays, arg_types, strict=True)):
        static = f"memref<{''.join(f'{d}x' for d in array.shape)}{element}>"
        values = np.array2string(array, separator=", ", threshold=10**6, floatmode="unique").replace("\n", "")
        if array.ndim == 0:
            values = f"{float(array)!r}"
        lines.append(f'memref.global "private" constant @input{index} : {static} = dense<{values}>')
        body += [
            f"%g{index} = memref.get_global @input{index} : {static}",
            f"%a{index} = memref.cast %g{index} : {static} to {arg_type}",
        ]
        names.append(f"%a{index}")
    body += [
        f"%r = func.call @kernel({', '.join(names)}) : ({', '.join(arg_types)}) -> {result_type}",
        f"%u = memref.cast %r : {result_type} to memref<*x{element}>",
        f"func.call @{printer}(%u) : (memref<*x{element}>) -> ()",
        f"memref.dealloc %r : {result_type}",
        "func.return",
    ]
    lines.append("func.func @main() {\n  " + "\n  ".join(body) + "\n}")
    head, _, _ = lowered.rstrip().rpartition("}")
    return head + "\n".join(lines) + "\n}\n"


RUN_CASES = ["add_broadcast_row", "soft_ratio", "sum_rows", "max_cols_keepdim", "sum_all", "matmul", "named_matmul",
             "transpose_plus_index", "scalar", "sum_axes_0_3"]  # fmt: skip


@pytest.mark.parametrize("pipeline", [PIPELINES[0], PIPELINES[1], PIPELINES[2]])
@pytest.mark.parametrize("name", RUN_CASES)
def test_mlir_runner_matches_numpy(name: str, pipeline: str, tmp_path):
    mlir_opt, mlir_runner, libs = mlir_tool("mlir-opt"), mlir_tool("mlir-runner"), runner_libraries()
    case = CASES[name]
    arrays = inputs_for(case)
    source = tmp_path / "main.mlir"
    source.write_text(with_main(str(lower(case.source, pipeline)), case, arrays))
    llvm = tmp_path / "main.llvm.mlir"
    done = subprocess.run([mlir_opt, str(source), *TO_LLVM, "-o", str(llvm)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shared = [f"-shared-libs={lib}" for lib in libs]
    done = subprocess.run(
        [mlir_runner, str(llvm), "-e", "main", "-entry-point-result=void", *shared],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = done.stdout.split("data =", 1)[1]
    printed = np.array([float(v) for v in re.findall(r"[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan)", data)])
    expected = case.reference(*(a.astype(np.float64) for a in arrays))
    np.testing.assert_allclose(printed, np.ravel(expected), rtol=1e-5, atol=1e-5)  # printed with 6 digits
