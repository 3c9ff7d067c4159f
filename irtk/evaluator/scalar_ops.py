"""The meaning of each scalar `arith`/`math` op on numpy arrays — the same bits compiled code computes.

The structured-level evaluator runs an op body on whole arrays at once, one scalar op at a time, through
this table. Each entry mirrors the C++ emitter's rendering of the op (`irtk/codegen/expressions.py` and the
`irtk_*` helpers of `scalar_helpers.py`): wrapping integer arithmetic, integer division that fails on 0,
NaN-propagating `maximumf` with -0 below +0, numpy-on-x86 float-to-integer conversion, C library
transcendental functions (`libm.py`).

Representation: an integer of width w is a numpy array of the signed type of width w (i1 is bool); a
float is float32/float64; `index` is int64; a complex number complex64/complex128 (its ops: `complex_ops.py`).
Unsigned readings are views.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from xdsl.dialects import arith, func, math
from xdsl.dialects.builtin import ComplexType, Float32Type, Float64Type, FloatAttr, IndexType, IntegerAttr, IntegerType
from xdsl.ir import Attribute, Operation

from irtk.dialects.c_library import double_name
from irtk.dialects.upstream import ErfcOp, RemFOp
from irtk.evaluator import complex_ops, libm
from irtk.dialects.op_lookup import entry_for

_SIGNED = {1: np.bool_, 8: np.int8, 16: np.int16, 32: np.int32, 64: np.int64}
_UNSIGNED = {1: np.bool_, 8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}


class KernelFailure(ValueError):
    """What `irtk_fail` raises in compiled code (integer division by zero, a failed assertion)."""


def numpy_type(t: Attribute) -> np.dtype:
    """The numpy dtype that represents a scalar type (signless integers as signed)."""
    if isinstance(t, IndexType):
        return np.dtype(np.int64)
    if isinstance(t, IntegerType):
        return np.dtype(_SIGNED[t.width.data])
    if isinstance(t, Float32Type):
        return np.dtype(np.float32)
    if isinstance(t, Float64Type):
        return np.dtype(np.float64)
    if isinstance(t, ComplexType) and isinstance(t.element_type, (Float32Type, Float64Type)):
        return np.dtype(np.complex64 if isinstance(t.element_type, Float32Type) else np.complex128)
    raise NotImplementedError(f"the evaluator has no representation of {t}")


def _width(a: np.ndarray) -> int:
    return 1 if a.dtype == np.bool_ else a.dtype.itemsize * 8


def signed(a: np.ndarray) -> np.ndarray:
    """The signed reading (i1 true is -1, as MLIR reads it)."""
    if a.dtype == np.bool_:
        return np.where(a, np.int8(-1), np.int8(0))
    return a.view(_SIGNED[_width(a)]) if a.dtype.kind == "u" else a


def unsigned(a: np.ndarray) -> np.ndarray:
    if a.dtype == np.bool_:
        return a.astype(np.uint8)
    return a.view(_UNSIGNED[_width(a)])


def _as(a: np.ndarray, like: np.dtype) -> np.ndarray:
    """Bits reinterpreted (or truncated, for i1) as the signless representation `like`."""
    if like == np.bool_:
        return (np.asarray(a) & 1).astype(np.bool_) if np.asarray(a).dtype != np.bool_ else a
    return np.asarray(a).astype(like, copy=False) if np.asarray(a).dtype.itemsize != like.itemsize else np.asarray(a).view(like)


def _wrap(fn: Callable) -> Callable:
    """An integer op computed on unsigned readings (wrapping) and returned in the signless representation."""

    def run(op, a, b):
        with np.errstate(over="ignore"):
            if a.dtype == np.bool_:
                return _as(fn(a.astype(np.uint8), b.astype(np.uint8)), np.dtype(np.bool_))
            return fn(unsigned(a), unsigned(b)).view(a.dtype)

    return run


def _check_divisor(b: np.ndarray, a: np.ndarray) -> None:
    """Fail as the compiled code does, when some element is divided by zero (none is, when there are no elements:
    a loop with no iterations divides nothing)."""
    if np.broadcast(a, b).size and np.any(b == 0):
        raise KernelFailure("integer division by zero")


def _divsi(op, a, b):
    """C division: truncates toward zero; INT_MIN / -1 wraps."""
    _check_divisor(b, a)
    sa, sb = signed(a), signed(b)
    with np.errstate(over="ignore"):
        safe = np.where(sb == -1, 1, sb).astype(sa.dtype)
        q = (sa - np.fmod(sa, safe)) // safe
        return _as(np.where(sb == -1, -sa, q), a.dtype)


def _remsi(op, a, b):
    _check_divisor(b, a)
    sa, sb = signed(a), signed(b)
    safe = np.where(sb == -1, 1, sb)
    return _as(np.where(sb == -1, 0, np.fmod(sa, safe)), a.dtype)


def _floordivsi(op, a, b):
    _check_divisor(b, a)
    sa, sb = signed(a), signed(b)
    with np.errstate(over="ignore"):
        safe = np.where(sb == -1, 1, sb)
        return _as(np.where(sb == -1, -sa, np.floor_divide(sa, safe)), a.dtype)


def _ceildivsi(op, a, b):
    _check_divisor(b, a)
    sa, sb = signed(a), signed(b)
    with np.errstate(over="ignore"):
        safe = np.where(sb == -1, 1, sb)
        return _as(np.where(sb == -1, -sa, -np.floor_divide(-sa, safe)), a.dtype)


def _unsigned_div(fn):
    def run(op, a, b):
        _check_divisor(b, a)
        return _as(fn(unsigned(a), unsigned(b)), a.dtype)

    return run


def _shift(kind: str):
    def run(op, a, b):
        w = _width(a)
        amount = unsigned(b).astype(np.uint64)
        big = amount >= w
        s = np.where(big, 0, amount).astype(np.uint64)
        if kind == "shrsi":
            s = np.where(big, w - 1, amount).astype(np.uint64)
            return _as(signed(a).astype(np.int64) >> s.astype(np.int64), a.dtype)
        u = unsigned(a).astype(np.uint64)
        shifted = (u << s) if kind == "shli" else (u >> s)
        return _as(np.where(big, np.uint64(0), shifted), a.dtype)

    return run


_CMPI = {0: np.equal, 1: np.not_equal, 2: ("s", np.less), 3: ("s", np.less_equal), 4: ("s", np.greater),
         5: ("s", np.greater_equal), 6: ("u", np.less), 7: ("u", np.less_equal), 8: ("u", np.greater),
         9: ("u", np.greater_equal)}


def _cmpi(op, a, b):
    entry = _CMPI[op.predicate.value.data]
    if not isinstance(entry, tuple):
        return entry(a, b)
    view, fn = entry
    read = signed if view == "s" else unsigned
    return fn(read(a), read(b))


def _cmpf(op, a, b):
    p = op.predicate.value.data
    with np.errstate(invalid="ignore"):
        unordered = np.isnan(a) | np.isnan(b)
        table = {
            0: lambda: np.zeros(np.broadcast(a, b).shape, np.bool_),
            1: lambda: a == b, 2: lambda: a > b, 3: lambda: a >= b, 4: lambda: a < b, 5: lambda: a <= b,
            6: lambda: (a < b) | (a > b), 7: lambda: ~unordered,
            8: lambda: ~((a < b) | (a > b)), 9: lambda: ~(a <= b), 10: lambda: ~(a < b), 11: lambda: ~(a >= b),
            12: lambda: ~(a > b), 13: lambda: a != b, 14: lambda: unordered,
            15: lambda: np.ones(np.broadcast(a, b).shape, np.bool_),
        }
        return table[p]()


def _extremum_f(pick_larger: bool):
    """maximumf/minimumf: NaN if either is NaN; -0 < +0."""

    def run(op, a, b):
        with np.errstate(invalid="ignore"):
            chosen = np.where(a > b, a, b) if pick_larger else np.where(a < b, a, b)
            ties = a == b
            negative_a = np.signbit(a)
            tie_value = np.where(negative_a, b, a) if pick_larger else np.where(negative_a, a, b)
            chosen = np.where(ties, tie_value, chosen)
            chosen = np.where(np.isnan(b), b, chosen)
            return np.where(np.isnan(a), a, chosen).astype(a.dtype, copy=False)

    return run


def _fp_to_int(limit_bits: int, x: np.ndarray) -> np.ndarray:
    """irtk_fp_to_i32 / irtk_fp_to_i64: truncate; NaN, infinities and out-of-range values give INT_MIN."""
    d = x.astype(np.float64)
    with np.errstate(invalid="ignore"):
        if limit_bits == 32:
            ok = (d > -2147483649.0) & (d < 2147483648.0)
            return np.where(ok, np.trunc(np.where(ok, d, 0)), -2147483648).astype(np.int64)
        ok = (d >= -9223372036854775808.0) & (d < 9223372036854775808.0)
        return np.where(ok, np.where(ok, d, 0).astype(np.int64), np.int64(-(2**63)))


def _fptosi(op, a):
    target = numpy_type(op.results[0].type)
    bits = 1 if target == np.bool_ else target.itemsize * 8
    wide = _fp_to_int(32 if bits <= 32 else 64, a)
    return _as(wide.astype(np.int64).astype(_SIGNED[max(bits, 8)]) if bits > 1 else wide & 1, target)


def _fptoui(op, a):
    target = numpy_type(op.results[0].type)
    bits = 1 if target == np.bool_ else target.itemsize * 8
    d = a.astype(np.float64)
    if bits < 32:
        wide = _fp_to_int(32, a)
    elif bits == 32:
        wide = _fp_to_int(64, a)
    else:
        with np.errstate(invalid="ignore"):
            high = d >= 9223372036854775808.0
            in_range = d < 18446744073709551616.0
            as_u = np.where(high & in_range, np.where(high & in_range, d, 0).astype(np.uint64), np.uint64(0))
            low = _fp_to_int(64, np.where(high, 0.0, d)).view(np.uint64)
            return _as(np.where(high, as_u, low), target)
    return _as(wide.astype(np.uint64).astype(_UNSIGNED[max(bits, 8)]) if bits > 1 else wide & 1, target)


def _int_to_float(read):
    def run(op, a):
        return read(a).astype(numpy_type(op.results[0].type))

    return run


def _ext(read):
    """Sign (extsi) or zero (extui) extension to a wider type."""
    return lambda op, a: read(a).astype(numpy_type(op.results[0].type))


def _trunci(op, a):
    """Keep the low bits."""
    target = numpy_type(op.results[0].type)
    if target == np.bool_:
        return (unsigned(a) & 1).astype(np.bool_)
    return unsigned(a).astype(_UNSIGNED[target.itemsize * 8]).view(target)


def _index_cast(op, a):
    target = numpy_type(op.results[0].type)
    if target.itemsize * 8 > _width(a) or target == np.int64:
        return signed(a).astype(target)
    return _trunci(op, a)


def _libm(name: str):
    return lambda op, *args: libm.apply(name, *args)


def _c_call(op: func.CallOp, *args):
    """A call of a C library function (see `irtk.dialects.c_library`): the same function, through libm."""
    name = double_name(op.callee.string_value())
    if name is None:
        raise NotImplementedError(f"the evaluator cannot call @{op.callee.string_value()}")
    return libm.apply(name, *args)


def _constant(op: arith.ConstantOp):
    value = op.value
    t = numpy_type(op.result.type)
    if isinstance(value, FloatAttr):
        return np.array(value.value.data, dtype=t)
    assert isinstance(value, IntegerAttr)
    v = value.value.data
    if t == np.bool_:
        return np.array(bool(v & 1))
    bits = t.itemsize * 8
    v &= (1 << bits) - 1
    return np.array(v - (1 << bits) if v >= 1 << (bits - 1) else v, dtype=t)


def _ipowi(op, base, exponent):
    base = signed(base).astype(np.int64)
    e = signed(exponent).astype(np.int64)
    result = np.ones(np.broadcast(base, e).shape, np.int64)
    b = np.broadcast_to(base, result.shape).copy()
    remaining = np.broadcast_to(np.where(e < 0, 0, e), result.shape).copy()
    with np.errstate(over="ignore"):
        while np.any(remaining):
            odd = (remaining & 1) == 1
            result = np.where(odd, result * b, result)
            b = b * b
            remaining >>= 1
    negative = np.broadcast_to(e < 0, result.shape)
    neg_value = np.where(base == 1, 1, np.where(base == -1, np.where(e & 1, -1, 1), 0))
    return _as(np.where(negative, neg_value, result), exponent.dtype if exponent.dtype == base.dtype else numpy_type(op.results[0].type))


#: op class -> function(op, *operand arrays) -> result array
OPS: dict[type[Operation], Callable] = {
    arith.AddfOp: lambda op, a, b: a + b,
    arith.SubfOp: lambda op, a, b: a - b,
    arith.MulfOp: lambda op, a, b: a * b,
    arith.DivfOp: lambda op, a, b: np.divide(a, b),
    arith.NegfOp: lambda op, a: -a,
    arith.MaximumfOp: _extremum_f(True),
    arith.MinimumfOp: _extremum_f(False),
    arith.MaxnumfOp: lambda op, a, b: np.fmax(a, b),
    arith.MinnumfOp: lambda op, a, b: np.fmin(a, b),
    arith.AddiOp: _wrap(np.add),
    arith.SubiOp: _wrap(np.subtract),
    arith.MuliOp: _wrap(np.multiply),
    arith.DivSIOp: _divsi,
    arith.RemSIOp: _remsi,
    arith.FloorDivSIOp: _floordivsi,
    arith.CeilDivSIOp: _ceildivsi,
    arith.DivUIOp: _unsigned_div(np.floor_divide),
    arith.RemUIOp: _unsigned_div(np.remainder),
    arith.CeilDivUIOp: _unsigned_div(lambda a, b: a // b + (a % b != 0)),
    arith.AndIOp: lambda op, a, b: a & b,
    arith.OrIOp: lambda op, a, b: a | b,
    arith.XOrIOp: lambda op, a, b: a ^ b,
    arith.ShLIOp: _shift("shli"),
    arith.ShRUIOp: _shift("shrui"),
    arith.ShRSIOp: _shift("shrsi"),
    arith.MaxSIOp: lambda op, a, b: np.where(signed(a) > signed(b), a, b),
    arith.MinSIOp: lambda op, a, b: np.where(signed(a) < signed(b), a, b),
    arith.MaxUIOp: lambda op, a, b: np.where(unsigned(a) > unsigned(b), a, b),
    arith.MinUIOp: lambda op, a, b: np.where(unsigned(a) < unsigned(b), a, b),
    arith.CmpiOp: _cmpi,
    arith.CmpfOp: _cmpf,
    arith.SelectOp: lambda op, c, a, b: np.where(c, a, b),
    arith.IndexCastOp: _index_cast,
    arith.ExtSIOp: _ext(signed),
    arith.ExtUIOp: _ext(unsigned),
    arith.TruncIOp: _trunci,
    arith.SIToFPOp: _int_to_float(signed),
    arith.UIToFPOp: _int_to_float(unsigned),
    arith.FPToSIOp: _fptosi,
    arith.FPToUIOp: _fptoui,
    arith.ExtFOp: lambda op, a: a.astype(numpy_type(op.results[0].type)),
    arith.TruncFOp: lambda op, a: a.astype(numpy_type(op.results[0].type)),
    arith.BitcastOp: lambda op, a: a.view(numpy_type(op.results[0].type)),
    math.AbsFOp: lambda op, a: np.abs(a),
    math.SqrtOp: lambda op, a: np.sqrt(a),
    math.FloorOp: lambda op, a: np.floor(a),
    math.CeilOp: lambda op, a: np.ceil(a),
    math.TruncOp: lambda op, a: np.trunc(a),
    math.RoundEvenOp: lambda op, a: np.rint(a),
    math.CopySignOp: lambda op, a, b: np.copysign(a, b),
    math.RsqrtOp: lambda op, a: a.dtype.type(1) / np.sqrt(a),
    math.AbsIOp: lambda op, a: _as(np.where(signed(a) < 0, _wrap(np.subtract)(op, np.zeros_like(a), a), a), a.dtype),
    math.IPowIOp: _ipowi,
    math.FPowIOp: lambda op, a, b: libm.apply("pow", a, signed(b).astype(a.dtype)),
    math.PowFOp: _libm("pow"),
    math.Atan2Op: _libm("atan2"),
    math.RoundOp: _libm("round"),
    ErfcOp: _libm("erfc"),
    RemFOp: _libm("fmod"),
    func.CallOp: _c_call,
    **{cls: _libm(name) for cls, name in (
        (math.ExpOp, "exp"), (math.Exp2Op, "exp2"), (math.ExpM1Op, "expm1"), (math.LogOp, "log"),
        (math.Log2Op, "log2"), (math.Log10Op, "log10"), (math.Log1pOp, "log1p"), (math.SinOp, "sin"),
        (math.CosOp, "cos"), (math.TanOp, "tan"), (math.AsinOp, "asin"), (math.AcosOp, "acos"),
        (math.AtanOp, "atan"), (math.SinhOp, "sinh"), (math.CoshOp, "cosh"), (math.TanhOp, "tanh"),
        (math.AsinhOp, "asinh"), (math.AcoshOp, "acosh"), (math.AtanhOp, "atanh"), (math.ErfOp, "erf"),
        (math.CbrtOp, "cbrt"),
    )},
    **complex_ops.OPS,
}


def evaluate(op: Operation, operands: list[np.ndarray]) -> np.ndarray:
    """The result of the scalar op `op` on arrays of its operands (broadcast against each other)."""
    if isinstance(op, arith.ConstantOp):
        return _constant(op)
    fn = entry_for(OPS, op)
    if fn is None:
        raise NotImplementedError(f"the evaluator cannot run {op.name}")
    with np.errstate(all="ignore"):
        result = np.asarray(fn(op, *operands))
    want = numpy_type(op.results[0].type)
    return result if result.dtype == want else _as(result, want) if want.kind in "biu" and result.dtype.kind in "biu" else result.astype(want)
