"""Pure scalar ops (`arith.*`, `math.*`) as C expressions: the expression half of the dispatch table.

Each entry renders one op from the C text of its operands; the printer binds the result to a fresh
`const` temporary. One op is one statement, so a C compiler cannot reassociate or fuse floating-point
arithmetic across ops (the build also passes -ffp-contract=off), and `float` operands stay `float`:
C++ evaluates `float + float` in float, and `std::exp(float)` is the float overload.

Integer ops whose C operators would be undefined where MLIR's are defined (overflow, shifts, division)
go through the `irtk_*` helpers of `scalar_helpers.py`; so do complex products and quotients, whose C++
operators compute other formulas than numpy's (`COMPLEX_HELPERS`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xdsl.dialects import arith, math
from xdsl.dialects import complex as cx
from xdsl.dialects.builtin import FloatAttr, IntegerAttr
from xdsl.ir import Operation

from irtk.codegen.scalars import bit_width, complex_literal, float_literal, int_literal
from irtk.codegen.vector_math import VECTOR_MATH, vector_math_call
from irtk.dialects.upstream import ComplexAddOp, ComplexDivOp, ComplexMulOp, ComplexSubOp, ErfcOp, RemFOp

if TYPE_CHECKING:
    from irtk.codegen.cstyle import CStylePrinter

#: Renders an op whose operands have the given C texts as a C expression.
Expr = Callable[["CStylePrinter", Operation, list[str]], str]


def infix(symbol: str) -> Expr:
    return lambda p, op, a: f"{a[0]} {symbol} {a[1]}"


def call(function: str) -> Expr:
    return lambda p, op, a: f"{function}({', '.join(a)})"


def math_call(function: str) -> Expr:
    """A `<cmath>` function, named through the printer so that a target can pick its own spelling."""
    return lambda p, op, a: f"{p.math_function(function)}({', '.join(a)})"


def cast(template: str) -> Expr:
    """`template` with {to} the result's C type and {x} the operand."""
    return lambda p, op, a: template.format(to=p.c_type(op.results[0].type), x=a[0])


def constant(p: CStylePrinter, op: Operation, a: list[str]) -> str:
    assert isinstance(op, arith.ConstantOp)
    value = op.value
    if isinstance(value, FloatAttr):
        return float_literal(value.value.data, value.type)
    assert isinstance(value, IntegerAttr)
    return int_literal(value.value.data, value.type)


def index_cast(p: CStylePrinter, op: Operation, a: list[str]) -> str:
    """Sign-extends to a wider type, truncates to a narrower one."""
    source, result = op.operands[0].type, op.results[0].type
    if bit_width(result) > bit_width(source):
        return f"static_cast<{p.c_type(result)}>(irtk_s({a[0]}))"
    return f"irtk_to<{p.c_type(result)}>({a[0]})"


def bitcast(p: CStylePrinter, op: Operation, a: list[str]) -> str:
    if op.operands[0].type == op.results[0].type:
        return a[0]
    return f"irtk_bitcast<{p.c_type(op.results[0].type)}>({a[0]})"


#: arith.cmpi predicates, in the order of their integer encoding.
CMPI = ("{0} == {1}", "{0} != {1}")
CMPI += tuple(f"irtk_{view}({{0}}) {rel} irtk_{view}({{1}})" for view in "su" for rel in ("<", "<=", ">", ">="))

#: arith.cmpf predicates, in the order of their encoding. C comparisons are false on NaN (ordered),
#: except `!=` (unordered); the other unordered forms negate the opposite ordered comparison.
CMPF = (
    "false",
    "{0} == {1}",
    "{0} > {1}",
    "{0} >= {1}",
    "{0} < {1}",
    "{0} <= {1}",
    "({0} < {1} || {0} > {1})",
    "({0} == {0} && {1} == {1})",
    "!({0} < {1} || {0} > {1})",
    "!({0} <= {1})",
    "!({0} < {1})",
    "!({0} >= {1})",
    "!({0} > {1})",
    "{0} != {1}",
    "({0} != {0} || {1} != {1})",
    "true",
)


