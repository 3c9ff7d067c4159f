"""The tensor level runs what numpy computes: each irtk op, after `fast-compile`, evaluated by the FAST_COMPILE
evaluator on random inputs, against numpy in float64 (and the other dtypes of the type rules).

Functions are built with `TensorBuilder` (so result types come from the ops' own type rules) over argument types
with dynamic sizes, static sizes and broadcastable size-1 dimensions, then called with several run-time shapes.
Run-time sizes that disagree raise ValueError, as the compiled code's `cf.assert`s do. The tensor-level passes
(autodiff, canonicalize, cse) must not change a single bit of any result, and fusion must turn the seed
training step into two `linalg.generic`s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects import arith, func, memref
from xdsl.dialects.builtin import ModuleOp
from xdsl.dialects.linalg import ops as linalg
from xdsl.interpreter import Interpreter, InterpreterFunctions, PythonValues, impl, register_impls
from xdsl.ir import Block, Region
from xdsl.parser import Parser
from xdsl.rewriter import InsertPoint

from irtk.codegen.vector_math import VECTOR_MATH
from irtk.compiler import lower
from irtk.dialects.c_library import double_name
from irtk.dialects.irtk import AddOp, DivOp, ExpOp, GradOp, LogOp, MulOp, NegOp, SqrOp, SqrtOp, SubOp
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.types import tensor_type
from irtk.dialects.upstream import RemFOp
from irtk.evaluator import Evaluator, libm, scalar_ops
from irtk.registry import make_context

ROOT = Path(__file__).resolve().parent.parent
TRAIN_STEP = ROOT / "examples" / "train_step.mlir"

Shape = tuple["int | None", ...]


def build(arg_types: Sequence, body: Callable) -> ModuleOp:
    """`func.func @main(args) { return body(tb, *args) }`, built with a TensorBuilder."""
    block = Block(arg_types=list(arg_types))
    tb = TensorBuilder(InsertPoint.at_end(block))
    results = body(tb, *block.args)
    results = list(results) if isinstance(results, (list, tuple)) else [results]
    block.add_op(func.ReturnOp(*results))
    main = func.FuncOp("main", (list(arg_types), [r.type for r in results]), Region(block))
    module = ModuleOp([main])
    module.verify()
    return module


def evaluate(module: ModuleOp, args: Sequence[np.ndarray], pipeline: str = "fast-compile") -> list[np.ndarray]:
    lower(module, pipeline)
    return Evaluator(module)([np.asarray(a) for a in args])


def random_array(rng: np.random.Generator, dtype: str, shape: tuple[int, ...], positive: bool = False) -> np.ndarray:
    if dtype.startswith(("int", "uint")):
        low = 1 if positive else (-9 if dtype.startswith("int") else 0)
        return rng.integers(low, 10, shape).astype(dtype)
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    values = rng.uniform(0.5, 2.0, shape) if positive else rng.standard_normal(shape)
    return values.astype(dtype)


def assert_same(result: np.ndarray, expected: np.ndarray) -> None:
    """Equal values (NaN where NaN), dtype and shape."""
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype, f"dtype {result.dtype}, expected {expected.dtype}"
    assert result.shape == expected.shape, f"shape {result.shape}, expected {expected.shape}"
    np.testing.assert_array_equal(result, expected)


# ---------------------------------------------------------------- elementwise

#: (name, static shape of x, static shape of y, run-time shape of x, run-time shape of y)
BINARY_SHAPES = [
    ("vectors", (None,), (None,), (5,), (5,)),
    ("matrices", (None, None), (None, None), (3, 4), (3, 4)),
    ("static", (3, 4), (3, 4), (3, 4), (3, 4)),
    ("static_meets_dynamic", (None, 4), (3, None), (3, 4), (3, 4)),
    ("row_over_matrix", (1, None), (None, None), (1, 4), (3, 4)),
    ("col_times_row", (None, 1), (1, None), (3, 1), (1, 4)),
    ("unit_over_matrix", (None, None), (1, 1), (3, 4), (1, 1)),
    ("scalars", (), (), (), ()),
    ("rank3_both_stretch", (2, 1, None), (None, 3, 1), (2, 1, 4), (2, 3, 1)),
    ("empty", (None,), (None,), (0,), (0,)),
    ("dynamic_size_one", (None,), (None,), (1,), (1,)),
]

BINARY_OPS = [("add", AddOp, np.add), ("sub", SubOp, np.subtract), ("mul", MulOp, np.multiply), ("div", DivOp, np.true_divide)]


@pytest.mark.parametrize("shapes", BINARY_SHAPES, ids=lambda s: s[0])
@pytest.mark.parametrize("op", BINARY_OPS, ids=lambda o: o[0])
def test_binary_float64(op, shapes) -> None:
    _, op_type, numpy_fn = op
    _, sx, sy, rx, ry = shapes
    module = build([tensor_type("float64", sx), tensor_type("float64", sy)], lambda tb, x, y: tb.build(op_type, [x, y]))
    rng = np.random.default_rng(1)
    for _ in range(3):
        x, y = random_array(rng, "float64", rx), random_array(rng, "float64", ry)
        (result,) = evaluate(module.clone(), [x, y])
        with np.errstate(divide="ignore", invalid="ignore"):
            assert_same(result, numpy_fn(x, y))


#: (x dtype, y dtype): results follow numpy's promotion; true division of integers is float64
DTYPE_PAIRS = [
    ("float32", "float32"), ("float32", "float64"), ("int32", "float32"), ("int32", "float64"), ("int32", "int32"),
    ("int8", "int16"), ("uint8", "int8"), ("bool", "float32"), ("int64", "float64"),
]


@pytest.mark.parametrize("dtypes", DTYPE_PAIRS, ids="-".join)
@pytest.mark.parametrize("op", BINARY_OPS, ids=lambda o: o[0])
def test_binary_dtypes(op, dtypes) -> None:
    _, op_type, numpy_fn = op
    dx, dy = dtypes
    module = build([tensor_type(dx, (None, 3)), tensor_type(dy, (1, 3))], lambda tb, x, y: tb.build(op_type, [x, y]))
    rng = np.random.default_rng(2)
    x = random_array(rng, dx, (4, 3))
    y = random_array(rng, dy, (1, 3), positive=True)  # no division by zero
    (result,) = evaluate(module, [x, y])
    with np.errstate(over="ignore"):
        assert_same(result, numpy_fn(x, y))  # numpy's promotion, and true division of integers in float64


UNARY_OPS = [
    ("neg", NegOp, np.negative, False),
    ("sqr", SqrOp, lambda x: x * x, False),
    ("exp", ExpOp, np.exp, False),
    ("log", LogOp, np.log, True),
    ("sqrt", SqrtOp, np.sqrt, True),
]
UNARY_SHAPES = [((None,), (6,)), ((None, None), (3, 4)), ((1, None), (1, 4)), ((), ()), ((3, 1), (3, 1)), ((None,), (0,))]


@pytest.mark.parametrize("shapes", UNARY_SHAPES, ids=lambda s: "x".join(map(str, s[1])) or "scalar")
@pytest.mark.parametrize("op", UNARY_OPS, ids=lambda o: o[0])
def test_unary_float64(op, shapes) -> None:
    _, op_type, numpy_fn, positive = op
    static, runtime = shapes
    module = build([tensor_type("float64", static)], lambda tb, x: tb.unary(op_type, x))
    x = random_array(np.random.default_rng(3), "float64", runtime, positive)
    (result,) = evaluate(module, [x])
    if op_type in (ExpOp, LogOp):  # the C library's, which numpy's SIMD versions match to the last bit or so
        np.testing.assert_allclose(result, numpy_fn(x), rtol=4e-16, atol=0)
        assert result.dtype == np.float64 and result.shape == x.shape
    else:
        assert_same(result, numpy_fn(x))


@pytest.mark.parametrize(
    "dtype,expected_dtype",
    [("float32", "float32"), ("int8", "float32"), ("int16", "float32"), ("int32", "float64"), ("int64", "float64")],
)
@pytest.mark.parametrize("op", [o for o in UNARY_OPS if o[0] in ("exp", "log", "sqrt")], ids=lambda o: o[0])
def test_float_functions_of_integers(op, dtype: str, expected_dtype: str) -> None:
    """Theano's rule: small integers become float32, the others float64 (numpy would give float16 for int8)."""
    _, op_type, numpy_fn, _ = op
    module = build([tensor_type(dtype, (None,))], lambda tb, x: tb.unary(op_type, x))
    x = random_array(np.random.default_rng(4), dtype, (7,), positive=True)
    (result,) = evaluate(module, [x])
    expected = numpy_fn(x.astype(expected_dtype))
    assert result.dtype == expected.dtype
    np.testing.assert_allclose(result, expected, rtol=2 * np.finfo(expected_dtype).eps, atol=0)


