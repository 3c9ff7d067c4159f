"""The numerical policy of the differential test.

- FAST_RUN against FAST_COMPILE: the same bits (NaN positions equal, and every other element bit for bit,
  the sign of zero included), except values a matrix product reaches: FAST_RUN may compute those with BLAS,
  so they only need to be close.
- irtk against numpy: integers and booleans equal (overflow wraps in both); floats that only exactly rounded
  ops produced equal; other floats close, relative to the largest finite magnitude of the output (so that a
  sum that cancels is judged against the size of its terms), with NaN and infinities in the same places.
"""

from __future__ import annotations

import numpy as np

RTOL = {"float64": 1e-9, "float32": 1e-4}


def mismatch_between_modes(fast_run: np.ndarray, fast_compile: np.ndarray, blas: bool) -> str | None:
    if (fast_run.dtype, fast_run.shape) != (fast_compile.dtype, fast_compile.shape):
        return f"FAST_RUN gives {fast_run.dtype}{fast_run.shape}, FAST_COMPILE {fast_compile.dtype}{fast_compile.shape}"
    if blas:
        return mismatch_with_reference(fast_run, fast_compile, exact=False)
    try:
        np.testing.assert_array_equal(fast_run, fast_compile)
    except AssertionError as e:
        return f"FAST_RUN and FAST_COMPILE differ:{e}"
    if fast_run.dtype.kind == "f":
        bits = f"u{fast_run.dtype.itemsize}"
        numbers = ~np.isnan(fast_run)
        if not np.array_equal(fast_run.view(bits)[numbers], fast_compile.view(bits)[numbers]):
            return f"FAST_RUN and FAST_COMPILE differ in the last bits (or the sign of zero):\n{fast_run!r}\n{fast_compile!r}"
    return None


def mismatch_with_reference(actual: np.ndarray, expected: np.ndarray, exact: bool, loose: bool = False) -> str | None:
    """`loose`: a float32 op that is not exactly rounded came before, so a float64 result is float32-close."""
    if (actual.dtype, actual.shape) != (expected.dtype, expected.shape):
        return f"irtk gives {actual.dtype}{actual.shape}, numpy {expected.dtype}{expected.shape}"
    if actual.dtype.kind != "f" or exact:
        try:
            np.testing.assert_array_equal(actual, expected)
        except AssertionError as e:
            return f"irtk and numpy differ:{e}"
        return None
    nan_a, nan_e = np.isnan(actual), np.isnan(expected)
    inf_e = np.isinf(expected)
    finite = ~nan_e & ~inf_e
    rtol = RTOL["float32"] if loose else RTOL[str(actual.dtype)]
    scale = float(np.max(np.abs(expected[finite]), initial=0.0))
    with np.errstate(all="ignore"):
        close = np.abs(actual.astype(np.float64) - expected) <= rtol * (np.abs(expected) + scale)
    ok = (nan_a == nan_e).all() and (actual[inf_e] == expected[inf_e]).all() and (close | ~finite).all()
    if ok:
        return None
    return f"irtk and numpy differ beyond rtol={rtol} (scale {scale:g}):\nirtk:  {actual!r}\nnumpy: {expected!r}"
