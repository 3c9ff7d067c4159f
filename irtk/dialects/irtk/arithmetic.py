"""Arithmetic: `+ - * / // % **`, negation, `abs`, `sgn`, `maximum`, `minimum`, `sqr`.

Each op is one declaration: its scalar body (numpy's semantics for every dtype), its dtype rule and its
gradient rule. See `opdef.elementwise` for what each part means.
"""

from __future__ import annotations

from irtk.dialects.irtk.opdef import TRUE_DIV, elementwise, magnitude, numeric


def _sqr_grad(tb, op, g):
    # d(x^2)/dx = 2x, as Theano writes it: (g * x) * 2
    return [tb.mul(tb.mul(g, op.x), tb.scalar_like(2, op.x))]


def _div_grad(tb, op, g):
    # d(x/y)/dx = 1/y ; d(x/y)/dy = -(x / y^2)
    x, y = op.lhs, op.rhs
    return [tb.div(g, y), tb.neg(tb.div(tb.mul(g, x), tb.mul(y, y)))]


def _pow_grad(tb, op, g):
    # d(x^y)/dx = y x^(y-1) ; d(x^y)/dy = x^y log(x)
    x, y, z = op.lhs, op.rhs, op.result
    dx = tb.mul(g, tb.mul(y, tb.pow(x, tb.sub(y, tb.scalar_like(1, y)))))
    dy = tb.mul(g, tb.mul(z, tb.log(x)))
    return [dx, dy]


def _sgn(s, x):
    """-1, 0 or 1 with x's dtype; NaN stays NaN (numpy's `sign`)."""
    zero, one = s.like(0, x), s.like(1, x)
    if x.dtype == "bool":
        return x
    positive = s.select(s.gt(x, zero), one, zero)
    if x.dtype.startswith("uint"):
        return positive
    signed = s.select(s.lt(x, zero), s.neg(one), positive)
    return s.select(s.isnan(x), x, signed) if x.dtype.startswith("float") else signed


def _extremum_grad(tb, op, g):
    """The gradient goes to the operand that was chosen; on ties, to both (Theano's rule)."""
    x, y, z = op.lhs, op.rhs, op.result
    return [tb.mul(g, tb.cast(tb.eq(x, z), op.result_dtype)), tb.mul(g, tb.cast(tb.eq(y, z), op.result_dtype))]


AddOp = elementwise("add", 2, lambda s, x, y: s.add(x, y), grad=lambda tb, op, g: [g, g],
                    methods=["__add__"], reflected=["__radd__"], doc="`x + y` (for booleans, logical or).", takes_complex=True)
SubOp = elementwise("sub", 2, lambda s, x, y: s.sub(x, y), dtypes=numeric("irtk.sub"),
                    grad=lambda tb, op, g: [g, tb.neg(g)], methods=["__sub__"], reflected=["__rsub__"], doc="`x - y`.",
                    takes_complex=True)
MulOp = elementwise("mul", 2, lambda s, x, y: s.mul(x, y), grad=lambda tb, op, g: [tb.mul(g, op.rhs), tb.mul(g, op.lhs)],
                    methods=["__mul__"], reflected=["__rmul__"], doc="`x * y` (for booleans, logical and).", takes_complex=True)
DivOp = elementwise("div", 2, lambda s, x, y: s.div(x, y), dtypes=TRUE_DIV, grad=_div_grad, names=["true_div"],
                    methods=["__truediv__"], reflected=["__rtruediv__"], doc="`x / y`, true division: integers divide as float64.",
                    takes_complex=True)
IntDivOp = elementwise("int_div", 2, lambda s, x, y: s.floordiv(x, y), dtypes=numeric("irtk.int_div"),
                       grad=lambda tb, op, g: [None, None], names=["int_div", "floor_div"],
                       methods=["__floordiv__"], reflected=["__rfloordiv__"],
                       doc="`x // y`, floor division; an integer divided by 0 gives 0, as in numpy.")
ModOp = elementwise("mod", 2, lambda s, x, y: s.mod(x, y), dtypes=numeric("irtk.mod"),
                    grad=lambda tb, op, g: [g, None], methods=["__mod__"], reflected=["__rmod__"],
                    doc="`x % y`, with the sign of y; an integer modulo 0 gives 0, as in numpy.")
PowOp = elementwise("pow", 2, lambda s, x, y: s.pow(x, y), dtypes=numeric("irtk.pow"), grad=_pow_grad, names=["pow", "power"],
                    methods=["__pow__"], reflected=["__rpow__"], doc="`x ** y`.", takes_complex=True)
NegOp = elementwise("neg", 1, lambda s, x: s.neg(x), dtypes=numeric("irtk.neg"), grad=lambda tb, op, g: [tb.neg(g)],
                    methods=["__neg__"], doc="`-x`.", takes_complex=True)
SqrOp = elementwise("sqr", 1, lambda s, x: s.mul(x, x), grad=_sqr_grad, doc="`x * x`.", takes_complex=True)
AbsOp = elementwise("abs", 1, lambda s, x: s.abs(x), dtypes=magnitude("irtk.abs"),
                    grad=lambda tb, op, g: [tb.mul(g, tb.sgn(op.x))], names=["abs_", "abs"], methods=["__abs__"],
                    doc="`|x|` (the gradient at 0 is 0); a complex number's magnitude, a float.", takes_complex=True)
SgnOp = elementwise("sgn", 1, _sgn, grad=lambda tb, op, g: [tb.mul(g, tb.scalar_like(0, op.x))], names=["sgn", "sign"],
                    doc="The sign of x: -1, 0 or 1 (NaN for NaN).")
MaximumOp = elementwise("maximum", 2, lambda s, x, y: s.maximum(x, y), grad=_extremum_grad,
                        doc="The larger of x and y, elementwise; NaN if either is NaN.")
MinimumOp = elementwise("minimum", 2, lambda s, x, y: s.minimum(x, y), grad=_extremum_grad,
                        doc="The smaller of x and y, elementwise; NaN if either is NaN.")

__all__ = ["AddOp", "SubOp", "MulOp", "DivOp", "IntDivOp", "ModOp", "PowOp", "NegOp", "SqrOp", "AbsOp", "SgnOp",
           "MaximumOp", "MinimumOp"]
