"""Advanced (integer-array) indexing, Theano's AdvancedSubtensor and AdvancedIncSubtensor:

    %g = irtk.advanced_subtensor %x[%rows, %cols] : tensor<?x?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?xf64>
    %u = irtk.advanced_inc_subtensor %x[%rows, %cols], %y : ..., tensor<f64>, ... -> tensor<?x?xf64>
    %s = irtk.advanced_set_subtensor %x[%rows, %cols], %y : ... -> tensor<?x?xf64>

k integer index tensors address x's first k dimensions; they broadcast together (as elementwise operands do: same
rank, static size 1 stretches) to a shape B, and `x[i, j]` has shape B followed by x's remaining dimensions, with
element [b, rest] = x[i[b], j[b], rest] (numpy's rule). A negative index counts from the end; an index out of
bounds fails the call, in both modes, naming the op. `inc` adds y (broadcast to x[i, j]'s shape) at those places,
repeated indices accumulating in order; `set` writes it, the last of repeated indices winning. The indices listed
by `in_bounds` (`%x[%i, %j] in_bounds [0]`: what basic indexing builds from slices) are known to be within
0..size-1 and are neither checked nor wrapped, so their computation fuses into the gather.

Structured forms: a gather is one generic over B and the remaining dimensions whose body reads x at the computed
place (`tensor.extract`); inc and set are an `irtk_ext.scatter`. Before either, the indices are checked (a
reduction, then `cf.assert`) and wrapped (negative ones plus the size) by ordinary irtk ops.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects import arith, cf, tensor
from xdsl.dialects.builtin import DenseArrayBase, IndexType, TensorType
from xdsl.ir import SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, opt_prop_def, result_def, traits_def, var_operand_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, GenericBuilder
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import ScalarBuilder, scalar_type
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.tangent_rules import linear_jvp
from irtk.dialects.irtk.types import broadcast_shapes, dtype_of, is_float, is_integer, shape_of, tensor_type
from irtk.dialects.structured_ext import ScatterOp, scan_body


def indexed_shape(name: str, x: TensorType, indices: list[TensorType]) -> tuple[tuple, tuple]:
    """(B, the shape of x[indices]) for these operand types; TypeError when ill-typed."""
    if not indices:
        raise TypeError(f"{name}: expected at least one index operand")
    shape = shape_of(x)
    if len(indices) > len(shape):
        raise TypeError(f"{name}: {len(indices)} indices for a {len(shape)}-d tensor")
    for k, t in enumerate(indices):
        dtype = dtype_of(t)
        if dtype == "bool" or not is_integer(dtype):
            raise TypeError(f"{name}: index #{k} must be an integer tensor, got {t}")
    batch = broadcast_shapes([shape_of(t) for t in indices], name)
    return batch, (*batch, *shape[len(indices):])


class IndexingOp(TensorOp):
    """What the gather and the scatters share: the index operands (`indices`, declared by each op after its other
    operands), their check and their wrapping."""

    def index_operands(self) -> list[SSAValue]:
        return list(self.indices)

    def trust(self) -> dict:
        """The `in_bounds` property, for the ops a gradient builds on the same indices."""
        return {"in_bounds": self.in_bounds} if self.in_bounds is not None else {}

    def checked_indices(self, gb: GenericBuilder) -> list[SSAValue]:
        """The indices as int64 tensors, negative ones wrapped (plus the size); the call fails unless every index
        is within -size..size-1 of its dimension. Built from irtk ops, which lower in turn."""
        from irtk.dialects.irtk.builder import TensorBuilder
        from irtk.dialects.irtk.opdef import op_named
        from irtk.dialects.irtk.reduction import AllOp, CountOp

        tb = TensorBuilder(gb.b.insertion_point, self.location)
        trusted = set(self.in_bounds.get_values()) if self.in_bounds is not None else set()
        wrapped = []
        for d, index in enumerate(self.index_operands()):
            if d in trusted:  # known to be within 0..size-1 (a slice's indices): nothing to check or wrap
                wrapped.append(tb.cast(index, "int64"))
                continue
            index = tb.cast(index, "int64")
            rank = len(shape_of(index.type))
            size = tb.dimshuffle(tb.build(CountOp, [self.x], axes=int_list_attr([d])), [-1] * rank)
            inside = tb.build(op_named("and"), [tb.ge(index, tb.neg(size)), tb.lt(index, size)])
            ok = tb.build(AllOp, [inside], axes=int_list_attr(list(range(rank))))
            flag = gb.insert(tensor.ExtractOp(ok, [], ok.type.element_type)).results[0]
            gb.insert(cf.AssertOp(flag, f"{self.name}: index #{d} is out of bounds for dimension {d}{self.where()}"))
            wrapped.append(tb.switch(tb.lt(index, tb.scalar_like(0, index)), tb.add(index, size), index))
        return wrapped

    def batch(self, gb: GenericBuilder, indices: list[SSAValue]) -> tuple[tuple, list]:
        """B, the indices' broadcast shape, and its sizes (checked to agree at run time)."""
        batch = broadcast_shapes([shape_of(i.type) for i in indices], self.name)
        return batch, gb.loop_sizes(len(batch), [(i, _access(shape_of(i.type), batch)) for i in indices], self.name)


