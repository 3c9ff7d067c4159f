"""The Theano-like frontend: types, calls, shared variables, updates, givens, modes and errors."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES

import irtk
from irtk import tensor
from irtk.flags import Config
from irtk.frontend.graph import MissingInputError


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(
    "prefix,dtype",
    [("b", "int8"), ("w", "int16"), ("i", "int32"), ("l", "int64"), ("f", "float32"), ("d", "float64"),
     ("c", "complex64"), ("z", "complex128")],
)
def test_every_constructor_of_the_guides_table(prefix: str, dtype: str) -> None:
    shapes = {"scalar": (), "vector": (False,), "matrix": (False, False), "row": (True, False), "col": (False, True),
              **{f"tensor{n}": (False,) * n for n in range(3, 8)}}
    for shape, broadcastable in shapes.items():
        v = getattr(tensor, prefix + shape)("v")
        assert (v.dtype, v.broadcastable, v.name) == (dtype, broadcastable, "v")
        assert getattr(tensor, prefix + shape)().name is None


def test_generic_and_plural_constructors() -> None:
    assert tensor.vector("x", dtype="int32").dtype == "int32"
    assert tensor.matrix().dtype == irtk.config.floatX
    x, y, z = tensor.dmatrices("x", "y", "z")
    assert [v.name for v in (x, y, z)] == ["x", "y", "z"] and x.dtype == "float64" and x.ndim == 2
    a, b = tensor.fscalars("a", "b")
    assert a.dtype == "float32" and a.ndim == 0
    r = tensor.row()
    assert r.broadcastable == (True, False)


def test_theano_upcast_rules() -> None:
    assert (tensor.fvector() * tensor.dvector()).dtype == "float64"
    assert (tensor.ivector() * tensor.fvector()).dtype == "float64"
    assert (tensor.bvector() * tensor.fvector()).dtype == "float32"
    assert (tensor.fvector() * 2.0).dtype == "float32"  # 2.0 fits float32 exactly
    assert (tensor.fvector() * 0.1).dtype == "float64"  # 0.1 does not
    assert (tensor.ivector() / tensor.ivector()).dtype == "float64"
    assert tensor.bvector().sum().dtype == "int64"


def test_incompatible_shapes_are_a_type_error_when_building() -> None:
    with pytest.raises(TypeError, match="dot"):
        tensor.dot(tensor.constant(np.ones((2, 3, 4))), tensor.constant(np.ones(5)))


# ---------------------------------------------------------------- calls


@pytest.mark.parametrize("mode", MODES)
def test_one_output_or_a_list(mode: str) -> None:
    a, b = tensor.dvectors("a", "b")
    f = irtk.function([a, b], [a + b, a * b, a - b, a / b, -a], mode=mode)
    x, y = np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 7.0])
    for got, want in zip(f(x, y), [x + y, x * y, x - y, x / y, -x]):
        np.testing.assert_array_equal(got, want)
    g = irtk.function([a], tensor.sqr(a), mode=mode)
    np.testing.assert_array_equal(g(x), x * x)


@pytest.mark.parametrize("mode", MODES)
def test_broadcasting_rows_columns_and_scalars(mode: str) -> None:
    m, r, c, s = tensor.dmatrix("m"), tensor.drow("r"), tensor.dcol("c"), tensor.dscalar("s")
    f = irtk.function([m, r, c, s], m + r * c - s, mode=mode)
    M, R, C = np.arange(6.0).reshape(2, 3), np.array([[1.0, 2.0, 3.0]]), np.array([[10.0], [20.0]])
    np.testing.assert_array_equal(f(M, R, C, 0.5), M + R * C - 0.5)


@pytest.mark.parametrize("mode", MODES)
def test_sum_axes_and_dot_shapes(mode: str) -> None:
    m, v = tensor.dmatrix("m"), tensor.dvector("v")
    f = irtk.function([m, v], [m.sum(), m.sum(axis=0), m.sum(axis=1), tensor.dot(m, v), tensor.dot(v, m.T), tensor.dot(v, v)], mode=mode)
    M, V = np.arange(12.0).reshape(3, 4), np.arange(4.0)
    W = np.arange(3.0)
    got = f(M, V)
    np.testing.assert_allclose(got[0], M.sum())
    np.testing.assert_allclose(got[1], M.sum(axis=0))
    np.testing.assert_allclose(got[2], M.sum(axis=1))
    np.testing.assert_allclose(got[3], M @ V)
    with pytest.raises(ValueError, match="size mismatch|differ"):
        f(M, W)  # v·mᵀ needs len(v) == 4 == m.shape[1]: fine; v·v fine; m·v needs 4: W has 3
    assert got[4].shape == (3,) and got[5].shape == ()


@pytest.mark.parametrize("mode", MODES)
def test_bad_arguments_name_the_argument(mode: str) -> None:
    x, y = tensor.fvector("x"), tensor.dmatrix("y")
    f = irtk.function([x, y], x.sum() + y.sum(), mode=mode)
    with pytest.raises(TypeError, match="'x'.*float64"):
        f(np.array([0.1, 0.2]), np.zeros((2, 2)))  # float64 array for a float32 input
    with pytest.raises(TypeError, match="'x'.*lose precision"):
        f([0.1], np.zeros((2, 2)))  # 0.1 is not a float32
    with pytest.raises(TypeError, match="'y'.*2 dimension"):
        f([1.0], [1.0, 2.0])
    with pytest.raises(TypeError, match="takes 2 argument"):
        f([1.0])
    with pytest.raises(TypeError, match="'y'"):
        f([1.0], "abc")
    assert f([1.0, 2.0], [[1, 2], [3, 4]]) == pytest.approx(13.0)  # exact conversions are accepted
    g = irtk.function([x], x * 2, mode=mode, allow_input_downcast=True)
    assert g(np.array([0.1])).dtype == np.float32


@pytest.mark.parametrize("mode", MODES)
def test_updates_apply_after_the_outputs_are_computed(mode: str) -> None:
    counter = irtk.shared(np.array(0.0), "counter")
    step = tensor.dscalar("step")
    f = irtk.function([step], counter * 1.0, updates=[(counter, counter + step)], mode=mode)
    assert f(2.0) == 0.0 and counter.get_value() == 2.0
    assert f(3.0) == 2.0 and counter.get_value() == 5.0


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_call_leaves_shared_variables_unchanged(mode: str) -> None:
    W = irtk.shared(np.array([1.0, 2.0, 3.0]), "W")
    x = tensor.dvector("x")
    f = irtk.function([x], (x * W).sum(), updates={W: W + x}, mode=mode)
    with pytest.raises(ValueError, match="size mismatch"):
        f([1.0, 2.0])  # three weights, two inputs
    np.testing.assert_array_equal(W.get_value(), [1.0, 2.0, 3.0])
    assert f([1.0, 1.0, 1.0]) == 6.0
    np.testing.assert_array_equal(W.get_value(), [2.0, 3.0, 4.0])


def test_update_of_another_type_is_rejected() -> None:
    W = irtk.shared(np.zeros(3), "W")
    with pytest.raises(TypeError, match="'W'|W"):
        irtk.function([], [], updates=[(W, tensor.cast(W, "float32"))])


def test_shared_get_value_is_a_copy() -> None:
    W = irtk.shared(np.array([1.0, 2.0]))
    W.get_value()[0] = 99.0
    assert W.get_value()[0] == 1.0
    with pytest.raises(TypeError):
        W.set_value([[1.0]])


@pytest.mark.parametrize("mode", MODES)
def test_givens_substitute_variables(mode: str) -> None:
    x, y = tensor.dscalars("x", "y")
    W = irtk.shared(np.array(3.0), "W")
    f = irtk.function([y], x * W, givens=[(x, y + 1.0)], mode=mode)
    assert f(1.0) == 6.0


def test_missing_input_is_reported() -> None:
    x, y = tensor.dscalars("x", "y")
    with pytest.raises(MissingInputError, match="'y'|y"):
        irtk.function([x], x + y)


@pytest.mark.parametrize("mode", MODES)
def test_outputs_never_alias_inputs_or_each_other(mode: str) -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], [x, x], mode=mode)
    data = np.array([1.0, 2.0])
    a, b = f(data)
    a[0] = 5.0
    assert b[0] == 1.0 and data[0] == 1.0


# ---------------------------------------------------------------- configuration


def test_flags_parse_like_theano_flags() -> None:
    config = Config.from_flags("mode=FAST_COMPILE, floatX=float32")
    assert (config.mode, config.floatX) == ("FAST_COMPILE", "float32")
    with pytest.raises(ValueError, match="unknown"):
        Config.from_flags("colour=blue")
    with pytest.raises(ValueError, match="mode"):
        Config.from_flags("mode=FASTEST")


def test_mode_argument_overrides_the_flags(monkeypatch) -> None:
    monkeypatch.setattr(irtk.config, "mode", "FAST_RUN")
    a = tensor.dscalar()
    f = irtk.function([a], a + 1.0, mode="FAST_COMPILE")
    assert f.mode == "FAST_COMPILE" and f(1.0) == 2.0
    with pytest.raises(ValueError, match="mode"):
        irtk.function([a], a, mode="SLOW")


def test_debugprint_shows_the_graph(capsys) -> None:
    x = tensor.dvector("x")
    text = irtk.printing.debugprint((x * 2.0).sum())
    assert "sum" in text and "mul" in text and "x" in text


def test_pydotprint_names_graphviz_when_dot_is_missing(monkeypatch, tmp_path) -> None:
    import irtk.printing

    monkeypatch.setattr(irtk.printing.shutil, "which", lambda name: None)
    a = tensor.dscalar("a")
    with pytest.raises(RuntimeError, match="Graphviz"):
        irtk.printing.pydotprint(a + a, outfile=tmp_path / "g.png")


def test_dot_text_has_ops_and_named_variables() -> None:
    x, W = tensor.dvector("x"), irtk.shared(np.zeros(2), "W")
    f = irtk.function([x], (x * W).sum(), updates=[(W, W + x)], mode="FAST_COMPILE")
    text = irtk.printing.to_dot(f, var_with_name_simple=True)
    assert text.startswith("digraph") and '"mul"' in text and '"sum{0}"' in text and '"add"' in text
    assert 'label="x"' in text and 'label="W"' in text


# ---------------------------------------------------------------- edge cases


@pytest.mark.parametrize("mode", MODES)
def test_booleans_add_as_or_and_multiply_as_and(mode: str) -> None:
    b = tensor.vector("b", dtype="bool")
    f = irtk.function([b], [b + b, b * b, tensor.dot(b, b), b.sum()], mode=mode)
    data = np.array([True, True, False])
    for got, want in zip(f(data), [data + data, data * data, np.dot(data, data), data.sum()]):
        assert got.dtype == np.asarray(want).dtype
        np.testing.assert_array_equal(got, want)
    with pytest.raises(TypeError, match="booleans"):
        b - b
    with pytest.raises(TypeError, match="booleans"):
        -b


@pytest.mark.parametrize("mode", MODES)
def test_no_gradient_flows_through_an_integer_cast(mode: str) -> None:
    y = tensor.dvector("y")
    g = irtk.grad((y.astype("int32") * y).sum(), y)
    np.testing.assert_array_equal(irtk.function([y], g, mode=mode)([1.5, 2.5]), [1.0, 2.0])
    with pytest.raises(TypeError, match="only float variables"):
        irtk.grad(y.sum(), tensor.ivector("i"))


@pytest.mark.parametrize("mode", MODES)
def test_gradient_through_a_constant_array_keeps_the_variables_type(mode: str) -> None:
    x = tensor.dvector("x")
    g = irtk.grad((x * np.array([1.0, 2.0, 3.0])).sum(), x)
    np.testing.assert_array_equal(irtk.function([x], g * 2.0, mode=mode)([5.0, 5.0, 5.0]), [2.0, 4.0, 6.0])


@pytest.mark.parametrize("mode", MODES)
def test_sum_over_a_new_axis(mode: str) -> None:
    x, s = tensor.dvector("x"), tensor.dscalar("s")
    f = irtk.function([x, s], [x.dimshuffle(0, "x").sum(axis=1), tensor.exp(s).dimshuffle("x").sum()], mode=mode)
    a, b = f(np.arange(3.0), 1.0)
    np.testing.assert_array_equal(a, np.arange(3.0))
    assert b == pytest.approx(np.e, rel=1e-15)


def test_sum_axis_out_of_range_is_an_error() -> None:
    m = tensor.dmatrix()
    for axis in (-3, 2, 5, (0, 2)):
        with pytest.raises(ValueError, match="out of range"):
            m.sum(axis=axis)
    assert m.sum(axis=-1).ndim == 1


def test_set_value_copies_unless_borrowed() -> None:
    W = irtk.shared(np.zeros(3))
    a = np.ones(3)
    W.set_value(a)
    a[0] = 99.0
    assert W.get_value()[0] == 1.0
    W.set_value(a, borrow=True)
    assert W.get_value(borrow=True) is a


def test_an_update_may_not_stretch_a_broadcastable_dimension() -> None:
    row = irtk.shared(np.zeros((1, 3)), "R", broadcastable=(True, False))
    with pytest.raises(TypeError, match="broadcastable"):
        irtk.function([tensor.dmatrix()], [], updates=[(row, tensor.dmatrix())])


@pytest.mark.parametrize("mode", MODES)
def test_givens_may_use_the_variable_they_replace(mode: str) -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], x + 1.0, givens={x: x * 2.0}, mode=mode)
    np.testing.assert_array_equal(f([1.0, 2.0]), [3.0, 5.0])


@pytest.mark.parametrize("mode", MODES)
def test_names_the_ir_cannot_spell_are_fine(mode: str) -> None:
    p = tensor.dvector("π")
    q = (p * 2.0)
    q.name = "a b"
    np.testing.assert_array_equal(irtk.function([p], q, mode=mode)([1.0]), [2.0])


def test_bad_operands_and_patterns_are_type_errors() -> None:
    x = tensor.dvector("x")
    with pytest.raises(TypeError, match="NoneType"):
        x + None
    with pytest.raises(TypeError, match="'x' or a dimension"):
        x.dimshuffle("y")


def test_rejected_arguments_warn_nothing() -> None:
    import warnings

    i = tensor.ivector("i")
    g = irtk.function([i], i * 2, mode="FAST_COMPILE")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for bad in ([1.5], np.array([1 + 1j]), np.array([np.nan])):
            with pytest.raises(TypeError, match="lose precision"):
                g(bad)


@pytest.mark.parametrize("mode", MODES)
def test_run_time_errors_point_at_the_users_line(mode: str) -> None:
    import inspect

    x, y = tensor.dvectors("x", "y")
    line = inspect.currentframe().f_lineno + 1
    product = x * y
    f = irtk.function([x, y], product.sum(), mode=mode)
    with pytest.raises(ValueError, match=rf"irtk.mul: size mismatch .* \(at .*test_frontend.py:{line}\)"):
        f([1.0, 2.0], [1.0])
