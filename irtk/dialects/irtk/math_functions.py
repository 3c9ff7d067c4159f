"""Float-valued functions: exponentials, logarithms, trigonometry, rounding, and the nnet activations.

Integer operands are upgraded to float first (Theano's rule: up to 16 bits to float32, else float64; `floor`,
`ceil` and `trunc` too, as in Theano and numpy, while the two roundings keep an integer as it is); the
bodies use the `math` dialect, which compiled code computes with the C library and the FAST_COMPILE evaluator
with the same C library functions. `exp`, `log`, `sqrt`, `sin`, `cos`, `tan` and `tanh` also take complex
numbers (the `complex` dialect's functions, the C library's `cexp`, `clog`, ...); the others refuse them.
"""

from __future__ import annotations

from irtk.dialects.irtk.opdef import FLOAT, SAME, elementwise


#: The functions that also take complex numbers: those the `complex` dialect has (the C library's `cexp`, ...).
COMPLEX_FUNCTIONS = ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh")


def _unary(name, grad=None, names=None, doc="", body=None, dtypes=FLOAT):
    body = body or (lambda s, x: s.unary_math(name, x))
    return elementwise(name, 1, body, dtypes=dtypes, grad=grad, names=names, doc=doc, takes_complex=name in COMPLEX_FUNCTIONS)


def _one(tb, x):
    return tb.scalar_like(1, x)


def _times(f):
    """A rule `g * f(tb, op)`."""
    return lambda tb, op, g: [tb.mul(g, f(tb, op))]


def _over(f):
    """A rule `g / f(tb, op)`."""
    return lambda tb, op, g: [tb.div(g, f(tb, op))]


def _zero_grad(tb, op, g):
    return [tb.mul(g, tb.scalar_like(0, op.x))]


ExpOp = _unary("exp", _times(lambda tb, op: op.result), doc="`e ** x`.")
Exp2Op = _unary("exp2", _times(lambda tb, op: tb.mul(op.result, tb.scalar_like(0.6931471805599453, op.result))), doc="`2 ** x`.")
Expm1Op = _unary("expm1", _times(lambda tb, op: tb.add(op.result, _one(tb, op.result))), doc="`exp(x) - 1`, accurate near 0.")
LogOp = _unary("log", lambda tb, op, g: [tb.div(g, op.x)], doc="Natural logarithm.")
Log2Op = _unary("log2", _over(lambda tb, op: tb.mul(op.x, tb.scalar_like(0.6931471805599453, op.x))), doc="Base-2 logarithm.")
Log10Op = _unary("log10", _over(lambda tb, op: tb.mul(op.x, tb.scalar_like(2.302585092994046, op.x))), doc="Base-10 logarithm.")
Log1pOp = _unary("log1p", _over(lambda tb, op: tb.add(op.x, _one(tb, op.x))), doc="`log(1 + x)`, accurate near 0.")
SqrtOp = _unary("sqrt", _over(lambda tb, op: tb.mul(tb.scalar_like(2, op.result), op.result)), doc="Square root.")
SinOp = _unary("sin", _times(lambda tb, op: tb.cos(op.x)), doc="Sine.")
CosOp = _unary("cos", _times(lambda tb, op: tb.neg(tb.sin(op.x))), doc="Cosine.")
TanOp = _unary("tan", _times(lambda tb, op: tb.add(_one(tb, op.x), tb.sqr(op.result))), doc="Tangent.")
ArcsinOp = _unary("arcsin", _over(lambda tb, op: tb.sqrt(tb.sub(_one(tb, op.x), tb.sqr(op.x)))), doc="Inverse sine.")
ArccosOp = _unary("arccos", lambda tb, op, g: [tb.neg(tb.div(g, tb.sqrt(tb.sub(_one(tb, op.x), tb.sqr(op.x)))))],
                  doc="Inverse cosine.")
