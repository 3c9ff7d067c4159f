"""Scalar arithmetic by dtype: the building blocks that lowerings put inside `linalg.generic` bodies.

One function per operation picks the arith/math op for a dtype (`addf` for floats, `addi` for
integers, ...), so that op families describe their scalar semantics once, independent of dtype. Complex dtypes
use the `complex` dialect; their cases live in `complex_scalar.py`.
"""

from __future__ import annotations

from xdsl.builder import Builder
from xdsl.dialects import arith, math
from xdsl.dialects import complex as cx
from xdsl.dialects.builtin import FloatAttr, IntegerAttr, IntegerType, Signedness
from xdsl.ir import SSAValue

from irtk.dialects.irtk.types import element_type, is_complex, is_float
from irtk.dialects.upstream import ComplexAddOp, ComplexDivOp, ComplexMulOp, ComplexSubOp, ErfcOp

#: The signless integer type that arith computes on for a (possibly unsigned) dtype.
_WIDTH = {"bool": 1, "int8": 8, "int16": 16, "int32": 32, "int64": 64,
          "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64}


def scalar_type(dtype: str):
    """The arith type of a dtype: signless integers (signedness lives in the choice of op)."""
    if dtype in _WIDTH:
        return IntegerType(_WIDTH[dtype])
    return element_type(dtype)


def _unsigned(dtype: str) -> bool:
    return dtype.startswith("uint") or dtype == "bool"


def constant(b: Builder, value: float | int | complex, dtype: str) -> SSAValue:
    if is_complex(dtype):
        return _complex().constant(b, value, dtype)
    t = scalar_type(dtype)
    attr = FloatAttr(float(value), t) if is_float(dtype) else IntegerAttr(int(value), t)
    return b.insert(arith.ConstantOp(attr, t)).result


def cast(b: Builder, x: SSAValue, src: str, dst: str) -> SSAValue:
    """Convert a scalar from dtype `src` to dtype `dst` with numpy's `astype` semantics."""
    if src == dst:
        return x
    if is_complex(src) or is_complex(dst):
        return _complex().cast(b, x, src, dst)
    t = scalar_type(dst)
    if is_float(src) and is_float(dst):
        op = arith.ExtFOp(x, t) if _bits(dst) > _bits(src) else arith.TruncFOp(x, t)
    elif is_float(dst):
        op = arith.UIToFPOp(x, t) if _unsigned(src) else arith.SIToFPOp(x, t)
    elif dst == "bool":
        zero = constant(b, 0, src)
        pred = "une" if is_float(src) else "ne"
        op = arith.CmpfOp(x, zero, pred) if is_float(src) else arith.CmpiOp(x, zero, pred)
    elif is_float(src):
        op = arith.FPToUIOp(x, t) if _unsigned(dst) else arith.FPToSIOp(x, t)
    elif _bits(dst) > _bits(src):
        op = arith.ExtUIOp(x, t) if _unsigned(src) else arith.ExtSIOp(x, t)
    elif _bits(dst) < _bits(src):
        op = arith.TruncIOp(x, t)
    else:
        return x  # same width, signedness only: the bits are unchanged
    return b.insert(op).results[0]


def _bits(dtype: str) -> int:
    return _WIDTH.get(dtype) or {"float32": 32, "float64": 64}[dtype]


def add(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    """`x + y`; for booleans numpy's `+` is logical or."""
    if dtype == "bool":
        return b.insert(arith.OrIOp(x, y)).result
    if is_complex(dtype):
        return b.insert(ComplexAddOp(x, y)).result
    return b.insert(arith.AddfOp(x, y) if is_float(dtype) else arith.AddiOp(x, y)).result


def sub(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    if is_complex(dtype):
        return b.insert(ComplexSubOp(x, y)).result
    return b.insert(arith.SubfOp(x, y) if is_float(dtype) else arith.SubiOp(x, y)).result


def mul(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    """`x * y`; for booleans numpy's `*` is logical and."""
    if dtype == "bool":
        return b.insert(arith.AndIOp(x, y)).result
    if is_complex(dtype):
        return b.insert(ComplexMulOp(x, y)).result
    return b.insert(arith.MulfOp(x, y) if is_float(dtype) else arith.MuliOp(x, y)).result


def div(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    if is_complex(dtype):
        return b.insert(ComplexDivOp(x, y)).result
    if not is_float(dtype):
        raise TypeError(f"true division needs a floating-point dtype, got {dtype}")
    return b.insert(arith.DivfOp(x, y)).result


def neg(b: Builder, x: SSAValue, dtype: str) -> SSAValue:
    if is_float(dtype):
        return b.insert(arith.NegfOp(x)).result
    if is_complex(dtype):
        return b.insert(cx.NegOp(x)).result
    return sub(b, constant(b, 0, dtype), x, dtype)


def _complex():
    """The complex cases (`complex_scalar`, which builds on this module)."""
    from irtk.dialects.irtk import complex_scalar

    return complex_scalar


# ---------------------------------------------------------------- the scalar language of op bodies


class Scalar:
    """One element inside an op's body: an SSA value and the numpy dtype it stands for.

    Integers are signless in arith, so the dtype is what says whether `<` is signed or unsigned; it also
    lets body definitions be written once for every dtype (`s.add` picks `addf`, `addi` or `ori`).
    """

    __slots__ = ("value", "dtype")

    def __init__(self, value: SSAValue, dtype: str):
        self.value = value
        self.dtype = dtype

    def __repr__(self) -> str:
        return f"Scalar({self.dtype})"


class ScalarBuilder:
    """Builds the scalar code of one element with numpy's semantics for each dtype.

    An op definition's `body` receives one of these and its operands as `Scalar`s, already converted to
    the dtypes its type rule chose, and returns the result `Scalar`. Lowering puts that code inside a
    `linalg.generic`; the FAST_COMPILE evaluator runs the very same ops on arrays, so the body is the
    op's one and only meaning.
    """

    def __init__(self, builder: Builder):
        self.b = builder

    # ---- plumbing
    def _op(self, op, dtype: str) -> Scalar:
        return Scalar(self.b.insert(op).results[0], dtype)

    def const(self, value, dtype: str) -> Scalar:
        return Scalar(constant(self.b, value, dtype), dtype)

    def like(self, value, x: Scalar) -> Scalar:
        """The constant `value` in `x`'s dtype."""
        return self.const(value, x.dtype)

    def cast(self, x: Scalar, dtype: str) -> Scalar:
        return Scalar(cast(self.b, x.value, x.dtype, dtype), dtype)

    def index_to_int64(self, x: Scalar) -> Scalar:
        """An `index` (a loop index) as an int64 element."""
        return self._op(arith.IndexCastOp(x.value, IntegerType(64)), "int64")

    # ---- arithmetic
    def add(self, x: Scalar, y: Scalar) -> Scalar:
        return Scalar(add(self.b, x.value, y.value, x.dtype), x.dtype)

    def sub(self, x: Scalar, y: Scalar) -> Scalar:
        return Scalar(sub(self.b, x.value, y.value, x.dtype), x.dtype)

    def mul(self, x: Scalar, y: Scalar) -> Scalar:
        return Scalar(mul(self.b, x.value, y.value, x.dtype), x.dtype)

    def div(self, x: Scalar, y: Scalar) -> Scalar:
        return Scalar(div(self.b, x.value, y.value, x.dtype), x.dtype)

    def neg(self, x: Scalar) -> Scalar:
        return Scalar(neg(self.b, x.value, x.dtype), x.dtype)

    def floordiv(self, x: Scalar, y: Scalar) -> Scalar:
        """numpy's `//`: floor division; an integer divided by 0 gives 0 (numpy warns, and so never traps)."""
        if is_float(x.dtype):
            return self._float_divmod(x, y)[0]
        zero = self.like(0, y)
        y_is_zero = self.eq(y, zero)
        safe = self.select(y_is_zero, self.like(1, y), y)
        op = arith.DivUIOp if _unsigned(x.dtype) else arith.FloorDivSIOp
        return self.select(y_is_zero, zero, self._op(op(x.value, safe.value), x.dtype))

    def mod(self, x: Scalar, y: Scalar) -> Scalar:
        """numpy's `%`: the remainder has the divisor's sign; an integer modulo 0 gives 0."""
        if is_float(x.dtype):
            return self._float_divmod(x, y)[1]
        zero = self.like(0, y)
        y_is_zero = self.eq(y, zero)
        safe = self.select(y_is_zero, self.like(1, y), y)
        if _unsigned(x.dtype):
            return self.select(y_is_zero, zero, self._op(arith.RemUIOp(x.value, safe.value), x.dtype))
        r = self._op(arith.RemSIOp(x.value, safe.value), x.dtype)
        # C's remainder has the dividend's sign; move it to the divisor's
        adjust = self.logical_and(self.ne(r, zero), self.ne(self.lt(r, zero), self.lt(safe, zero)))
        return self.select(y_is_zero, zero, self.select(adjust, self.add(r, safe), r))

    def fmod(self, x: Scalar, y: Scalar) -> Scalar:
        """C's `fmod`: the remainder with the dividend's sign (`arith.remf`)."""
        from irtk.dialects.upstream import RemFOp

        return self._op(RemFOp(x.value, y.value), x.dtype)

    def _float_divmod(self, x: Scalar, y: Scalar) -> tuple[Scalar, Scalar]:
        """numpy's float (x // y, x % y), step for step as numpy computes them from `fmod` (npy_divmod): the
        quotient `(x - fmod(x, y)) / y` snapped to an integer, so that `1.0 // 0.1` is 9 as in numpy (and
        Python), not `floor(1.0 / 0.1)` = 10; a zero divisor gives `x / y` and `fmod(x, 0)` (NaN)."""
        zero, one = self.like(0, x), self.like(1, x)
        mod = self.fmod(x, y)
        quotient = self.div(x, y)
        div = self.div(self.sub(x, mod), y)
        mod_nonzero = self.ne(mod, zero)  # true for NaN, as C's `if (mod)`
        adjust = self.logical_and(mod_nonzero, self.ne(self.lt(y, zero), self.lt(mod, zero)))
        modulus = self.select(adjust, self.add(mod, y), self.select(mod_nonzero, mod, self.copysign(zero, y)))
        div = self.select(adjust, self.sub(div, one), div)
        floor = self.floor(div)
        floor = self.select(self.gt(self.sub(div, floor), self.like(0.5, x)), self.add(floor, one), floor)
        floordiv = self.select(self.ne(div, zero), floor, self.copysign(zero, quotient))
        y_is_zero = self.eq(y, zero)
        return self.select(y_is_zero, quotient, floordiv), self.select(y_is_zero, mod, modulus)

    def copysign(self, x: Scalar, y: Scalar) -> Scalar:
        return self._op(math.CopySignOp(x.value, y.value), x.dtype)

    def pow(self, x: Scalar, y: Scalar) -> Scalar:
        if is_complex(x.dtype):
            return _complex().pow_(self, x, y)
        if is_float(x.dtype):
            if is_float(y.dtype):
                return self._op(math.PowFOp(x.value, y.value), x.dtype)
            return self._op(math.PowFOp(x.value, self.cast(y, x.dtype).value), x.dtype)
        e = self.cast(y, x.dtype)
        if not x.dtype.startswith("uint"):
            return self._op(math.IPowIOp(x.value, e.value), x.dtype)
        # `ipowi` reads its exponent signed, so an unsigned one of 2**(w-1) or more would be negative. Such an
        # x**e is x**(e - 2**(w-1)) times x**(2**(w-1)), which is 1 modulo 2**w for an odd x and 0 for an even one.
        low = self.bitwise_and(e, self.like(2 ** (_bits(x.dtype) - 1) - 1, e))
        power = self._op(math.IPowIOp(x.value, low.value), x.dtype)
        zero = self.like(0, x)
        odd = self.ne(self.bitwise_and(x, self.like(1, x)), zero)
        return self.select(self.ne(e, low), self.select(odd, power, zero), power)

    def abs(self, x: Scalar) -> Scalar:
        """`|x|`; of a complex number, a float (its magnitude)."""
        if is_complex(x.dtype):
            return _complex().abs_(self, x)
        if is_float(x.dtype):
            return self._op(math.AbsFOp(x.value), x.dtype)
        if _unsigned(x.dtype):
            return x
        return self._op(math.AbsIOp(x.value), x.dtype)

    def maximum(self, x: Scalar, y: Scalar) -> Scalar:
        """numpy's `maximum`: NaN if either is NaN."""
        if is_float(x.dtype):
            return self._op(arith.MaximumfOp(x.value, y.value), x.dtype)
        return self._op((arith.MaxUIOp if _unsigned(x.dtype) else arith.MaxSIOp)(x.value, y.value), x.dtype)

    def minimum(self, x: Scalar, y: Scalar) -> Scalar:
        if is_float(x.dtype):
            return self._op(arith.MinimumfOp(x.value, y.value), x.dtype)
        return self._op((arith.MinUIOp if _unsigned(x.dtype) else arith.MinSIOp)(x.value, y.value), x.dtype)

    # ---- comparisons and logic (results are bool)
    _CMPF = {"lt": "olt", "le": "ole", "gt": "ogt", "ge": "oge", "eq": "oeq", "ne": "une"}
    _CMPI_SIGNED = {"lt": "slt", "le": "sle", "gt": "sgt", "ge": "sge", "eq": "eq", "ne": "ne"}
    _CMPI_UNSIGNED = {"lt": "ult", "le": "ule", "gt": "ugt", "ge": "uge", "eq": "eq", "ne": "ne"}

    def compare(self, relation: str, x: Scalar, y: Scalar) -> Scalar:
        """numpy's comparisons: false on NaN, except `!=` which is true."""
        if is_complex(x.dtype):
            return _complex().compare(self, relation, x, y)
        if is_float(x.dtype):
            return self._op(arith.CmpfOp(x.value, y.value, self._CMPF[relation]), "bool")
        table = self._CMPI_UNSIGNED if _unsigned(x.dtype) else self._CMPI_SIGNED
        return self._op(arith.CmpiOp(x.value, y.value, table[relation]), "bool")

    def lt(self, x, y): return self.compare("lt", x, y)  # noqa: E704
    def le(self, x, y): return self.compare("le", x, y)  # noqa: E704
    def gt(self, x, y): return self.compare("gt", x, y)  # noqa: E704
    def ge(self, x, y): return self.compare("ge", x, y)  # noqa: E704
    def eq(self, x, y): return self.compare("eq", x, y)  # noqa: E704
    def ne(self, x, y): return self.compare("ne", x, y)  # noqa: E704

    def bitwise_and(self, x: Scalar, y: Scalar) -> Scalar:
        return self._op(arith.AndIOp(x.value, y.value), x.dtype)

    def bitwise_or(self, x: Scalar, y: Scalar) -> Scalar:
        return self._op(arith.OrIOp(x.value, y.value), x.dtype)

    def bitwise_xor(self, x: Scalar, y: Scalar) -> Scalar:
        return self._op(arith.XOrIOp(x.value, y.value), x.dtype)

    def shift_left(self, x: Scalar, bits: int) -> Scalar:
        """`x << bits` (bits past the width are shifted out)."""
        return self._op(arith.ShLIOp(x.value, self.like(bits, x).value), x.dtype)

    def shift_right_logical(self, x: Scalar, bits: int) -> Scalar:
        """`x >> bits` with zeros shifted in, whatever the dtype's signedness (the bits read as unsigned)."""
        return self._op(arith.ShRUIOp(x.value, self.like(bits, x).value), x.dtype)

    def invert(self, x: Scalar) -> Scalar:
        """`~x`: all bits flipped (for bool, logical not)."""
        return self.bitwise_xor(x, self.like(1 if x.dtype == "bool" else -1, x))

    logical_and = bitwise_and
    logical_or = bitwise_or

    def truth(self, x: Scalar) -> Scalar:
        """`x != 0` as a bool (numpy's truth value of a number)."""
        return x if x.dtype == "bool" else self.cast(x, "bool")

    def select(self, condition: Scalar, if_true: Scalar, if_false: Scalar) -> Scalar:
        return self._op(arith.SelectOp(condition.value, if_true.value, if_false.value), if_true.dtype)

    def isnan(self, x: Scalar) -> Scalar:
        if is_complex(x.dtype):
            return _complex().isnan(self, x)
        if not is_float(x.dtype):
            return self.const(False, "bool")
        return self._op(arith.CmpfOp(x.value, x.value, "uno"), "bool")

    def isinf(self, x: Scalar) -> Scalar:
        if is_complex(x.dtype):
            return _complex().isinf(self, x)
        if not is_float(x.dtype):
            return self.const(False, "bool")
        return self.eq(self.abs(x), self.like(float("inf"), x))

    # ---- the math dialect: float operands (integers are converted by the op's type rule first)
    def unary_math(self, name: str, x: Scalar) -> Scalar:
        if is_complex(x.dtype):  # the complex dialect's: exp, log, sqrt, sin, cos, tan, tanh
            return _complex().function(self, name, x)
        return self._op(_MATH_UNARY[name](x.value), x.dtype)

    # ---- complex numbers (a real operand is a number whose imaginary part is 0)
    def real(self, x: Scalar) -> Scalar:
        return _complex().real(self, x) if is_complex(x.dtype) else x

    def imag(self, x: Scalar) -> Scalar:
        return _complex().imag(self, x) if is_complex(x.dtype) else self.like(0, x)

    def conj(self, x: Scalar) -> Scalar:
        return _complex().conj(self, x) if is_complex(x.dtype) else x

    def angle(self, x: Scalar) -> Scalar:
        """numpy's `angle`: `atan2(imag, real)`, in the float dtype of x's parts (x real: a float already)."""
        return _complex().angle(self, x) if is_complex(x.dtype) else self.atan2(self.like(0, x), x)

    def complex(self, re: Scalar, im: Scalar, dtype: str) -> Scalar:
        """`re + im j` of complex `dtype`, from floats of its parts' dtype."""
        return _complex().create(self, re, im, dtype)

    def __getattr__(self, name: str):
        if name in _MATH_UNARY:
            return lambda x: self.unary_math(name, x)
        raise AttributeError(name)

    def c_call(self, function: str, *args: Scalar) -> Scalar:
        """A C library function no MLIR op names (`tgamma`, `lgamma`), as a `func.call` (see `c_library`)."""
        from irtk.dialects import c_library

        return Scalar(c_library.call(self.b, function, [a.value for a in args], args[0].dtype), args[0].dtype)

    def atan2(self, y: Scalar, x: Scalar) -> Scalar:
        return self._op(math.Atan2Op(y.value, x.value), y.dtype)

    def floor(self, x: Scalar) -> Scalar:
        return self.unary_math("floor", x) if is_float(x.dtype) else x

    def ceil(self, x: Scalar) -> Scalar:
        return self.unary_math("ceil", x) if is_float(x.dtype) else x

    def trunc(self, x: Scalar) -> Scalar:
        return self.unary_math("trunc", x) if is_float(x.dtype) else x


#: The unary ops of the math dialect a body can use by name: `s.tanh(x)`.
_MATH_UNARY = {
    "exp": math.ExpOp, "exp2": math.Exp2Op, "expm1": math.ExpM1Op, "log": math.LogOp, "log2": math.Log2Op,
    "log10": math.Log10Op, "log1p": math.Log1pOp, "sqrt": math.SqrtOp, "sin": math.SinOp, "cos": math.CosOp,
    "tan": math.TanOp, "arcsin": math.AsinOp, "arccos": math.AcosOp, "arctan": math.AtanOp,
    "sinh": math.SinhOp, "cosh": math.CoshOp, "tanh": math.TanhOp, "arcsinh": math.AsinhOp,
    "arccosh": math.AcoshOp, "arctanh": math.AtanhOp, "erf": math.ErfOp, "floor": math.FloorOp,
    "ceil": math.CeilOp, "trunc": math.TruncOp, "round_half_away_from_zero": math.RoundOp,
    "round_half_to_even": math.RoundEvenOp, "cbrt": math.CbrtOp, "erfc": ErfcOp,
}


__all__ = ["scalar_type", "constant", "cast", "add", "sub", "mul", "div", "neg", "Scalar", "ScalarBuilder", "Signedness"]
