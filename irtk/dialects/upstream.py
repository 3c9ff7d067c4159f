"""Upstream MLIR ops that xDSL 0.74 does not define, added to its `arith` and `math` dialects; and its `complex`
dialect with complex arithmetic that does not fold.

irtk's bodies need `math.erfc` (the complementary error function, accurate where `1 - erf(x)` loses every
digit) and `arith.remf` (the C library's `fmod`: the remainder with the dividend's sign, from which numpy's
float `%` and `//` are built exactly). Both are upstream MLIR ops with the same names, syntax and meaning, so
IR that uses them still goes through `mlir-opt`. The dialects registered as `arith` and `math` in every irtk
context are xDSL's with these ops added.

`complex.add`, `sub`, `mul` and `div` mean in irtk what numpy computes (numpy's product of the parts and its
Smith division, in the parts' precision: see `irtk/codegen/scalar_helpers.py`). xDSL's folders compute other
formulas, in Python floats, so `canonicalize` would give a constant body other bits than the evaluator: the
`complex` dialect of irtk contexts is xDSL's with these four redefined without a folder (constants fold at the
tensor level, through the evaluator).
"""

from __future__ import annotations

from xdsl.dialects import complex as _complex
from xdsl.dialects.arith import Arith as _XdslArith
from xdsl.dialects.arith import FloatingPointLikeBinaryOperation
from xdsl.dialects.math import FloatingPointLikeUnaryMathOperation
from xdsl.dialects.math import Math as _XdslMath
from xdsl.ir import Dialect
from xdsl.irdl import irdl_op_definition, traits_def
from xdsl.traits import Commutative, Pure, SameOperandsAndResultType


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


class _UnfoldedComplexBinaryOp(_complex.ComplexBinaryOp):
    def fold(self):
        return None


@irdl_op_definition
class ComplexAddOp(_UnfoldedComplexBinaryOp):
    """`complex.add`: the sums of the parts."""

    name = "complex.add"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class ComplexSubOp(_UnfoldedComplexBinaryOp):
    """`complex.sub`: the differences of the parts."""

    name = "complex.sub"
    traits = traits_def(Pure())


@irdl_op_definition
class ComplexMulOp(_UnfoldedComplexBinaryOp):
    """`complex.mul`: `(ar*br - ai*bi, ar*bi + ai*br)`, each step rounded to the parts' type."""

    name = "complex.mul"
    traits = traits_def(Pure(), Commutative())


@irdl_op_definition
class ComplexDivOp(_UnfoldedComplexBinaryOp):
    """`complex.div`: numpy's Smith division (see `irtk_cdiv`)."""

    name = "complex.div"
    traits = traits_def(Pure())


def _extended(base: Dialect, *ops: type) -> Dialect:
    return Dialect(base.name, [*base.operations, *ops], [*base.attributes])


def _replaced(base: Dialect, *ops: type) -> Dialect:
    names = {op.name for op in ops}
    kept = [op for op in base.operations if op.name not in names]
    return Dialect(base.name, [*kept, *ops], [*base.attributes], list(base._interfaces))  # noqa: SLF001 (no public accessor in xDSL 0.74)


Arith = _extended(_XdslArith, RemFOp)
Math = _extended(_XdslMath, ErfcOp)
Complex = _replaced(_complex.Complex, ComplexAddOp, ComplexSubOp, ComplexMulOp, ComplexDivOp)

__all__ = ["ErfcOp", "RemFOp", "ComplexAddOp", "ComplexSubOp", "ComplexMulOp", "ComplexDivOp", "Arith", "Math", "Complex"]