def compare(table: tuple[str, ...]) -> Expr:
    return lambda p, op, a: table[op.predicate.value.data].format(*a)  # type: ignore[attr-defined]


def choose(view: str, relation: str) -> Expr:
    """min/max on the signed (`s`) or unsigned (`u`) reading of signless integers."""
    return lambda p, op, a: f"irtk_{view}({a[0]}) {relation} irtk_{view}({a[1]}) ? {a[0]} : {a[1]}"


ARITH: dict[type[Operation], Expr] = {
    arith.ConstantOp: constant,
    arith.AddfOp: infix("+"),
    arith.SubfOp: infix("-"),
    arith.MulfOp: infix("*"),
    arith.DivfOp: infix("/"),
    arith.NegfOp: lambda p, op, a: f"-{a[0]}",
    arith.MaximumfOp: call("irtk_maximumf"),
    arith.MinimumfOp: call("irtk_minimumf"),
    arith.MaxnumfOp: math_call("fmax"),
    arith.MinnumfOp: math_call("fmin"),
    arith.AddiOp: call("irtk_addi"),
    arith.SubiOp: call("irtk_subi"),
    arith.MuliOp: call("irtk_muli"),
    arith.DivSIOp: call("irtk_divsi"),
    arith.DivUIOp: call("irtk_divui"),
    arith.RemSIOp: call("irtk_remsi"),
    arith.RemUIOp: call("irtk_remui"),
    arith.FloorDivSIOp: call("irtk_floordivsi"),
    arith.CeilDivSIOp: call("irtk_ceildivsi"),
    arith.CeilDivUIOp: call("irtk_ceildivui"),
    arith.AndIOp: infix("&"),
    arith.OrIOp: infix("|"),
    arith.XOrIOp: infix("^"),
    arith.ShLIOp: call("irtk_shli"),
    arith.ShRUIOp: call("irtk_shrui"),
    arith.ShRSIOp: call("irtk_shrsi"),
    arith.MinSIOp: choose("s", "<"),
    arith.MaxSIOp: choose("s", ">"),
    arith.MinUIOp: choose("u", "<"),
    arith.MaxUIOp: choose("u", ">"),
    arith.CmpiOp: compare(CMPI),
    arith.CmpfOp: compare(CMPF),
    arith.SelectOp: lambda p, op, a: f"{a[0]} ? {a[1]} : {a[2]}",
    arith.IndexCastOp: index_cast,
    arith.ExtSIOp: cast("static_cast<{to}>(irtk_s({x}))"),
    arith.ExtUIOp: cast("static_cast<{to}>(irtk_u({x}))"),
    arith.TruncIOp: cast("irtk_to<{to}>({x})"),
    arith.SIToFPOp: cast("static_cast<{to}>(irtk_s({x}))"),
    arith.UIToFPOp: cast("static_cast<{to}>(irtk_u({x}))"),
    arith.FPToSIOp: cast("irtk_fptosi<{to}>({x})"),
    arith.FPToUIOp: cast("irtk_fptoui<{to}>({x})"),
    arith.ExtFOp: cast("static_cast<{to}>({x})"),
    arith.TruncFOp: cast("static_cast<{to}>({x})"),
    arith.BitcastOp: bitcast,
}

