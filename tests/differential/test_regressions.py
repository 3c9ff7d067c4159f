"""Programs the random search found failing, kept as tests: fixed ones pass, open ones are xfail(strict=True)
with the reason (so a fix is noticed: the test then passes and must lose its mark)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES, needs_native

import irtk
from irtk import tensor as T


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["int32", "int8", "bool", "uint8"])
def test_sum_of_a_scalar_has_a_sums_dtype(mode: str, dtype: str) -> None:
    """`sum` of a 0-d tensor returned it unchanged, so an int32 scalar's sum was int32 (numpy: int64), as if
    there were nothing to widen (fixed in irtk/frontend/basic.py)."""
    x = T.TensorType(dtype, ())("x")
    value = np.asarray(1, dtype=dtype)
    got = irtk.function([x], T.sum(x), mode=mode)(value)
    expected = np.sum(value)
    assert got.dtype == expected.dtype and got == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", ["argmax", "argmin"])
def test_argmax_of_a_scalar(mode: str, fn: str) -> None:
    """argmax of a 0-d tensor (no reduced axis) failed in lower-to-structured: the flat index of the reduced
    elements was built from no loop index at all (fixed in irtk/dialects/irtk/reduction.py)."""
    x = T.lscalar("x")
    f = irtk.function([x], [getattr(T, fn)(x), getattr(T, fn)(x, keepdims=True)], mode=mode)
    assert [int(r) for r in f(np.int64(-3))] == [0, 0]


@needs_native
def test_cosh_of_a_clipped_small_integer_has_the_same_bits_in_both_modes() -> None:
    """FAST_RUN's cosh of a float32 made from an int8 clipped to [0, 2] was GCC's correctly rounded value
    (1081133008 for cosh(2.0f)), not glibc's coshf that FAST_COMPILE calls (1081133009): with -fno-math-errno GCC
    knew the argument takes three values and evaluated coshf at compile time. Kernels are now compiled without
    that flag (irtk/runtime/toolchain.py)."""
    b = T.bvector("b")
    out = T.cosh(T.clip(b, np.int8(0), np.int8(2)))
    value = np.array([2, 5], dtype="int8")
    run, compiled = (irtk.function([b], out, mode=m)(value) for m in ("FAST_RUN", "FAST_COMPILE"))
    assert run.view("u4").tolist() == compiled.view("u4").tolist()
