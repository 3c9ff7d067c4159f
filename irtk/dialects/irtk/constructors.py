"""Constructors: tensors whose shape is given by integer scalars — `irtk.alloc` (Theano's Alloc, behind
`zeros`, `ones` and `alloc`), `irtk.arange` and `irtk.eye` (behind `eye` and `identity_like`).

    %z = irtk.alloc %v, %n : tensor<f64>, tensor<i64> -> tensor<?x3xf64>
    %r = irtk.arange %start, %stop, %step : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?xi64>
    %e = irtk.eye %n, %k : tensor<i32>, tensor<i64> -> tensor<?x4xf32>

A size is either static — it is in the result type, as in MLIR's `tensor.empty` — or given at run time by a
0-d integer operand, one per `?` of the result type, in order. The static sizes are also the `static_shape`
property (-1 where dynamic), and `irtk.eye`/`irtk.arange` keep their dtype in `dtype`, because an op's type
rule sees only its operand types and properties; the custom syntax derives both from the result type.

Sizes known when the program is written are static, so `zeros((2, 3))` folds to a constant; a size operand that
canonicalization turns into a constant becomes static too (`StaticSizesFromConstants`). A dynamic size is read
when the program runs (`tensor.extract` of the 0-d operand): a negative one fails the call with a message, in
compiled code and in the evaluator alike, instead of allocating garbage.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from xdsl.dialects import arith, cf, tensor
from xdsl.dialects.builtin import DenseArrayBase, IndexType, TensorType
from xdsl.ir import SSAValue, TypeAttribute
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, result_def, traits_def, var_operand_def
from xdsl.parser import Parser
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.printer import Printer
from xdsl.traits import HasCanonicalizationPatternsTrait, Pure

from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.elementwise import CastOp, splat_value
from irtk.dialects.irtk.generic_builder import PARALLEL, GenericBuilder
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.tangent_rules import linear_jvp
from irtk.dialects.irtk.types import dtype_of, is_float, is_integer, shape_of, tensor_type

#: A dynamic size in `static_shape`.
DYNAMIC = -1

#: The longest arange a program may ask for: beyond it (or for an infinite or NaN length) the call fails, as numpy's
#: "Maximum allowed size exceeded" (also for a hugely negative quotient, as numpy).
MAX_ARANGE_LENGTH = 2.0**62


def check_scalar(name: str, what: str, t: TensorType, *, allow_float: bool = False) -> str:
    """The dtype of a 0-d operand that must be an integer (or, with `allow_float`, a number); TypeError else."""
    dtype = dtype_of(t)
    wanted = "an integer or float" if allow_float else "an integer"
    if shape_of(t) != () or dtype == "bool" or not (is_integer(dtype) or (allow_float and is_float(dtype))):
        raise TypeError(f"{name}: {what} must be {wanted} scalar (a 0-d tensor), got {t}")
    return dtype


def read_scalar(gb: GenericBuilder, value: SSAValue) -> Scalar:
    """The element of a 0-d tensor, read before the op (`tensor.extract`)."""
    t = value.type
    assert isinstance(t, TensorType)
    return Scalar(gb.insert(tensor.ExtractOp(value, [], t.element_type)).results[0], dtype_of(t))


def to_index(gb: GenericBuilder, n: Scalar) -> SSAValue:
    """An int64 scalar as an `index`."""
    return gb.insert(arith.IndexCastOp(n.value, IndexType())).results[0]


def check(gb: GenericBuilder, condition: Scalar, message: str) -> None:
    """A run-time check: the call fails with `message` (and where the op was written) when `condition` is false."""
    gb.insert(cf.AssertOp(condition.value, message + gb.op.where()))


def read_size(gb: GenericBuilder, value: SSAValue, what: str) -> SSAValue:
    """A dynamic size: the 0-d integer operand's value as an `index`, checked to be non-negative."""
    s = ScalarBuilder(gb.b)
    n = s.cast(read_scalar(gb, value), "int64")
    check(gb, s.ge(n, s.const(0, "int64")), f"{gb.op.name}: the size of {what} is negative")
    return to_index(gb, n)


