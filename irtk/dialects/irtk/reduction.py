"""Reductions over `axes`: `irtk.sum`, `prod`, `max`, `min`, `all`, `any`, and `argmax`/`argmin` (two results:
the extreme value and its index).

`axes` lists the reduced dimensions, sorted (all of them for a full reduction); the result drops them.
A reduction's structured form is one `linalg.generic` whose reduced loops are `reduction` iterators, whose
output starts at the family's initial value, and whose body combines the accumulator with one element.
Sums and products of float32 accumulate in float64 and are rounded once at the end (`accumulation.py`).
Loops over the reduced elements run in index order, left to right in row-major order, in compiled code and
in the FAST_COMPILE evaluator alike, so every mode prints the same digits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import DenseArrayBase, TensorType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.accumulation import accumulator_type, rounded
from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, REDUCTION
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.shape import restore_axes
from irtk.dialects.irtk.syntax import IntListSyntax
from irtk.dialects.irtk.tangent_rules import extremum_jvp, linear_jvp
from irtk.dialects.irtk.types import dtype_of, is_complex, is_float, shape_of, sum_dtype, tensor_type


def check_axes(name: str, axes: list[int], rank: int) -> None:
    if any(a < 0 or a >= rank for a in axes) or len(set(axes)) != len(axes) or axes != sorted(axes):
        raise TypeError(f"{name}: axes {axes} must be distinct, sorted dimensions of a rank-{rank} operand")


def single_axis(name: str, properties, t) -> int:
    """The one axis, in `properties["axes"]`, of an op that works along a single dimension of operand type `t`
    (scans, sorts, softmax); TypeError otherwise."""
    axes = list(properties["axes"].get_values())
    check_axes(name, axes, len(shape_of(t)))
    if len(axes) != 1:
        raise TypeError(f"{name}: expected one axis, got {axes}")
    return axes[0]


def refuse_complex(name: str, dtype: str) -> None:
    """Extrema need an order, which complex numbers lack (Theano refuses them too)."""
    if is_complex(dtype):
        raise TypeError(f"{name}: complex numbers are not ordered, so {dtype} has no maximum or minimum")


def lowest(dtype: str):
    """The initial value of a maximum: -inf, or the smallest integer."""
    if is_float(dtype):
        return float("-inf")
    return False if dtype == "bool" else int(np.iinfo(dtype).min)


def highest(dtype: str):
    if is_float(dtype):
        return float("inf")
    return True if dtype == "bool" else int(np.iinfo(dtype).max)


class AxesOp(IntListSyntax, TensorOp):
    """Base of the ops on one operand `x` with a list of its dimensions, `axes` (`irtk.sum %x [0, 1]`)."""

    x = operand_def(TensorType)
    axes = prop_def(DenseArrayBase)
    traits = traits_def(Pure(), CanonicalizePatterns())
    LIST_PROPERTY: ClassVar[str] = "axes"

    @classmethod
    def checked_axes(cls, operand_types, properties) -> tuple[TensorType, list[int]]:
        """The operand's type and the axes, which must be distinct, sorted dimensions of it."""
        (t,) = operand_types
        axes = list(properties["axes"].get_values())
        check_axes(cls.name, axes, len(shape_of(t)))
        return t, axes

    @classmethod
    def kept_shape(cls, operand_types, properties) -> list:
        t, axes = cls.checked_axes(operand_types, properties)
        return [s for d, s in enumerate(shape_of(t)) if d not in axes]

    @property
    def axes_values(self) -> tuple[int, ...]:
        return tuple(self.axes.get_values())

    def restore_axes(self, tb, value):
        """`value` (of the reduced shape) with the reduced dimensions put back with size 1."""
        return tb.dimshuffle(value, restore_axes(len(shape_of(self.x.type)), self.axes_values))


def grad_to_extremum(tb, op: AxesOp, extremum, grad):
    """Theano's gradient of max and min: `grad` flows to every element equal to the extremum."""
    chosen = tb.cast(tb.eq(op.x, op.restore_axes(tb, extremum)), dtype_of(op.x.type))
    return tb.mul(tb.broadcast(op.restore_axes(tb, grad), op.x), chosen)