ArctanOp = _unary("arctan", _over(lambda tb, op: tb.add(_one(tb, op.x), tb.sqr(op.x))), doc="Inverse tangent.")
SinhOp = _unary("sinh", _times(lambda tb, op: tb.cosh(op.x)), doc="Hyperbolic sine.")
CoshOp = _unary("cosh", _times(lambda tb, op: tb.sinh(op.x)), doc="Hyperbolic cosine.")
TanhOp = _unary("tanh", _times(lambda tb, op: tb.sub(_one(tb, op.result), tb.sqr(op.result))), doc="Hyperbolic tangent.")
ArcsinhOp = _unary("arcsinh", _over(lambda tb, op: tb.sqrt(tb.add(tb.sqr(op.x), _one(tb, op.x)))), doc="Inverse hyperbolic sine.")
ArccoshOp = _unary("arccosh", _over(lambda tb, op: tb.sqrt(tb.sub(tb.sqr(op.x), _one(tb, op.x)))), doc="Inverse hyperbolic cosine.")
ArctanhOp = _unary("arctanh", _over(lambda tb, op: tb.sub(_one(tb, op.x), tb.sqr(op.x))), doc="Inverse hyperbolic tangent.")
ErfOp = _unary("erf", _times(lambda tb, op: tb.mul(tb.scalar_like(1.1283791670955126, op.x), tb.exp(tb.neg(tb.sqr(op.x))))),
               doc="The error function.")
ErfcOp = _unary("erfc", _times(lambda tb, op: tb.mul(tb.scalar_like(-1.1283791670955126, op.x), tb.exp(tb.neg(tb.sqr(op.x))))),
                doc="The complementary error function `1 - erf(x)`, accurate where `erf(x)` is near 1.")
GammaOp = _unary("gamma", _times(lambda tb, op: tb.mul(op.result, tb.psi(op.x))),
                 body=lambda s, x: s.c_call("tgamma", x), doc="The gamma function (the C library's `tgamma`).")
GammalnOp = _unary("gammaln", _times(lambda tb, op: tb.psi(op.x)), body=lambda s, x: s.c_call("lgamma", x),
                   doc="The logarithm of the gamma function's absolute value (the C library's `lgamma`).")
FloorOp = _unary("floor", _zero_grad, body=lambda s, x: s.floor(x), doc="Largest integer not above x.")
CeilOp = _unary("ceil", _zero_grad, body=lambda s, x: s.ceil(x), doc="Smallest integer not below x.")
TruncOp = _unary("trunc", _zero_grad, body=lambda s, x: s.trunc(x), doc="x rounded toward zero.")
RoundHalfToEvenOp = _unary("round_half_to_even", _zero_grad, dtypes=SAME,
                           body=lambda s, x: s.unary_math("round_half_to_even", x) if x.dtype.startswith("float") else x,
                           doc="x rounded to the nearest integer, halves to even (numpy's `round`).")
RoundHalfAwayFromZeroOp = _unary("round_half_away_from_zero", _zero_grad, dtypes=SAME,
                                 body=lambda s, x: s.unary_math("round_half_away_from_zero", x) if x.dtype.startswith("float") else x,
                                 doc="x rounded to the nearest integer, halves away from zero.")
Arctan2Op = elementwise(
    "arctan2", 2, lambda s, y, x: s.atan2(y, x), dtypes=FLOAT,
    grad=lambda tb, op, g: [
        tb.div(tb.mul(g, op.rhs), tb.add(tb.sqr(op.lhs), tb.sqr(op.rhs))),
        tb.neg(tb.div(tb.mul(g, op.lhs), tb.add(tb.sqr(op.lhs), tb.sqr(op.rhs)))),
    ],
    doc="The angle of the point (x, y): `arctan2(y, x)`.",
)


