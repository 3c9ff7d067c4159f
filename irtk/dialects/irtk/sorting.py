"""Sorting: `irtk.argsort`, the permutation that sorts a tensor along one axis (numpy's and Theano's `argsort`).

    %p = irtk.argsort %x [1] : tensor<?x?xf64> -> tensor<?x?xi64>

Element [..., i, ...] of the result is the position along the axis of the i-th smallest element of its line, in
numpy's order: NaN after every number, and equal elements (-0.0 and 0.0 among them) in their original order (a
stable sort, as `kind='stable'`). `sort` is the gather of x at these positions (`tensor.sort`), so its gradient
is the output gradient scattered back through the permutation, by the gather's own gradient rule.

The structured form is a bitonic sorting network, O(n log^2 n) compare-exchanges: the permutation and the keys in
its order, padded along the axis to the next power of two N = 2^L, are carried by an `scf.for` over the network's
L(L+1)/2 steps, and each step is one generic in which every place reads its partner (place i XOR j) and keeps the
smaller or the larger of the two elements. The network compares (key, original position) pairs, a total order in which padding comes
last, so its result is the stable order although a bitonic network alone is not stable. L comes from a small
scalar `scf.for` that doubles N until it reaches n. Both modes run this same IR, so they agree exactly.
"""

from __future__ import annotations

from xdsl.dialects import arith, scf, tensor
from xdsl.dialects.builtin import DenseArrayBase, IndexType, TensorType
from xdsl.ir import Block, Region, SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, GenericBuilder
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.reduction import single_axis
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder, scalar_type
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import dtype_of, is_complex, is_float, shape_of, tensor_type

#: Enough doublings of N for any size an index can hold.
_MAX_DOUBLINGS = 63


@irdl_op_definition
class ArgsortOp(TensorOp):
    """The int64 positions that sort x along an axis (numpy's order: NaN last, ties stable)."""

    name = "irtk.argsort"
    x = operand_def(TensorType)
    axes = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        single_axis(cls.name, properties, t)
        if is_complex(dtype_of(t)):
            raise TypeError(f"{cls.name}: complex tensors are not supported")
        return tensor_type("int64", shape_of(t))

    @property
    def axis(self) -> int:
        return self.axes.get_values()[0]

    def lower(self, gb):
        x, axis = self.x, self.axis
        shape = shape_of(x.type)
        rank = len(shape)
        dtype = dtype_of(x.type)
        sizes = [gb.dim(x, d) if shape[d] is None else size for d, size in enumerate(shape)]
        n = gb.index(sizes[axis])
        padded, steps = _network_size(gb, n)
        lines = tuple(None if d == axis else size for d, size in enumerate(shape))
        perm_type, keys_type = tensor_type("int64", lines), tensor_type(dtype, lines)
        carried_sizes = [padded if d == axis else size for d, size in enumerate(sizes)]
        loops, iterators = list(range(rank)), [PARALLEL] * rank
        n64 = ScalarBuilder(gb.b).index_to_int64(Scalar(n, "index"))

        def start(b, args, outs):
            """Position i holds element i (padding, i >= n, a copy of the last element: never read as a key)."""
            s = ScalarBuilder(b)
            where = [GenericBuilder.loop_index(b, d) for d in loops]
            i = s.index_to_int64(Scalar(where[axis], "index"))
            where[axis] = b.insert(arith.IndexCastOp(s.minimum(i, s.sub(n64, s.const(1, "int64"))).value, IndexType())).result
            return [i.value, b.insert(tensor.ExtractOp(x, where, scalar_type(dtype))).results[0]]

        inits = [gb.empty(perm_type, carried_sizes), gb.empty(keys_type, carried_sizes)]
        positions, keys = gb.generic_n([], inits, [loops, loops], iterators, start)

        def step(inner: GenericBuilder, values: list[SSAValue]) -> list[SSAValue]:
            perm, keys, k, j = values  # stage k (a power of two), distance j (k/2, k/4, ..., 1)

            def body(b, args, outs):
                s = ScalarBuilder(b)
                own_pos, own_key = Scalar(args[0], "int64"), Scalar(args[1], dtype)
                where = [GenericBuilder.loop_index(b, d) for d in loops]
                i = s.index_to_int64(Scalar(where[axis], "index"))
                partner = s.bitwise_xor(i, Scalar(j, "int64"))
                where[axis] = b.insert(arith.IndexCastOp(partner.value, IndexType())).result
                their_pos = Scalar(b.insert(tensor.ExtractOp(perm, where, perm.type.element_type)).results[0], "int64")
                their_key = Scalar(b.insert(tensor.ExtractOp(keys, where, scalar_type(dtype))).results[0], dtype)
                ascending = s.eq(s.bitwise_and(i, Scalar(k, "int64")), s.const(0, "int64"))  # i's and its partner's
                # the lower place of the pair gets the smaller element in an ascending block, the larger otherwise
                wants_smaller = s.eq(s.lt(i, partner), ascending)
                keep = s.eq(_before(s, own_key, own_pos, their_key, their_pos, n64, dtype), wants_smaller)
                return [s.select(keep, own_pos, their_pos).value, s.select(keep, own_key, their_key).value]

            inits = [inner.empty(perm_type, carried_sizes), inner.empty(keys_type, carried_sizes)]
            perm, keys = inner.generic_n([(perm, loops), (keys, loops)], inits, [loops, loops], iterators, body)
            s = ScalarBuilder(inner.b)
            last = s.eq(Scalar(j, "int64"), s.const(1, "int64"))
            k_next = s.select(last, s.mul(Scalar(k, "int64"), s.const(2, "int64")), Scalar(k, "int64"))
            j_next = s.select(last, Scalar(k, "int64"), s.floordiv(Scalar(j, "int64"), s.const(2, "int64")))
            return [perm, keys, k_next.value, j_next.value]

        s = ScalarBuilder(gb.b)
        perm, _, _, _ = _loop(gb, steps, [positions, keys, s.const(2, "int64").value, s.const(1, "int64").value], step)

        def unpadded(b, args, out):
            where = [GenericBuilder.loop_index(b, d) for d in loops]
            return b.insert(tensor.ExtractOp(perm, where, perm.type.element_type)).results[0]

        return [gb.generic([], gb.empty(self.result.type, sizes), loops, iterators, unpadded)]

    def vjp(self, tb, grads):
        return [None]  # positions: piecewise constant

    # syntax: irtk.argsort %x [axis] : T -> U
    @classmethod
    def parse(cls, parser: Parser):
        unresolved = parser.parse_unresolved_operand()
        axes = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: parser.parse_integer(allow_boolean=False))
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        x_type = parser.parse_type()
        parser.parse_punctuation("->")
        result_type = parser.parse_type()
        op = cls.create(operands=[parser.resolve_operand(unresolved, x_type)], result_types=[result_type],
                        properties={"axes": int_list_attr(axes)})
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_operand(self.x)
        printer.print_string(" [" + ", ".join(str(a) for a in self.axes.get_values()) + "]")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.x.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)


