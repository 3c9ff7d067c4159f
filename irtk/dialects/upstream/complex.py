"""xDSL's `complex` dialect with its arithmetic redefined without folders.

`complex.add`, `sub`, `mul` and `div` mean in irtk what numpy computes (numpy's product of the parts and its
Smith division, in the parts' precision: see `irtk/codegen/scalar_helpers.py`). xDSL's folders compute other
formulas, in Python floats, so `canonicalize` would give a constant body other bits than the evaluator: the
`complex` dialect of irtk contexts is xDSL's with these four redefined without a folder (constants fold at the
tensor level, through the evaluator).
"""

from __future__ import annotations

from xdsl.dialects import complex as _complex
from xdsl.irdl import irdl_op_definition, traits_def
from xdsl.traits import Commutative, Pure

from irtk.dialects.upstream.extend import replaced


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


Complex = replaced(_complex.Complex, ComplexAddOp, ComplexSubOp, ComplexMulOp, ComplexDivOp)
