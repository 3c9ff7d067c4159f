"""`irtk.grad`: a request for gradients, written in the IR and expanded by the `autodiff` pass.

    %dW, %db = irtk.grad %cost wrt %W, %b : tensor<f64>, tensor<4xf64>, tensor<f64>

`cost` is a float scalar computed (in the same block) from the `wrt` values; result i is the gradient
of `cost` with respect to `wrt[i]` and has its type. Keeping the request in the IR — rather than
differentiating in the frontend — lets hand-written `.mlir` files and every frontend share one
implementation, and lets canonicalize/cse run on the expanded adjoint code like any other code.
"""

from __future__ import annotations

from xdsl.dialects.builtin import TensorType
from xdsl.irdl import IRDLOperation, irdl_op_definition, operand_def, var_operand_def, var_result_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk.types import dtype_of, is_float, shape_of


@irdl_op_definition
class GradOp(IRDLOperation):
    """Gradients of a scalar `cost` with respect to `wrt`."""

    name = "irtk.grad"
    cost = operand_def(TensorType)
    wrt = var_operand_def(TensorType)
    grads = var_result_def(TensorType)

    def __init__(self, cost, wrt):
        super().__init__(operands=[cost, list(wrt)], result_types=[[w.type for w in wrt]])

    def verify_(self) -> None:
        t = self.cost.type
        if shape_of(t) != () or not is_float(dtype_of(t)):
            raise VerifyException(f"irtk.grad: the cost must be a float scalar, got {t}")
        if [r.type for r in self.grads] != [w.type for w in self.wrt]:
            raise VerifyException("irtk.grad: each gradient must have the type of its wrt value")

    @classmethod
    def parse(cls, parser: Parser) -> GradOp:
        cost = parser.parse_unresolved_operand()
        parser.parse_keyword("wrt")
        wrt = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        start = parser.pos
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        if len(types) != len(wrt) + 1:
            parser.raise_error(f"expected {len(wrt) + 1} types: the cost's, then one per wrt value", start)
        cost, *wrt = (parser.resolve_operand(v, t) for v, t in zip([cost, *wrt], types))
        op = cls(cost, wrt)
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.cost)
        printer.print_string(" wrt ")
        printer.print_list(self.wrt, printer.print_operand)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_list([self.cost.type, *(w.type for w in self.wrt)], printer.print_attribute)
