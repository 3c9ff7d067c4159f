"""Unsigned integer dtypes (uint8, uint16, uint32, uint64) in both modes, with numpy's semantics.

The irtk dialect types them `tensor<?xui8>`; `lower-to-structured` picks unsigned arith ops from those types and
then makes every type signless, keeping each function argument's and result's dtype in `irtk.dtype` (see
`irtk/dialects/signless.py`). So these tests check: numpy's own integer semantics (wrap-around, division by zero
gives 0, unsigned comparisons and extrema, uint64 sums), numpy's upcasting when uint meets int, float and bool,
conversions to and from float, FAST_RUN giving the very bits of FAST_COMPILE, the IR being signless below the
tensor level, and a uint8 function refusing an int8 array (and returning uint8 arrays).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from conftest import MODES
from xdsl.dialects import func
from xdsl.dialects.builtin import IntegerType, MemRefType, ModuleOp, Signedness, StringAttr, TensorType
from xdsl.ir import Block, Region
from xdsl.rewriter import InsertPoint

import irtk
from irtk import tensor
from irtk.compiler import compile_module, lower
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.reduction import ArgmaxOp, ArgminOp, MaxOp, MinOp, ProdOp
from irtk.dialects.irtk.types import tensor_type
from irtk.dialects.signless import DTYPE_ATTR, boundary_types

UINTS = ["uint8", "uint16", "uint32", "uint64"]


def build(arg_types: Sequence, body: Callable) -> ModuleOp:
    """`func.func @main(args) { return body(tb, *args) }`, result types from the ops' own type rules."""
    block = Block(arg_types=list(arg_types))
    tb = TensorBuilder(InsertPoint.at_end(block))
    results = list(body(tb, *block.args))
    block.add_op(func.ReturnOp(*results))
    module = ModuleOp([func.FuncOp("main", (list(arg_types), [r.type for r in results]), Region(block))])
    module.verify()
    return module


