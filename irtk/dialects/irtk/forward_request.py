"""`irtk.rop`: a request for Jacobian-vector products, written in the IR and expanded by the `autodiff` pass.

    %jf, %jg = irtk.rop %f, %g wrt %x, %y tangents %u, %v
        : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<f64>

Result i is the directional derivative of `f[i]` when each `wrt[j]` moves along `tangents[j]`:
`J_i · v = sum_j (d f[i] / d wrt[j]) · tangents[j]` (Theano's `Rop`). It has `f[i]`'s type; it is zero for an
`f[i]` that does not depend on any `wrt` value, and for an integer one. Each tangent has its `wrt` value's dtype
and rank, and every static size of it (it may know more: a constant tangent has static sizes).

The types after `:` are the `f` values', then the `wrt` values', then the tangents'. Like `irtk.grad`, the
request lives in the IR so that hand-written `.mlir` files and the frontend share one implementation (forward
mode, `irtk/passes/forward_mode.py`), and so that the tangent code is optimized like any other code.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import DenseArrayBase, TensorType, i32
from xdsl.ir import Attribute
from xdsl.irdl import AttrSizedOperandSegments, IRDLOperation, irdl_op_definition, var_operand_def, var_result_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk.types import dtype_of, is_float, shape_of

SEGMENTS = "operandSegmentSizes"


def segment_sizes(n_f: int, n_wrt: int) -> DenseArrayBase:
    """The `operandSegmentSizes` property of a request for `n_f` values and `n_wrt` pairs of (wrt, tangent)."""
    return DenseArrayBase.from_list(i32, [n_f, n_wrt, n_wrt])


def tangent_problem(wrt: TensorType, tangent: TensorType) -> str | None:
    """Why `tangent` cannot be the tangent of a value of type `wrt` (None when it can)."""
    if not is_float(dtype_of(wrt)):
        return f"only float values have tangents, got {wrt}"
    if dtype_of(tangent) != dtype_of(wrt):
        return f"the tangent has dtype {dtype_of(tangent)}, its wrt value {dtype_of(wrt)}"
    w, t = shape_of(wrt), shape_of(tangent)
    if len(w) != len(t) or any(a is not None and a != b for a, b in zip(w, t)):
        return f"the tangent's type {tangent} does not have the shape of its wrt value's type {wrt}"
    return None


@irdl_op_definition
class RopOp(IRDLOperation):
    """Jacobian-vector products of `f` at the `wrt` values along `tangents` (forward mode)."""

    name = "irtk.rop"
    f = var_operand_def(TensorType)
    wrt = var_operand_def(TensorType)
    tangents = var_operand_def(TensorType)
    products = var_result_def(TensorType)
    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    def __init__(self, f: Sequence, wrt: Sequence, tangents: Sequence):
        super().__init__(operands=[list(f), list(wrt), list(tangents)], result_types=[[v.type for v in f]])

    @classmethod
    def infer_types(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> list[TensorType]:
        """The result types (the `f` values'), for building the request by name (`TensorBuilder.build_n`)."""
        sizes = properties.get(SEGMENTS)
        if not isinstance(sizes, DenseArrayBase):
            raise TypeError(f"irtk.rop: needs the property {SEGMENTS} (the numbers of f, wrt and tangent operands)")
        n_f, n_wrt, n_tangents = sizes.get_values()
        if n_wrt != n_tangents or n_f + n_wrt + n_tangents != len(operand_types):
            raise TypeError(f"irtk.rop: {SEGMENTS} {[n_f, n_wrt, n_tangents]} does not fit {len(operand_types)} operands")
        return list(operand_types[:n_f])

    def verify_(self) -> None:
        if not self.f:
            raise VerifyException("irtk.rop: expected at least one value to differentiate")
        if len(self.wrt) != len(self.tangents):
            raise VerifyException(f"irtk.rop: {len(self.wrt)} wrt values but {len(self.tangents)} tangents")
        for i, (w, t) in enumerate(zip(self.wrt, self.tangents)):
            problem = tangent_problem(w.type, t.type)
            if problem is not None:
                raise VerifyException(f"irtk.rop: tangent #{i}: {problem}")
        if [r.type for r in self.products] != [v.type for v in self.f]:
            raise VerifyException("irtk.rop: each result must have the type of its f value")

    @classmethod
    def parse(cls, parser: Parser) -> RopOp:
        f = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        parser.parse_keyword("wrt")
        wrt = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        parser.parse_keyword("tangents")
        tangents = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        start = parser.pos
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        if len(wrt) != len(tangents):
            parser.raise_error(f"expected one tangent per wrt value: {len(wrt)} wrt values, {len(tangents)} tangents", start)
        if len(types) != len(f) + 2 * len(wrt):
            parser.raise_error(f"expected {len(f) + 2 * len(wrt)} types: the f values', the wrt values', then the tangents'", start)
        values = [parser.resolve_operand(v, t) for v, t in zip([*f, *wrt, *tangents], types)]
        op = cls(values[: len(f)], values[len(f): len(f) + len(wrt)], values[len(f) + len(wrt):])
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_list(self.f, printer.print_operand)
        printer.print_string(" wrt ")
        printer.print_list(self.wrt, printer.print_operand)
        printer.print_string(" tangents ")
        printer.print_list(self.tangents, printer.print_operand)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_list([v.type for v in (*self.f, *self.wrt, *self.tangents)], printer.print_attribute)


__all__ = ["RopOp", "segment_sizes", "tangent_problem"]
