"""Fuzzing the frontend's call path: any argument value gives a result or a TypeError/ValueError naming the
argument, never a crash or another exception, and a failed call leaves every shared variable as it was.

The functions are compiled once per mode; hypothesis draws what a careless or hostile caller passes: numbers of
every kind (huge ints, NaN, bools, complex), strings, None, nested and ragged lists, numpy arrays of every dtype,
rank, size (0 included), byte order, with strides, read-only or unaligned, and objects whose conversion raises.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import irtk
import irtk.tensor as T

from .settings import fuzz_settings

DTYPES = ["float64", "float32", "float16", "int64", "int32", "int8", "uint8", "uint64", "bool", "complex128", ">f8", "<i4"]


class Unconvertible:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("refuses to be an array")


class Lying:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        raise KeyError(i)


def arrays():
    shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
    plain = st.sampled_from(DTYPES).flatmap(lambda d: hnp.arrays(np.dtype(d), shapes))
    return st.one_of(
        plain,
        plain.map(lambda a: a.T),  # non-contiguous
        plain.map(lambda a: a[::2] if a.ndim else a),
        plain.map(_read_only),
        plain.map(_unaligned),
    )


def _read_only(a):
    a = np.array(a)
    a.flags.writeable = False
    return a


def _unaligned(a):
    if a.ndim != 1 or a.dtype.itemsize < 2:
        return a
    raw = np.zeros(a.nbytes + 1, dtype=np.uint8)
    view = raw[1:].view(a.dtype)
    view[...] = a
    return view


VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.complex_numbers(),
    st.none(),
    st.text(max_size=5),
    st.lists(st.one_of(st.floats(), st.integers(-5, 5), st.lists(st.floats(), max_size=3)), max_size=4),
    arrays(),
    st.sampled_from([Unconvertible(), Lying(), object(), b"bytes", {"a": 1}, (1.0, 2.0), np.float32(1.5), np.int64(7)]),
)


@pytest.fixture(scope="module", params=MODES)
def compiled(request, tmp_path_factory):
    """A function of four typed inputs with an update of a shared variable, compiled once per mode."""
    import os

    os.environ["IRTK_CACHE_DIR"] = str(tmp_path_factory.mktemp("fuzz-cache"))
    x, s, m, i = T.dvector("x"), T.dscalar("s"), T.fmatrix("m"), T.lscalar("i")
    w = irtk.shared(np.arange(3.0), name="w")
    f = irtk.function([x, s, m, i], [x * s + w.sum(), m.sum() * i], updates=[(w, w + s)], mode=request.param)
    return f, w


#: Per input, values that fit it, so that most calls get past the first argument and some succeed.
FITTING = (
    hnp.arrays(np.float64, st.integers(0, 5), elements=st.floats(allow_nan=True, allow_infinity=True)),
    st.floats(allow_nan=True, allow_infinity=True),
    hnp.arrays(np.float32, hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=3), elements=st.floats(width=32)),
    st.integers(-(2**63), 2**63 - 1),
)


@fuzz_settings(default_examples=200)
@given(args=st.tuples(*(st.one_of(fitting, VALUES) for fitting in FITTING)))
def test_any_arguments_give_a_result_or_a_clear_error(compiled, args):
    f, w = compiled
    before = w.get_value()
    try:
        f(*args)
    except (TypeError, ValueError) as e:
        assert "argument" in str(e) or "size mismatch" in str(e), f"{type(e).__name__}: {e}"
        np.testing.assert_array_equal(w.get_value(), before)
        return
    # a Python complex with no imaginary part is a float without loss, so Theano's rules accept it
    np.testing.assert_array_equal(w.get_value(), before + float(np.real(np.asarray(args[1]))))
