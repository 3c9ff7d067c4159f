"""`irtk_ext`: structured ops that linalg does not have, on tensors and on buffers like linalg's own: `scan` and
`scatter`.

    %c = irtk_ext.scan dimension(1) ins(%x : tensor<?x?xf64>) outs(%init : tensor<?x?xf64>) {
    ^bb0(%carry: f64, %element: f64):
      %s = arith.addf %carry, %element : f64
      irtk_ext.yield %s : f64
    } -> tensor<?x?xf64>

`irtk_ext.scatter` combines updates into the elements of a tensor that index tensors choose (`inc_subtensor`,
`set_subtensor`, and the gradient of advanced indexing):

    %r = irtk_ext.scatter ins(%updates, %i, %j : tensor<?x4xf64>, tensor<?xi64>, tensor<?xi64>)
                          outs(%target : tensor<?x?x4xf64>) {
    ^bb0(%update: f64, %current: f64):
      %s = arith.addf %current, %update : f64
      irtk_ext.yield %s : f64
    } -> tensor<?x?x4xf64>

The k index tensors (int64, in bounds, all of the updates' leading shape B) address the target's first k
dimensions; the updates' remaining dimensions are the target's remaining ones. For each position b of B in
row-major order, one after the other, target[i[b], j[b], rest] = body(update[b, rest], target[...]): a later
update of the same element sees the earlier ones, so repeated indices accumulate (or, for a body that returns
the update, the last one wins), as numpy's `ufunc.at` does.

`irtk_ext.scan` is an inclusive scan along one dimension (`cumsum`, `cumprod`): along `dimension`, element 0 of
the result is element 0 of the input, and element i is the body applied to result element i - 1 (the carry) and
input element i; every other dimension is parallel. With `reverse` the scan runs from the last element to the
first. A `linalg.generic` cannot say this: its body never reads an output element another iteration wrote.

Like linalg ops, a scan has destination-passing style: on tensors it returns a new tensor of its `outs` type
(whose values it ignores); on buffers (after `bufferize`) it has no result and writes `outs`. `lower-to-loops`
makes it a parallel loop over the other dimensions around a sequential one, and the evaluator runs it with
numpy's `ufunc.accumulate` (left to right, as the loop) when the body is one addition or multiplication.
"""

from __future__ import annotations

from xdsl.dialects.builtin import IntegerAttr, IntegerType, MemRefType, TensorType, UnitAttr
from xdsl.ir import Attribute, Block, Dialect, Region, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    opt_result_def,
    prop_def,
    region_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import HasParent, IsTerminator, Pure
from xdsl.utils.exceptions import VerifyException


@irdl_op_definition
class ScanOp(IRDLOperation):
    """An inclusive scan along `dimension` (see the module docstring)."""

    name = "irtk_ext.scan"
    input = operand_def()
    output = operand_def()
    result = opt_result_def()
    dimension = prop_def(IntegerAttr)
    reverse = opt_prop_def(UnitAttr)
    body = region_def("single_block")

    def __init__(self, input: SSAValue, output: SSAValue, body: Region, dimension: int, reverse: bool = False):
        result_types = [output.type] if isinstance(output.type, TensorType) else []
        properties: dict[str, Attribute] = {"dimension": IntegerAttr(dimension, IntegerType(64))}
        if reverse:
            properties["reverse"] = UnitAttr()
        super().__init__(operands=[input, output], result_types=[result_types], properties=properties, regions=[body])

    @property
    def dim(self) -> int:
        return self.dimension.value.data

    @property
    def is_reverse(self) -> bool:
        return self.reverse is not None

    def verify_(self) -> None:
        a, b = self.input.type, self.output.type
        if not isinstance(a, (TensorType, MemRefType)) or type(a) is not type(b):
            raise VerifyException(f"{self.name}: ins and outs must both be tensors or both memrefs, got {a} and {b}")
        if a.get_shape() != b.get_shape() or a.element_type != b.element_type:
            raise VerifyException(f"{self.name}: ins {a} and outs {b} must have the same shape and element type")
        if not 0 <= self.dim < a.get_num_dims():
            raise VerifyException(f"{self.name}: dimension {self.dim} is out of range for rank {a.get_num_dims()}")
        _verify_destination(self, b, "the carry and the element")

    # custom syntax: irtk_ext.scan dimension(d) [reverse] ins(%x : T) outs(%y : T) {body} [-> T]
    def print(self, printer: Printer) -> None:
        printer.print_string(f" dimension({self.dim})")
        if self.is_reverse:
            printer.print_string(" reverse")
        for keyword, value in (("ins", self.input), ("outs", self.output)):
            printer.print_string(f" {keyword}(")
            printer.print_operand(value)
            printer.print_string(" : ")
            printer.print_attribute(value.type)
            printer.print_string(")")
        printer.print_string(" ")
        printer.print_region(self.body)
        if self.results:
            printer.print_string(" -> ")
            printer.print_attribute(self.results[0].type)

    @classmethod
    def parse(cls, parser: Parser) -> ScanOp:
        parser.parse_keyword("dimension")
        parser.parse_punctuation("(")
        dimension = parser.parse_integer()
        parser.parse_punctuation(")")
        reverse = parser.parse_optional_keyword("reverse") is not None
        operands = []
        for keyword in ("ins", "outs"):
            parser.parse_keyword(keyword)
            parser.parse_punctuation("(")
            unresolved = parser.parse_unresolved_operand()
            parser.parse_punctuation(":")
            operands.append(parser.resolve_operand(unresolved, parser.parse_type()))
            parser.parse_punctuation(")")
        body = parser.parse_region()
        if parser.parse_optional_punctuation("->") is not None:
            parser.parse_type()  # the outs type, which the op derives
        return cls(operands[0], operands[1], body, dimension, reverse)


