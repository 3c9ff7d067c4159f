"""The irtk tensor dialect: value-semantics tensor ops with Theano's typing, the level programs start at.

Each op is defined once (see `opdef.py`): elementwise ops are declared by their scalar body in
`arithmetic.py`, `math_functions.py` and `logic.py`; the other families (shape, reduction, contraction,
constant, autodiff) are classes implementing `TensorOp`'s hooks. `IRTK`, the dialect, holds every op in
the registry, including ops that plugins define later. Canonicalization patterns live apart, in
`canonicalization.py`.
"""

from xdsl.ir import Dialect

from irtk.dialects.irtk import arithmetic, logic, math_functions  # noqa: F401 (their declarations register the ops)
from irtk.dialects.irtk import complex_parts  # noqa: F401 (registers real, imag, conj, angle)
from irtk.dialects.irtk.arithmetic import AddOp, DivOp, MulOp, NegOp, SqrOp, SubOp
from irtk.dialects.irtk.autodiff import GradOp, JacobianOp
from irtk.dialects.irtk.forward_request import RopOp
from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.constant import ConstantOp
from irtk.dialects.irtk.contraction import DotOp
from irtk.dialects.irtk.elementwise import BinaryOp, BroadcastOp, CastOp, ElementwiseOp, NaryOp, UnaryOp
from irtk.dialects.irtk.math_functions import ExpOp, LogOp, SqrtOp
from irtk.dialects.irtk.opdef import OPS, op_named, register
from irtk.dialects.irtk.reduction import ArgmaxOp, ArgminOp, MaxOp, MinOp, ProdOp, ReductionOp, SumOp
from irtk.dialects.irtk.shape import DimShuffleOp
from irtk.dialects.irtk import constructors  # noqa: F401 (registers alloc, arange, eye)
from irtk.dialects.irtk import random  # noqa: F401 (registers random_uniform, random_normal)
from irtk.dialects.irtk import cumulative  # noqa: F401 (registers cumsum, cumprod)
from irtk.dialects.irtk import linear_algebra  # noqa: F401 (registers matrix_inverse, det)
from irtk.dialects.irtk import indexing  # noqa: F401 (registers the advanced indexing ops)
from irtk.dialects.irtk import subtensor  # noqa: F401 (registers subtensor, basic indexing as a view)
from irtk.dialects.irtk import reshape  # noqa: F401 (registers reshape)
from irtk.dialects.irtk import sorting  # noqa: F401 (registers argsort)
from irtk.dialects.irtk import gradient_control  # noqa: F401 (registers zero_grad, disconnected_grad, grad_clip)
from irtk.dialects.irtk import softmax  # noqa: F401 (registers logsoftmax, softmax_crossentropy)


class _IrtkDialect(Dialect):
    """The `irtk` dialect: its op list is the registry's, read when a context loads it, so that ops defined
    by plugins after import are part of it too."""

    def __init__(self) -> None:
        super().__init__("irtk", [], [])

    @property
    def operations(self):
        return iter([entry.op for entry in OPS.values() if entry.op.name.startswith("irtk.")] + [GradOp, JacobianOp, RopOp])


IRTK = _IrtkDialect()

__all__ = [
    "IRTK", "OPS", "TensorOp", "ElementwiseOp", "UnaryOp", "BinaryOp", "NaryOp", "AddOp", "SubOp", "MulOp", "DivOp",
    "NegOp", "SqrOp", "ExpOp", "LogOp", "SqrtOp", "CastOp", "BroadcastOp", "DimShuffleOp", "SumOp", "ProdOp", "MaxOp",
    "MinOp", "ArgmaxOp", "ArgminOp", "ReductionOp", "DotOp", "ConstantOp", "GradOp", "JacobianOp", "RopOp", "register", "op_named",
]
