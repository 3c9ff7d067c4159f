"""Cumulative ops: `irtk.cumsum` and `irtk.cumprod` along one axis (numpy's and Theano's `cumsum`, `cumprod`).

    %c = irtk.cumsum %x [1] : tensor<?x?xf32> -> tensor<?x?xf32>
    %g = irtk.cumsum %x [0] reverse : tensor<?xf64> -> tensor<?xf64>

Element i along the axis is the sum (product) of elements 0..i, accumulated left to right in the result dtype
(booleans and integers accumulate in 64 bits, as numpy does); with `reverse`, of elements i..n-1, right to left
(the gradient of a cumulative sum is the reverse cumulative sum of its output gradient). The structured form is one
`irtk_ext.scan` (`irtk/dialects/structured_ext.py`): a scan carries each result element into the next, which a
`linalg.generic` cannot express.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import DenseArrayBase, TensorType, UnitAttr
from xdsl.irdl import irdl_op_definition, operand_def, opt_prop_def, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.reduction import single_axis
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder, scalar_type
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.tangent_rules import linear_jvp
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, sum_dtype, tensor_type
from irtk.dialects.structured_ext import ScanOp, scan_body


class CumulativeOp(TensorOp):
    """Base of the cumulative ops: `COMBINE` names the ScalarBuilder step (`add`, `mul`)."""

    x = operand_def(TensorType)
    axes = prop_def(DenseArrayBase)
    reverse = opt_prop_def(UnitAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    COMBINE: ClassVar[str]

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        single_axis(cls.name, properties, t)
        dtype = dtype_of(t)
        if dtype.startswith("complex"):
            raise TypeError(f"{cls.name}: complex tensors are not supported")
        return tensor_type(sum_dtype(dtype), shape_of(t))

    @property
    def axis(self) -> int:
        return self.axes.get_values()[0]

    @property
    def is_reverse(self) -> bool:
        return self.reverse is not None

    def lower(self, gb):
        dtype = dtype_of(self.result.type)
        x = self.x
        if dtype_of(x.type) != dtype:  # accumulate in the result dtype: a cast first (a decomposition)
            from irtk.dialects.irtk.builder import TensorBuilder

            tb = TensorBuilder(gb.b.insertion_point)
            tb.location = self.location
            x = tb.cast(x, dtype)
        rank = len(shape_of(x.type))
        sizes = gb.loop_sizes(rank, [(x, list(range(rank)))], self.name)
        init = gb.empty(self.result.type, sizes)
        combine = getattr(ScalarBuilder, self.COMBINE)

        def body(b, carry, element):
            s = ScalarBuilder(b)
            return combine(s, Scalar(carry, dtype), Scalar(element, dtype)).value

        scan = gb.insert(ScanOp(x, init, scan_body(scalar_type(dtype), body), self.axis, self.is_reverse))
        return [scan.results[0]]

    def vjp(self, tb, grads):
        (grad,) = grads
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None]
        return [self.partial(tb, grad)]

    def partial(self, tb, grad):
        raise NotImplementedError

    def reversed_cumsum(self, tb, value):
        return tb.build(CumsumOp, [value], axes=int_list_attr([self.axis]), **({} if self.is_reverse else {"reverse": UnitAttr()}))

    # syntax: irtk.cumsum %x [axis] [reverse] : T -> U
    @classmethod
    def parse(cls, parser: Parser):
        unresolved = parser.parse_unresolved_operand()
        axes = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: parser.parse_integer(allow_boolean=False))
        properties = {"axes": int_list_attr(axes)}
        if parser.parse_optional_keyword("reverse") is not None:
            properties["reverse"] = UnitAttr()
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        x_type = parser.parse_type()
        parser.parse_punctuation("->")
        result_type = parser.parse_type()
        op = cls.create(operands=[parser.resolve_operand(unresolved, x_type)], result_types=[result_type], properties=properties)
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.x)
        printer.print_string(" [" + ", ".join(str(a) for a in self.axes.get_values()) + "]")
        if self.is_reverse:
            printer.print_string(" reverse")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.x.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)


@irdl_op_definition
class CumsumOp(CumulativeOp):
    """Cumulative sum along an axis, left to right (right to left with `reverse`)."""

    name = "irtk.cumsum"
    COMBINE: ClassVar[str] = "add"

    def partial(self, tb, grad):
        """Each input element adds to every later (earlier, reversed) output element."""
        return self.reversed_cumsum(tb, grad)

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)


@irdl_op_definition
class CumprodOp(CumulativeOp):
    """Cumulative product along an axis, left to right (right to left with `reverse`)."""

    name = "irtk.cumprod"
    COMBINE: ClassVar[str] = "mul"

    def partial(self, tb, grad):
        """Theano's rule: the reverse cumulative sum of `grad * result`, divided by x (so not defined where x is 0)."""
        return tb.div(self.reversed_cumsum(tb, tb.mul(grad, self.result)), self.x)


register(CumsumOp, Frontend(names=("cumsum",), kind="custom"))
register(CumprodOp, Frontend(names=("cumprod",), kind="custom"))

__all__ = ["CumulativeOp", "CumsumOp", "CumprodOp"]