def _psi(s, x):
    """The digamma function: reflected to x >= 0.5 (`psi(1 - x) - pi / tan(pi x)`), shifted past 10 by the
    recurrence `psi(z) = psi(z + 10) - sum(1 / (z + k))`, then the asymptotic series in `1 / w**2`, whose
    first omitted term is below 1e-16 there. At the poles, 0 gives -inf and -1, -2, ... NaN, as scipy's `psi`."""
    one, zero = s.like(1, x), s.like(0, x)
    reflect = s.lt(x, s.like(0.5, x))
    z = s.select(reflect, s.sub(one, x), x)
    shift = zero
    for k in range(10):
        shift = s.add(shift, s.div(one, s.add(z, s.like(k, x))))
    small = s.lt(z, s.like(10, x))
    w = s.select(small, s.add(z, s.like(10, x)), z)
    t = s.div(one, s.mul(w, w))
    series = s.like(1 / 12, x)
    coefficients = [-1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12]
    # 1/12 t - 1/120 t^2 + 1/252 t^3 - ... evaluated as t * (1/12 + t * (-1/120 + t * (...)))
    inner = s.like(coefficients[-1], x)
    for c in reversed(coefficients[:-1]):
        inner = s.add(s.like(c, x), s.mul(t, inner))
    series = s.mul(t, s.add(s.like(1 / 12, x), s.mul(t, inner)))
    psi_w = s.sub(s.sub(s.log(w), s.div(s.like(0.5, x), w)), series)
    psi_z = s.select(small, s.sub(psi_w, shift), psi_w)
    pi = s.like(3.141592653589793, x)
    result = s.select(reflect, s.sub(psi_z, s.div(pi, s.tan(s.mul(pi, x)))), psi_z)
    # the poles below 0: tan(pi x) is only nearly 0 there, so they are set apart
    pole = s.logical_and(s.lt(x, zero), s.eq(x, s.floor(x)))
    return s.select(pole, s.like(float("nan"), x), result)


PsiOp = _unary("psi", body=_psi, doc="The digamma function, the derivative of `gammaln`.")


# ---------------------------------------------------------------- nnet activations


def _sigmoid(s, x):
    one = s.like(1, x)
    return s.div(one, s.add(one, s.exp(s.neg(x))))


def _softplus(s, x):
    """`log(1 + exp(x))` without overflow: `max(x, 0) + log1p(exp(-|x|))`."""
    zero = s.like(0, x)
    return s.add(s.maximum(x, zero), s.log1p(s.exp(s.neg(s.abs(x)))))


def _ultra_fast_sigmoid(s, x):
    """Theano's piecewise-linear approximation of the sigmoid (maximum error about 0.0254); NaN for NaN."""
    half = s.mul(x, s.like(0.5, x))
    a = s.abs(half)
    inner = s.div(s.mul(s.like(1.5, a), a), s.add(s.like(1.0, a), a))
    middle = s.add(s.like(0.935409070603099, a), s.mul(s.like(0.0458812946797165, a), s.sub(a, s.like(1.7, a))))
    z = s.select(s.lt(a, s.like(1.7, a)), inner, s.select(s.lt(a, s.like(3.0, a)), middle, s.like(0.99505475368673, a)))
    z = s.select(s.lt(half, s.like(0.0, a)), s.neg(z), z)
    # NaN stays NaN, as in the sigmoid it approximates (every comparison above is false for NaN)
    return s.select(s.isnan(x), x, s.mul(s.like(0.5, z), s.add(z, s.like(1.0, z))))


SigmoidOp = _unary("sigmoid", _times(lambda tb, op: tb.mul(op.result, tb.sub(_one(tb, op.result), op.result))),
                   body=_sigmoid, doc="The logistic function `1 / (1 + exp(-x))` (`nnet.sigmoid`).")
UltraFastSigmoidOp = _unary("ultra_fast_sigmoid", _times(lambda tb, op: tb.mul(op.result, tb.sub(_one(tb, op.result), op.result))),
                            body=_ultra_fast_sigmoid, doc="A fast piecewise approximation of the sigmoid (`nnet.ultra_fast_sigmoid`).")
SoftplusOp = _unary("softplus", _times(lambda tb, op: tb.sigmoid(op.x)), body=_softplus,
                    doc="`log(1 + exp(x))`, computed without overflow (`nnet.softplus`).")

__all__ = [name for name in globals() if name.endswith("Op") and name != "elementwise"]