class ReductionOp(AxesOp):
    """Base of the one-result reductions: `INIT(dtype)` is the initial value, `combine(s, acc, x)` the step."""

    result = result_def(TensorType)
    RESULT_DTYPE: ClassVar[Callable[[str], str]] = staticmethod(lambda d: d)
    INIT: ClassVar[Callable[[str], object]]
    #: Whether combining rounds (a sum or product), so that float32 accumulates in float64.
    ACCUMULATES: ClassVar[bool] = False

    @classmethod
    def infer_type(cls, operand_types, properties):
        return tensor_type(cls.RESULT_DTYPE(dtype_of(operand_types[0])), cls.kept_shape(operand_types, properties))

    def combine(self, s: ScalarBuilder, acc: Scalar, x: Scalar) -> Scalar:
        raise NotImplementedError(self.name)

    def lower(self, gb):
        """One generic whose reduced loops combine each element into the accumulator, in index order. A sum or
        product (`ACCUMULATES`) of float32 accumulates in float64 and is rounded once (`accumulation.py`)."""
        rank = len(shape_of(self.x.type))
        axes = self.axes_values
        kept = [d for d in range(rank) if d not in axes]
        acc_type = accumulator_type(self.result.type) if self.ACCUMULATES else self.result.type
        src, dtype = dtype_of(self.x.type), dtype_of(acc_type)
        sizes = gb.loop_sizes(rank, [(self.x, list(range(rank)))], self.name)
        kept_sizes = [sizes[d] for d in kept]
        init = gb.full(acc_type, kept_sizes, type(self).INIT(dtype))
        iterators = [REDUCTION if d in axes else PARALLEL for d in range(rank)]

        def body(b, args, acc):
            s = ScalarBuilder(b)
            return self.combine(s, Scalar(acc, dtype), s.cast(Scalar(args[0], src), dtype)).value

        total = gb.generic([(self.x, list(range(rank)))], init, kept, iterators, body)
        return [rounded(gb, total, self.result.type, kept_sizes)]


@irdl_op_definition
class SumOp(ReductionOp):
    """Sum over `axes` (integers and booleans accumulate in 64 bits, float32 in float64)."""

    name = "irtk.sum"
    RESULT_DTYPE: ClassVar = staticmethod(sum_dtype)
    INIT: ClassVar = staticmethod(lambda dtype: 0)
    ACCUMULATES: ClassVar = True

    def combine(self, s, acc, x):
        return s.add(acc, x)

    def vjp(self, tb, grads):
        (grad,) = grads
        if not is_float(dtype_of(self.x.type)):
            return [None]
        return [tb.cast(tb.broadcast(self.restore_axes(tb, grad), self.x), dtype_of(self.x.type))]

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)


@irdl_op_definition
class ProdOp(ReductionOp):
    """Product over `axes` (integers and booleans multiply in 64 bits, float32 in float64)."""

    name = "irtk.prod"
    RESULT_DTYPE: ClassVar = staticmethod(sum_dtype)
    INIT: ClassVar = staticmethod(lambda dtype: 1)
    ACCUMULATES: ClassVar = True

    def combine(self, s, acc, x):
        return s.mul(acc, x)

    def vjp(self, tb, grads):
        # d prod / dx_i = prod / x_i (Theano's rule without its zero handling: exact where no x_i is 0)
        (grad,) = grads
        if not is_float(dtype_of(self.x.type)):
            return [None]
        total = tb.broadcast(self.restore_axes(tb, tb.mul(grad, self.result)), self.x)
        return [tb.cast(tb.div(total, self.x), dtype_of(self.x.type))]


class ExtremumOp(ReductionOp):
    """max or min: the gradient flows to the elements equal to the extremum (Theano's rule)."""

    @classmethod
    def infer_type(cls, operand_types, properties):
        refuse_complex(cls.name, dtype_of(operand_types[0]))
        return super().infer_type(operand_types, properties)

    def vjp(self, tb, grads):
        (grad,) = grads
        if not is_float(dtype_of(self.x.type)):
            return [None]
        return [grad_to_extremum(tb, self, self.result, grad)]

    def jvp(self, tb, tangents):
        return extremum_jvp(self, tb, tangents, self.result)