def arange_length(start, stop, step) -> int:
    """numpy's length of `arange(start, stop, step)`: ceil((stop - start) / step), 0 if negative; the arguments
    are numpy scalars. Computed exactly as `irtk.arange` computes it at run time (the difference in int64 when
    all are integers, else in float64; the quotient in float64), so a static length agrees with the run-time one.
    ValueError where the call would fail."""
    values = [np.asarray(v) for v in (start, stop, step)]
    wide = np.int64 if all(v.dtype.kind in "iu" for v in values) else np.float64
    start, stop, step = (v.astype(wide)[()] for v in values)
    if step == 0:
        raise ValueError("arange: step must not be zero")
    with np.errstate(all="ignore"):
        quotient = np.float64(stop - start) / np.float64(step)
    if not abs(quotient) <= MAX_ARANGE_LENGTH:  # numpy refuses -inf too
        raise ValueError(f"arange: cannot compute the length of the range ({start}, {stop}, {step})")
    return max(0, math.ceil(quotient))


class ConstructorPatterns(HasCanonicalizationPatternsTrait):
    """irtk's patterns (which fold a constructor of static shape on constant operands), and static sizes from
    constant size operands."""

    @classmethod
    def get_canonicalization_patterns(cls):
        from irtk.dialects.irtk.canonicalization import PATTERNS

        return (*PATTERNS, StaticSizesFromConstants())


class ConstructorOp(TensorOp):
    """Base of the constructors: the result's static sizes (`static_shape`) and the custom syntax
    `%operands : operand types -> result type`, which derives the properties from the result type."""

    static_shape = prop_def(DenseArrayBase)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ConstructorPatterns())
    #: Whether the result dtype is a property (eye, arange) rather than an operand's (alloc).
    HAS_DTYPE: ClassVar[bool] = False

    @classmethod
    def checked_shape(cls, properties, rank: int | None = None) -> list[int | None]:
        """The static shape (None where dynamic), whose sizes must be non-negative."""
        if not isinstance(properties.get("static_shape"), DenseArrayBase):
            raise TypeError(f"{cls.name}: expected the result's static sizes as the `static_shape` property")
        shape = list(properties["static_shape"].get_values())
        if any(n < DYNAMIC for n in shape):
            raise TypeError(f"{cls.name}: static sizes must be non-negative (or -1 for a dynamic one), got {shape}")
        if rank is not None and len(shape) != rank:
            raise TypeError(f"{cls.name}: the result must have rank {rank}, got {len(shape)}")
        return [None if n == DYNAMIC else n for n in shape]

    @classmethod
    def checked_dtype(cls, properties) -> str:
        """The result dtype, the `dtype` property (an element type)."""
        if "dtype" not in properties:
            raise TypeError(f"{cls.name}: expected the result's element type as the `dtype` property")
        return dtype_of(properties["dtype"])

    @classmethod
    def checked_sizes(cls, properties, size_types: Sequence[TensorType], rank: int | None = None) -> list[int | None]:
        """The static shape, given one 0-d integer size operand per dynamic dimension."""
        shape = cls.checked_shape(properties, rank)
        if len(size_types) != shape.count(None):
            raise TypeError(
                f"{cls.name}: expected {shape.count(None)} size operand(s), one per dynamic dimension of the result, "
                f"got {len(size_types)}"
            )
        for i, t in enumerate(size_types):
            check_scalar(cls.name, f"size operand #{i}", t)
        return shape

    @property
    def shape_values(self) -> list[int]:
        return list(self.static_shape.get_values())

    def size_operands(self) -> Sequence[SSAValue]:
        """The operands giving the dynamic sizes, in order."""
        return []

    def result_sizes(self, gb: GenericBuilder) -> list[SSAValue | int]:
        """Every result size: the static ones, and the dynamic ones read from their operands."""
        operands = iter(self.size_operands())
        return [n if n != DYNAMIC else read_size(gb, next(operands), f"dimension {d}") for d, n in enumerate(self.shape_values)]

    def refined_shape(self) -> list[int] | None:
        """The static shape with the dynamic sizes that constant operands fix, or None when none does."""
        operands = iter(self.size_operands())
        shape, changed = [], False
        for n in self.shape_values:
            if n == DYNAMIC:
                value = _constant_value(next(operands))
                if value is not None and value >= 0:
                    n, changed = int(value), True
            shape.append(n)
        return shape if changed else None

    def operands_with_sizes(self, sizes: Sequence[SSAValue]) -> list[SSAValue]:
        """This op's operands with `sizes` in place of its size operands."""
        return list(self.operands)

    def with_shape(self, shape: list[int]) -> ConstructorOp:
        """This op with static shape `shape`, without the size operands of the sizes that became static."""
        now_dynamic = [new == DYNAMIC for old, new in zip(self.shape_values, shape) if old == DYNAMIC]
        sizes = [size for size, dynamic in zip(self.size_operands(), now_dynamic) if dynamic]
        operands = self.operands_with_sizes(sizes)
        properties = dict(self.properties)
        properties["static_shape"] = int_list_attr(shape)
        result_types = type(self).infer_types([o.type for o in operands], properties)
        new = type(self).create(operands=operands, result_types=result_types, properties=properties)
        new.location = self.location
        return new

    @classmethod
    def properties_of(cls, result_type: TensorType) -> dict:
        properties = {"static_shape": int_list_attr([DYNAMIC if n is None else n for n in shape_of(result_type)])}
        if cls.HAS_DTYPE:
            properties["dtype"] = result_type.element_type
        return properties

    @classmethod
    def parse(cls, parser: Parser) -> ConstructorOp:
        unresolved = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        start = parser.pos
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        if len(types) != len(unresolved):
            parser.raise_error(f"expected {len(unresolved)} operand type(s), got {len(types)}", start)
        parser.parse_punctuation("->")
        start = parser.pos
        result_type = parser.parse_type()
        if not isinstance(result_type, TensorType):
            parser.raise_error(f"{cls.name}: the result must be a tensor, got {result_type}", start)
        operands = [parser.resolve_operand(u, t) for u, t in zip(unresolved, types)]
        op = cls.create(operands=operands, result_types=[result_type], properties=cls.properties_of(result_type))
        op.attributes.update(attrs)
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_list(self.operands, printer.print_operand)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_list([o.type for o in self.operands], printer.print_attribute)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)