@pytest.mark.parametrize("dtype", ["float32", "int8", "int32", "int64", "uint16"])
@pytest.mark.parametrize("op", [o for o in UNARY_OPS if o[0] in ("neg", "sqr")], ids=lambda o: o[0])
def test_neg_and_sqr_keep_the_dtype(op, dtype: str) -> None:
    _, op_type, numpy_fn, _ = op
    module = build([tensor_type(dtype, (None,))], lambda tb, x: tb.unary(op_type, x))
    x = random_array(np.random.default_rng(5), dtype, (9,))
    (result,) = evaluate(module, [x])
    with np.errstate(over="ignore"):
        assert_same(result, numpy_fn(x))


@pytest.mark.parametrize(
    "src,dst",
    [("float64", "float32"), ("float64", "int32"), ("float32", "float64"), ("int32", "float64"), ("int64", "int8"),
     ("int8", "int64"), ("float64", "bool"), ("bool", "float64"), ("int32", "uint8")],
)
def test_cast(src: str, dst: str) -> None:
    module = build([tensor_type(src, (None, 1))], lambda tb, x: tb.cast(x, dst))
    x = random_array(np.random.default_rng(6), src, (5, 1)) * (100 if src.startswith("int") else 1)
    x = x.astype(src)
    (result,) = evaluate(module, [x])
    assert_same(result, x.astype(dst))


