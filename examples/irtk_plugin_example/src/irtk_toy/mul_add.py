"""`toy.mul_add(a, b, c)`: `a * b + c` elementwise, one op instead of two.

It is declared like irtk's own elementwise ops: a scalar body (the op's only meaning, from which irtk derives
its lowering, its FAST_COMPILE evaluation and its C++), a dtype rule and a gradient. The body multiplies and then
adds, rounding twice, so a program computes exactly what `a * b + c` computes, in numpy too.
"""

from xdsl.ir import Dialect

from irtk.dialects.irtk.opdef import elementwise, numeric


def _gradient(tb, op, g):
    """d(a*b + c) = g*b da + g*a db + g dc (irtk sums over broadcast dimensions afterwards)."""
    a, b, _ = op.args
    return [tb.mul(g, b), tb.mul(g, a), g]


MulAddOp = elementwise(
    "mul_add",
    3,
    lambda s, a, b, c: s.add(s.mul(a, b), c),
    dtypes=numeric("toy.mul_add"),
    grad=_gradient,
    dialect_name="toy",
    doc="`a * b + c`, elementwise with broadcasting.",
)

TOY = Dialect("toy", [MulAddOp], [])