@irdl_op_definition
class MaxOp(ExtremumOp):
    """Largest element over `axes`; NaN if any is NaN (numpy's `max`)."""

    name = "irtk.max"
    INIT: ClassVar = staticmethod(lowest)

    def combine(self, s, acc, x):
        return s.maximum(acc, x)


@irdl_op_definition
class MinOp(ExtremumOp):
    """Smallest element over `axes`; NaN if any is NaN (numpy's `min`)."""

    name = "irtk.min"
    INIT: ClassVar = staticmethod(highest)

    def combine(self, s, acc, x):
        return s.minimum(acc, x)


class LogicalReductionOp(ReductionOp):
    RESULT_DTYPE: ClassVar = staticmethod(lambda d: "bool")

    def vjp(self, tb, grads):
        return [None]


@irdl_op_definition
class AllOp(LogicalReductionOp):
    """Whether every element over `axes` is true (non-zero)."""

    name = "irtk.all"
    INIT: ClassVar = staticmethod(lambda dtype: True)

    def combine(self, s, acc, x):
        return s.logical_and(acc, x)


@irdl_op_definition
class AnyOp(LogicalReductionOp):
    """Whether some element over `axes` is true (non-zero)."""

    name = "irtk.any"
    INIT: ClassVar = staticmethod(lambda dtype: False)

    def combine(self, s, acc, x):
        return s.logical_or(acc, x)


class ArgExtremumOp(AxesOp):
    """Two results: the extreme value over `axes` and its index (int64, row-major over the reduced axes).

    One pass over the data, one `linalg.generic` with two outputs whose body reads the iteration index.
    Ties and NaN go as in numpy: the first occurrence wins, and a NaN beats every number.
    """

    value = result_def(TensorType)
    index = result_def(TensorType)
    RELATION: ClassVar[str]
    INIT: ClassVar[Callable[[str], object]]

    @classmethod
    def infer_types(cls, operand_types, properties):
        refuse_complex(cls.name, dtype_of(operand_types[0]))
        kept = cls.kept_shape(operand_types, properties)
        return [tensor_type(dtype_of(operand_types[0]), kept), tensor_type("int64", kept)]

    def print(self, printer) -> None:  # two result types: `: T -> V, I`
        printer.print_string(" ")
        printer.print_operand(self.x)
        printer.print_string(" [" + ", ".join(str(v) for v in self.axes_values) + "]")
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.x.type)
        printer.print_string(" -> ")
        printer.print_attribute(self.value.type)
        printer.print_string(", ")
        printer.print_attribute(self.index.type)

    @classmethod
    def parse(cls, parser):
        unresolved = parser.parse_unresolved_operand()
        values = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: parser.parse_integer())
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        x_type = parser.parse_type()
        parser.parse_punctuation("->")
        value_type = parser.parse_type()
        parser.parse_punctuation(",")
        index_type = parser.parse_type()
        from irtk.dialects.irtk.syntax import int_list_attr

        op = cls.create(operands=[parser.resolve_operand(unresolved, x_type)], result_types=[value_type, index_type],
                        properties={"axes": int_list_attr(values)})
        op.attributes.update(attrs)
        return op

    def lower(self, gb):
        rank = len(shape_of(self.x.type))
        axes = self.axes_values
        kept = [d for d in range(rank) if d not in axes]
        dtype = dtype_of(self.x.type)
        sizes = gb.loop_sizes(rank, [(self.x, list(range(rank)))], self.name)
        values = gb.full(self.value.type, [sizes[d] for d in kept], type(self).INIT(dtype))
        indices = gb.zeros(self.index.type, [sizes[d] for d in kept])
        iterators = [REDUCTION if d in axes else PARALLEL for d in range(rank)]
        # the flat index of an element among the reduced ones: ((i_a * n_b) + i_b) * n_c + i_c ...
        reduced_sizes = [gb.index(sizes[d]) for d in axes]

        def body(b, args, outs):
            s = ScalarBuilder(b)
            x, best, best_index = Scalar(args[0], dtype), Scalar(outs[0], dtype), Scalar(outs[1], "int64")
            flat = None
            for d, size in zip(axes, reduced_sizes):
                i = Scalar(gb.loop_index(b, d), "index")
                flat = i if flat is None else s.add(s.mul(flat, Scalar(size, "index")), i)
            flat = s.index_to_int64(flat) if flat is not None else s.const(0, "int64")  # no reduced axis
            better = s.compare(self.RELATION, x, best)
            if is_float(dtype):
                better = s.logical_or(better, s.logical_and(s.isnan(x), s.invert(s.isnan(best))))
            return [s.select(better, x, best).value, s.select(better, flat, best_index).value]

        return gb.generic_n([(self.x, list(range(rank)))], [values, indices], [kept, kept], iterators, body)

    def vjp(self, tb, grads):
        grad = grads[0]
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None]
        return [grad_to_extremum(tb, self, self.value, grad)]

    def jvp(self, tb, tangents):
        return extremum_jvp(self, tb, tangents, self.value)