@pytest.mark.parametrize(
    "sx,slike,rx,rlike",
    [((1, None), (None, None), (1, 4), (3, 4)), ((None, 1), (None, 5), (3, 1), (3, 5)), ((1, 1), (None, None), (1, 1), (2, 3)),
     ((None,), (None,), (4,), (4,))],
)
def test_broadcast(sx: Shape, slike: Shape, rx, rlike) -> None:
    module = build([tensor_type("float32", sx), tensor_type("float64", slike)], lambda tb, x, like: tb.broadcast(x, like))
    rng = np.random.default_rng(7)
    x, like = random_array(rng, "float32", rx), random_array(rng, "float64", rlike)
    (result,) = evaluate(module, [x, like])
    assert_same(result, np.broadcast_to(x, like.shape))


# ---------------------------------------------------------------- shape, reductions, contractions


@pytest.mark.parametrize(
    "static,runtime,pattern,transpose",
    [
        ((None, None), (3, 4), [1, 0], (1, 0)),
        ((None,), (5,), [-1, 0], None),
        ((None,), (5,), [0, -1, -1], None),
        ((1, None), (1, 4), [1], None),
        ((1, 1), (1, 1), [], None),
        ((None, 1, 3), (2, 1, 3), [2, -1, 0], None),
        ((None, None, None), (2, 3, 4), [1, 2, 0], (1, 2, 0)),
        ((), (), [-1, -1], None),
    ],
)
def test_dimshuffle(static: Shape, runtime, pattern: list[int], transpose) -> None:
    module = build([tensor_type("float64", static)], lambda tb, x: tb.dimshuffle(x, pattern))
    x = random_array(np.random.default_rng(8), "float64", runtime)
    (result,) = evaluate(module, [x])
    # numpy: drop the left-out (size-1) dimensions, permute the kept ones, then insert the new axes
    kept = [p for p in pattern if p != -1]
    expected = np.squeeze(x, axis=tuple(d for d in range(x.ndim) if d not in kept))
    expected = np.transpose(expected, [sorted(kept).index(p) for p in kept])
    expected = np.expand_dims(expected, tuple(i for i, p in enumerate(pattern) if p == -1))
    if transpose is not None:
        assert_same(expected, np.transpose(x, transpose))
    assert_same(result, expected)