def _constant_value(value: SSAValue):
    from irtk.dialects.irtk.constant import ConstantOp

    owner = value.owner
    if isinstance(owner, ConstantOp) and shape_of(owner.result.type) == ():
        return owner.array[()]
    return None


class StaticSizesFromConstants(RewritePattern):
    """`irtk.alloc %v, (constant 3) : ... -> tensor<?xf64>` => `irtk.cast (irtk.alloc %v : ... -> tensor<3xf64>)`: a
    size that a constant fixes becomes static (the cast keeps the old type for the users), so that the constructor
    can fold. A negative constant stays an operand, and so does a size the value does not fit: the call fails when it
    runs, as with any such size."""

    def match_and_rewrite(self, op, rewriter: PatternRewriter, /):
        if not isinstance(op, ConstructorOp):
            return
        shape = op.refined_shape()
        if shape is None:
            return
        try:
            new = op.with_shape(shape)
        except TypeError:  # the value does not fit the shape: left for the call to report
            return
        cast = CastOp.create(operands=[new.result], result_types=[op.result.type])
        cast.location = op.location
        rewriter.replace(op, [new, cast], [cast.result])


@irdl_op_definition
class AllocOp(ConstructorOp):
    """`value` broadcast to a shape (Theano's Alloc): `zeros`, `ones` and `alloc`. The value's dimensions align
    with the trailing ones of the shape; each has static size 1 (stretched) or the size it gets."""

    name = "irtk.alloc"
    value = operand_def(TensorType)
    sizes = var_operand_def(TensorType)

    @classmethod
    def infer_type(cls, operand_types, properties):
        if not operand_types:
            raise TypeError(f"{cls.name}: expected a value operand")
        value, *sizes = operand_types
        shape = cls.checked_sizes(properties, sizes)
        vshape = shape_of(value)
        if len(vshape) > len(shape):
            raise TypeError(f"{cls.name}: the value has rank {len(vshape)}, more than the {len(shape)} dimension(s) of the shape")
        lead = len(shape) - len(vshape)
        for d, (v, n) in enumerate(zip(vshape, shape[lead:])):
            if v is not None and v != 1 and n is not None and v != n:
                raise TypeError(f"{cls.name}: dimension {d} of the value (size {v}) cannot be broadcast to size {n}")
        return tensor_type(dtype_of(value), shape)

    def size_operands(self):
        return list(self.sizes)

    def operands_with_sizes(self, sizes):
        return [self.value, *sizes]

    def lower(self, gb):
        sizes = self.result_sizes(gb)
        rank = len(sizes)
        shape, vshape = shape_of(self.result.type), shape_of(self.value.type)
        lead = rank - len(vshape)
        access: list[int | None] = []
        for d, v in enumerate(vshape):
            loop = lead + d
            if v == 1 and shape[loop] != 1:
                access.append(None)  # stretched
                continue
            access.append(loop)
            if v is None or shape[loop] is None:  # two static sizes were checked by the verifier
                size = gb.dim(self.value, d) if v is None else v
                message = f"{self.name}: dimension {d} of the value does not match dimension {loop} of the shape"
                gb.assert_equal(sizes[loop], size, message + self.where())
        init = gb.empty(self.result.type, sizes)
        dtype = dtype_of(self.result.type)
        splat = splat_value(self.value)
        loops, iterators = list(range(rank)), [PARALLEL] * rank
        if splat is not None:  # zeros, ones: the constant in the body, nothing read
            return [gb.generic([], init, loops, iterators, lambda b, args, out: ScalarBuilder(b).const(splat, dtype).value)]
        return [gb.generic([(self.value, access)], init, loops, iterators, lambda b, args, out: args[0])]

    def vjp(self, tb, grads):
        """The value's gradient sums over the dimensions it was broadcast along; sizes get none."""
        (grad,) = grads
        none = [None] * len(self.sizes)
        if grad is None or not is_float(dtype_of(self.value.type)):
            return [None, *none]
        lead = len(shape_of(self.result.type)) - len(shape_of(self.value.type))
        if lead:
            grad = tb.sum(grad, list(range(lead)))
        return [tb.unbroadcast(grad, self.value.type), *none]

    def jvp(self, tb, tangents):
        return linear_jvp(self, tb, tangents)


