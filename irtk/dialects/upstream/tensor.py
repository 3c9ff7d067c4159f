"""xDSL's `tensor` dialect as irtk registers it, with `tensor.rank` added (xDSL 0.74 lacks it): the place for
the custom syntax of `tensor` ops that xDSL 0.74 prints only generically (subclasses that take the place of
xDSL's through `replaced`)."""

from __future__ import annotations

from xdsl.dialects.builtin import IndexType, TensorType, UnrankedTensorType
from xdsl.dialects.tensor import Tensor as _XdslTensor
from xdsl.irdl import IRDLOperation, base, irdl_op_definition, operand_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.upstream.extend import replaced


@irdl_op_definition
class RankOp(IRDLOperation):
    """`tensor.rank %t : tensor<*xf32>`: the rank of a ranked or unranked tensor."""

    name = "tensor.rank"
    tensor = operand_def(base(TensorType) | base(UnrankedTensorType))
    rank = result_def(IndexType)
    traits = traits_def(Pure())
    assembly_format = "$tensor attr-dict `:` type($tensor)"


Tensor = replaced(_XdslTensor, RankOp)
