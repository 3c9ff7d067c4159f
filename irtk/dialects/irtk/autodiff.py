"""`irtk.grad` and `irtk.jacobian`: requests for derivatives, written in the IR and expanded by the `autodiff` pass.

    %dW, %db = irtk.grad %cost wrt %W, %b : tensor<f64>, tensor<4xf64>, tensor<f64>
    %dx = irtk.grad %cost known(%h = %dh) wrt %x allow_disconnected : tensor<f64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
    %dx = irtk.grad known(%h = %dh) wrt %x : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
    %J = irtk.jacobian %y wrt %x : tensor<?xf64>, tensor<?xf64>      // -> tensor<?x?xf64>

`irtk.grad`: result i is the gradient with respect to `wrt[i]`, of `wrt[i]`'s type, of the float scalar `cost`
plus the contributions of the `known` values: each `known(%v = %g)` pair says that the gradient reaching `v` from
above is `g` (Theano's `known_grads`), which is propagated down like the cost's. The cost may be left out when
`known` pairs are given. The types after `:` are, in order, the cost's (if any), each pair's value and gradient,
then the wrt values'.

`irtk.jacobian`: `y` is a float vector; result i has shape (len(y), *wrt[i].shape), row k being the gradient of
`y[k]` with respect to `wrt[i]`. It is expanded into one loop over the elements of y (not one copy of the adjoint
code per element), so its size does not grow with len(y). The types after `:` are y's, then the wrt values'.

Both fail in the pass when a wrt value gets no gradient (Theano's DisconnectedInputError), unless the request says
`allow_disconnected`: then that gradient is zero. Keeping the requests in the IR — rather than differentiating in
the frontend — lets hand-written `.mlir` files and every frontend share one implementation, and lets canonicalize
and cse run on the expanded adjoint code like any other code.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import DenseArrayBase, TensorType, UnitAttr, i32
from xdsl.ir import Attribute, SSAValue
from xdsl.irdl import (
    AttrSizedOperandSegments,
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    opt_operand_def,
    opt_prop_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type

SEGMENTS = "operandSegmentSizes"
ALLOW_DISCONNECTED = "allow_disconnected"


def grad_segments(has_cost: bool, n_known: int, n_wrt: int) -> DenseArrayBase:
    """The `operandSegmentSizes` property of an `irtk.grad`: cost (0 or 1), known values, their gradients, wrt."""
    return DenseArrayBase.from_list(i32, [int(has_cost), n_known, n_known, n_wrt])


def known_gradient_problem(value: TensorType, gradient: TensorType) -> str | None:
    """Why `gradient` cannot be the gradient of a value of type `value` (None when it can): it must have the
    value's dtype (a float) and rank, and every static size of it (it may know more: a constant has static sizes)."""
    if not is_float(dtype_of(value)):
        return f"only float values have gradients, got {value}"
    if dtype_of(gradient) != dtype_of(value):
        return f"the gradient has dtype {dtype_of(gradient)}, its value {dtype_of(value)}"
    v, g = shape_of(value), shape_of(gradient)
    if len(v) != len(g) or any(a is not None and a != b for a, b in zip(v, g)):
        return f"the gradient's type {gradient} does not have the shape of its value's type {value}"
    return None


def _parse_allow_disconnected(parser: Parser) -> dict[str, Attribute]:
    return {ALLOW_DISCONNECTED: UnitAttr()} if parser.parse_optional_keyword(ALLOW_DISCONNECTED) else {}


def _parse_types(parser: Parser, count: int, what: str) -> list[Attribute]:
    parser.parse_punctuation(":")
    start = parser.pos
    types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
    if len(types) != count:
        parser.raise_error(f"expected {count} types: {what}", start)
    return types