def _access(shape: tuple, batch: tuple) -> list[int | None]:
    """An operand's access in the loops of B: a stretched size-1 dimension reads index 0."""
    return [None if n == 1 and b != 1 else d for d, (n, b) in enumerate(zip(shape, batch))]


def _materialized(gb: GenericBuilder, value: SSAValue, shape: tuple, sizes: list, lead: int = 0) -> SSAValue:
    """`value` broadcast to `shape` (its dimensions aligned with the trailing ones), as a new tensor."""
    own = shape_of(value.type)
    access = [None if n == 1 and shape[lead + d] != 1 else lead + d for d, n in enumerate(own)]
    for d, n in enumerate(own):  # a dimension that is not stretched must have the size it fills
        if access[d] is not None and (n is None or shape[lead + d] is None):
            size = gb.dim(value, d) if n is None else n
            gb.assert_equal(size, sizes[lead + d], f"{gb.op.name}: dimension {d} of the values does not match the indexed shape{gb.op.where()}")
        elif access[d] is not None and n != shape[lead + d]:
            raise TypeError(f"{gb.op.name}: dimension {d} of the values has size {n}, the indexed shape {shape[lead + d]}")
    if own == shape and not lead:
        return value
    init = gb.empty(tensor_type(dtype_of(value.type), shape), sizes)
    n = len(shape)
    return gb.generic([(value, access)], init, list(range(n)), [PARALLEL] * n, lambda b, args, out: args[0])


def parse_indexing(cls, parser: Parser, separator: str | None):
    x = parser.parse_unresolved_operand()
    indices = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, parser.parse_unresolved_operand)
    value = None
    if separator is not None:
        parser.parse_punctuation(separator)
        value = parser.parse_unresolved_operand()
    properties = {}
    if parser.parse_optional_keyword("in_bounds") is not None:
        trusted = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: parser.parse_integer(allow_boolean=False))
        properties["in_bounds"] = int_list_attr(trusted)
    attrs = parser.parse_optional_attr_dict()
    parser.parse_punctuation(":")
    types_start = parser.pos
    types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
    names = [x, *([value] if value is not None else []), *indices]
    if len(types) != len(names):
        parser.raise_error(f"{cls.name}: expected {len(names)} operand types, got {len(types)}", types_start)
    parser.parse_punctuation("->")
    result_type = parser.parse_type()
    operands = [parser.resolve_operand(u, t) for u, t in zip(names, types)]
    op = cls.create(operands=operands, result_types=[result_type], properties=properties)
    op.attributes.update(attrs)
    return op


def print_indexing(op, printer: Printer, separator: str | None, value: SSAValue | None) -> None:
    printer.print_string(" ")
    printer.print_operand(op.x)
    printer.print_string("[")
    printer.print_list(op.indices, printer.print_operand)
    printer.print_string("]")
    if separator is not None:
        printer.print_string(f"{separator} ")
        printer.print_operand(value)
    if op.in_bounds is not None:
        printer.print_string(" in_bounds [" + ", ".join(str(v) for v in op.in_bounds.get_values()) + "]")
    printer.print_op_attributes(op.attributes)
    printer.print_string(" : ")
    printer.print_list([o.type for o in op.operands], printer.print_attribute)
    printer.print_string(" -> ")
    printer.print_attribute(op.result.type)


