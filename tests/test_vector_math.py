"""irtk_math.h: exp, expm1, log, log1p and tanh of float32 and float64, against extended precision.

The bounds are the ones irtk_math.h and docs/codegen.md state: float64 results within 1 ulp (tanh 1.5 ulp);
float32 results within 0.5 ulp plus 2^-26 ulp (the double computation, rounded once to float). They are measured
on millions of inputs through `irtk._native.libm` (what the FAST_COMPILE evaluator calls), against numpy's long
double (x86's 80-bit format: 11 more bits than float64, so its own error, within an ulp of long double, moves
the measured error by under 2^-10 ulp), and on fewer inputs against mpmath at 120 bits. Special values follow
C99 Annex F. Compiled kernels embed the same header: FAST_RUN and FAST_COMPILE give the same bits, and so does
the evaluator's numpy port of the header (used without the native module).
"""

from __future__ import annotations

import numpy as np
import pytest

import irtk
from irtk import tensor as T
from conftest import needs_native

pytestmark = needs_native

FUNCTIONS = ("exp", "expm1", "log", "log1p", "tanh")
DTYPES = ("float64", "float32")
#: The largest error in ulps each function may have, per dtype.
BOUNDS = {
    "float64": {"exp": 1.0, "expm1": 1.0, "log": 1.0, "log1p": 1.0, "tanh": 1.5},
    "float32": dict.fromkeys(FUNCTIONS, 0.5 + 2.0**-26),
}
LONG_DOUBLE_IS_EXTENDED = np.finfo(np.longdouble).nmant >= 63
LN2 = 0.6931471805599453


def native(name: str, x: np.ndarray) -> np.ndarray:
    from irtk import _native

    return _native.libm(name, np.ascontiguousarray(x))


def random_finite(rng: np.random.Generator, n: int, dtype: str) -> np.ndarray:
    """Finite values of every magnitude and sign: uniformly random bit patterns, NaNs and infinities left out."""
    info = np.finfo(dtype)
    bits = rng.integers(0, 2 ** (info.bits - 1) - 2**info.nmant, size=n, dtype=np.int64)  # below the inf pattern
    values = bits.astype(f"uint{info.bits}").view(dtype)
    return np.where(rng.random(n) < 0.5, -values, values)


def inputs(name: str, dtype: str, n: int, seed: int = 0) -> np.ndarray:
    """Random inputs for `name`: every magnitude, plus the ranges where its algorithm changes course."""
    rng = np.random.default_rng(seed)
    big = 88.0 if dtype == "float32" else 709.0
    small = 103.0 if dtype == "float32" else 745.0
    k = rng.integers(-int(small / LN2), int(big / LN2), n)
    near_half_ln2 = (k + 0.5) * LN2 + rng.uniform(-1e-9, 1e-9, n)  # where k, the multiple of ln2, switches
    tiny = rng.uniform(-1, 1, n) * 2.0 ** rng.uniform(-80, 0, n)
    pieces = {
        "exp": [rng.uniform(-small - 0.2, big + 0.8, n), rng.uniform(-1, 1, n), near_half_ln2, tiny,
                rng.uniform(-small - 0.2, -small + 38, n)],  # subnormal results
        "expm1": [rng.uniform(-45, big + 0.8, n), rng.uniform(-2, 2, n), near_half_ln2, tiny,
                  rng.uniform(-60 * LN2, 60 * LN2, n)],  # every k of the k-by-k combination
        "log": [np.abs(random_finite(rng, n, dtype)), rng.uniform(0.5, 2, n), 1 + tiny,
                rng.uniform(0, 1, n) * 2.0 ** rng.integers(-1074 if dtype == "float64" else -149, -1000 if dtype == "float64" else -126, n)],
        "log1p": [np.abs(random_finite(rng, n, dtype)), rng.uniform(-1, 1, n), tiny,
                  -1 + rng.uniform(0, 1e-3, n), rng.uniform(0.4, 4, n)],
        "tanh": [rng.uniform(-25, 25, n), rng.uniform(-1.2, 1.2, n), tiny, rng.uniform(-2.0**-26, 2.0**-26, n)],
    }[name]
    pieces.append(random_finite(rng, n, dtype))
    pieces.append(rng.integers(-800, 800, n).astype(np.float64))  # integers
    x = np.concatenate(pieces).astype(dtype)
    return x[np.isfinite(x)]


def ulp_errors(result: np.ndarray, reference: np.ndarray, dtype: str) -> np.ndarray:
    """|result - reference| in ulps of `dtype` at the reference (a subnormal's ulp below the normal range)."""
    info = np.finfo(dtype)
    reference = reference.astype(np.longdouble)
    exponent = np.maximum(np.frexp(reference)[1].astype(np.int64) - 1, info.minexp)
    ulp = np.ldexp(np.longdouble(1), exponent - info.nmant)
    return np.abs(result.astype(np.longdouble) - reference) / ulp