@irdl_op_definition
class ArgmaxOp(ArgExtremumOp):
    """The maximum over `axes` and the index of its first occurrence (Theano's `max_and_argmax`)."""

    name = "irtk.argmax"
    RELATION: ClassVar = "gt"
    INIT: ClassVar = staticmethod(lowest)


@irdl_op_definition
class ArgminOp(ArgExtremumOp):
    """The minimum over `axes` and the index of its first occurrence."""

    name = "irtk.argmin"
    RELATION: ClassVar = "lt"
    INIT: ClassVar = staticmethod(highest)


for _op in (SumOp, ProdOp, MaxOp, MinOp, AllOp, AnyOp, ArgmaxOp, ArgminOp):
    register(_op, Frontend(kind="custom"))

__all__ = ["ReductionOp", "SumOp", "ProdOp", "MaxOp", "MinOp", "AllOp", "AnyOp", "ArgmaxOp", "ArgminOp", "ArgExtremumOp"]


@irdl_op_definition
class CountOp(AxesOp):
    """The number of elements over `axes` of x, as an int64 scalar (what `mean` divides by). Static sizes fold
    to a constant; dynamic ones are read when the program runs."""

    name = "irtk.count"
    result = result_def(TensorType)

    @classmethod
    def infer_type(cls, operand_types, properties):
        cls.checked_axes(operand_types, properties)
        return tensor_type("int64", [])

    def lower(self, gb):
        from xdsl.dialects import arith
        from xdsl.dialects.builtin import IntegerType

        shape = shape_of(self.x.type)
        count = gb.index(1)
        for d in self.axes.get_values():
            size = gb.dim(self.x, d) if shape[d] is None else gb.index(shape[d])
            count = gb.insert(arith.MuliOp(count, size)).results[0]
        as_int = gb.insert(arith.IndexCastOp(count, IntegerType(64))).results[0]
        init = gb.empty(self.result.type, [])
        return [gb.generic([(as_int, [])], init, [], [], lambda b, args, out: args[0])]

    def vjp(self, tb, grads):
        return [None]


@irdl_op_definition
class IotaOp(AxesOp):
    """An int64 tensor of x's shape holding each element's index along dimension `axes[0]` (x's values are not
    read): one-hot encodings, `arange`, `eye` and diagonals are built from it."""

    name = "irtk.iota"
    result = result_def(TensorType)

    @classmethod
    def infer_type(cls, operand_types, properties):
        t, axes = cls.checked_axes(operand_types, properties)
        if len(axes) != 1:
            raise TypeError(f"irtk.iota: expected one dimension, got {axes}")
        return tensor_type("int64", shape_of(t))

    def lower(self, gb):
        rank = len(shape_of(self.x.type))
        (axis,) = self.axes.get_values()
        sizes = gb.loop_sizes(rank, [(self.x, list(range(rank)))], self.name)
        init = gb.empty(self.result.type, sizes)

        def body(b, args, out):
            s = ScalarBuilder(b)
            return s.index_to_int64(Scalar(gb.loop_index(b, axis), "index")).value

        return [gb.generic([(self.x, list(range(rank)))], init, list(range(rank)), [PARALLEL] * rank, body)]

    def vjp(self, tb, grads):
        return [None]


register(CountOp, Frontend(kind="custom"))
register(IotaOp, Frontend(kind="custom"))
__all__ += ["CountOp", "IotaOp"]
