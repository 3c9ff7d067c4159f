"""`irtk.subtensor`: basic indexing (integers and slices), Theano's Subtensor — a view, never a copy.

    %v = irtk.subtensor %x[%start : %count : %step, %i] : tensor<?x?x3xf64>, tensor<i64>, tensor<i64>,
           tensor<i64>, tensor<i64> -> tensor<?x3xf64>

Each entry of the key addresses one leading dimension of x: a slice `start : count : step` keeps `count` elements,
`start`, `start + step`, …; an integer `i` keeps one element and drops the dimension. Dimensions no entry names are
kept whole. The operands are 0-d integer tensors. A slice's are *normalised* — what the frontend computes from
Python's `start:stop:step` by numpy's rules (`slice.indices`): count ≥ 0, step ≠ 0, and every selected place is
inside the dimension — so they are trusted, as `tensor.extract_slice` trusts its operands. An integer may be
negative (counting from the end); one outside -size..size-1 fails the call (an IndexError naming the op), in both
modes. A slice's count known when the program is written is static in the result type (`static_sizes` holds the
static counts, -1 where dynamic; the custom syntax derives it from the result type).

Why an op of its own, apart from the gathers of advanced indexing: a basic slice selects a strided box of x, which
is exactly `tensor.extract_slice` — and so, after `bufferize`, a `memref.subview` of x's buffer: a pointer, sizes
and strides, with no element copied (`x[::2].sum()` reads x in place). Its gradient is an
`irtk.advanced_inc_subtensor` of zeros at the slice's places (`arange`s), so `set_subtensor`/`inc_subtensor` and
gradients share advanced indexing's scatter.
"""

from __future__ import annotations

from xdsl.dialects import cf, tensor
from xdsl.dialects.builtin import DenseArrayBase, TensorType, i64
from xdsl.ir import SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def, var_operand_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.constructors import DYNAMIC, check, check_scalar, read_scalar, to_index
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type

#: An entry's kind in the `slices` property.
INDEX, SLICE = 0, 1


