"""The parts of complex numbers: `real`, `imag`, `conj` and `angle`.

As in numpy and Theano they take real operands too, where a number is its own real part and conjugate, its
imaginary part is 0 (of its dtype) and its angle `arctan2(0, x)` (0 or pi, a float). Of a complex operand,
`real`, `imag` and `angle` are floats of its parts' width (complex64 gives float32). See
`complex_scalar.py` for the scalar code.
"""

from __future__ import annotations

from irtk.dialects.irtk.opdef import SAME, DtypeRule, elementwise, upgrade_to_float
from irtk.dialects.irtk.types import is_complex, part_dtype


def _part_rule(dtypes):
    return list(dtypes), part_dtype(dtypes[0])


def _angle_rule(dtypes):
    (d,) = dtypes
    if is_complex(d):
        return [d], part_dtype(d)
    return [upgrade_to_float(d)], upgrade_to_float(d)


PART = DtypeRule(_part_rule, "a complex operand's parts' float dtype; a real operand's own")
ANGLE = DtypeRule(_angle_rule, "a complex operand's parts' float dtype; a real operand upgraded to float")


def _zero_grad(tb, op, g):
    return [tb.mul(g, tb.scalar_like(0, g))]


RealOp = elementwise("real", 1, lambda s, x: s.real(x), dtypes=PART, grad=lambda tb, op, g: [g], takes_complex=True,
                     doc="The real part of x (x itself for a real x).")
ImagOp = elementwise("imag", 1, lambda s, x: s.imag(x), dtypes=PART, grad=_zero_grad, takes_complex=True,
                     doc="The imaginary part of x (0 for a real x).")
ConjOp = elementwise("conj", 1, lambda s, x: s.conj(x), dtypes=SAME, grad=lambda tb, op, g: [g], names=["conj", "conjugate"],
                     methods=["conj", "conjugate"], takes_complex=True,
                     doc="The complex conjugate of x: its imaginary part negated (x itself for a real x).")
AngleOp = elementwise("angle", 1, lambda s, x: s.angle(x), dtypes=ANGLE, grad=_zero_grad, takes_complex=True,
                      doc="The angle of x in the complex plane, `arctan2(imag(x), real(x))` (0 or pi for a real x).")

__all__ = ["RealOp", "ImagOp", "ConjOp", "AngleOp"]
