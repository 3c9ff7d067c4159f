"""Complex numbers (complex64, complex128) in both modes, against numpy, bit for bit between the modes.

Every op that takes complex operands is checked on random values (against a complex128 numpy oracle, within a
tolerance of the result's precision), on a grid of special values (NaN, the infinities and signed zeros in
either part, tiny divisors; against numpy in the same dtype, since edge results in float32 differ from those in
float64: `|-1 + 1e-30j|` is exactly 1 in float32), broadcast as a column against a row, and with size-0
dimensions. FAST_RUN (compiled C++) must give the very bits of FAST_COMPILE (the numpy evaluator); where two
NaNs meet, which one survives is the C++ compiler's choice, so any NaN part matches any NaN part. The refusals
(orderings, extrema, `//`, `%`, the functions the complex dialect lacks, casts to real dtypes, gradients
through complex values) are TypeErrors raised while the graph is built.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES

import irtk as theano
import irtk.tensor as T

DTYPES = ["complex64", "complex128"]
PART_OF = {"complex64": "float32", "complex128": "float64"}

#: The parts the special values are made of: NaN, the infinities, signed zeros, a tiny divisor, integers.
PARTS = [np.nan, -np.inf, -2.0, -1.0, -0.0, 0.0, 1e-30, 0.5, 1.0, 3.0, np.inf]


def special_values(dtype: str) -> np.ndarray:
    return np.array([complex(re, im) for re in PARTS for im in PARTS], dtype=dtype)


def random_values(rng: np.random.Generator, dtype: str, shape) -> np.ndarray:
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)


def compiled(inputs, outputs, mode: str):
    """(the function in `mode`, and with FAST_RUN the FAST_COMPILE function it must agree with bit for bit)."""
    function = theano.function(inputs, outputs, mode=mode)
    reference = theano.function(inputs, outputs, mode="FAST_COMPILE") if mode == "FAST_RUN" else None
    return function, reference


def parts(a: np.ndarray) -> list[np.ndarray]:
    a = np.asarray(a)
    return [np.ascontiguousarray(a.real), np.ascontiguousarray(a.imag)] if a.dtype.kind == "c" else [a]


def same_bits(got: np.ndarray, expected: np.ndarray, what: str) -> None:
    assert got.dtype == expected.dtype and got.shape == expected.shape, f"{what}: {got.dtype}{got.shape} vs {expected.dtype}{expected.shape}"
    for g, e in zip(parts(got), parts(expected)):
        differ = g.tobytes() != e.tobytes()
        if differ:
            bits_differ = g.view(np.uint8).reshape(g.shape + (-1,)) != e.view(np.uint8).reshape(e.shape + (-1,))
            bad = bits_differ.any(-1)
            if g.dtype.kind == "f":
                bad &= ~(np.isnan(g) & np.isnan(e))
            assert not bad.any(), f"{what}: FAST_RUN and FAST_COMPILE differ: {g[bad][:5]} vs {e[bad][:5]}"


def run(function, reference, args, what: str) -> list[np.ndarray]:
    with np.errstate(all="ignore"):
        results = [np.asarray(r) for r in function(*args)]
        if reference is not None:
            for i, (r, e) in enumerate(zip(results, reference(*args), strict=True)):
                same_bits(r, np.asarray(e), f"{what} result {i}")
    return results


def tolerance(dtype) -> float:
    return 1e-5 if np.dtype(dtype) in (np.complex64, np.float32) else 1e-12


def assert_close(got: np.ndarray, expected: np.ndarray, what: str, rtol: float | None = None) -> None:
    """Each part within `rtol` of the expected complex number's magnitude; infinities equal, NaN matches NaN."""
    expected = np.broadcast_to(np.asarray(expected), got.shape)
    assert got.shape == expected.shape, f"{what}: shape {got.shape}, expected {expected.shape}"
    if got.dtype == np.bool_:
        np.testing.assert_array_equal(got, expected, err_msg=what)
        return
    rtol = tolerance(got.dtype) if rtol is None else rtol
    with np.errstate(all="ignore"):
        magnitude = np.abs(expected.astype(np.complex128))
        allowed = rtol * np.where(np.isfinite(magnitude), magnitude, 0.0) + rtol
        for g, e in zip(parts(got.astype(np.complex128 if got.dtype.kind == "c" else np.float64)),
                        parts(expected.astype(np.complex128 if got.dtype.kind == "c" else np.float64))):
            ok = (g == e) | (np.isnan(g) & np.isnan(e)) | (np.isfinite(g) & np.isfinite(e) & (np.abs(g - e) <= allowed))
            assert ok.all(), f"{what}: got {g[~ok][:5]}, expected {e[~ok][:5]}"