@irdl_op_definition
class SubtensorOp(TensorOp):
    """x[key] for a key of integers and normalised slices: a strided box of x (see the module docstring)."""

    name = "irtk.subtensor"
    x = operand_def(TensorType)
    bounds = var_operand_def(TensorType)
    #: per entry of the key, in order: SLICE (three bounds operands: start, count, step) or INDEX (one operand)
    slices = prop_def(DenseArrayBase)
    #: per slice entry: its static count, or -1
    static_sizes = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())

    @classmethod
    def infer_type(cls, operand_types, properties):
        if not operand_types:
            raise TypeError(f"{cls.name}: expected the tensor to index")
        x, *bounds = operand_types
        kinds = _values(cls.name, properties, "slices")
        counts = _values(cls.name, properties, "static_sizes")
        if any(k not in (INDEX, SLICE) for k in kinds):
            raise TypeError(f"{cls.name}: `slices` holds 1 for a slice and 0 for an integer, got {kinds}")
        if len(counts) != kinds.count(SLICE) or any(n < DYNAMIC for n in counts):
            raise TypeError(f"{cls.name}: expected one static count (or -1) per slice, got {counts}")
        if len(bounds) != 3 * kinds.count(SLICE) + kinds.count(INDEX):
            raise TypeError(f"{cls.name}: expected 3 operands per slice and 1 per integer, got {len(bounds)}")
        shape = shape_of(x)
        if len(kinds) > len(shape):
            raise TypeError(f"{cls.name}: {len(kinds)} entries for a {len(shape)}-d tensor")
        for k, t in enumerate(bounds):
            check_scalar(cls.name, f"operand #{k + 1}", t)
        static = iter(counts)
        kept = [None if n == DYNAMIC else n for kind in kinds if kind == SLICE for n in [next(static)]]
        return tensor_type(dtype_of(x), (*kept, *shape[len(kinds):]))

    def entries(self) -> list[tuple[int, list[SSAValue]]]:
        """[(SLICE, [start, count, step]) or (INDEX, [i])], one per entry of the key."""
        operands, out = list(self.bounds), []
        for kind in self.slices.get_values():
            width = 3 if kind == SLICE else 1
            out.append((kind, operands[:width]))
            operands = operands[width:]
        return out

    def lower(self, gb):
        s = ScalarBuilder(gb.b)
        x_shape = shape_of(self.x.type)
        static_counts = iter(self.static_sizes.get_values())
        offsets, sizes, strides = [], [], []
        for d, (kind, values) in enumerate(self.entries()):
            if kind == SLICE:
                start, count, step = (s.cast(read_scalar(gb, v), "int64") for v in values)
                check(gb, s.ne(step, s.const(0, "int64")), f"{self.name}: a slice's step cannot be zero")
                start, count, step = (to_index(gb, v) for v in (start, count, step))
                static = next(static_counts)
                offsets.append(start)
                sizes.append(count if static == DYNAMIC else static)
                strides.append(step)
                continue
            i = s.cast(read_scalar(gb, values[0]), "int64")
            n = s.index_to_int64(Scalar(gb.dim(self.x, d), "index")) if x_shape[d] is None else s.const(x_shape[d], "int64")
            inside = s.bitwise_and(s.ge(i, s.neg(n)), s.lt(i, n))
            gb.insert(cf.AssertOp(inside.value, f"{self.name}: index is out of bounds for dimension {d}{self.where()}"))
            wrapped = s.select(s.lt(i, s.const(0, "int64")), s.add(i, n), i)
            offsets.append(to_index(gb, wrapped))
            sizes.append(1)
            strides.append(1)
        for d in range(len(offsets), len(x_shape)):
            offsets.append(0)
            sizes.append(gb.dim(self.x, d) if x_shape[d] is None else x_shape[d])
            strides.append(1)
        return [gb.insert(tensor.ExtractSliceOp(self.x, offsets, sizes, strides, self.result.type)).results[0]]

    def vjp(self, tb, grads):
        """The gradient flows back to the selected places: zeros of x's shape with it added there (the slices
        as `arange`s, so advanced indexing's scatter does the work)."""
        from irtk.dialects.irtk.constructors import ArangeOp
        from irtk.dialects.irtk.indexing import AdvancedIncSubtensorOp

        (grad,) = grads
        none = [None] * len(self.bounds)
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None, *none]
        entries = self.entries()
        n_slices = sum(kind == SLICE for kind, _ in entries)
        static_counts = iter(self.static_sizes.get_values())
        indices, position = [], 0
        for kind, values in entries:
            if kind == SLICE:
                start, count, step = (tb.cast(v, "int64") for v in values)
                stop = tb.add(start, tb.mul(count, step))
                vector = tb.build(ArangeOp, [start, stop, step], static_shape=int_list_attr([next(static_counts)]), dtype=i64)
                indices.append(tb.dimshuffle(vector, [0 if k == position else -1 for k in range(n_slices)]))
                position += 1
            else:
                indices.append(tb.dimshuffle(tb.cast(values[0], "int64"), [-1] * n_slices))
        trusted = [d for d, (kind, _) in enumerate(entries) if kind == SLICE]
        zeros = tb.mul(self.x, tb.scalar_like(0, self.x))
        properties = {"in_bounds": int_list_attr(trusted)} if trusted else {}
        return [tb.build(AdvancedIncSubtensorOp, [zeros, grad, *indices], **properties), *none]

    @classmethod
    def parse(cls, parser: Parser) -> SubtensorOp:
        x = parser.parse_unresolved_operand()
        kinds, names = [], []

        def entry() -> None:
            first = parser.parse_unresolved_operand()
            if parser.parse_optional_punctuation(":") is None:
                kinds.append(INDEX)
                names.append(first)
                return
            count = parser.parse_unresolved_operand()
            parser.parse_punctuation(":")
            kinds.append(SLICE)
            names.extend([first, count, parser.parse_unresolved_operand()])

        parser.parse_comma_separated_list(parser.Delimiter.SQUARE, entry)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        types_start = parser.pos
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        if len(types) != len(names) + 1:
            parser.raise_error(f"{cls.name}: expected {len(names) + 1} operand types, got {len(types)}", types_start)
        parser.parse_punctuation("->")
        result_start = parser.pos
        result_type = parser.parse_type()
        if not isinstance(result_type, TensorType) or len(result_type.get_shape()) < kinds.count(SLICE):
            parser.raise_error(f"{cls.name}: the result must be a tensor with a dimension per slice", result_start)
        counts = [n if n >= 0 else DYNAMIC for n in result_type.get_shape()[: kinds.count(SLICE)]]
        operands = [parser.resolve_operand(u, t) for u, t in zip([x, *names], types)]
        properties = {"slices": int_list_attr(kinds), "static_sizes": int_list_attr(counts)}
        op = cls.create(operands=operands, result_types=[result_type], properties=properties)
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.x)
        printer.print_string("[")

        def entry(item) -> None:
            _, values = item
            printer.print_list(values, printer.print_operand, " : ")

        printer.print_list(self.entries(), entry)
        printer.print_string("]")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_list([o.type for o in self.operands], printer.print_attribute)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)


def _values(name: str, properties, key: str) -> list[int]:
    value = properties.get(key)
    if not isinstance(value, DenseArrayBase):
        raise TypeError(f"{name}: expected the `{key}` property (an array<i64>)")
    return list(value.get_values())


register(SubtensorOp, Frontend(kind="custom"), summary="basic indexing (integers, slices): a view of x")

__all__ = ["SubtensorOp", "INDEX", "SLICE"]