@irdl_op_definition
class AdvancedSubtensorOp(IndexingOp):
    """`x[i, j]` for integer index tensors: a gather."""

    name = "irtk.advanced_subtensor"
    x = operand_def(TensorType)
    indices = var_operand_def(TensorType)
    result = result_def(TensorType)
    in_bounds = opt_prop_def(DenseArrayBase)
    traits = traits_def(Pure(), CanonicalizePatterns())

    @classmethod
    def infer_type(cls, operand_types, properties):
        x, *indices = operand_types
        _, shape = indexed_shape(cls.name, x, list(indices))
        return tensor_type(dtype_of(x), shape)

    def lower(self, gb):
        indices = self.checked_indices(gb)
        batch, _ = self.batch(gb, indices)
        x_shape = shape_of(self.x.type)
        k, nb = len(indices), len(batch)
        n_rest = len(x_shape) - k
        n = nb + n_rest
        inputs = [(i, _access(shape_of(i.type), batch)) for i in indices]
        sizes = gb.loop_sizes(n, inputs + [(self.x, [None] * k + [nb + t for t in range(n_rest)])], self.name)
        init = gb.empty(self.result.type, sizes)
        element = scalar_type(dtype_of(self.x.type))

        def body(b, args, out):
            where = [b.insert(arith.IndexCastOp(a, IndexType())).result for a in args]
            where += [GenericBuilder.loop_index(b, nb + t) for t in range(n_rest)]
            return b.insert(tensor.ExtractOp(self.x, where, element)).results[0]

        return [gb.generic(inputs, init, list(range(n)), [PARALLEL] * n, body)]

    def vjp(self, tb, grads):
        """The gradient scatters back: zeros of x's shape with the gradient added at the indices."""
        (grad,) = grads
        none = [None] * len(self.indices)
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None, *none]
        zeros = tb.mul(self.x, tb.scalar_like(0, self.x))
        return [tb.build(AdvancedIncSubtensorOp, [zeros, grad, *self.indices], **self.trust()), *none]

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)

    @classmethod
    def parse(cls, parser: Parser):
        return parse_indexing(cls, parser, None)

    def print(self, printer: Printer) -> None:
        print_indexing(self, printer, None, None)


class ScatteringOp(IndexingOp):
    """Base of inc and set: operands x, y (the values), then the indices."""

    x = operand_def(TensorType)
    y = operand_def(TensorType)
    indices = var_operand_def(TensorType)
    result = result_def(TensorType)
    in_bounds = opt_prop_def(DenseArrayBase)
    traits = traits_def(Pure(), CanonicalizePatterns())
    SEPARATOR: ClassVar[str]

    @classmethod
    def infer_type(cls, operand_types, properties):
        x, y, *indices = operand_types
        _, shape = indexed_shape(cls.name, x, list(indices))
        y_shape = shape_of(y)
        if len(y_shape) > len(shape):
            raise TypeError(f"{cls.name}: the values have {len(y_shape)} dimensions, more than x[indices]'s {len(shape)}")
        broadcast_shapes([(1,) * (len(shape) - len(y_shape)) + tuple(y_shape), shape], cls.name)
        return x

    def combine(self, s: ScalarBuilder, update, current):
        raise NotImplementedError

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents, linear=[0, 1])  # in x and the values together

    def lower(self, gb):
        from irtk.dialects.irtk.builder import TensorBuilder

        indices = self.checked_indices(gb)
        batch, batch_sizes = self.batch(gb, indices)
        indices = [_materialized(gb, i, batch, batch_sizes) for i in indices]  # the scatter's indices share B
        x_shape = shape_of(self.x.type)
        k = len(indices)
        rest_sizes = [gb.dim(self.x, d) if x_shape[d] is None else x_shape[d] for d in range(k, len(x_shape))]
        shape = (*batch, *x_shape[k:])
        dtype = dtype_of(self.x.type)
        y = TensorBuilder(gb.b.insertion_point, self.location).cast(self.y, dtype)
        lead = len(shape) - len(shape_of(y.type))
        if lead:
            y = TensorBuilder(gb.b.insertion_point, self.location).dimshuffle(y, [-1] * lead + list(range(len(shape_of(y.type)))))
        updates = _materialized(gb, y, shape, [*batch_sizes, *rest_sizes])
        body = scan_body(scalar_type(dtype), lambda b, u, c: self.combine(ScalarBuilder(b), u, c), ("update", "current"))
        return [gb.insert(ScatterOp(updates, indices, self.x, body)).results[0]]

    @classmethod
    def parse(cls, parser: Parser):
        return parse_indexing(cls, parser, cls.SEPARATOR)

    def print(self, printer: Printer) -> None:
        print_indexing(self, printer, self.SEPARATOR, self.y)


