"""The irtk dialect's type rules: dtype promotion, broadcasting, the shapes of dimshuffle/sum/dot, and the errors.

Each op's `infer_type` is the only place its type rule lives; the verifier re-infers (so a wrong result type is a
VerifyException), `TensorBuilder` and the frontend build through it (so an ill-typed op is a TypeError before any
IR exists). These tests ask `infer_type` directly, build through `TensorBuilder`, parse IR text, and use the
frontend, and expect the same answers everywhere.
"""

from __future__ import annotations

import numpy as np
import pytest
from xdsl.dialects.builtin import DenseArrayBase, TensorType, f32, f64, i64
from xdsl.parser import Parser
from xdsl.utils.exceptions import VerifyException

from irtk import tensor as T
from irtk.dialects import irtk as ir
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.constant import dense_attr, dense_value
from irtk.dialects.irtk.opdef import upgrade_to_float
from irtk.dialects.irtk.types import (
    DTYPES,
    broadcast_shapes,
    dtype_of,
    element_type,
    shape_of,
    sum_dtype,
    tensor_type,
    true_div_dtype,
    upcast,
)
from irtk.registry import make_context


def t(dtype: str, *shape) -> TensorType:
    return tensor_type(dtype, shape)


def pattern(*values: int) -> DenseArrayBase:
    return DenseArrayBase.from_list(i64, list(values))


def parse(text: str):
    return Parser(make_context(), text).parse_module()


# ---------------------------------------------------------------- dtypes


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("float32", "float64", "float64"),
        ("float64", "float32", "float64"),
        ("int32", "float32", "float64"),
        ("int64", "float32", "float64"),
        ("int8", "float32", "float32"),
        ("int16", "float32", "float32"),
        ("uint8", "int8", "int16"),
        ("int32", "int64", "int64"),
        ("bool", "int8", "int8"),
        ("bool", "bool", "bool"),
        ("float32", "float32", "float32"),
    ],
)
@pytest.mark.parametrize("op", [ir.AddOp, ir.SubOp, ir.MulOp])
def test_arithmetic_upcasts_like_numpy(op, a: str, b: str, expected: str) -> None:
    if op is ir.SubOp and expected == "bool":
        with pytest.raises(TypeError, match="booleans"):  # numpy refuses `-` on bool too
            op.infer_type([t(a, None), t(b, None)], {})
        return
    result = op.infer_type([t(a, None), t(b, None)], {})
    assert dtype_of(result) == expected == upcast(a, b) == str(np.result_type(np.dtype(a), np.dtype(b)))


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("int32", "int32", "float64"),
        ("int8", "int8", "float64"),
        ("uint8", "int64", "float64"),
        ("bool", "int32", "float64"),
        ("int32", "float32", "float64"),
        ("int8", "float32", "float32"),
        ("float32", "float32", "float32"),
        ("float32", "float64", "float64"),
    ],
)
def test_true_division(a: str, b: str, expected: str) -> None:
    """`/` of integers is true division in float64; with a float operand the usual upcast."""
    assert dtype_of(ir.DivOp.infer_type([t(a), t(b)], {})) == expected == true_div_dtype(a, b)


@pytest.mark.parametrize(
    "dtype,expected",
    [("int8", "int64"), ("int16", "int64"), ("int32", "int64"), ("int64", "int64"), ("bool", "int64"),
     ("uint8", "uint64"), ("uint32", "uint64"), ("float32", "float32"), ("float64", "float64")],
)
def test_sum_accumulates_integers_in_64_bits(dtype: str, expected: str) -> None:
    assert sum_dtype(dtype) == expected
    result = ir.SumOp.infer_type([t(dtype, None, 3)], {"axes": pattern(0)})
    assert result == t(expected, 3)


@pytest.mark.parametrize(
    "dtype,expected",
    [("float32", "float32"), ("float64", "float64"), ("bool", "float32"), ("int8", "float32"), ("uint8", "float32"),
     ("int16", "float32"), ("uint16", "float32"), ("int32", "float64"), ("int64", "float64"), ("uint64", "float64")],
)
@pytest.mark.parametrize("op", [ir.ExpOp, ir.LogOp, ir.SqrtOp])
def test_float_functions_upgrade_integers(op, dtype: str, expected: str) -> None:
    """Theano's upgrade_to_float: small integers to float32, the others to float64."""
    assert upgrade_to_float(dtype) == expected
    assert op.infer_type([t(dtype, None)], {}) == t(expected, None)


@pytest.mark.parametrize("dtype", ["int8", "int32", "uint16", "float32", "float64"])
@pytest.mark.parametrize("op", [ir.NegOp, ir.SqrOp])
def test_neg_and_sqr_keep_the_dtype(op, dtype: str) -> None:
    assert op.infer_type([t(dtype, 2, None)], {}) == t(dtype, 2, None)