def sequential_sum(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """Left to right over the summed elements in row-major order, written as plainly as possible."""
    kept = [d for d in range(x.ndim) if d not in axes]
    out = np.zeros([x.shape[d] for d in kept], dtype=x.dtype)
    for index in np.ndindex(x.shape):
        key = tuple(index[d] for d in kept)
        out[key] = out[key] + x[index]
    return out


@pytest.mark.parametrize(
    "static,runtime,axes",
    [
        ((None, None), (3, 4), (0,)),
        ((None, None), (3, 4), (1,)),
        ((None, None), (3, 4), (0, 1)),
        ((None,), (31,), (0,)),  # the longest run summed left to right (longer: tests/test_blocked_reductions.py)
        ((2, None, 4), (2, 3, 4), (0, 2)),
        ((2, None, 4), (2, 3, 4), (1,)),
        ((None, 1), (5, 1), (1,)),
        ((None,), (0,), (0,)),
        ((None, None), (3, 4), ()),
    ],
)
def test_sum_is_sequential(static: Shape, runtime, axes) -> None:
    module = build([tensor_type("float64", static)], lambda tb, x: tb.sum(x, axes))
    x = random_array(np.random.default_rng(9), "float64", runtime) * 1e3
    (result,) = evaluate(module, [x])
    assert_same(result, sequential_sum(x, axes))  # bit for bit: the documented order
    np.testing.assert_allclose(result, x.sum(axis=axes), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("dtype,expected", [("int8", "int64"), ("bool", "int64"), ("uint8", "uint64"), ("float32", "float32")])
def test_sum_accumulator_dtype(dtype: str, expected: str) -> None:
    module = build([tensor_type(dtype, (None,))], lambda tb, x: tb.sum(x, [0]))
    x = np.full(50, 100, dtype=dtype) if dtype != "bool" else np.ones(50, dtype=bool)
    (result,) = evaluate(module, [x])
    assert_same(result, sequential_sum(x.astype(expected), (0,)))
    if dtype in ("int8", "uint8"):
        assert int(result) == 5000  # would have wrapped in 8 bits


DOT_SHAPES = [
    ("vv", (None,), (None,), (6,), (6,)),
    ("mv", (None, None), (None,), (3, 6), (6,)),
    ("vm", (None,), (None, None), (6,), (6, 4)),
    ("mm", (None, None), (None, None), (3, 6), (6, 4)),
    ("mm_static", (3, 6), (6, 4), (3, 6), (6, 4)),
    ("mm_static_meets_dynamic", (3, None), (6, None), (3, 6), (6, 4)),
    ("row_times_col", (1, None), (None, 1), (1, 6), (6, 1)),
    ("empty_contraction", (None, None), (None, None), (3, 0), (0, 4)),
]


def sequential_dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a2 = a if a.ndim == 2 else a[None, :]
    b2 = b if b.ndim == 2 else b[:, None]
    out = np.zeros((a2.shape[0], b2.shape[1]), dtype=np.result_type(a, b))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            acc = out.dtype.type(0)
            for k in range(a2.shape[1]):
                acc = acc + a2[i, k] * b2[k, j]
            out[i, j] = acc
    return out.reshape(a.shape[:-1] + b.shape[1:])


@pytest.mark.parametrize("shapes", DOT_SHAPES, ids=lambda s: s[0])
def test_dot(shapes) -> None:
    _, sa, sb, ra, rb = shapes
    module = build([tensor_type("float64", sa), tensor_type("float64", sb)], lambda tb, a, b: tb.dot(a, b))
    rng = np.random.default_rng(10)
    a, b = random_array(rng, "float64", ra), random_array(rng, "float64", rb)
    (result,) = evaluate(module, [a, b])
    assert_same(result, sequential_dot(a, b))
    np.testing.assert_allclose(result, np.dot(a, b), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("da,db,expected", [("float32", "float64", "float64"), ("int32", "int32", "int32"), ("int8", "float32", "float32")])
def test_dot_dtypes(da: str, db: str, expected: str) -> None:
    module = build([tensor_type(da, (None, None)), tensor_type(db, (None,))], lambda tb, a, b: tb.dot(a, b))
    rng = np.random.default_rng(11)
    a, b = random_array(rng, da, (3, 5)), random_array(rng, db, (5,))
    (result,) = evaluate(module, [a, b])
    assert result.dtype == np.dtype(expected)
    # float32 products are summed in float64 and rounded once (docs/numerical-policy.md)
    accumulator = "float64" if expected == "float32" else expected
    assert_same(result, sequential_dot(a.astype(accumulator), b.astype(accumulator)).astype(expected))


def test_constants_take_part() -> None:
    """A dense constant, a splat constant and a scalar constant, mixed with an argument."""
    def body(tb, x):
        row = tb.constant(np.array([[1.0, -2.0, 3.0]]))
        half = tb.constant(np.full((1, 1), 0.5))
        y = tb.mul(tb.add(x, row), half)
        return [y, tb.sum(y, [0, 1])]

    module = build([tensor_type("float64", (None, 3))], body)
    x = random_array(np.random.default_rng(12), "float64", (4, 3))
    y, s = evaluate(module, [x])
    assert_same(y, (x + np.array([[1.0, -2.0, 3.0]])) * 0.5)
    assert_same(s, sequential_sum(y, (0, 1)))


def test_one_module_many_sizes() -> None:
    module = build([tensor_type("float64", (None, None)), tensor_type("float64", (1, None))], lambda tb, m, r: tb.sum(tb.mul(m, r), [1]))
    lower(module, "fast-compile")
    evaluator = Evaluator(module)
    rng = np.random.default_rng(13)
    for rows, cols in [(1, 1), (2, 5), (7, 3), (0, 4), (3, 0)]:
        m, r = rng.standard_normal((rows, cols)), rng.standard_normal((1, cols))
        (result,) = evaluator([m, r])
        assert_same(result, sequential_sum(m * r, (1,)))


def test_returned_argument_is_a_copy() -> None:
    """As in compiled code, a result never aliases an argument."""
    module = build([tensor_type("float64", (None,))], lambda tb, x: [x, tb.dimshuffle(x, [0])])
    x = np.arange(3.0)
    a, b = evaluate(module, [x])
    assert_same(a, x)
    assert_same(b, x)
    assert not np.shares_memory(a, x) and not np.shares_memory(b, x) and not np.shares_memory(a, b)


# ---------------------------------------------------------------- run-time size errors


SIZE_ERRORS = [
    ("different_dynamic_sizes", [(None,), (None,)], [(3,), (4,)], lambda tb, x, y: tb.add(x, y), "irtk.add: size mismatch"),
    ("dynamic_size_one_does_not_stretch", [(None,), (None,)], [(1,), (3,)], lambda tb, x, y: tb.mul(x, y), "irtk.mul: size mismatch"),
    ("row_over_wrong_matrix", [(1, None), (None, None)], [(1, 4), (3, 5)], lambda tb, r, m: tb.sub(r, m), "irtk.sub: size mismatch in dimension 1"),
    ("static_meets_other_size", [(3,), (None,)], [(3,), (4,)], lambda tb, x, y: tb.div(x, y), "irtk.div: size mismatch"),
    ("dot_contracted", [(None, None), (None,)], [(3, 4), (5,)], lambda tb, a, b: tb.dot(a, b), "irtk.dot: size mismatch in dimension 0 of operand #1"),
    ("dot_mm_contracted", [(None, None), (None, None)], [(3, 4), (3, 4)], lambda tb, a, b: tb.dot(a, b), "irtk.dot: size mismatch in dimension 0 of operand #1"),
    ("broadcast_dynamic_one", [(None,), (None,)], [(1,), (3,)], lambda tb, x, like: tb.broadcast(x, like), "irtk.broadcast: size mismatch"),
]


@pytest.mark.parametrize("case", SIZE_ERRORS, ids=lambda c: c[0])
def test_run_time_size_mismatch_is_a_value_error(case) -> None:
    _, static, runtime, body, message = case
    module = build([tensor_type("float64", s) for s in static], body)
    args = [np.ones(r) for r in runtime]
    with pytest.raises(ValueError, match=message):
        evaluate(module, args)


def test_splat_constant_of_static_size_checks_the_other_operand() -> None:
    module = build([tensor_type("float64", (None,))], lambda tb, x: tb.add(x, tb.constant(np.full(3, 2.0))))
    lower(module, "fast-compile")
    evaluator = Evaluator(module)
    assert_same(evaluator([np.ones(3)])[0], np.full(3, 3.0))
    with pytest.raises(ValueError, match="irtk.add: size mismatch"):
        evaluator([np.ones(4)])


# ---------------------------------------------------------------- the tensor-level passes keep every bit


def training_module() -> ModuleOp:
    return Parser(make_context(), TRAIN_STEP.read_text(), str(TRAIN_STEP)).parse_module()


def logistic_module() -> ModuleOp:
    """A batch logistic-regression step with a bias: cost, and the parameters after one step."""
    def body(tb, X, y, W, b):
        z = tb.add(tb.dot(X, W), tb.dimshuffle(b, [-1]))
        one = tb.constant(np.ones(1))
        p = tb.div(one, tb.add(one, tb.unary(ExpOp, tb.neg(z))))
        cost = tb.sum(tb.unary(SqrOp, tb.sub(p, y)), [0])
        grad = GradOp(cost, [W, b])
        tb.builder.insert(grad)
        gW, gb = grad.results
        rate = tb.constant(np.full(1, 0.1))
        return [cost, tb.sub(W, tb.mul(rate, gW)), tb.sub(b, tb.mul(tb.constant(np.array(0.1)), gb))]

    return build([tensor_type("float64", s) for s in [(None, None), (None,), (None,), ()]], body)


def training_args(rng):
    return [rng.standard_normal(4).astype(np.float32), np.array(3.0, dtype=np.float32), rng.standard_normal(4)]


def logistic_args(rng):
    return [rng.standard_normal((6, 3)), (rng.random(6) > 0.5).astype(np.float64), rng.standard_normal(3), np.array(0.2)]


@pytest.mark.parametrize("make,make_args", [(training_module, training_args), (logistic_module, logistic_args)], ids=["train_step", "logistic"])
@pytest.mark.parametrize("pipeline", ["autodiff,canonicalize,cse", "autodiff,cse,canonicalize,cse,canonicalize"])
def test_tensor_passes_keep_every_bit(make, make_args, pipeline: str) -> None:
    args = make_args(np.random.default_rng(14))
    reference = evaluate(make(), args, "autodiff")
    for result, expected in zip(evaluate(make(), args, pipeline), reference):
        assert result.dtype == expected.dtype and result.tobytes() == expected.tobytes()
    for result, expected in zip(evaluate(make(), args, "fast-compile"), reference):
        assert result.dtype == expected.dtype and result.tobytes() == expected.tobytes()


def test_training_step_values() -> None:
    """examples/train_step.mlir: y = sum(x * W) and W' = W - 0.1 * (-2 (target - y) x), in float64."""
    rng = np.random.default_rng(15)
    x, target, W = training_args(rng)
    y, W_new = evaluate(training_module(), [x, target, W])
    expected_y = sequential_sum(x.astype(np.float64) * W, (0,))
    assert_same(y, expected_y)
    g = -(np.float64(target) - expected_y) * 2.0 * x.astype(np.float64)
    np.testing.assert_allclose(W_new, W - 0.1 * g, rtol=1e-15, atol=1e-15)


def test_logistic_gradient_values() -> None:
    rng = np.random.default_rng(16)
    X, y, W, b = logistic_args(rng)
    cost, W_new, b_new = evaluate(logistic_module(), [X, y, W, b])
    p = 1.0 / (1.0 + np.exp(-(X @ W + b)))
    dz = 2 * (p - y) * p * (1 - p)
    np.testing.assert_allclose(cost, np.sum((p - y) ** 2), rtol=1e-13)
    np.testing.assert_allclose(W_new, W - 0.1 * (X.T @ dz), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(b_new, b - 0.1 * dz.sum(), rtol=1e-12, atol=1e-14)


# ---------------------------------------------------------------- fusion


def count_generics(module: ModuleOp) -> int:
    return sum(isinstance(op, linalg.GenericOp) for op in module.walk())


def test_training_step_fuses_into_two_generics() -> None:
    """The reduction for y, and one elementwise loop computing W' from W, target, y and x."""
    module = lower(training_module(), "fast-compile,lower-to-structured")
    assert count_generics(module) > 2
    lower(module, "fuse")
    assert count_generics(module) == 2
    reduction, update = [op for op in module.walk() if isinstance(op, linalg.GenericOp)]
    assert [it.data.value for it in reduction.iterator_types] == ["reduction"]
    assert [it.data.value for it in update.iterator_types] == ["parallel"]
    assert {str(v.type) for v in update.inputs} == {"tensor<?xf64>", "tensor<f32>", "tensor<f64>", "tensor<?xf32>"}


def test_elementwise_chain_and_reduction_fuse_into_one_generic() -> None:
    def body(tb, x, y):
        return tb.sum(tb.unary(ExpOp, tb.unary(SqrOp, tb.sub(x, y))), [0, 1])

    module = build([tensor_type("float64", (None, None))] * 2, body)
    lower(module, "lower-to-structured,fuse")
    assert count_generics(module) == 1


def test_multi_use_producer_is_not_fused() -> None:
    def body(tb, x):
        e = tb.unary(ExpOp, x)
        return [tb.sum(e, [0]), tb.neg(e)]

    module = build([tensor_type("float64", (None,))], body)
    lower(module, "lower-to-structured,fuse")
    assert count_generics(module) == 3


# ---------------------------------------------------------------- argument checks


def test_evaluator_checks_static_sizes_of_arguments() -> None:
    module = build([tensor_type("float64", (3,))], lambda tb, x: tb.neg(x))
    with pytest.raises(ValueError):
        evaluate(module, [np.ones(5)])


# ---------------------------------------------------------------- the loop level computes the same bits


def _libm_scalar(name: str, *args: float) -> float:
    """The C library function `name` of float64 scalars."""
    return float(libm.apply(name, *(np.array([a], dtype=np.float64) for a in args))[0])


@register_impls
class MoreLoopLevelFunctions(InterpreterFunctions):
    """What the interpreter still lacks for the loops `fast-run` writes (float64 values, exact f32 constants)."""

    @impl(memref.CopyOp)
    def run_copy(self, interpreter: Interpreter, op: memref.CopyOp, args: PythonValues) -> PythonValues:
        source, target = args
        for index in source.indices():
            target.store(index, source.load(index))
        return ()

    @impl(arith.ExtFOp)
    def run_extf(self, interpreter: Interpreter, op: arith.ExtFOp, args: PythonValues) -> PythonValues:
        return (float(args[0]),)

    # the C library calls, through the same C library as the compiled code
    @impl(func.CallOp)
    def run_call(self, interpreter: Interpreter, op: func.CallOp, args: PythonValues) -> PythonValues:
        name = double_name(op.callee.string_value())
        if name is not None:
            return (_libm_scalar(name, *args),)
        return interpreter.call_op(op.callee.string_value(), args)


def _float_scalar_impls(ops=None) -> InterpreterFunctions:
    """Impls of the float math ops xDSL's interpreter lacks (math.tan, math.floor, math.erfc, arith.remf, ...),
    each the evaluator's meaning of the op on one float64 element, which the C library computes (irtk_math.h for
    exp, expm1, log, log1p and tanh: `ops=VECTOR_MATH` overrides xDSL's, which are Python's `math`)."""

    def run(self, interpreter: Interpreter, op, args: PythonValues) -> PythonValues:
        return (float(np.asarray(scalar_ops.evaluate(op, [np.float64(a) for a in args])).item()),)

    ops = ops or [t for t in scalar_ops.OPS if t.name.startswith("math.") or t is RemFOp]
    impls = {f"run_{t.name.replace('.', '_')}": impl(t)(run) for t in ops}
    return register_impls(type("FloatScalarFunctions", (InterpreterFunctions,), impls))()


def run_loop_level(module: ModuleOp, arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Run a `fast-run`-lowered float64 module with xDSL's interpreter (completed by test_loop_passes' impls)."""
    loop_passes = pytest.importorskip("test_loop_passes", reason="tests/test_loop_passes.py provides the interpreter impls")
    from blas_interpreter import BlasFunctions
    from xdsl.interpreters import register_implementations
    from xdsl.interpreters.math import MathFunctions
    from xdsl.interpreters.shaped_array import ShapedArray
    from xdsl.interpreters.utils.ptr import TypedPtr

    interpreter = Interpreter(module)
    register_implementations(interpreter, make_context())
    interpreter.register_implementations(_float_scalar_impls())
    interpreter.register_implementations(MathFunctions(), override=True)
    interpreter.register_implementations(_float_scalar_impls(list(VECTOR_MATH)), override=True)
    interpreter.register_implementations(loop_passes.LoopLevelFunctions(0), override=True)
    interpreter.register_implementations(MoreLoopLevelFunctions(), override=True)
    interpreter.register_implementations(BlasFunctions())  # irtk_blas.gemm, as the sequential loop
    args = [ShapedArray(TypedPtr.new_float64([float(v) for v in a.flat]), list(a.shape)) for a in arrays]
    results = interpreter.call_op("main", tuple(args))
    return [np.array(r.data, dtype=np.float64).reshape(r.shape) for r in results]


def rational_module() -> ModuleOp:
    """The logistic step with 1 / (1 + z*z) for the sigmoid: only correctly rounded operations (see below)."""
    def body(tb, X, y, W, b):
        z = tb.add(tb.dot(X, W), tb.dimshuffle(b, [-1]))
        one = tb.constant(np.ones(1))
        p = tb.div(one, tb.add(one, tb.unary(SqrOp, z)))
        cost = tb.sum(tb.unary(SqrOp, tb.sub(p, y)), [0])
        gW, gb = _with_grad(tb, cost, [W, b])[1:]
        rate = tb.constant(np.full(1, 0.1))
        return [cost, tb.sub(W, tb.mul(rate, gW)), tb.sub(b, tb.mul(tb.constant(np.array(0.1)), gb)), tb.unary(SqrtOp, tb.mul(p, p))]

    return build([tensor_type("float64", s) for s in [(None, None), (None,), (None,), ()]], body)


# Only correctly rounded operations (+ - * / sqrt): exp and log are not bit-reproducible, see
# test_exp_and_log_match_the_c_library below.
F64 = "float64"
LOOP_LEVEL_CASES = [
    ("rational_model_step", rational_module, logistic_args),
    (
        "sum_outer_axes",
        lambda: build([tensor_type(F64, (None, None, None))], lambda tb, x: tb.sum(tb.unary(SqrOp, x), [0, 2])),
        lambda rng: [rng.standard_normal((2, 3, 4))],
    ),
    (
        "dots",
        lambda: build(
            [tensor_type(F64, (None, None)), tensor_type(F64, (None, None)), tensor_type(F64, (None,))],
            lambda tb, a, b, v: [tb.dot(a, b), tb.dot(a, tb.dot(b, v)), tb.dot(v, tb.dimshuffle(b, [1, 0])), tb.dot(v, v)],
        ),
        lambda rng: [rng.standard_normal((3, 4)), rng.standard_normal((4, 4)), rng.standard_normal(4)],
    ),
    (
        "broadcasting_chain",
        lambda: build(
            [tensor_type(F64, (1, None)), tensor_type(F64, (None, 1))],
            lambda tb, row, col: tb.div(tb.unary(SqrtOp, tb.unary(SqrOp, tb.sub(row, col))), tb.add(col, tb.constant(np.full((1, 1), 3.0)))),
        ),
        lambda rng: [rng.standard_normal((1, 5)), rng.uniform(0.5, 2.0, (4, 1))],
    ),
    (
        "gradient_of_dot_and_sum",
        lambda: build(
            [tensor_type(F64, (None, None)), tensor_type(F64, (None,))],
            lambda tb, X, w: _with_grad(tb, tb.sum(tb.unary(SqrOp, tb.dot(X, w)), [0]), [X, w]),
        ),
        lambda rng: [rng.standard_normal((5, 3)), rng.standard_normal(3)],
    ),
]


def _with_grad(tb, cost, wrt):
    request = GradOp(cost, wrt)
    tb.builder.insert(request)
    return [cost, *request.results]


@pytest.mark.parametrize("case", LOOP_LEVEL_CASES, ids=lambda c: c[0])
def test_fast_run_loops_equal_fast_compile_bit_for_bit(case) -> None:
    """What FAST_RUN would compile, run by an interpreter (parallel loops in shuffled order), equals FAST_COMPILE."""
    _, make, make_args = case
    args = make_args(np.random.default_rng(17))
    expected = evaluate(make(), args, "fast-compile")
    module = lower(make(), "fast-run")
    for result, reference in zip(run_loop_level(module, args), expected, strict=True):
        assert result.shape == reference.shape
        assert result.tobytes() == reference.tobytes(), f"{result} != {reference}"


def test_fast_run_loops_assert_sizes() -> None:
    module = lower(build([tensor_type(F64, (None,))], lambda tb, x: tb.add(x, tb.constant(np.full(3, 2.0)))), "fast-run")
    np.testing.assert_array_equal(run_loop_level(module, [np.ones(3)])[0], np.full(3, 3.0))
    with pytest.raises(Exception, match="irtk.add: size mismatch in dimension 0 of operand #1"):
        run_loop_level(module, [np.ones(4)])


@pytest.mark.parametrize("op", [ExpOp, LogOp], ids=["exp", "log"])
def test_exp_and_log_match_compiled_code(op) -> None:
    x = np.random.default_rng(18).uniform(0.01, 5.0, 2000)
    make = lambda: build([tensor_type(F64, (None,))], lambda tb, v: tb.unary(op, v))  # noqa: E731
    (expected,) = evaluate(make(), [x], "fast-compile")
    (result,) = run_loop_level(lower(make(), "fast-run"), [x])
    assert result.tobytes() == expected.tobytes(), f"{np.count_nonzero(result != expected)} of {x.size} differ"


@pytest.mark.parametrize("op", [ExpOp, LogOp], ids=["exp", "log"])
def test_exp_and_log_of_a_transposed_operand(op) -> None:
    """The libm-backed references must not depend on the operand's memory layout."""
    x = np.random.default_rng(5).uniform(0.5, 2.0, (3, 4))
    module = build([tensor_type("float64", (None, None))], lambda tb, v: tb.unary(op, tb.dimshuffle(v, [1, 0])))
    (result,) = evaluate(module, [x])
    np.testing.assert_allclose(result, (np.exp if op is ExpOp else np.log)(x.T), rtol=4e-16)


def _drop_returns(self, ctx, module) -> None:
    for op in list(module.walk()):
        if isinstance(op, func.ReturnOp):
            op.detach()
            op.erase()


def _raise_key_error(self, ctx, module) -> None:
    raise KeyError("some internal table")


@pytest.mark.parametrize(
    "broken,verify_each,message",
    [(_drop_returns, True, "not valid after pass 'fuse'"),
     (_drop_returns, False, r"not valid after the pipeline \(its last pass 'forward-stores'; IRTK_FLAGS=verify_passes=each"),
     (_raise_key_error, False, "internal error in pass 'fuse': KeyError")],
)
def test_a_broken_pass_is_reported_as_an_internal_error(monkeypatch, broken, verify_each, message) -> None:
    """A pass that breaks the IR or crashes is irtk's bug: the error names the pass (no module dump). Verified
    only at the end (the `verify_passes` flag's default), broken IR is still caught before anything is emitted,
    and the error says how to find the pass."""
    from irtk.compiler import PassError
    from irtk.passes import fuse

    monkeypatch.setattr(fuse.Fuse, "apply", broken)
    module = build([tensor_type("float64", (None,))], lambda tb, x: tb.neg(x))
    with pytest.raises(PassError, match=message):
        lower(module, "fast-run", verify_each=verify_each)


def test_the_verify_passes_flag_picks_when_the_ir_is_verified(monkeypatch) -> None:
    """`IRTK_FLAGS=verify_passes=each` (here set on the config) makes every compile verify after each pass."""
    from irtk.compiler import PassError
    from irtk.flags import Config, config
    from irtk.passes import fuse

    assert Config.from_flags("verify_passes=each").verify_passes == "each"
    with pytest.raises(ValueError, match="verify_passes"):
        Config.from_flags("verify_passes=sometimes")
    monkeypatch.setattr(fuse.Fuse, "apply", _drop_returns)
    monkeypatch.setattr(config, "verify_passes", "each")
    module = build([tensor_type("float64", (None,))], lambda tb, x: tb.neg(x))
    with pytest.raises(PassError, match="not valid after pass 'fuse'"):
        lower(module, "fast-run")