@irdl_op_definition
class GradOp(IRDLOperation):
    """Gradients of a scalar `cost` (and of the `known` gradients) with respect to `wrt`."""

    name = "irtk.grad"
    cost = opt_operand_def(TensorType)
    known = var_operand_def(TensorType)
    known_grads = var_operand_def(TensorType)
    wrt = var_operand_def(TensorType)
    grads = var_result_def(TensorType)
    allow_disconnected = opt_prop_def(UnitAttr)
    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    def __init__(self, cost: SSAValue | None, wrt: Sequence[SSAValue], known: Sequence[tuple[SSAValue, SSAValue]] = (),
                 allow_disconnected: bool = False):
        properties = {ALLOW_DISCONNECTED: UnitAttr()} if allow_disconnected else {}
        super().__init__(
            operands=[[] if cost is None else [cost], [v for v, _ in known], [g for _, g in known], list(wrt)],
            result_types=[[w.type for w in wrt]],
            properties=properties,
        )

    @classmethod
    def infer_types(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> list[TensorType]:
        """The result types (the wrt values'), for building the request by name (`TensorBuilder.build_n`)."""
        sizes = properties.get(SEGMENTS)
        if not isinstance(sizes, DenseArrayBase):
            raise TypeError(f"irtk.grad: needs the property {SEGMENTS} (the numbers of cost, known, gradient and wrt operands)")
        n_cost, n_known, n_grads, n_wrt = sizes.get_values()
        if n_cost > 1 or n_known != n_grads or n_cost + n_known + n_grads + n_wrt != len(operand_types):
            raise TypeError(f"irtk.grad: {SEGMENTS} {[n_cost, n_known, n_grads, n_wrt]} does not fit {len(operand_types)} operands")
        return list(operand_types[len(operand_types) - n_wrt:])

    @property
    def seeds(self) -> list[tuple[SSAValue, SSAValue]]:
        """(value, its gradient from above) pairs: the cost's (a constant 1 is built by the pass), then the known ones."""
        return list(zip(self.known, self.known_grads))

    def verify_(self) -> None:
        if self.cost is None and not self.known:
            raise VerifyException("irtk.grad: expected a cost or at least one known gradient")
        if self.cost is not None:
            t = self.cost.type
            if shape_of(t) != () or not is_float(dtype_of(t)):
                raise VerifyException(f"irtk.grad: the cost must be a float scalar, got {t}")
        for i, (v, g) in enumerate(self.seeds):
            problem = known_gradient_problem(v.type, g.type)
            if problem is not None:
                raise VerifyException(f"irtk.grad: known gradient #{i}: {problem}")
        if [r.type for r in self.grads] != [w.type for w in self.wrt]:
            raise VerifyException("irtk.grad: each gradient must have the type of its wrt value")

    @classmethod
    def parse(cls, parser: Parser) -> GradOp:
        cost = None
        if not parser.parse_optional_keyword("known"):
            cost = parser.parse_unresolved_operand()
            known_keyword = parser.parse_optional_keyword("known")
        else:
            known_keyword = True
        pairs = []
        if known_keyword:
            def pair():
                value = parser.parse_unresolved_operand()
                parser.parse_punctuation("=")
                return value, parser.parse_unresolved_operand()

            pairs = parser.parse_comma_separated_list(parser.Delimiter.PAREN, pair)
        parser.parse_keyword("wrt")
        wrt = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        properties = _parse_allow_disconnected(parser)
        attrs = parser.parse_optional_attr_dict()
        unresolved = [*([cost] if cost is not None else []), *(v for p in pairs for v in p), *wrt]
        what = "the cost's, then one per wrt value"
        if pairs:
            what = "the cost's (if any), each known value's and its gradient's, then one per wrt value"
        types = _parse_types(parser, len(unresolved), what)
        values = [parser.resolve_operand(v, t) for v, t in zip(unresolved, types)]
        n_cost = int(cost is not None)
        flat_pairs = values[n_cost: n_cost + 2 * len(pairs)]
        known = list(zip(flat_pairs[0::2], flat_pairs[1::2]))
        op = cls(values[0] if cost is not None else None, values[n_cost + 2 * len(pairs):], known, bool(properties))
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        if self.cost is not None:
            printer.print_string(" ")
            printer.print_operand(self.cost)
        if self.known:
            printer.print_string(" known(")
            def print_pair(pair: tuple[SSAValue, SSAValue]) -> None:
                printer.print_operand(pair[0])
                printer.print_string(" = ")
                printer.print_operand(pair[1])

            printer.print_list(self.seeds, print_pair)
            printer.print_string(")")
        printer.print_string(" wrt ")
        printer.print_list(self.wrt, printer.print_operand)
        if self.allow_disconnected is not None:
            printer.print_string(f" {ALLOW_DISCONNECTED}")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        cost = [self.cost.type] if self.cost is not None else []
        types = [*cost, *(v.type for pair in self.seeds for v in pair), *(w.type for w in self.wrt)]
        printer.print_list(types, printer.print_attribute)


def jacobian_type(y: TensorType, w: TensorType) -> TensorType:
    """The type of the Jacobian of vector `y` with respect to a value of type `w`: (len(y), *w.shape), w's dtype."""
    return tensor_type(dtype_of(w), (shape_of(y)[0], *shape_of(w)))


@irdl_op_definition
class JacobianOp(IRDLOperation):
    """The Jacobians of a float vector `y` with respect to `wrt`, expanded into one loop over y's elements."""

    name = "irtk.jacobian"
    y = operand_def(TensorType)
    wrt = var_operand_def(TensorType)
    jacobians = var_result_def(TensorType)
    allow_disconnected = opt_prop_def(UnitAttr)

    def __init__(self, y: SSAValue, wrt: Sequence[SSAValue], allow_disconnected: bool = False):
        properties = {ALLOW_DISCONNECTED: UnitAttr()} if allow_disconnected else {}
        super().__init__(operands=[y, list(wrt)], result_types=[[jacobian_type(y.type, w.type) for w in wrt]], properties=properties)

    @classmethod
    def infer_types(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> list[TensorType]:
        """The result types, for building the request by name (`TensorBuilder.build_n`)."""
        y, *wrt = operand_types
        problem = cls.y_problem(y)
        if problem is not None:
            raise TypeError(f"irtk.jacobian: {problem}")
        return [jacobian_type(y, w) for w in wrt]

    @staticmethod
    def y_problem(t: Attribute) -> str | None:
        if not isinstance(t, TensorType) or len(shape_of(t)) != 1 or not is_float(dtype_of(t)):
            return f"the differentiated value must be a float vector, got {t}"
        return None

    def verify_(self) -> None:
        problem = self.y_problem(self.y.type)
        if problem is not None:
            raise VerifyException(f"irtk.jacobian: {problem}")
        if not self.wrt:
            raise VerifyException("irtk.jacobian: expected at least one wrt value")
        if [r.type for r in self.jacobians] != [jacobian_type(self.y.type, w.type) for w in self.wrt]:
            raise VerifyException("irtk.jacobian: each result must have the shape (len(y), *wrt.shape) and the wrt value's dtype")

    @classmethod
    def parse(cls, parser: Parser) -> JacobianOp:
        start = parser.pos
        y = parser.parse_unresolved_operand()
        end = parser.pos
        parser.parse_keyword("wrt")
        wrt = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        properties = _parse_allow_disconnected(parser)
        attrs = parser.parse_optional_attr_dict()
        types = _parse_types(parser, len(wrt) + 1, "y's, then one per wrt value")
        y, *wrt = (parser.resolve_operand(v, t) for v, t in zip([y, *wrt], types))
        problem = cls.y_problem(y.type)
        if problem is not None:
            parser.raise_error(f"irtk.jacobian: {problem}", start, end)
        op = cls(y, wrt, bool(properties))
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.y)
        printer.print_string(" wrt ")
        printer.print_list(self.wrt, printer.print_operand)
        if self.allow_disconnected is not None:
            printer.print_string(f" {ALLOW_DISCONNECTED}")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_list([self.y.type, *(w.type for w in self.wrt)], printer.print_attribute)


__all__ = ["GradOp", "JacobianOp", "grad_segments", "jacobian_type", "known_gradient_problem", "SEGMENTS", "ALLOW_DISCONNECTED"]