@irdl_op_definition
class EyeOp(ConstructorOp):
    """A 2-d tensor with ones on diagonal `k` (above the main one for k > 0) and zeros elsewhere: numpy's `eye`."""

    name = "irtk.eye"
    sizes = var_operand_def(TensorType)
    k = operand_def(TensorType)
    dtype = prop_def(TypeAttribute)
    HAS_DTYPE: ClassVar[bool] = True

    @classmethod
    def infer_type(cls, operand_types, properties):
        if not operand_types:
            raise TypeError(f"{cls.name}: expected the diagonal operand k")
        *sizes, k = operand_types
        shape = cls.checked_sizes(properties, sizes, rank=2)
        check_scalar(cls.name, "the diagonal k", k)
        return tensor_type(cls.checked_dtype(properties), shape)

    def size_operands(self):
        return list(self.sizes)

    def operands_with_sizes(self, sizes):
        return [*sizes, self.k]

    def lower(self, gb):
        sizes = self.result_sizes(gb)
        s = ScalarBuilder(gb.b)
        k = to_index(gb, s.cast(read_scalar(gb, self.k), "int64"))
        init = gb.empty(self.result.type, sizes)
        dtype = dtype_of(self.result.type)

        def body(b, args, out):
            s = ScalarBuilder(b)
            i, j = (Scalar(gb.loop_index(b, d), "index") for d in (0, 1))
            return s.cast(s.eq(s.sub(j, i), Scalar(args[0], "index")), dtype).value

        return [gb.generic([(k, [])], init, [0, 1], [PARALLEL, PARALLEL], body)]

    def vjp(self, tb, grads):
        return [None] * len(self.operands)