@pytest.mark.parametrize("a,b,expected", [("float32", "float64", "float64"), ("int32", "int32", "int32"), ("int8", "float32", "float32")])
def test_dot_upcasts(a: str, b: str, expected: str) -> None:
    assert dtype_of(ir.DotOp.infer_type([t(a, None, None), t(b, None)], {})) == expected


def test_broadcast_keeps_the_dtype_of_its_value() -> None:
    assert ir.BroadcastOp.infer_type([t("int32", 1, 3), t("float64", None, 3)], {}) == t("int32", None, 3)


def test_cast_keeps_the_shape_and_needs_a_dtype() -> None:
    with pytest.raises(TypeError, match="the result dtype must be given"):
        ir.CastOp.infer_type([t("float64", None)], {})


def test_element_types_round_trip() -> None:
    for dtype in DTYPES:
        assert dtype_of(element_type(dtype)) == dtype
        assert dtype_of(tensor_type(dtype, (None, 1, 3))) == dtype
    assert element_type("float64") == f64 and element_type(np.float32) == f32
    assert shape_of(tensor_type("float64", (None, 1, 3))) == (None, 1, 3)


@pytest.mark.parametrize("dtype", ["float16", "object", "U3", "datetime64[s]"])
def test_unsupported_dtypes_are_type_errors(dtype: str) -> None:
    with pytest.raises(TypeError, match="irtk does not support dtype"):
        element_type(dtype)


# ---------------------------------------------------------------- broadcasting


@pytest.mark.parametrize(
    "shapes,expected",
    [
        ([(None,), (None,)], (None,)),
        ([(3,), (3,)], (3,)),
        ([(3,), (None,)], (3,)),
        ([(1,), (None,)], (None,)),
        ([(1,), (4,)], (4,)),
        ([(1,), (1,)], (1,)),
        ([(1, None), (None, 1)], (None, None)),
        ([(1, 4), (3, 1)], (3, 4)),
        ([(None, 4), (3, None)], (3, 4)),
        ([(), ()], ()),
        ([(2, 1, None), (None, 3, 1), (1, 1, 5)], (2, 3, 5)),
    ],
)
def test_broadcast_shapes(shapes, expected) -> None:
    """Only a static size 1 stretches; a static size wins over a dynamic one; dynamic sizes stay dynamic."""
    assert broadcast_shapes(shapes, "op") == expected
    if len(shapes) == 2:
        result = ir.AddOp.infer_type([t("float64", *s) for s in shapes], {})
        assert shape_of(result) == expected


