"""The irtk tensor dialect: value-semantics tensor ops with Theano's typing, the level programs start at.

Op families live one per module (elementwise, shape, reduction, contraction, constant, autodiff); each
carries its type rule, numpy reference, gradient rule and scalar lowering once. Canonicalization
patterns live apart, in `canonicalization.py`.
"""

from xdsl.ir import Dialect

from irtk.dialects.irtk.autodiff import GradOp
from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.contraction import DotOp
from irtk.dialects.irtk.elementwise import (
    ELEMENTWISE_OPS,
    AddOp,
    BinaryOp,
    BroadcastOp,
    CastOp,
    DivOp,
    ElementwiseOp,
    ExpOp,
    LogOp,
    MulOp,
    NegOp,
    SqrOp,
    SqrtOp,
    SubOp,
    UnaryOp,
)
from irtk.dialects.irtk.reduction import SumOp
from irtk.dialects.irtk.shape import DimShuffleOp

IRTK = Dialect("irtk", [*ELEMENTWISE_OPS, DimShuffleOp, SumOp, DotOp, ConstantOp, GradOp], [])

__all__ = [
    "IRTK", "TensorOp", "ElementwiseOp", "UnaryOp", "BinaryOp", "AddOp", "SubOp", "MulOp", "DivOp", "NegOp",
    "SqrOp", "ExpOp", "LogOp", "SqrtOp", "CastOp", "BroadcastOp", "DimShuffleOp", "SumOp", "DotOp",
    "ConstantOp", "GradOp",
]
