"""Upstream MLIR ops that xDSL 0.74 does not define, added to its `arith` and `math` dialects.

irtk's bodies need `math.erfc` (the complementary error function, accurate where `1 - erf(x)` loses every
digit) and `arith.remf` (the C library's `fmod`: the remainder with the dividend's sign, from which numpy's
float `%` and `//` are built exactly). Both are upstream MLIR ops with the same names, syntax and meaning, so
IR that uses them still goes through `mlir-opt`. The dialects registered as `arith` and `math` in every irtk
context are xDSL's with these ops added.
"""

from __future__ import annotations

from xdsl.dialects.arith import Arith as _XdslArith
from xdsl.dialects.arith import FloatingPointLikeBinaryOperation
from xdsl.dialects.math import FloatingPointLikeUnaryMathOperation
from xdsl.dialects.math import Math as _XdslMath
from xdsl.ir import Dialect
from xdsl.irdl import irdl_op_definition, traits_def
from xdsl.traits import Pure, SameOperandsAndResultType


@irdl_op_definition
class ErfcOp(FloatingPointLikeUnaryMathOperation):
    """`math.erfc`: the complementary error function `1 - erf(x)`, computed without cancellation."""

    name = "math.erfc"
    traits = traits_def(Pure(), SameOperandsAndResultType())


@irdl_op_definition
class RemFOp(FloatingPointLikeBinaryOperation):
    """`arith.remf`: the floating-point remainder of `lhs / rhs` with the sign of `lhs` (C's `fmod`)."""

    name = "arith.remf"
    traits = traits_def(Pure())


def _extended(base: Dialect, *ops: type) -> Dialect:
    return Dialect(base.name, [*base.operations, *ops], [*base.attributes])


Arith = _extended(_XdslArith, RemFOp)
Math = _extended(_XdslMath, ErfcOp)

__all__ = ["ErfcOp", "RemFOp", "Arith", "Math"]