@pytest.mark.parametrize(
    "shapes,message",
    [
        ([(3,), (4,)], "dimension 0 has incompatible sizes \\[3, 4\\]"),
        ([(None, 2), (None, 5)], "dimension 1 has incompatible sizes \\[2, 5\\]"),
        ([(None,), (None, None)], "operands have different ranks \\[1, 2\\]"),
        ([(), (1,)], "operands have different ranks \\[0, 1\\]"),
    ],
)
def test_broadcast_shape_errors(shapes, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        broadcast_shapes(shapes, "irtk.add")
    with pytest.raises(TypeError, match=message):
        ir.AddOp.infer_type([t("float64", *s) for s in shapes], {})


# ---------------------------------------------------------------- shape, reduction and contraction rules


@pytest.mark.parametrize(
    "shape,values,expected",
    [
        ((None, 3), [1, 0], (3, None)),
        ((None,), [-1, 0], (1, None)),
        ((None,), [0, -1, -1], (None, 1, 1)),
        ((1, None), [1], (None,)),
        ((1, 1), [], ()),
        ((), [-1], (1,)),
        ((None, 1, 5), [-1, 2, 0], (1, 5, None)),
    ],
)
def test_dimshuffle_shapes(shape, values, expected) -> None:
    assert ir.DimShuffleOp.infer_type([t("float32", *shape)], {"pattern": pattern(*values)}) == t("float32", *expected)


@pytest.mark.parametrize(
    "shape,values,message",
    [
        ((3, 4), [1], "drops dimensions \\[0\\] that are not of size 1"),
        ((None, 1), [1], "drops dimensions \\[0\\] that are not of size 1"),
        ((None,), [0, 1], "is not valid for a rank-1 operand"),
        ((None, None), [0, 0], "is not valid for a rank-2 operand"),
        ((None,), [-2], "is not valid"),
    ],
)
def test_dimshuffle_errors(shape, values, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        ir.DimShuffleOp.infer_type([t("float64", *shape)], {"pattern": pattern(*values)})


@pytest.mark.parametrize(
    "shape,axes,expected",
    [((None, 4), [0], (4,)), ((None, 4), [1], (None,)), ((None, 4), [0, 1], ()), ((2, None, 4), [0, 2], (None,)), ((None,), [], (None,))],
)
def test_sum_shapes(shape, axes, expected) -> None:
    assert ir.SumOp.infer_type([t("float64", *shape)], {"axes": pattern(*axes)}) == t("float64", *expected)


@pytest.mark.parametrize("axes", [[2], [-1], [0, 0], [1, 0]])
def test_sum_axes_errors(axes) -> None:
    with pytest.raises(TypeError, match="must be distinct, sorted dimensions of a rank-2 operand"):
        ir.SumOp.infer_type([t("float64", None, None)], {"axes": pattern(*axes)})


@pytest.mark.parametrize(
    "a,b,expected",
    [((None,), (None,), ()), ((3, None), (None,), (3,)), ((None,), (None, 5), (5,)), ((3, None), (None, 5), (3, 5)),
     ((3, 4), (4, 5), (3, 5)), ((None, 4), (None, None), (None, None)), ((2, 3, 4), (4,), (2, 3)),
     ((2, 3, 4), (6, 4, 5), (2, 3, 6, 5)), ((), (3, None), (3, None))],
)
def test_dot_shapes(a, b, expected) -> None:
    assert ir.DotOp.infer_type([t("float64", *a), t("float64", *b)], {}) == t("float64", *expected)


@pytest.mark.parametrize(
    "a,b,message",
    [
        ((2, 3, 4), (5,), "contracted dimensions differ \\(4 and 5\\)"),
        ((4,), (2, 5, 3), "contracted dimensions differ \\(4 and 5\\)"),
        ((3, 4), (5, 2), "contracted dimensions differ \\(4 and 5\\)"),
        ((3,), (4,), "contracted dimensions differ \\(3 and 4\\)"),
    ],
)
def test_dot_errors(a, b, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        ir.DotOp.infer_type([t("float64", *a), t("float64", *b)], {})


# ---------------------------------------------------------------- the verifier re-infers


INVALID_IR = [
    ("irtk.add %x, %y : tensor<?xf64>, tensor<?xf32> -> tensor<?xf32>", "(tensor<?xf64>, tensor<?xf32>)",
     "result type tensor<?xf32> does not match the inferred type tensor<?xf64>"),
    ("irtk.mul %x, %y : tensor<3xf64>, tensor<4xf64> -> tensor<4xf64>", "(tensor<3xf64>, tensor<4xf64>)",
     "dimension 0 has incompatible sizes"),
    ("irtk.div %x, %y : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>", "(tensor<?xi32>, tensor<?xi32>)",
     "inferred type tensor<?xf64>"),
    ("irtk.dimshuffle %x [1] : tensor<3x4xf64> -> tensor<4xf64>", "(tensor<3x4xf64>)", "drops dimensions [0]"),
    ("irtk.sum %x [0] : tensor<?xi8> -> tensor<i8>", "(tensor<?xi8>)", "inferred type tensor<i64>"),
    ("irtk.sum %x [1] : tensor<?xf64> -> tensor<f64>", "(tensor<?xf64>)", "must be distinct, sorted dimensions"),
    ("irtk.dot %x, %y : tensor<2x3x4xf64>, tensor<5xf64> -> tensor<2x3xf64>", "(tensor<2x3x4xf64>, tensor<5xf64>)",
     "contracted dimensions differ"),
    ("irtk.cast %x : tensor<3xf64> -> tensor<4xf32>", "(tensor<3xf64>)", "irtk.cast: shape changes"),
    ("irtk.grad %x wrt %x : tensor<3xf64>, tensor<3xf64>", "(tensor<3xf64>)", "the cost must be a float scalar"),
    ("irtk.exp %x : tensor<?xf16> -> tensor<?xf16>", "(tensor<?xf16>)", "irtk does not support element type f16"),
]


@pytest.mark.parametrize(
    "op_text,arg_types,message",
    INVALID_IR,
    ids=["result_dtype", "static_sizes", "int_division", "dimshuffle_drop", "sum_int8", "sum_axis", "dot_rank",
         "cast_shape", "grad_cost", "f16"],
)
def test_verifier_rejects(op_text: str, arg_types: str, message: str) -> None:
    names = ["%x", "%y"][: arg_types.count("tensor<")]
    types = arg_types.strip("()").split(", ")
    args = ", ".join(f"{n}: {ty}" for n, ty in zip(names, types))
    module = parse(f"func.func @f({args}) {{\n  %r = {op_text}\n  func.return\n}}")
    with pytest.raises(VerifyException) as info:
        module.verify()
    assert message in str(info.value)


def test_verifier_accepts_what_infer_type_says() -> None:
    module = parse(
        """func.func @f(%x: tensor<1x?xf32>, %y: tensor<?x1xf64>, %i: tensor<?xi8>) {
          %a = irtk.add %x, %y : tensor<1x?xf32>, tensor<?x1xf64> -> tensor<?x?xf64>
          %s = irtk.sum %a [0, 1] : tensor<?x?xf64> -> tensor<f64>
          %d = irtk.div %i, %i : tensor<?xi8>, tensor<?xi8> -> tensor<?xf64>
          %e = irtk.exp %i : tensor<?xi8> -> tensor<?xf32>
          %t = irtk.dimshuffle %a [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
          %g = irtk.grad %s wrt %x : tensor<f64>, tensor<1x?xf32>
          func.return
        }"""
    )
    module.verify()


# ---------------------------------------------------------------- the builder and the frontend use the same rules


def test_builder_infers_types() -> None:
    from xdsl.ir import Block
    from xdsl.rewriter import InsertPoint

    block = Block(arg_types=[t("float32", 1, None), t("float64", None, 1), t("int32", None)])
    x, y, i = block.args
    tb = TensorBuilder(InsertPoint.at_end(block))
    a = tb.add(x, y)
    assert a.type == t("float64", None, None)
    assert tb.div(i, i).type == t("float64", None)
    assert tb.sum(i, [0]).type == t("int64")
    assert tb.dimshuffle(i, [-1, 0]).type == t("int32", 1, None)
    assert tb.dot(a, tb.cast(i, "float32")).type == t("float64", None)
    assert tb.cast(i, "int32") is i  # no op for a cast to the same dtype
    assert tb.dimshuffle(a, [0, 1]) is a  # nor for an identity dimshuffle
    assert tb.scalar_like(2, i).type == t("int32", 1)
    assert tb.unbroadcast(a, t("float32", 1, None)).type == t("float32", 1, None)
    with pytest.raises(TypeError, match="incompatible sizes|different ranks"):
        tb.add(x, i)
    for op in block.ops:
        op.verify()


def test_frontend_uses_the_type_rules() -> None:
    f, d, i = T.fvector(), T.dvector(), T.ivector()
    assert (f + d).dtype == "float64" and (i + f).dtype == "float64"
    assert (i / i).dtype == "float64" and (f / f).dtype == "float32"
    assert T.sum(T.bvector()).dtype == "int64"
    assert T.exp(T.bvector()).dtype == "float32"
    row, col = T.drow(), T.dcol()
    assert (row + col).broadcastable == (False, False)
    assert (row + row).broadcastable == (True, False)
    assert (d + T.dmatrix()).broadcastable == (False, False)  # the vector gets a new axis on the left
    assert T.dot(T.dmatrix(), d).ndim == 1 and T.dot(d, d).ndim == 0


@pytest.mark.parametrize(
    "build,message",
    [
        (lambda: T.dot(T.constant(np.ones((2, 3))), T.constant(np.ones((2, 4, 5)))), "contracted dimensions differ"),
        (lambda: T.dmatrix().dimshuffle(1), "drops dimensions \\[0\\] that are not of size 1"),
        (lambda: T.drow().dimshuffle(0, 0), "is not valid"),
        (lambda: T.dot(T.constant(np.ones(3)), T.constant(np.ones(4))), "contracted dimensions differ"),
        (lambda: T.constant(np.ones(3)) + T.constant(np.ones(4)), "incompatible sizes"),
    ],
)
def test_frontend_type_errors(build, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        build()


# ---------------------------------------------------------------- constants


@pytest.mark.parametrize(
    "value",
    [
        np.array([1.0, 2.0, 3.0]),
        np.full((2, 3), 2.5),
        np.array(7, dtype=np.int64),
        np.array([True, False]),
        np.array([True, True]),
        np.array([1, 255], dtype=np.uint8),
        np.array([np.nan, np.nan]),
        np.array([-0.0, 0.0]),
        np.full(3, -0.0),
        np.zeros((0, 2)),
    ],
    ids=["vector", "splat", "scalar", "bools", "bool_splat", "uint8", "nans", "signed_zeros", "negative_zero_splat", "empty"],
)
def test_constant_values_round_trip_bit_for_bit(value: np.ndarray) -> None:
    attr = dense_attr(value)
    back = dense_value(attr)
    assert back.dtype == value.dtype and back.shape == value.shape
    assert back.tobytes() == value.tobytes()
    op = ir.ConstantOp.from_array(value)
    op.verify()
    assert op.result.type == tensor_type(str(value.dtype), value.shape)


def test_constant_type_must_match() -> None:
    module = parse('func.func @f() {\n  %c = "irtk.constant"() <{value = dense<1.0> : tensor<2xf64>}> : () -> tensor<2xf32>\n  func.return\n}')
    with pytest.raises(VerifyException, match="value type tensor<2xf64> differs from result type tensor<2xf32>"):
        module.verify()