@irdl_op_definition
class ScatterOp(IRDLOperation):
    """Updates combined into the elements that index tensors choose (see the module docstring)."""

    name = "irtk_ext.scatter"
    inputs = var_operand_def()  # the updates, then one index tensor per addressed dimension
    output = operand_def()
    result = opt_result_def()
    body = region_def("single_block")

    def __init__(self, updates: SSAValue, indices: list[SSAValue], target: SSAValue, body: Region):
        result_types = [target.type] if isinstance(target.type, TensorType) else []
        super().__init__(operands=[[updates, *indices], target], result_types=[result_types], regions=[body])

    @property
    def updates(self) -> SSAValue:
        return self.inputs[0]

    @property
    def indices(self) -> list[SSAValue]:
        return list(self.inputs[1:])

    def verify_(self) -> None:
        target, updates = self.output.type, self.updates.type
        shaped = (TensorType, MemRefType)
        if not all(isinstance(t, shaped) for t in (target, updates, *(i.type for i in self.indices))):
            raise VerifyException(f"{self.name}: operands must be tensors or memrefs")
        k = len(self.indices)
        if k == 0 or k > target.get_num_dims():
            raise VerifyException(f"{self.name}: expected 1 to {target.get_num_dims()} index operands, got {k}")
        batch = self.indices[0].type.get_shape()
        if any(i.type.get_shape() != batch or i.type.element_type != IntegerType(64) for i in self.indices):
            raise VerifyException(f"{self.name}: the index operands must be int64 tensors of one shape")
        if updates.get_shape() != (*batch, *target.get_shape()[k:]) or updates.element_type != target.element_type:
            raise VerifyException(f"{self.name}: the updates {updates} must have the indices' shape then the target's last {target.get_num_dims() - k} dimension(s), and its element type")
        _verify_destination(self, target, "the update and the current element")

    def print(self, printer: Printer) -> None:
        printer.print_string(" ins(")
        printer.print_list(self.inputs, printer.print_operand)
        printer.print_string(" : ")
        printer.print_list([v.type for v in self.inputs], printer.print_attribute)
        printer.print_string(") outs(")
        printer.print_operand(self.output)
        printer.print_string(" : ")
        printer.print_attribute(self.output.type)
        printer.print_string(") ")
        printer.print_region(self.body)
        if self.results:
            printer.print_string(" -> ")
            printer.print_attribute(self.results[0].type)

    @classmethod
    def parse(cls, parser: Parser) -> ScatterOp:
        parser.parse_keyword("ins")
        parser.parse_punctuation("(")
        unresolved = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        parser.parse_punctuation(":")
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        parser.parse_punctuation(")")
        if len(types) != len(unresolved):
            parser.raise_error(f"expected {len(unresolved)} types, got {len(types)}")
        inputs = [parser.resolve_operand(u, t) for u, t in zip(unresolved, types)]
        parser.parse_keyword("outs")
        parser.parse_punctuation("(")
        target = parser.parse_unresolved_operand()
        parser.parse_punctuation(":")
        target = parser.resolve_operand(target, parser.parse_type())
        parser.parse_punctuation(")")
        body = parser.parse_region()
        if parser.parse_optional_punctuation("->") is not None:
            parser.parse_type()
        return cls(inputs[0], inputs[1:], target, body)


@irdl_op_definition
class YieldOp(IRDLOperation):
    """Ends a scan's or a scatter's body with the new value."""

    name = "irtk_ext.yield"
    values = var_operand_def()
    traits = traits_def(IsTerminator(), HasParent(ScanOp, ScatterOp), Pure())
    assembly_format = "attr-dict ($values^ `:` type($values))?"

    def __init__(self, *values: SSAValue):
        super().__init__(operands=[list(values)])


def _verify_destination(op, outs: Attribute, arguments: str) -> None:
    """What scan and scatter share: on tensors the op returns its outs type, on buffers nothing; its body takes two
    values of the element type (`arguments` says which) and yields one."""
    expected_results = [outs] if isinstance(outs, TensorType) else []
    if [r.type for r in op.results] != expected_results:
        raise VerifyException(f"{op.name}: on {'tensors it returns its outs type' if expected_results else 'buffers it has no result'}")
    element = outs.element_type
    block = op.body.block
    if [arg.type for arg in block.args] != [element, element]:
        raise VerifyException(f"{op.name}: the body takes {arguments}, both {element}")
    last = block.last_op
    if not isinstance(last, YieldOp) or [v.type for v in last.operands] != [element]:
        raise VerifyException(f"{op.name}: the body must end in irtk_ext.yield of one {element}")


def scan_body(element_type: Attribute, combine, names=("carry", "element")) -> Region:
    """A scan (or scatter) body: `combine(builder, carry, element)` (`(update, current)`) returns the new value."""
    from xdsl.builder import Builder
    from xdsl.rewriter import InsertPoint

    block = Block(arg_types=[element_type, element_type])
    block.args[0].name_hint, block.args[1].name_hint = names
    builder = Builder(InsertPoint.at_end(block))
    builder.insert(YieldOp(combine(builder, block.args[0], block.args[1])))
    return Region(block)


IRTK_EXT = Dialect("irtk_ext", [ScanOp, ScatterOp, YieldOp], [])

__all__ = ["ScanOp", "ScatterOp", "YieldOp", "IRTK_EXT", "scan_body"]