def run(module: ModuleOp, mode: str, args: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The results in `mode`; in FAST_RUN, checked to be the very bits FAST_COMPILE gives."""
    names = [f"a{i}" for i in range(len(args))]
    results = [np.asarray(r) for r in compile_module(module.clone(), mode, names)(list(args))]
    if mode == "FAST_RUN":
        expected = [np.asarray(r) for r in compile_module(module.clone(), "FAST_COMPILE", names)(list(args))]
        for i, (r, e) in enumerate(zip(results, expected, strict=True)):
            assert r.dtype == e.dtype and r.shape == e.shape, f"result {i}: {r.dtype}{r.shape} vs {e.dtype}{e.shape}"
            assert r.tobytes() == e.tobytes(), f"result {i}: FAST_RUN {r.tolist()} vs FAST_COMPILE {e.tolist()}"
    return results


def assert_numpy(result: np.ndarray, expected: np.ndarray, what: str) -> None:
    """The same dtype, shape and values as numpy's (NaN where NaN)."""
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype, f"{what}: dtype {result.dtype}, numpy gives {expected.dtype}"
    np.testing.assert_array_equal(result, expected, err_msg=what)


def edge_values(dtype: str) -> np.ndarray:
    top = int(np.iinfo(dtype).max)
    return np.array([0, 1, 2, 7, 127, 128, 255, top // 2, top // 2 + 1, top - 1, top], dtype=np.uint64).astype(dtype)


# ---------------------------------------------------------------- elementwise, one dtype

#: name -> (builder call, numpy); binary ops see every pair of edge values (a column against a row)
BINARY = {
    "add": (lambda tb, x, y: tb.add(x, y), np.add),
    "sub": (lambda tb, x, y: tb.sub(x, y), np.subtract),
    "mul": (lambda tb, x, y: tb.mul(x, y), np.multiply),
    "div": (lambda tb, x, y: tb.div(x, y), np.true_divide),
    "int_div": (lambda tb, x, y: tb.int_div(x, y), np.floor_divide),
    "mod": (lambda tb, x, y: tb.mod(x, y), np.mod),
    "pow": (lambda tb, x, y: tb.pow(x, y), np.power),
    "maximum": (lambda tb, x, y: tb.maximum(x, y), np.maximum),
    "minimum": (lambda tb, x, y: tb.minimum(x, y), np.minimum),
    "lt": (lambda tb, x, y: tb.lt(x, y), np.less),
    "ge": (lambda tb, x, y: tb.ge(x, y), np.greater_equal),
    "eq": (lambda tb, x, y: tb.eq(x, y), np.equal),
    "and": (lambda tb, x, y: getattr(tb, "and")(x, y), np.bitwise_and),
    "xor": (lambda tb, x, y: tb.xor(x, y), np.bitwise_xor),
}
UNARY = {
    "neg": (lambda tb, x: tb.neg(x), np.negative),
    "abs": (lambda tb, x: tb.abs(x), np.abs),
    "sgn": (lambda tb, x: tb.sgn(x), np.sign),
    "sqr": (lambda tb, x: tb.sqr(x), np.square),
    "invert": (lambda tb, x: tb.invert(x), np.invert),
}


@pytest.mark.parametrize("mode", MODES)
def test_edge_values_of_every_uint_dtype(mode: str) -> None:
    """0, the top bit, the maximum: wrap-around of `-`, `neg` and `*`; `//` and `%` by 0 give 0; unsigned
    comparisons and extrema (255 > 1); pow with exponents that read negative as signed."""
    arg_types = [tensor_type(d, shape) for d in UINTS for shape in ((None, 1), (1, None))]

    def body(tb, *args):
        out = []
        for k in range(len(UINTS)):
            x, y = args[2 * k], args[2 * k + 1]
            out += [make(tb, x, y) for make, _ in BINARY.values()]
            out += [make(tb, x) for make, _ in UNARY.values()]
        return out

    args = [v.reshape(shape) for d in UINTS for v, shape in ((edge_values(d), (-1, 1)), (edge_values(d), (1, -1)))]
    results = iter(run(build(arg_types, body), mode, args))
    for k, d in enumerate(UINTS):
        x, y = args[2 * k], args[2 * k + 1]
        with np.errstate(all="ignore"):
            for name, (_, fn) in BINARY.items():
                assert_numpy(next(results), fn(x, y), f"{name}({d})")
            for name, (_, fn) in UNARY.items():
                assert_numpy(next(results), fn(x), f"{name}({d})")


@pytest.mark.parametrize("mode", MODES)
def test_division_by_zero_and_wrap_around(mode: str) -> None:
    module = build([tensor_type("uint8", (None,))] * 2, lambda tb, x, y: [tb.int_div(x, y), tb.mod(x, y), tb.sub(x, y), tb.neg(x)])
    x, y = np.array([7, 0, 255, 1], np.uint8), np.array([0, 0, 0, 2], np.uint8)
    q, r, d, n = run(module, mode, [x, y])
    assert q.tolist() == [0, 0, 0, 0] and r.tolist() == [0, 0, 0, 1]
    assert d.tolist() == [7, 0, 255, 255] and n.tolist() == [249, 0, 1, 255]
    assert {q.dtype, r.dtype, d.dtype, n.dtype} == {np.dtype(np.uint8)}


# ---------------------------------------------------------------- mixed operands: numpy's upcasting

MIXED = [("uint8", "int8"), ("uint8", "uint16"), ("uint16", "int32"), ("uint32", "int64"), ("uint64", "int64"),
         ("uint64", "uint8"), ("uint32", "float32"), ("uint64", "float64"), ("uint8", "bool"), ("int8", "uint64"),
         ("uint16", "float32")]
MIXED_OPS = ["add", "sub", "mul", "div", "int_div", "mod", "maximum", "minimum", "lt", "eq"]


def random_values(rng: np.random.Generator, dtype: str, n: int) -> np.ndarray:
    """The whole range of an integer dtype (its extremes and 0 included); floats of either sign, integral ones too."""
    if dtype == "bool":
        return rng.integers(0, 2, n).astype(bool)
    if dtype.startswith("float"):
        values = rng.standard_normal(n) * 1e3
        values[::3] = np.round(values[::3])
        values[:3] = [0.0, -1.0, 300.0]
        return values.astype(dtype)
    info = np.iinfo(dtype)
    values = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    values[:3] = [0, info.max, 1]
    return values


def test_mixed_dtypes_follow_numpy() -> None:
    """The type rules: uint8 + int8 is int16, uint64 + int64 is float64, uint32 + float32 is float64."""
    for a, b in MIXED:
        module = build([tensor_type(a, (None,)), tensor_type(b, (None,))], lambda tb, x, y: [tb.add(x, y)])
        got = str(module.body.block.first_op.function_type.outputs.data[0].element_type)
        assert got == str(tensor_type(str(np.result_type(a, b)), (None,)).element_type), (a, b, got)


@pytest.mark.parametrize("mode", MODES)
def test_mixed_operands(mode: str) -> None:
    arg_types = [tensor_type(d, (None,)) for pair in MIXED for d in pair]

    def body(tb, *args):
        return [BINARY[name][0](tb, args[2 * k], args[2 * k + 1]) for k in range(len(MIXED)) for name in MIXED_OPS]

    rng = np.random.default_rng(7)
    args = [random_values(rng, d, 24) for pair in MIXED for d in pair]
    results = iter(run(build(arg_types, body), mode, args))
    for k, (a, b) in enumerate(MIXED):
        x, y = args[2 * k], args[2 * k + 1]
        for name in MIXED_OPS:
            with np.errstate(all="ignore"):
                assert_numpy(next(results), BINARY[name][1](x, y), f"{name}({a}, {b})")


# ---------------------------------------------------------------- reductions


@pytest.mark.parametrize("mode", MODES)
def test_reductions(mode: str) -> None:
    """Sums and products accumulate in uint64 (and wrap there); max, min and their arguments compare unsigned."""
    def body(tb, x, w):
        out = [tb.sum(x, [0, 1]), tb.sum(x, [1]), *tb.reduce(ProdOp, x, [0]), *tb.reduce(MaxOp, x, [1]),
               *tb.reduce(MinOp, x, [0]), tb.sum(w, [0])]
        out += tb.reduce(ArgmaxOp, x, [1]) + tb.reduce(ArgminOp, x, [0, 1])
        return out

    module = build([tensor_type("uint8", (None, None)), tensor_type("uint64", (None,))], body)
    x = np.array([[255, 1, 128, 3], [0, 127, 254, 255], [9, 200, 0, 17]], np.uint8)
    w = np.array([2**64 - 1, 2, 2**63], np.uint64)
    total, rows, prod, top, bottom, wrapped, top_v, top_i, bottom_v, bottom_i = run(module, mode, [x, w])
    assert_numpy(total, x.sum(), "sum")
    assert_numpy(rows, x.sum(axis=1), "sum over rows")
    assert_numpy(prod, x.prod(axis=0), "prod")
    assert_numpy(top, x.max(axis=1), "max")
    assert_numpy(bottom, x.min(axis=0), "min")
    assert_numpy(wrapped, w.sum(), "a uint64 sum wraps")
    assert int(wrapped) == 2**63 + 1
    assert_numpy(top_v, x.max(axis=1), "argmax's value")
    np.testing.assert_array_equal(top_i, x.argmax(axis=1))
    assert int(bottom_v) == 0 and int(bottom_i) == int(x.argmin())


def test_a_uint8_sum_does_not_wrap_in_eight_bits() -> None:
    module = build([tensor_type("uint8", (None,))], lambda tb, x: [tb.sum(x, [0])])
    (total,) = run(module, "FAST_COMPILE", [np.full(50, 255, np.uint8)])
    assert total.dtype == np.uint64 and int(total) == 12750


# ---------------------------------------------------------------- conversions


def float_sources(dtype: str) -> np.ndarray:
    """Values that convert the same way in every numpy loop: in range, or negative down to -2**31 (numpy goes
    through a signed integer, so -1.0 is 255 as a uint8). Beyond those, numpy's float-to-uint32 conversion gives
    different results for the same value depending on its position in an array (its vectorized loop and its
    scalar remainder disagree), so those values are checked between the modes only."""
    values = [0.0, 0.5, 1.0, 1.5, 2.5, 127.0, 128.0, 255.0, 255.9, 256.0, 300.0, 65535.0, 65536.0, 70000.0, -1.0,
              -1.5, -300.0, -70000.0, 2.0**31, 2.0**32 - 1, -(2.0**31), 2.0**53, 2.0**63, 2.0**64 - 2.0**11]
    return np.array(values, dtype)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("src", ["float64", "float32"])
def test_float_to_uint_and_back(mode: str, src: str) -> None:
    module = build([tensor_type(src, (None,))], lambda tb, x: [tb.cast(x, d) for d in UINTS])
    x = float_sources(src)
    results = run(module, mode, [x])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for d, r in zip(UINTS, results):
            in_range = x < 2.0**32 if d == "uint32" else np.ones(x.shape, bool)
            assert_numpy(r[in_range], x.astype(d)[in_range], f"{src} -> {d}")
    # out of every range: only the modes must agree (run checks that)
    run(module, mode, [np.array([np.nan, np.inf, -np.inf, 1e30, -1e30, 2.0**64, 2.0**32 + 5, -(2.0**63)], src)])


@pytest.mark.parametrize("mode", MODES)
def test_casts_between_uint_and_other_dtypes(mode: str) -> None:
    pairs = [("uint8", "int8"), ("int8", "uint8"), ("int8", "uint64"), ("uint64", "int64"), ("uint64", "float64"),
             ("uint64", "float32"), ("uint32", "float32"), ("uint32", "uint8"), ("uint8", "uint64"), ("uint16", "bool"),
             ("bool", "uint16"), ("uint16", "int32"), ("int64", "uint32")]
    module = build([tensor_type(s, (None,)) for s, _ in pairs], lambda tb, *xs: [tb.cast(x, d) for x, (_, d) in zip(xs, pairs)])
    rng = np.random.default_rng(3)
    args = [random_values(rng, s, 16) for s, _ in pairs]
    for (s, d), x, r in zip(pairs, args, run(module, mode, args)):
        assert_numpy(r, x.astype(d), f"{s} -> {d}")


# ---------------------------------------------------------------- the frontend


@pytest.mark.parametrize("mode", MODES)
def test_frontend_types_shared_variables_and_casts(mode: str) -> None:
    x = tensor.TensorType("uint8", (False,))("x")
    counts = irtk.shared(np.array([250, 3], np.uint8), "counts")
    c = tensor.constant(np.array([200, 100], np.uint8))
    f = irtk.function(
        [x],
        [x + counts, x * c, tensor.cast(x, "uint16") * np.uint16(1000), tensor.cast(tensor.cast(x, "float64") - 300.0, "uint8"),
         x.astype("int8"), x.sum(), x.mean(), tensor.argmax(x), x // np.uint8(0)],
        updates=[(counts, counts + np.uint8(5))],
        mode=mode,
    )
    a = np.array([10, 200], np.uint8)
    added, scaled, wide, back, signed, total, mean, where, quotient = f(a)
    with np.errstate(all="ignore"):
        assert_numpy(added, a + np.array([250, 3], np.uint8), "x + shared")
        assert_numpy(scaled, a * np.array([200, 100], np.uint8), "x * constant")
        assert_numpy(wide, a.astype(np.uint16) * np.uint16(1000), "cast to uint16")
        assert_numpy(back, (a.astype(np.float64) - 300.0).astype(np.uint8), "float to uint8")
        assert_numpy(quotient, np.zeros(2, np.uint8), "x // 0")
    assert_numpy(signed, a.astype(np.int8), "astype int8")
    assert total.dtype == np.uint64 and int(total) == 210
    assert mean == pytest.approx(105.0) and int(where) == 1
    assert_numpy(counts.get_value(), np.array([255, 8], np.uint8), "the update")
    f(a)
    assert_numpy(counts.get_value(), np.array([4, 13], np.uint8), "the update wraps")
    assert tensor.vector("v", dtype="uint32").dtype == "uint32"
    assert (tensor.TensorType("uint8", (False,))() + tensor.bvector()).dtype == "int16"
    assert (tensor.TensorType("uint64", (False,))() + tensor.lvector()).dtype == "float64"


# ---------------------------------------------------------------- argument dtypes


@pytest.mark.parametrize("mode", MODES)
def test_the_kernel_checks_argument_dtypes(mode: str) -> None:
    """Signless inside, but a uint8 argument is not an int8 one: each is refused for the other, by name."""
    module = build([tensor_type("uint8", (None,)), tensor_type("int8", (None,))], lambda tb, u, s: [tb.add(u, s), u])
    runner = compile_module(module, mode, ["u", "s"])
    u, s = np.array([255, 1], np.uint8), np.array([-1, 1], np.int8)
    total, same = runner([u, s])
    assert_numpy(total, u.astype(np.int16) + s, "uint8 + int8")
    assert_numpy(same, u, "a uint8 result")
    with pytest.raises(TypeError, match="argument 'u'.*uint8.*int8"):
        runner([s, s])
    with pytest.raises(TypeError, match="argument 's'.*int8.*uint8"):
        runner([u, u])


@pytest.mark.parametrize("mode", MODES)
def test_a_function_refuses_signed_data_for_a_uint_input(mode: str) -> None:
    x = tensor.TensorType("uint8", (False,))("x")
    f = irtk.function([x], x + np.uint8(1), mode=mode)
    with pytest.raises(TypeError, match="'x'.*uint8.*int8"):
        f(np.array([1, 2], np.int8))
    with pytest.raises(TypeError, match="'x'"):
        f([-1])
    assert_numpy(f([1, 255]), np.array([2, 0], np.uint8), "Python ints that fit")


# ---------------------------------------------------------------- the IR


def _unsigned_types(module: ModuleOp) -> list:
    def unsigned(t) -> bool:
        t = t.element_type if isinstance(t, (TensorType, MemRefType)) else t
        return isinstance(t, IntegerType) and t.signedness.data != Signedness.SIGNLESS

    found = []
    for op in module.walk():
        found += [v.type for v in op.results if unsigned(v.type)]
        found += [a.type for r in op.regions for b in r.blocks for a in b.args if unsigned(a.type)]
        if isinstance(op, func.FuncOp):
            found += [t for t in (*op.function_type.inputs, *op.function_type.outputs) if unsigned(t)]
    return found


@pytest.mark.parametrize("pipeline", ["fast-compile", "fast-run"])
def test_below_the_tensor_level_every_type_is_signless(pipeline: str) -> None:
    def body(tb, x, y):
        c = tb.constant(np.array([255, 7], np.uint8))
        return [tb.int_div(tb.add(x, c), y), tb.sum(x, [0]), tb.lt(x, y)]

    module = build([tensor_type("uint8", (2,)), tensor_type("uint8", (2,))], body)
    lower(module, pipeline)
    assert _unsigned_types(module) == []
    main = next(op for op in module.ops if isinstance(op, func.FuncOp))
    inputs, outputs = boundary_types(main)
    assert [str(t.element_type) for t in inputs] == ["ui8", "ui8"]
    assert [str(t.element_type) for t in outputs] == ["ui8", "ui64", "i1"]
    assert main.res_attrs.data[2].data.get(DTYPE_ATTR) is None  # bool needs no mark


def test_the_cpp_signature_names_unsigned_dtypes() -> None:
    from irtk.codegen.cpp import emit_cpp

    module = build([tensor_type("uint16", (None, 3))], lambda tb, x: [tb.add(x, x), tb.sum(x, [0, 1])])
    source = emit_cpp(lower(module, "fast-run"))
    assert 'return "ui16[?x3]->ui16[?x3],ui64[]"' in source
    assert "argument 0 does not match ui16[?x3]" in source


def test_a_dtype_mark_must_fit_its_type() -> None:
    module = build([tensor_type("uint8", (None,))], lambda tb, x: [x])
    lower(module, "fast-compile")
    main = module.body.block.first_op
    main.arg_attrs = type(main.arg_attrs)([type(main.arg_attrs.data[0])({DTYPE_ATTR: StringAttr("uint16")})])
    with pytest.raises(TypeError, match="uint16"):
        boundary_types(main)


@pytest.mark.parametrize("mode", MODES)
def test_folded_constants_keep_their_bits(mode: str) -> None:
    """canonicalize folds uint ops on constants by evaluating them: the same bits as unfolded code."""
    a, b = np.array([200, 255, 0, 7], np.uint8), np.array([100, 0, 3, 9], np.uint8)

    def body(tb, x):
        ca, cb = tb.constant(a), tb.constant(b)
        return [tb.add(ca, cb), tb.int_div(ca, cb), tb.mod(ca, cb), tb.sub(cb, ca), tb.sum(ca, [0]), tb.add(x, tb.neg(ca))]

    module = build([tensor_type("uint8", (4,))], body)
    folded = module.clone()
    lower(folded, "canonicalize")
    assert sum(1 for op in folded.walk() if op.name == "irtk.constant") >= 5
    results = run(module, mode, [a])
    with np.errstate(all="ignore"):
        expected = [a + b, a // b, a % b, b - a, a.sum(dtype=np.uint64), a + (-a)]
    for r, e in zip(results, expected, strict=True):
        assert_numpy(r, e, "folded")