def check_bound(name: str, dtype: str, x: np.ndarray, result: np.ndarray, reference: np.ndarray) -> None:
    info = np.finfo(dtype)
    overflow = np.abs(reference) > np.longdouble(info.max)
    assert np.all(np.isinf(result[overflow]) | (np.abs(result[overflow]) == info.max)), f"{name}: overflow"
    defined = np.isfinite(reference) & ~overflow
    assert np.array_equal(np.isnan(result), np.isnan(reference)), f"{name}: NaN where the reference has none"
    errors = ulp_errors(result[defined], reference[defined], dtype)
    worst = int(np.argmax(errors))
    bound = BOUNDS[dtype][name]
    assert errors[worst] <= bound, (
        f"{name}({x[defined][worst]!r}) = {result[defined][worst]!r}: {float(errors[worst]):.4f} ulp > {bound}")


@pytest.mark.skipif(not LONG_DOUBLE_IS_EXTENDED, reason="numpy's long double is not x86's 80-bit format here")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_error_bound_on_millions_of_inputs(name: str, dtype: str) -> None:
    x = inputs(name, dtype, 400_000)
    assert x.size > 2_000_000
    with np.errstate(all="ignore"):
        reference = getattr(np, name)(x.astype(np.longdouble))
    check_bound(name, dtype, x, native(name, x), reference)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_error_bound_against_mpmath(name: str, dtype: str) -> None:
    mpmath = pytest.importorskip("mpmath")
    x = inputs(name, dtype, 400, seed=1)
    with mpmath.workprec(120):
        function = getattr(mpmath, name)
        exact = [function(mpmath.mpf(float(v))) for v in x]
    # The long double nearest to the 120-bit value: exact to 2^-64 relative, far below the bounds.
    reference = np.array([long_double(v, mpmath) for v in exact])
    check_bound(name, dtype, x, native(name, x), reference)


def long_double(v, mpmath) -> np.longdouble:
    """An mpmath result as a long double: NaN for a complex one (log of a negative number), inf past the range."""
    if isinstance(v, mpmath.mpc) or mpmath.isnan(v):
        return np.longdouble(np.nan)
    if mpmath.isinf(v) or abs(v) > mpmath.mpf("1e4900"):
        return np.longdouble(np.inf if v > 0 else -np.inf)
    if abs(v) < mpmath.mpf("1e-4900"):  # below every float64 (and the long double range): a signed zero
        return np.longdouble(-0.0 if v < 0 else 0.0)
    return np.longdouble(mpmath.nstr(v, 25, strip_zeros=False))


NAN, INF = float("nan"), float("inf")
#: (x, f(x)) from C99 Annex F and the functions' limits; zeros are compared with their sign.
SPECIAL_VALUES = {
    "exp": [(0.0, 1.0), (-0.0, 1.0), (INF, 1 * INF), (-INF, 0.0), (NAN, NAN), (710.0, INF), (1e300, INF),
            (-746.0, 0.0), (-1e300, 0.0), (5e-324, 1.0), (-5e-324, 1.0), (1.0, np.e),
            (-745.1332191019411, 5e-324), (709.782712893384, 1.7976931348622732e308)],
    "expm1": [(0.0, 0.0), (-0.0, -0.0), (INF, INF), (-INF, -1.0), (NAN, NAN), (5e-324, 5e-324), (-5e-324, -5e-324),
              (1e-300, 1e-300), (-40.0, -1.0), (-1e300, -1.0), (710.0, INF), (1e300, INF)],
    "log": [(1.0, 0.0), (0.0, -INF), (-0.0, -INF), (-1.0, NAN), (-INF, NAN), (INF, INF), (NAN, NAN),
            (-5e-324, NAN), (5e-324, -744.4400719213812), (2.0, LN2), (np.e, 1.0)],
    "log1p": [(0.0, 0.0), (-0.0, -0.0), (-1.0, -INF), (-2.0, NAN), (-INF, NAN), (INF, INF), (NAN, NAN),
              (5e-324, 5e-324), (-5e-324, -5e-324), (1.0, LN2), (1.7976931348623157e308, 709.782712893384)],
    "tanh": [(0.0, 0.0), (-0.0, -0.0), (INF, 1.0), (-INF, -1.0), (NAN, NAN), (5e-324, 5e-324), (-5e-324, -5e-324),
             (22.0, 1.0), (-22.0, -1.0), (1e300, 1.0), (-1e300, -1.0), (1e-10, 1e-10)],
}
FLOAT32_SPECIAL_VALUES = {
    "exp": [(89.0, INF), (-104.0, 0.0), (-103.0, 1e-45)],
    "expm1": [(89.0, INF), (-20.0, -1.0)],
    "log": [(1e-45, -103.27893), (3.4028235e38, 88.72284)],
    "log1p": [(1e-45, 1e-45), (-1e-45, -1e-45)],
    "tanh": [(1e-45, 1e-45), (10.0, 1.0)],
}