@irdl_op_definition
class ArangeOp(ConstructorOp):
    """`[start, start + step, ...)` up to `stop`, numpy's `arange`: its length ceil((stop - start) / step), and its
    values, bit for bit (the first two computed from start and step, the others from their difference)."""

    name = "irtk.arange"
    start = operand_def(TensorType)
    stop = operand_def(TensorType)
    step = operand_def(TensorType)
    dtype = prop_def(TypeAttribute)
    HAS_DTYPE: ClassVar[bool] = True

    @classmethod
    def infer_type(cls, operand_types, properties):
        if len(operand_types) != 3:
            raise TypeError(f"{cls.name}: expected start, stop and step, got {len(operand_types)} operand(s)")
        for what, t in zip(("start", "stop", "step"), operand_types):
            check_scalar(cls.name, what, t, allow_float=True)
        shape = cls.checked_shape(properties, rank=1)
        dtype = cls.checked_dtype(properties)
        if dtype == "bool" or dtype.startswith("complex"):
            raise TypeError(f"{cls.name}: the result cannot be {dtype}")
        return tensor_type(dtype, shape)

    def refined_shape(self):
        values = [_constant_value(o) for o in self.operands]
        if self.shape_values != [DYNAMIC] or any(v is None for v in values):
            return None
        try:
            return [arange_length(*values)]
        except ValueError:
            return None  # left for the call to report

    def length(self, gb: GenericBuilder, start: Scalar, stop: Scalar, step: Scalar) -> SSAValue:
        """The number of elements, checked as numpy checks it, as an `index` (see `arange_length`)."""
        s = ScalarBuilder(gb.b)
        check(gb, s.ne(step, s.like(0, step)), f"{self.name}: step must not be zero")
        quotient = s.div(s.cast(s.sub(stop, start), "float64"), s.cast(step, "float64"))
        finite = s.le(s.abs(quotient), s.const(MAX_ARANGE_LENGTH, "float64"))  # false for NaN
        check(gb, finite, f"{self.name}: cannot compute the length of the range (infinite, NaN or too long)")
        n = s.cast(s.maximum(s.ceil(quotient), s.const(0.0, "float64")), "int64")
        (static,) = self.shape_values
        if static != DYNAMIC:
            message = f"{self.name}: the length of the range is not the static length {static} of the result type"
            check(gb, s.eq(n, s.const(static, "int64")), message)
        return to_index(gb, n)

    def lower(self, gb):
        s = ScalarBuilder(gb.b)
        args = [read_scalar(gb, o) for o in (self.start, self.stop, self.step)]
        wide = "float64" if any(is_float(a.dtype) for a in args) else "int64"
        start, stop, step = (s.cast(a, wide) for a in args)
        n = self.length(gb, start, stop, step)
        dtype = dtype_of(self.result.type)
        # numpy writes start and start + step, then fills element i with first + i * (second - first)
        first = s.cast(start, dtype)
        second = s.cast(s.add(start, step), dtype)
        delta = s.sub(second, first)
        init = gb.empty(self.result.type, [n])
        inputs = [(first.value, []), (delta.value, [])] + ([(second.value, [])] if is_float(dtype) else [])

        def body(b, args, out):
            s = ScalarBuilder(b)
            first, delta = Scalar(args[0], dtype), Scalar(args[1], dtype)
            i = s.index_to_int64(Scalar(gb.loop_index(b, 0), "index"))
            value = s.add(first, s.mul(s.cast(i, dtype), delta))
            if is_float(dtype):  # exact for integers; for floats, the first two are numpy's own
                second = Scalar(args[2], dtype)
                value = s.select(s.eq(i, s.const(0, "int64")), first, s.select(s.eq(i, s.const(1, "int64")), second, value))
            return value.value

        return [gb.generic(inputs, init, [0], [PARALLEL], body)]

    def vjp(self, tb, grads):
        """Theano's: start moves every element, step moves element i by i; stop only decides the length."""
        from irtk.dialects.irtk.reduction import IotaOp

        (grad,) = grads
        dtype = dtype_of(self.result.type)
        if grad is None or not is_float(dtype):
            return [None, None, None]
        steps = tb.cast(tb.build(IotaOp, [grad], axes=int_list_attr([0])), dtype)
        d_start, d_step = tb.sum(grad, [0]), tb.sum(tb.mul(grad, steps), [0])
        return [None if g is None or not is_float(dtype_of(o.type)) else tb.cast(g, dtype_of(o.type))
                for g, o in ((d_start, self.start), (None, self.stop), (d_step, self.step))]


register(AllocOp, Frontend(names=("alloc", "zeros", "ones"), kind="custom"))
register(ArangeOp, Frontend(names=("arange",), kind="custom"))
register(EyeOp, Frontend(names=("eye", "identity_like"), kind="custom"))

__all__ = ["AllocOp", "ArangeOp", "EyeOp", "ConstructorOp", "StaticSizesFromConstants", "arange_length", "DYNAMIC"]