# ---------------------------------------------------------------- elementwise ops on complex operands

#: name -> (irtk on (x, y), numpy on (x, y)); the unary ones ignore y.
ELEMENTWISE = {
    "add": (lambda x, y: x + y, np.add),
    "sub": (lambda x, y: x - y, np.subtract),
    "mul": (lambda x, y: x * y, np.multiply),
    "div": (lambda x, y: x / y, np.true_divide),
    "pow": (lambda x, y: x ** y, np.power),
    "eq": (T.eq, np.equal),
    "neq": (T.neq, np.not_equal),
    "switch": (lambda x, y: T.switch(T.eq(x, y), x, y - x), lambda x, y: np.where(x == y, x, y - x)),
    "neg": (lambda x, y: -x, lambda x, y: -x),
    "abs": (lambda x, y: abs(x), lambda x, y: np.abs(x)),
    "sqr": (lambda x, y: T.sqr(x), lambda x, y: np.square(x)),
    **{name: ((lambda f: lambda x, y: f(x))(getattr(T, name)), (lambda f: lambda x, y: f(x))(getattr(np, name)))
       for name in ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh")},
    "real": (lambda x, y: x.real, lambda x, y: np.real(x)),
    "imag": (lambda x, y: x.imag, lambda x, y: np.imag(x)),
    "conj": (lambda x, y: x.conj(), lambda x, y: np.conj(x)),
    "angle": (lambda x, y: T.angle(x), lambda x, y: np.angle(x)),
    "isnan": (lambda x, y: T.isnan(x), lambda x, y: np.isnan(x)),
    "isinf": (lambda x, y: T.isinf(x), lambda x, y: np.isinf(x)),
}
FLOAT_RESULTS = {"abs", "real", "imag", "angle"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_elementwise(dtype: str, mode: str) -> None:
    x = T.TensorType(dtype, (False, True))("x")  # a column against a row
    y = T.TensorType(dtype, (True, False))("y")
    names = list(ELEMENTWISE)
    function, reference = compiled([x, y], [ELEMENTWISE[n][0](x, y) for n in names], mode)
    rng = np.random.default_rng(7)
    specials = special_values(dtype)
    cases = [
        ("random", random_values(rng, dtype, (3, 1)), random_values(rng, dtype, (1, 4))),
        ("size 0 rows", random_values(rng, dtype, (0, 1)), random_values(rng, dtype, (1, 4))),
        ("size 0 columns", random_values(rng, dtype, (3, 1)), random_values(rng, dtype, (1, 0))),
        ("special values", specials.reshape(-1, 1), specials.reshape(1, -1)),
    ]
    for what, a, b in cases:
        results = run(function, reference, [a, b], f"{dtype} {what}")
        for name, got in zip(names, results, strict=True):
            label = f"{mode} {name}({dtype}) {what}"
            expected_dtype = "bool" if name in ("eq", "neq", "isnan", "isinf") else PART_OF[dtype] if name in FLOAT_RESULTS else dtype
            assert str(got.dtype) == expected_dtype, f"{label}: dtype {got.dtype}"
            oracle = ELEMENTWISE[name][1]
            with np.errstate(all="ignore"):
                if what == "special values":  # numpy's own loops in this dtype
                    expected = np.asarray(oracle(a, b))
                else:
                    expected = np.asarray(oracle(a.astype(np.complex128), b.astype(np.complex128))).astype(got.dtype)
            assert_close(got, expected, label)


@pytest.mark.parametrize("mode", MODES)
def test_powers_like_numpy(mode: str) -> None:
    """numpy's `npy_cpow`: 0 ** 0 is 1, 0 ** b NaN unless b.real > 0, small integer exponents by repeated
    products (and 1 over them for negative ones), other exponents by the C library's cpow."""
    x, y = T.zvector("x"), T.zvector("y")
    function, reference = compiled([x, y], [x ** y], mode)
    bases = [0j, complex(-0.0, -0.0), 1 + 1j, -2 + 0.5j, 1e-3 - 2j, 3 + 0j, np.inf + 0j, complex(np.nan, 1), 0.5j]
    exponents = [0j, 1 + 0j, 2 + 0j, 3 + 0j, -1 + 0j, -2 + 0j, 7 + 0j, 99 + 0j, -99 + 0j, 100 + 0j, 0.5 + 0j,
                 2 + 1e-300j, 1j, -1.5 + 2j, complex(0, np.nan), complex(np.inf, 0)]
    a = np.repeat(np.array(bases), len(exponents))
    b = np.tile(np.array(exponents), len(bases))
    (got,) = run(function, reference, [a, b], "powers")
    with np.errstate(all="ignore"):
        expected = a ** b
    assert_close(got, expected, f"{mode} complex powers")


@pytest.mark.parametrize("mode", MODES)
def test_division_like_numpy(mode: str) -> None:
    """Smith's division, as numpy's loop computes it: tiny and huge divisors without overflow, zero divisors."""
    x, y = T.zvector("x"), T.zvector("y")
    function, reference = compiled([x, y], [x / y], mode)
    a = np.array([1 + 1j, 1e300 + 1e300j, 1e-300 + 0j, 1 + 0j, 0j, complex(-1, -0.0), 2 + 3j, complex(np.nan, 0)])
    b = np.array([1e-300 + 1e-300j, 1e300 - 1e300j, 1e-300 + 1e-310j, 0j, 0j, complex(-0.0, 0.0), complex(0.0, -4), 1 + 1j])
    (got,) = run(function, reference, [a, b], "division")
    with np.errstate(all="ignore"):
        expected = a / b
    assert_close(got, expected, f"{mode} complex division")
    assert np.isfinite(got[:3]).all()  # the naive formula overflows or underflows there


# ---------------------------------------------------------------- mixed dtypes, Python numbers, casts


@pytest.mark.parametrize("mode", MODES)
def test_mixed_with_real_operands(mode: str) -> None:
    """Complex meets float, integer and bool operands as in numpy: upcast, the real operand as `x + 0j`."""
    c, z = T.cvector("c"), T.zvector("z")
    f, d, i, l, b = T.fvector("f"), T.dvector("d"), T.bvector("i"), T.lvector("l"), T.vector("b", dtype="bool")
    outputs = [c + f, c * d, c / i, z ** l, c - l, T.eq(c, f), T.switch(b, c, d), c * 2j, z + 1.5, 2 ** c, c * b]
    function, reference = compiled([c, z, f, d, i, l, b], outputs, mode)
    rng = np.random.default_rng(3)
    args = [random_values(rng, "complex64", 5), random_values(rng, "complex128", 5), rng.standard_normal(5).astype("float32"),
            rng.standard_normal(5), np.array([1, -2, 3, 0, 5], "int8"), np.array([0, 1, 2, -1, 3]), np.array([True, False, True, True, False])]
    cv, zv, fv, dv, iv, lv, bv = args
    with np.errstate(all="ignore"):
        expected = [cv + fv, cv * dv, cv / iv, zv ** lv, cv - lv, cv == fv, np.where(bv, cv, dv), cv * np.complex64(2j), zv + 1.5,
                    2 ** cv, cv * bv]
    results = run(function, reference, args, "mixed")
    for k, (got, e) in enumerate(zip(results, expected, strict=True)):
        assert got.dtype == e.dtype, f"output {k}: dtype {got.dtype}, numpy {e.dtype}"
        assert_close(got, e.astype(got.dtype), f"{mode} mixed output {k}")


def test_python_complex_numbers_become_constants() -> None:
    c, z = T.cvector(), T.zvector()
    assert (c * 2j).dtype == "complex64"  # parts exact in float32: complex64, like a float32 constant
    assert (c * (0.1 + 1j)).dtype == "complex128"
    assert (z + 1j).dtype == "complex128"
    assert T.constant(1 + 2j).dtype == "complex64"
    assert T.fvector() * 1j is not None and (T.fvector() * 1j).dtype == "complex64"


CASTS = [("int8", "complex64"), ("int64", "complex64"), ("int64", "complex128"), ("bool", "complex128"), ("float32", "complex128"),
         ("float64", "complex64"), ("complex64", "complex128"), ("complex128", "complex64"), ("complex64", "bool"),
         ("complex128", "bool")]


@pytest.mark.parametrize("mode", MODES)
def test_casts_like_numpy_astype(mode: str) -> None:
    """Real numbers become `x + 0j`; complex64 and complex128 convert each part; complex numbers are true when
    either part is non-zero. Exact, as numpy's `astype` is."""
    inputs = [T.vector(f"x{k}", dtype=src) for k, (src, _) in enumerate(CASTS)]
    function, reference = compiled(inputs, [T.cast(x, dst) for x, (_, dst) in zip(inputs, CASTS)], mode)
    rng = np.random.default_rng(11)
    args = []
    for src, _ in CASTS:
        if src.startswith("complex"):
            args.append(np.concatenate([special_values(src), random_values(rng, src, 4) * 1e20]))
        elif src.startswith("float"):
            args.append(np.array([np.nan, -np.inf, -0.0, 0.0, 0.1, 3.4e38, np.inf, 123456789.123], src))
        elif src == "bool":
            args.append(np.array([True, False]))
        else:
            info = np.iinfo(src)
            args.append(np.array([info.min, -1, 0, 1, info.max], src))
    results = run(function, reference, args, "casts")
    for got, a, (src, dst) in zip(results, args, CASTS, strict=True):
        with np.errstate(all="ignore"):
            expected = a.astype(dst)
        assert got.dtype == expected.dtype
        for g, e in zip(parts(got), parts(expected)):
            np.testing.assert_array_equal(g, e, err_msg=f"{mode} {src} -> {dst}")
            if g.dtype.kind == "f":
                np.testing.assert_array_equal(np.signbit(g), np.signbit(e), err_msg=f"{mode} {src} -> {dst} signs")


# ---------------------------------------------------------------- reductions and contractions


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_reductions(dtype: str, mode: str) -> None:
    """sum (from 0 + 0j), prod (from 1 + 0j) and mean over each axis, all and any (true: either part non-zero)."""
    x = T.TensorType(dtype, (False, False))("x")
    outputs = []
    for axis in (0, 1, None):
        outputs += [x.sum(axis=axis), x.prod(axis=axis), x.mean(axis=axis), T.any(x, axis=axis), T.all(x, axis=axis)]
    function, reference = compiled([x], outputs, mode)
    rng = np.random.default_rng(5)
    with_zeros = random_values(rng, dtype, (3, 4))
    with_zeros[1, :] = 0
    with_zeros[0, 2] = complex(0, 1)
    cases = [("random", random_values(rng, dtype, (3, 4))), ("zeros", with_zeros), ("size 0", random_values(rng, dtype, (0, 4))),
             ("special values", special_values(dtype)[:120].reshape(10, 12))]
    for what, a in cases:
        results = iter(run(function, reference, [a], f"{dtype} reductions {what}"))
        for axis in (0, 1, None):
            wide = a.astype(np.complex128)
            with np.errstate(all="ignore"):
                expected = [np.sum(wide, axis=axis), np.prod(wide, axis=axis), np.mean(wide, axis=axis) if a.size else np.full(
                    np.sum(wide, axis=axis).shape, complex(np.nan, np.nan)), np.any(a, axis=axis), np.all(a, axis=axis)]
            for name, e in zip(("sum", "prod", "mean", "any", "all"), expected, strict=True):
                got = next(results)
                label = f"{mode} {name}({dtype}, axis {axis}) {what}"
                assert got.dtype == (np.bool_ if name in ("any", "all") else np.dtype(dtype)), f"{label}: dtype {got.dtype}"
                if what == "special values" and name in ("prod", "mean", "sum"):
                    # inf and NaN parts meet in every column: only where numpy's result is finite is it compared
                    e = np.asarray(e)
                    finite = np.isfinite(e)
                    assert_close(np.asarray(got)[finite], e[finite].astype(got.dtype), label)
                    continue
                assert_close(np.asarray(got), np.asarray(e).astype(got.dtype), label,
                             rtol=1e-4 if dtype == "complex64" and name == "prod" else None)


@pytest.mark.parametrize("mode", MODES)
def test_var_and_std_are_real(mode: str) -> None:
    """numpy's var of complex numbers: the mean squared magnitude of the deviation, a float."""
    z = T.zmatrix("z")
    function, reference = compiled([z], [z.var(axis=0), z.std(), z.var(axis=1, ddof=1)], mode)
    a = random_values(np.random.default_rng(2), "complex128", (4, 3))
    results = run(function, reference, [a], "var")
    for got, e in zip(results, [np.var(a, axis=0), np.std(a), np.var(a, axis=1, ddof=1)], strict=True):
        assert got.dtype == np.float64
        np.testing.assert_allclose(got, e, rtol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_dot_and_contractions(mode: str) -> None:
    c, z, d = T.cmatrix("c"), T.zmatrix("z"), T.dmatrix("d")
    v = T.zvector("v")
    outputs = [T.dot(c, c.T), T.dot(z, v), T.dot(v, v), T.dot(z, d), T.tensordot(z, z, axes=[[0], [0]]), T.outer(v, v),
               T.batched_dot(z.dimshuffle("x", 0, 1), z.T.dimshuffle("x", 0, 1))]
    function, reference = compiled([c, z, d, v], outputs, mode)
    rng = np.random.default_rng(9)
    for shape in [(3, 4), (0, 4), (3, 0)]:
        cv, zv = random_values(rng, "complex64", shape), random_values(rng, "complex128", shape)
        dv, vv = rng.standard_normal((shape[1], 2)), random_values(rng, "complex128", shape[1])
        results = run(function, reference, [cv, zv, dv, vv], f"contractions {shape}")
        zw = zv[None]
        expected = [cv @ cv.T, zv @ vv, vv @ vv, zv @ dv, np.tensordot(zv, zv, axes=[[0], [0]]), np.outer(vv, vv),
                    np.matmul(zw, np.swapaxes(zw, 1, 2))]
        for k, (got, e) in enumerate(zip(results, expected, strict=True)):
            assert got.dtype == e.dtype, f"output {k}: {got.dtype} vs numpy {e.dtype}"
            assert_close(got, e, f"{mode} contraction {k} on {shape}", rtol=1e-5 if got.dtype == np.complex64 else 1e-11)


# ---------------------------------------------------------------- what is refused, and why


REFUSED = {
    "<": lambda x: x < x,
    ">=": lambda x: x >= 1j,
    "maximum": lambda x: T.maximum(x, x),
    "max": lambda x: T.max(x),
    "min": lambda x: x.min(axis=0),
    "argmax": lambda x: T.argmax(x),
    "argmin": lambda x: T.argmin(x),
    "//": lambda x: x // x,
    "%": lambda x: x % 2,
    "floor": lambda x: T.floor(x),
    "round": lambda x: T.round_half_to_even(x),
    "sgn": lambda x: T.sgn(x),
    "sinh": lambda x: T.sinh(x),
    "cosh": lambda x: T.cosh(x),
    "arcsin": lambda x: T.arcsin(x),
    "expm1": lambda x: T.expm1(x),
    "log1p": lambda x: T.log1p(x),
    "sigmoid": lambda x: T.nnet.sigmoid(x),
    "arctan2": lambda x: T.arctan2(x, x),
    "clip": lambda x: T.clip(x, 0, 1),
    "&": lambda x: x & x,
}


@pytest.mark.parametrize("name", REFUSED)
@pytest.mark.parametrize("dtype", DTYPES)
def test_refused_while_building_the_graph(name: str, dtype: str) -> None:
    x = T.TensorType(dtype, (False,))("x")
    with pytest.raises(TypeError, match="complex"):
        REFUSED[name](x)


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "int8", "uint8"])
def test_casting_complex_to_real_is_refused(dtype: str) -> None:
    with pytest.raises(TypeError, match=r"Casting from complex to real is ambiguous: consider real\(\), imag\(\), angle\(\) or abs\(\)"):
        T.cast(T.zvector(), dtype)
    with pytest.raises(TypeError, match="Casting from complex to real is ambiguous"):
        T.cvector().astype(dtype)


def test_arange_of_complex_is_refused() -> None:
    with pytest.raises(TypeError, match="complex"):
        T.arange(0, 5, dtype="complex128")


def test_gradients_through_complex_values_are_refused() -> None:
    x = T.dvector("x")
    through = abs(T.cast(x, "complex128") * (1 + 2j)).sum()
    with pytest.raises(TypeError, match="through the complex value"):
        T.grad(through, x)
    with pytest.raises(TypeError, match="float dtype"):
        T.grad(T.cast(x, "complex128").sum(), x)
    with pytest.raises(TypeError, match="only float variables"):
        z = T.zvector("z")
        T.grad(abs(z).sum(), z)
    # a complex value that does not depend on x is only a constant of the gradient
    z = T.zvector("z")
    g = T.grad((x * abs(z)).sum(), x)
    f = theano.function([x, z], g, mode="FAST_COMPILE")
    np.testing.assert_allclose(f(np.ones(2), np.array([3 + 4j, 1j])), [5.0, 1.0])


# ---------------------------------------------------------------- frontend spellings


def test_frontend_spellings() -> None:
    z = T.zmatrix("z")
    assert z.real.dtype == z.imag.dtype == T.angle(z).dtype == abs(z).dtype == "float64"
    assert T.cvector().real.dtype == "float32"
    assert z.conj().dtype == z.conjugate().dtype == T.conj(z).dtype == "complex128"
    d = T.dvector()
    assert d.real.dtype == d.imag.dtype == d.conj().dtype == "float64"
    assert T.bvector().imag.dtype == "int8" and T.angle(T.bvector()).dtype == "float32"


@pytest.mark.parametrize("mode", MODES)
def test_parts_of_real_operands(mode: str) -> None:
    """As in numpy: a real number is its own real part and conjugate; its imaginary part is 0, its angle 0 or pi."""
    d, i = T.dvector("d"), T.bvector("i")
    function, reference = compiled([d, i], [d.real, d.imag, d.conj(), T.angle(d), i.imag, T.angle(i)], mode)
    dv = np.array([-1.5, -0.0, 0.0, 2.0, np.nan, -np.inf])
    iv = np.array([-3, 0, 4], "int8")
    results = run(function, reference, [dv, iv], "parts of real numbers")
    expected = [np.real(dv), np.imag(dv), np.conj(dv), np.angle(dv), np.imag(iv), np.angle(iv.astype("float32"))]
    for got, e in zip(results, expected, strict=True):
        assert got.dtype == e.dtype
        np.testing.assert_array_equal(got, e)


# ---------------------------------------------------------------- constants


@pytest.mark.parametrize("mode", MODES)
def test_constants_and_folding(mode: str) -> None:
    """Complex constants of every kind reach both modes bit for bit: folded expressions of constants (folded by
    the evaluator, so with the bits the unfolded program computes), a constant array (a global in compiled
    code, NaN parts and signed zeros included), a long splat, and a splat operand of an elementwise op."""
    z = T.zvector("z")
    folded = (T.constant(1 + 2j) * T.constant(3 - 1j)) / T.constant(0.5j) + T.constant(np.complex64(1e-30j)) ** 2
    table = np.array([complex(1, 2), complex(-0.0, np.nan), complex(np.inf, -0.0), 1e-300j], np.complex128)
    long_splat = np.full(300, complex(0.25, -3), np.complex128)
    outputs = [folded, T.constant(table).conj(), T.constant(long_splat) * T.constant(np.complex128(2j)),
               z * 2.5j, z - T.constant(table[:1])]
    function, reference = compiled([z], outputs, mode)
    a = np.array([1 + 1j, complex(-0.0, 0.0), complex(np.inf, 1)])
    results = run(function, reference, [a], "constants")
    with np.errstate(all="ignore"):
        expected = [np.asarray((np.complex128(1 + 2j) * (3 - 1j)) / 0.5j + np.complex64(1e-30j) ** 2), table.conj(), long_splat * 2j, a * 2.5j,
                    a - table[:1]]
    for k, (got, e) in enumerate(zip(results, expected, strict=True)):
        assert_close(got, e.astype(got.dtype), f"{mode} constant output {k}")
    for got, e in zip(parts(results[1]), parts(table.conj())):
        np.testing.assert_array_equal(np.signbit(got), np.signbit(e))


def test_only_complex_kernels_include_complex() -> None:
    """`<complex>` costs every compile a fifth of a second: a kernel without complex values goes without it."""
    from irtk.codegen.cpp import emit_cpp
    from irtk.registry import make_context
    from xdsl.parser import Parser

    def source(element: str) -> str:
        text = f"""func.func @main(%x: memref<{element}>) -> memref<{element}> {{
          return %x : memref<{element}>
        }}"""
        return emit_cpp(Parser(make_context(), text).parse_module())

    assert "#include <complex>" not in source("f64") and "irtk_cmul" not in source("f64")
    assert "#include <complex>" in source("complex<f64>") and "irtk_cmul" in source("complex<f32>")


@pytest.mark.parametrize("mode", MODES)
def test_complex_exp_and_log_are_the_complex_functions(mode: str) -> None:
    """FAST_COMPILE once sent each complex value through the real `exp` of the C library: `exp(1+2j)` gave
    2.718+0j. Both modes give the complex functions' values."""
    z = T.zvector("z")
    f = theano.function([z], [T.exp(z), T.log(z)], mode=mode)
    data = np.array([1 + 2j, -1 - 0.5j, 0.25j, -3 + 0j])
    got_exp, got_log = f(data)
    np.testing.assert_allclose(got_exp, np.exp(data), rtol=1e-15)
    np.testing.assert_allclose(got_log, np.log(data), rtol=1e-15)
    assert abs(got_exp[0] - (-1.1312043837568135 + 2.4717266720048188j)) < 1e-14
