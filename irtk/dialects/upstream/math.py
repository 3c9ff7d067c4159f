"""xDSL's `math` dialect with `math.erfc` added (xDSL 0.74 lacks it): the complementary error function,
accurate where `1 - erf(x)` loses every digit. It is the upstream MLIR op with the same name, syntax and
meaning, so IR that uses it still goes through `mlir-opt`.
"""

from __future__ import annotations

from xdsl.dialects.math import FloatingPointLikeUnaryMathOperation
from xdsl.dialects.math import Math as _XdslMath
from xdsl.irdl import irdl_op_definition, traits_def
from xdsl.traits import Pure, SameOperandsAndResultType

from irtk.dialects.upstream.extend import extended


@irdl_op_definition
class ErfcOp(FloatingPointLikeUnaryMathOperation):
    """`math.erfc`: the complementary error function `1 - erf(x)`, computed without cancellation."""

    name = "math.erfc"
    traits = traits_def(Pure(), SameOperandsAndResultType())


Math = extended(_XdslMath, ErfcOp)