@irdl_op_definition
class AdvancedIncSubtensorOp(ScatteringOp):
    """x with y added at x[i, j] (repeated indices accumulate): Theano's `inc_subtensor(x[i, j], y)`."""

    name = "irtk.advanced_inc_subtensor"
    SEPARATOR: ClassVar[str] = ","

    def combine(self, s, update, current):
        from irtk.dialects.irtk.scalar import Scalar

        dtype = dtype_of(self.x.type)
        return s.add(Scalar(current, dtype), Scalar(update, dtype)).value

    def vjp(self, tb, grads):
        (grad,) = grads
        none = [None] * len(self.indices)
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None, None, *none]
        gy = None
        if is_float(dtype_of(self.y.type)):
            gy = _values_gradient(tb, tb.build(AdvancedSubtensorOp, [grad, *self.indices], **self.trust()), self.y.type)
        return [grad, gy, *none]


@irdl_op_definition
class AdvancedSetSubtensorOp(ScatteringOp):
    """x with y written at x[i, j] (the last of repeated indices wins): Theano's `set_subtensor(x[i, j], y)`."""

    name = "irtk.advanced_set_subtensor"
    SEPARATOR: ClassVar[str] = ","

    def combine(self, s, update, current):
        return update

    def vjp(self, tb, grads):
        (grad,) = grads
        none = [None] * len(self.indices)
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None, None, *none]
        gathered = tb.build(AdvancedSubtensorOp, [grad, *self.indices], **self.trust())
        zeros = tb.mul(gathered, tb.scalar_like(0, gathered))
        kept = tb.build(AdvancedSetSubtensorOp, [grad, zeros, *self.indices], **self.trust())  # the overwritten places get none
        gy = None
        if is_float(dtype_of(self.y.type)):  # only the value written last at a place reaches the result
            won = _last_writes(tb, self.x, list(self.indices))
            gy = _values_gradient(tb, tb.switch(won, gathered, tb.mul(gathered, tb.scalar_like(0, gathered))), self.y.type)
        return [kept, gy, *none]


def _last_writes(tb, x: SSAValue, indices: list[SSAValue]) -> SSAValue:
    """A bool tensor of x[indices]'s shape: whether each position's value is the one a set_subtensor keeps (the last
    write to its place). Each position of B writes its row-major number; reading the numbers back tells who won."""
    from irtk.dialects.irtk.reduction import CountOp, IotaOp

    zero_b = None
    for index in indices:  # a tensor of shape B (the indices broadcast), all zeros
        term = tb.mul(tb.cast(index, "int64"), tb.scalar_like(0, tb.cast(index, "int64")))
        zero_b = term if zero_b is None else tb.add(zero_b, term)
    rank_b = len(shape_of(zero_b.type))
    number = zero_b
    for d in range(rank_b):  # the row-major number of each position
        stride = None
        for e in range(d + 1, rank_b):
            size = tb.build(CountOp, [zero_b], axes=int_list_attr([e]))
            stride = size if stride is None else tb.mul(stride, size)
        term = tb.build(IotaOp, [zero_b], axes=int_list_attr([d]))
        if stride is not None:
            term = tb.mul(term, tb.dimshuffle(stride, [-1] * rank_b))
        number = tb.add(number, term)
    rest = len(shape_of(x.type)) - len(indices)
    numbered = tb.dimshuffle(number, list(range(rank_b)) + [-1] * rest)
    unwritten = tb.sub(tb.cast(tb.mul(x, tb.scalar_like(0, x)), "int64"), tb.scalar_like(1, tb.cast(x, "int64")))
    winners = tb.build(AdvancedSetSubtensorOp, [unwritten, numbered, *indices])
    return tb.eq(tb.build(AdvancedSubtensorOp, [winners, *indices]), numbered)


def _values_gradient(tb, grad: SSAValue, t: TensorType) -> SSAValue:
    """The gradient of x[i, j]'s shape summed to the values' type (they were broadcast to it)."""
    lead = len(shape_of(grad.type)) - len(shape_of(t))
    if lead:
        grad = tb.sum(grad, list(range(lead)))
    return tb.unbroadcast(grad, t)


register(AdvancedSubtensorOp, Frontend(kind="custom"))
register(AdvancedIncSubtensorOp, Frontend(kind="custom"))
register(AdvancedSetSubtensorOp, Frontend(kind="custom"))

__all__ = ["AdvancedSubtensorOp", "AdvancedIncSubtensorOp", "AdvancedSetSubtensorOp", "indexed_shape"]