def _before(s: ScalarBuilder, a: Scalar, ia: Scalar, b: Scalar, ib: Scalar, n: Scalar, dtype: str) -> Scalar:
    """Whether the element (key a, original position ia) comes before (b, ib): numpy's order, NaN last, ties by
    position; a position >= n is padding, after every element (its key is not looked at)."""
    if dtype == "bool":
        a, b = s.cast(a, "int8"), s.cast(b, "int8")
    by_position = s.lt(ia, ib)
    less = s.lt(a, b)
    tie = s.eq(a, b)
    if is_float(dtype):
        nan_a, nan_b = s.isnan(a), s.isnan(b)
        less = s.select(nan_b, s.invert(nan_a), less)  # a number before NaN
        tie = s.select(nan_a, nan_b, tie)  # NaNs tie with each other
    real = s.select(tie, by_position, less)
    padding = s.select(s.ge(ia, n), s.const(True, "bool"), s.ge(ib, n))
    return s.select(padding, by_position, real)


def _network_size(gb: GenericBuilder, n: SSAValue) -> tuple[SSAValue, SSAValue]:
    """(N, the number of steps L(L+1)/2) for the smallest power of two N = 2^L >= n (N = 0 when n = 0), as
    indices."""
    s = ScalarBuilder(gb.b)
    one, zero = s.const(1, "int64"), s.const(0, "int64")
    n64 = s.index_to_int64(Scalar(n, "index"))

    def double(inner: GenericBuilder, values: list[SSAValue]) -> list[SSAValue]:
        s = ScalarBuilder(inner.b)
        size, level, steps = (Scalar(v, "int64") for v in values)
        short = s.lt(size, n64)
        level_next = s.add(level, one)
        return [s.select(short, s.mul(size, s.const(2, "int64")), size).value, s.select(short, level_next, level).value,
                s.select(short, s.add(steps, level_next), steps).value]

    size, _, steps = _loop(gb, gb.index(_MAX_DOUBLINGS), [one.value, zero.value, zero.value], double)
    size = s.select(s.eq(n64, zero), zero, Scalar(size, "int64")).value  # no line to pad: nothing to read
    as_index = [gb.insert(arith.IndexCastOp(v, IndexType())).result for v in (size, steps)]
    return as_index[0], as_index[1]


def _loop(gb: GenericBuilder, count: SSAValue, carried: list[SSAValue], step) -> list[SSAValue]:
    """`scf.for _ = 0 to count` carrying `carried`; `step(inner_gb, values)` returns the next values."""
    block = Block(arg_types=[IndexType(), *(v.type for v in carried)])
    inner = gb.inside(block)
    inner.insert(scf.YieldOp(*step(inner, list(block.args[1:]))))
    return list(gb.insert(scf.ForOp(gb.index(0), count, gb.index(1), carried, Region(block))).results)


register(ArgsortOp, Frontend(names=("argsort",), kind="custom"))

__all__ = ["ArgsortOp"]