def specials(name: str, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    cases = SPECIAL_VALUES[name] + (FLOAT32_SPECIAL_VALUES[name] if dtype == "float32" else [])
    # float32 keeps the inputs it represents (not 5e-324, 1e300, 709.78...).
    with np.errstate(over="ignore"):
        cases = [(x, y) for x, y in cases if np.isnan(x) or float(np.array(x).astype(dtype)) == x]
    with np.errstate(all="ignore"):
        x = np.array([c[0] for c in cases], dtype)
        want = np.array([c[1] for c in cases], dtype)
    return x, want


def assert_same_values(got: np.ndarray, want: np.ndarray, x: np.ndarray) -> None:
    """Equal, zeros of the same sign, NaN where NaN is wanted; finite values that are not exact outputs of a
    special case (e, ln 2, ...) within the function's bound."""
    for g, w, v in zip(got, want, x):
        if np.isnan(w):
            assert np.isnan(g), f"f({v!r}) = {g!r}, not NaN"
        elif w == 0 or np.isinf(w) or abs(w) == 1:
            assert g == w and np.signbit(g) == np.signbit(w), f"f({v!r}) = {g!r}, not {w!r}"
        else:
            assert abs(g - w) <= 2 * np.spacing(np.abs(w)), f"f({v!r}) = {g!r}, not {w!r}"


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_special_values(name: str, dtype: str) -> None:
    x, want = specials(name, dtype)
    assert_same_values(native(name, x), want, x)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_numpy_port_gives_the_header_bits(name: str, dtype: str, monkeypatch) -> None:
    """Without the native module the evaluator runs irtk/evaluator/vector_math.py, the header's operations in
    numpy: the same bits, on every kind of input."""
    from irtk.evaluator import libm, vector_math

    x = np.concatenate([inputs(name, dtype, 50_000, seed=2), specials(name, dtype)[0]])
    assert np.array_equal(bits(vector_math.apply(name, x)), bits(native(name, x)))
    monkeypatch.setattr(libm, "_native", lambda: None)
    assert np.array_equal(bits(libm.apply(name, x[:100].reshape(4, 25))), bits(native(name, x[:100])).reshape(4, 25))


def compiled(dtype: str, mode: str):
    """All five functions of one vector, as irtk compiles (FAST_RUN) or evaluates (FAST_COMPILE) them."""
    v = T.vector("v", dtype=dtype)
    return irtk.function([v], [getattr(T, name)(v) for name in FUNCTIONS], mode=mode)


def bits(a: np.ndarray) -> np.ndarray:
    return a.view(f"uint{8 * a.itemsize}")


@pytest.mark.parametrize("dtype", DTYPES)
def test_compiled_code_and_evaluator_give_the_same_bits(dtype: str) -> None:
    rng = np.random.default_rng(3)
    special = np.concatenate([specials(name, dtype)[0] for name in FUNCTIONS])
    x = np.concatenate([special, random_finite(rng, 4000, dtype), rng.uniform(-30, 30, 4000).astype(dtype),
                        rng.uniform(-1e-3, 2, 4000).astype(dtype)])
    with np.errstate(all="ignore"):
        fast_run = compiled(dtype, "FAST_RUN")(x)
        fast_compile = compiled(dtype, "FAST_COMPILE")(x)
    for name, run, evaluated in zip(FUNCTIONS, fast_run, fast_compile):
        assert run.dtype == evaluated.dtype == dtype
        assert np.array_equal(bits(run), bits(evaluated)), name
        assert np.array_equal(bits(run), bits(native(name, x))), name


@pytest.mark.skipif(not LONG_DOUBLE_IS_EXTENDED, reason="numpy's long double is not x86's 80-bit format here")
@pytest.mark.parametrize("dtype", DTYPES)
def test_compiled_code_meets_the_bounds_and_special_values(dtype: str) -> None:
    function = compiled(dtype, "FAST_RUN")
    for name, i in zip(FUNCTIONS, range(len(FUNCTIONS))):
        x = inputs(name, dtype, 2000, seed=4)
        with np.errstate(all="ignore"):
            check_bound(name, dtype, x, function(x)[i], getattr(np, name)(x.astype(np.longdouble)))
        x, want = specials(name, dtype)
        with np.errstate(all="ignore"):
            assert_same_values(function(x)[i], want, x)