#: math ops with a `<cmath>` counterpart of the same meaning, by that function's name.
CMATH: dict[type[Operation], str] = {
    math.AbsFOp: "fabs",
    math.AcosOp: "acos",
    math.AcoshOp: "acosh",
    math.AsinOp: "asin",
    math.AsinhOp: "asinh",
    math.AtanOp: "atan",
    math.Atan2Op: "atan2",
    math.AtanhOp: "atanh",
    math.CbrtOp: "cbrt",
    math.CeilOp: "ceil",
    math.CopySignOp: "copysign",
    math.CosOp: "cos",
    math.CoshOp: "cosh",
    math.ErfOp: "erf",
    math.ExpOp: "exp",
    math.Exp2Op: "exp2",
    math.ExpM1Op: "expm1",
    math.FloorOp: "floor",
    math.FmaOp: "fma",
    math.LogOp: "log",
    math.Log10Op: "log10",
    math.Log1pOp: "log1p",
    math.Log2Op: "log2",
    math.PowFOp: "pow",
    math.RoundOp: "round",  # halfway cases away from zero, as math.round
    math.RoundEvenOp: "nearbyint",  # in the default rounding mode: halfway cases to even
    math.SinOp: "sin",
    math.SinhOp: "sinh",
    math.SqrtOp: "sqrt",
    math.TanOp: "tan",
    math.TanhOp: "tanh",
    math.TruncOp: "trunc",
}

MATH: dict[type[Operation], Expr] = {
    **{op: math_call(function) for op, function in CMATH.items()},
    **{op: vector_math_call(function) for op, function in VECTOR_MATH.items()},  # irtk_exp, ... on f32/f64
    ErfcOp: math_call("erfc"),
    RemFOp: math_call("fmod"),  # arith.remf: the remainder with the dividend's sign
    math.RsqrtOp: call("irtk_rsqrt"),
    math.FPowIOp: lambda p, op, a: f"{p.math_function('pow')}({a[0]}, static_cast<{p.c_type(op.result.type)}>({a[1]}))",
    math.AbsIOp: call("irtk_absi"),
    math.IPowIOp: call("irtk_ipowi"),
    math.CountLeadingZerosOp: call("irtk_ctlz"),
    math.CountTrailingZerosOp: call("irtk_cttz"),
    math.CtPopOp: call("irtk_ctpop"),
}

def complex_constant(p: CStylePrinter, op: Operation, a: list[str]) -> str:
    assert isinstance(op, cx.ConstantOp)
    re, im = (attr.value.data for attr in op.value.data)  # type: ignore[union-attr]
    return complex_literal((re, im), op.complex.type)  # type: ignore[arg-type]


#: complex ops on `std::complex<float>`/`std::complex<double>` values; the transcendental functions are
#: `<complex>`'s overloads, which call the C library's `cexp`, `clog`, ... (what the evaluator calls too).
COMPLEX: dict[type[Operation], Expr] = {
    cx.ConstantOp: complex_constant,
    cx.CreateOp: lambda p, op, a: f"{p.c_type(op.results[0].type)}({a[0]}, {a[1]})",
    cx.ReOp: lambda p, op, a: f"{a[0]}.real()",
    cx.ImOp: lambda p, op, a: f"{a[0]}.imag()",
    ComplexAddOp: infix("+"),  # part by part
    ComplexSubOp: infix("-"),
    ComplexMulOp: call("irtk_cmul"),
    ComplexDivOp: call("irtk_cdiv"),
    cx.NegOp: lambda p, op, a: f"-{a[0]}",
    cx.ConjOp: call("irtk_conj"),
    cx.AbsOp: call("irtk_cabs"),
    cx.AngleOp: call("irtk_carg"),
    cx.EqualOp: infix("=="),  # both parts equal
    cx.NotEqualOp: infix("!="),  # either part differs
    cx.PowOp: math_call("pow"),
    **{op: math_call(function) for op, function in (
        (cx.ExpOp, "exp"), (cx.LogOp, "log"), (cx.SqrtOp, "sqrt"), (cx.SinOp, "sin"), (cx.CosOp, "cos"),
        (cx.TanOp, "tan"), (cx.TanhOp, "tanh"),
    )},
}

#: Every pure scalar op the C-style printers print as an expression.
EXPRESSIONS: dict[type[Operation], Expr] = {**ARITH, **MATH, **COMPLEX}
