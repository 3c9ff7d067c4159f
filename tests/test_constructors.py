"""Theano's constructors — zeros, ones, alloc, arange, eye, identity_like — against numpy, in both modes.

Sizes are Python ints (static: they fold, a size of 1 is broadcastable) or integer scalar variables (read when the
function runs); both must give numpy's values, dtypes and shapes exactly, size 0 included. A negative size is a
ValueError: when the graph is built for an int, when the function is called for a variable. Gradients of `alloc`
(and of a float `arange`) are checked against central differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from gradient_check import numeric_gradient

import irtk
from irtk import tensor as T
from irtk.flags import config

INT_AND_FLOAT_DTYPES = ["bool", "int8", "int16", "int32", "int64", "float32", "float64"]


def run(mode, inputs, outputs, *args):
    return irtk.function(inputs, outputs, mode=mode)(*args)


def same(got, want):
    """Equal values, dtype and shape (bit for bit)."""
    got = np.asarray(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_array_equal(got, want)


# ---------------------------------------------------------------- zeros, ones, alloc


@pytest.mark.parametrize("mode", MODES)
def test_zeros_and_ones_of_every_dtype(mode):
    n = T.lscalar("n")
    outputs, expected = [], []
    for dtype in INT_AND_FLOAT_DTYPES:
        outputs += [T.zeros((n, 3), dtype=dtype), T.ones((2, n), dtype=dtype), T.zeros(4, dtype=dtype), T.ones((), dtype=dtype)]
        expected += [np.zeros((5, 3), dtype), np.ones((2, 5), dtype), np.zeros(4, dtype), np.ones((), dtype)]
    for got, want in zip(run(mode, [n], outputs, 5), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
def test_default_dtype_is_floatx(mode, monkeypatch):
    assert T.zeros((2,)).dtype == "float64"
    monkeypatch.setattr(config, "floatX", "float32")
    z, e = T.zeros((2, 3)), T.eye(2)
    assert (z.dtype, e.dtype) == ("float32", "float32")
    got = run(mode, [], [z, e])
    same(got[0], np.zeros((2, 3), "float32"))
    same(got[1], np.eye(2, dtype="float32"))


@pytest.mark.parametrize("mode", MODES)
def test_size_zero(mode):
    n, m = T.lscalars("n", "m")
    outputs = [T.zeros((n, 3)), T.ones((0, m)), T.alloc(np.float32(2), n, m), T.arange(n), T.arange(5, n), T.eye(n), T.eye(3, n)]
    expected = [np.zeros((0, 3)), np.ones((0, 4)), np.full((0, 4), 2, "float32"), np.arange(0), np.arange(5, 0), np.eye(0), np.eye(3, 0)]
    for got, want in zip(run(mode, [n, m], outputs, 0, 4), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
def test_sizes_of_every_integer_dtype(mode):
    sizes = [T.bscalar("b"), T.wscalar("w"), T.iscalar("i"), T.lscalar("l")]
    got = run(mode, sizes, T.zeros(sizes, dtype="int32"), 1, 2, 3, 4)
    same(got, np.zeros((1, 2, 3, 4), "int32"))


def test_static_sizes_give_static_and_broadcastable_types():
    n = T.lscalar()
    assert T.zeros((1, n, 3)).broadcastable == (True, False, False)
    assert T.alloc(1.0, 1).broadcastable == (True,)
    assert T.eye(1).broadcastable == (True, True)
    assert T.arange(1).broadcastable == (True,)
    assert T.arange(n).broadcastable == (False,)
    assert T.zeros((T.constant(1), np.int32(2))).broadcastable == (True, False)
    assert T.ones(np.array([1, 1])).broadcastable == (True, True)
    assert T.zeros(n).broadcastable == (False,)


@pytest.mark.parametrize("mode", MODES)
def test_alloc_broadcasts_the_value(mode):
    n = T.lscalar("n")
    s, v, row, m = T.dscalar("s"), T.fvector("v"), T.row("row"), T.imatrix("m")
    outputs = [T.alloc(s, n, 2), T.alloc(v, 2, n), T.alloc(row, n, 3, 4), T.alloc(m, n, 2, 3), T.alloc(s), T.alloc(7, n)]
    sv, vv, rv, mv = 1.5, np.arange(3, dtype="float32"), np.arange(4.0).reshape(1, 4), np.arange(6, dtype="int32").reshape(2, 3)
    expected = [np.full((3, 2), sv), np.broadcast_to(vv, (2, 3)), np.broadcast_to(rv, (3, 3, 4)), np.broadcast_to(mv, (3, 2, 3)),
                np.asarray(sv), np.full(3, 7, "int8")]
    for got, want in zip(run(mode, [n, s, v, row, m], outputs, 3, sv, vv, rv, mv), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
def test_alloc_value_must_fit_the_shape(mode):
    n, v = T.lscalar("n"), T.dvector("v")
    f = irtk.function([n, v], T.alloc(v, 2, n), mode=mode)
    same(f(3, np.ones(3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"irtk.alloc: dimension 0 of the value does not match dimension 1 of the shape \(at .*test_constructors.py:\d+\)"):
        f(4, np.ones(3))
    with pytest.raises(TypeError, match="cannot be broadcast to size 4"):
        T.alloc(T.constant(np.ones(3)), 2, 4)
    with pytest.raises(TypeError, match="alloc: the value has 2 dimension"):
        T.alloc(T.dmatrix(), 3)


@pytest.mark.parametrize("mode", MODES)
def test_results_in_a_graph(mode):
    n = T.lscalar("n")
    x, y = T.dmatrix("x"), T.dvector("y")
    outputs = [T.zeros((n, 3)) + x, T.dot(T.eye(n), x), T.arange(n) * 2 + y, T.ones((n,)).sum(), T.identity_like(x) * x]
    xv, yv = np.arange(12.0).reshape(4, 3), np.linspace(0, 1, 4)
    expected = [xv, xv, np.arange(4) * 2 + yv, np.asarray(4.0), np.eye(4, 3) * xv]
    for got, want in zip(run(mode, [n, x, y], outputs, 4, xv, yv), expected):
        same(got, want)


# ---------------------------------------------------------------- arange


ARANGE_CASES = [
    (0, 10, 1), (3, 17, 4), (10, 0, -3), (5, 2, 1), (-4, 4, 3),
    (0.0, 1.0, 0.1), (0.1, 5.0, 0.2), (1.5, -2.0, -0.3), (0.0, 1.0, 0.3), (-1e3, 1e3, 7.7), (2, 3, 0.01),
]


@pytest.mark.parametrize("mode", MODES)
def test_arange_of_python_numbers(mode):
    outputs, expected = [], []
    for start, stop, step in ARANGE_CASES:
        r = T.arange(start, stop, step)
        outputs.append(r)
        expected.append(np.arange(start, stop, step, dtype=r.dtype))
    outputs.append(T.arange(7))
    expected.append(np.arange(7))
    for got, want in zip(run(mode, [], outputs), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "float32", "float64"])
def test_arange_of_symbolic_arguments(mode, dtype):
    start, stop, step = (T.scalar(name, dtype=dtype) for name in ("start", "stop", "step"))
    r = T.arange(start, stop, step)
    assert r.dtype == ("int64" if dtype.startswith("int") else dtype)
    f = irtk.function([start, stop, step], [r, T.arange(stop)], mode=mode)
    cases = [(0, 10, 1), (10, 0, -3), (5, 2, 1), (-7, 9, 2)]
    if dtype.startswith("float"):
        cases += [(0.0, 1.0, 0.1), (0.1, 5.0, 0.2), (1.5, -2.0, -0.3), (-3.25, 0.0, 0.25)]
    for case in cases:
        values = [np.asarray(c, dtype=dtype) for c in case]
        got, got_stop = f(*values)
        same(got, np.arange(*(v.item() for v in values), dtype=r.dtype))
        same(got_stop, np.arange(values[1].item(), dtype=r.dtype))


def test_arange_dtype_is_theanos_upcast():
    assert T.arange(5).dtype == "int64"
    assert T.arange(T.bscalar()).dtype == "int64"
    assert T.arange(0, 1, 0.1).dtype == "float64"
    assert T.arange(T.fscalar()).dtype == "float32"
    assert T.arange(T.fscalar(), T.dscalar()).dtype == "float64"
    assert T.arange(T.lscalar(), 3, T.fscalar()).dtype == "float64"  # int64 with float32: float64, as numpy
    assert T.arange(T.iscalar(), dtype="float32").dtype == "float32"


@pytest.mark.parametrize("mode", MODES)
def test_arange_with_explicit_dtype(mode):
    n = T.lscalar("n")
    outputs = [T.arange(n, dtype="int32"), T.arange(0, n, 0.5, dtype="float32"), T.arange(0.5, n, dtype="int8"), T.arange(1, n, 2, dtype="float64")]
    expected = [np.arange(9, dtype="int32"), np.arange(0, 9, 0.5, dtype="float32"), np.arange(0.5, 9, dtype="int8"), np.arange(1, 9, 2, dtype="float64")]
    for got, want in zip(run(mode, [n], outputs, 9), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
def test_arange_bad_ranges_fail_the_call(mode):
    start, stop, step = T.dscalars("start", "stop", "step")
    f = irtk.function([start, stop, step], T.arange(start, stop, step), mode=mode)
    with pytest.raises(ValueError, match=r"irtk.arange: step must not be zero \(at .*test_constructors.py:\d+\)"):
        f(0.0, 1.0, 0.0)
    for bad in [(0.0, np.inf, 1.0), (0.0, -np.inf, 1.0), (np.nan, 1.0, 1.0)]:
        with pytest.raises(ValueError, match="irtk.arange: cannot compute the length of the range"):
            f(*bad)
    with pytest.raises(ValueError, match="arange: step must not be zero"):
        T.arange(0, 5, 0)
    with pytest.raises(ValueError, match="arange: cannot compute the length"):
        T.arange(0, np.inf)


# ---------------------------------------------------------------- eye, identity_like


@pytest.mark.parametrize("mode", MODES)
def test_eye(mode):
    n, m, k = T.lscalar("n"), T.iscalar("m"), T.bscalar("k")
    outputs, expected = [], []
    for dtype in INT_AND_FLOAT_DTYPES:
        outputs += [T.eye(n, m, k, dtype=dtype), T.eye(3, dtype=dtype)]
        expected += [np.eye(4, 6, -2, dtype=dtype), np.eye(3, dtype=dtype)]
    for kk in (-5, -1, 0, 1, 3, 8):
        outputs += [T.eye(n, k=kk), T.eye(4, 2, kk)]
        expected += [np.eye(4, k=kk), np.eye(4, 2, kk)]
    outputs.append(T.eye(n, n, k))
    expected.append(np.eye(4, 4, -2))
    for got, want in zip(run(mode, [n, m, k], outputs, 4, 6, -2), expected):
        same(got, want)


@pytest.mark.parametrize("mode", MODES)
def test_identity_like(mode):
    x, i, row = T.dmatrix("x"), T.imatrix("i"), T.row("row", dtype="float32")
    outputs = [T.identity_like(x), T.identity_like(i), T.identity_like(row), T.identity_like(np.ones((2, 5)))]
    got = run(mode, [x, i, row], outputs, np.ones((3, 4)), np.ones((5, 2), "int32"), np.ones((1, 3), "float32"))
    for g, want in zip(got, [np.eye(3, 4), np.eye(5, 2, dtype="int32"), np.eye(1, 3, dtype="float32"), np.eye(2, 5)]):
        same(g, want)


# ---------------------------------------------------------------- constant folding


def test_constant_shapes_fold_to_constants():
    from irtk.frontend.graph import build_module
    from irtk.passes.canonicalize import Canonicalize
    from irtk.registry import make_context

    c = T.constant(np.int64(2))
    outputs = [T.zeros((2, 3)), T.arange(1, 10, 2), T.eye(3, k=1), T.ones((c + 1,)), T.identity_like(np.ones((2, 3)))]
    module, _ = build_module([], outputs, [])
    Canonicalize().apply(make_context(), module)
    names = {op.name for op in module.walk()}
    assert not names & {"irtk.alloc", "irtk.arange", "irtk.eye"}, module


# ---------------------------------------------------------------- gradients


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "make, shape",
    [
        (T.dscalar, ()),
        (T.dvector, (3,)),
        (T.drow, (1, 3)),
        (T.dcol, (4, 1)),
        (T.dmatrix, (4, 3)),
    ],
)
def test_alloc_gradient(mode, make, shape):
    rng = np.random.default_rng(0)
    v, n, r = make("v"), T.lscalar("n"), T.tensor3("r")
    cost = (T.alloc(v, 2, n, 3) * r).sum()  # v's dimensions align with (n, 3); size-1 ones are stretched
    g = T.grad(cost, v)
    f = irtk.function([v, n, r], [cost, g], mode=mode)
    rv = rng.standard_normal((2, 4, 3))
    vv = rng.standard_normal(shape)
    got = f(vv, 4, rv)[1]
    want = numeric_gradient(lambda x: f(x, 4, rv)[0], vv)
    assert got.shape == vv.shape
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_arange_gradient(mode):
    rng = np.random.default_rng(1)
    start, step, w = T.dscalar("start"), T.dscalar("step"), T.dvector("w")
    cost = (T.arange(start, 5.0, step) * w).sum()
    f = irtk.function([start, step, w], [cost, *T.grad(cost, [start, step])], mode=mode)
    wv = rng.standard_normal(8)
    _, g_start, g_step = f(0.25, 0.6, wv)
    np.testing.assert_allclose(g_start, numeric_gradient(lambda s: f(s, 0.6, wv)[0], 0.25), rtol=1e-7)
    np.testing.assert_allclose(g_step, numeric_gradient(lambda s: f(0.25, s, wv)[0], 0.6), rtol=1e-7)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("mode", MODES)
def test_negative_symbolic_size_fails_the_call(mode):
    n = T.lscalar("n")
    f = irtk.function([n], [T.zeros((2, n)), T.eye(n)], mode=mode)
    same(f(1)[0], np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"irtk.alloc: the size of dimension 1 is negative \(at .*test_constructors.py:\d+\)"):
        f(-1)
    g = irtk.function([n], T.eye(3, n), mode=mode)
    with pytest.raises(ValueError, match="irtk.eye: the size of dimension 1 is negative"):
        g(-3)


def test_bad_sizes_are_clear_errors():
    with pytest.raises(ValueError, match=r"zeros: shape\[1\] is negative \(-2\)"):
        T.zeros((3, -2))
    with pytest.raises(ValueError, match=r"eye: n is negative"):
        T.eye(-1)
    with pytest.raises(ValueError, match=r"alloc: shape\[0\] is negative"):
        T.alloc(1.0, -1)
    with pytest.raises(TypeError, match=r"ones: shape\[0\] must be an integer scalar, got TensorType\(float64, scalar\)"):
        T.ones((T.dscalar(),))
    with pytest.raises(TypeError, match=r"zeros: shape\[0\] must be an integer scalar, got TensorType\(int64, vector\)"):
        T.zeros((T.lvector(),))
    with pytest.raises(TypeError, match=r"zeros: shape\[0\] must be an int or an integer scalar variable, got float"):
        T.zeros((2.0,))
    with pytest.raises(TypeError, match=r"zeros: shape\[0\] must be an int or an integer scalar variable, got bool"):
        T.zeros((True,))
    with pytest.raises(TypeError, match="zeros: a shape vector must have a length known when the program is written"):
        T.zeros(T.lvector())
    with pytest.raises(TypeError, match="eye: k must be an integer scalar"):
        T.eye(3, k=T.dscalar())
    with pytest.raises(TypeError, match="eye: k must be an int"):
        T.eye(3, k=0.5)
    with pytest.raises(TypeError, match="identity_like: x must be a matrix"):
        T.identity_like(T.dvector())
    with pytest.raises(TypeError, match="arange: step must be an integer or float scalar"):
        T.arange(0, 5, T.bscalar().astype("bool"))
    with pytest.raises(TypeError, match="arange: stop must be a number"):
        T.arange("5")
    with pytest.raises(TypeError, match="arange: dtype cannot be bool"):
        T.arange(5, dtype="bool")
    with pytest.raises(TypeError, match="zeros: .*does not support dtype"):
        T.zeros((2,), dtype="float16")
