"""Linear algebra that needs pivoting: `irtk.matrix_inverse` and `irtk.det` (Theano's `nlinalg`).

    %y = irtk.matrix_inverse %a : tensor<?x?xf64> -> tensor<?x?xf64>
    %d = irtk.det %a : tensor<?x?xf64> -> tensor<f64>

Both are Gaussian elimination with partial pivoting: at step k the row with the largest |a[i, k]| among rows
i >= k (the first one on ties) becomes the pivot row. Which row that is depends on the data, so the structured
form is an `scf.for` over k whose iteration state is the matrix being reduced (tensors carried in `iter_args`), and
each step is a few generics that read the matrix at computed rows (`tensor.extract` in their bodies). The
algorithm is written once, as that IR, so compiled code and the evaluator run the same operations in the same
order and agree bit for bit.

- `matrix_inverse` is Gauss-Jordan: each step swaps the pivot row into place, divides it by the pivot and
  subtracts its multiples from every other row of the matrix and of the growing inverse (which starts as the
  identity). A zero pivot means the matrix is singular: the call fails, as numpy's `inv` raises.
- `det` is the LU elimination below the pivots, multiplying the pivots (negated for each row swap) into the
  determinant, left to right; a singular matrix gives 0 (no division by a zero pivot happens).
Integer matrices are converted to float first (Theano's rule: up to 16 bits to float32, wider to float64); float
matrices keep their dtype.
"""

from __future__ import annotations

from xdsl.dialects import arith, cf, scf, tensor
from xdsl.dialects.builtin import IndexType, TensorType
from xdsl.ir import Block, Region, SSAValue
from xdsl.irdl import irdl_op_definition, operand_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, REDUCTION, GenericBuilder
from irtk.dialects.irtk.opdef import Frontend, register, upgrade_to_float
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type


def _square(name: str, t: TensorType) -> int | None:
    shape = shape_of(t)
    if len(shape) != 2:
        raise TypeError(f"{name}: expected a matrix, got {t}")
    dtype = dtype_of(t)
    if dtype.startswith("complex") or dtype == "bool":
        raise TypeError(f"{name}: {dtype} matrices are not supported")
    rows, cols = shape
    if rows is not None and cols is not None and rows != cols:
        raise TypeError(f"{name}: the matrix must be square, got {rows}x{cols}")
    return rows if rows is not None else cols


class PivotingOp(TensorOp):
    """Base of the eliminations: one square matrix operand, converted to its float dtype first."""

    x = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$x attr-dict `:` type($x) `->` type($result)"

    @property
    def dtype(self) -> str:
        """The dtype the elimination computes in: the result's."""
        return dtype_of(self.result.type)

    def float_operand(self, gb: GenericBuilder) -> SSAValue:
        if dtype_of(self.x.type) == self.dtype:
            return self.x
        from irtk.dialects.irtk.builder import TensorBuilder

        return TensorBuilder(gb.b.insertion_point, self.location).cast(self.x, self.dtype)

    def start(self, gb: GenericBuilder) -> tuple[SSAValue, SSAValue, TensorType]:
        """The matrix the elimination starts from (float, of the square type the loop carries: a (3, ?) operand is a
        (3, 3) matrix), its size n (checked square), and that type."""
        m0 = self.float_operand(gb)
        n = self.size(gb, m0)
        side = _square(self.name, self.x.type)
        square = tensor_type(self.dtype, (side, side))
        return _as_type(gb, m0, square, n), n, square

    def size(self, gb: GenericBuilder, m: SSAValue) -> SSAValue:
        """n, the matrix's size, checked square at run time."""
        rows, cols = (gb.dim(m, d) if shape_of(m.type)[d] is None else gb.index(shape_of(m.type)[d]) for d in (0, 1))
        if shape_of(m.type)[0] is None or shape_of(m.type)[1] is None:
            gb.assert_equal(rows, cols, f"{self.name}: the matrix must be square{self.where()}")
        return rows

    def pivot_row(self, gb: GenericBuilder, m: SSAValue, k: SSAValue, n: SSAValue) -> SSAValue:
        """The row (an index) of the largest |m[i, k]| for i >= k; the first on ties. A generic reducing over the
        rows into (best value, its row), with -1 for the rows above k (an absolute value is never negative)."""
        dtype = self.dtype
        best_type, row_type = tensor_type(dtype, ()), tensor_type("int64", ())
        inits = [gb.full(best_type, [], -1.0), gb.full(row_type, [], 0)]
        column_type = tensor_type(dtype, (shape_of(m.type)[0],))
        column = gb.generic([], gb.empty(column_type, [n]), [0], [PARALLEL], lambda b, args, out: _read(
            ScalarBuilder(b), m, GenericBuilder.loop_index(b, 0), k, dtype).value)

        def body(b, args, outs):
            s = ScalarBuilder(b)
            i = GenericBuilder.loop_index(b, 0)
            value = Scalar(args[0], dtype)
            i64 = s.index_to_int64(Scalar(i, "index"))
            below = s.ge(i64, s.index_to_int64(Scalar(k, "index")))
            score = s.select(below, s.abs(value), s.const(-1.0, dtype))
            best, row = Scalar(outs[0], dtype), Scalar(outs[1], "int64")
            better = s.gt(score, best)  # strictly: the first maximum wins
            return [s.select(better, score, best).value, s.select(better, i64, row).value]

        _, row = gb.generic_n([(column, [0])], inits, [[], []], [REDUCTION], body)
        p = gb.insert(tensor.ExtractOp(row, [], row.type.element_type)).results[0]
        return gb.insert(arith.IndexCastOp(p, IndexType())).results[0]

    def matrix_loop(self, gb: GenericBuilder, n: SSAValue, carried: list[SSAValue], step) -> list[SSAValue]:
        """`scf.for k = 0 to n` carrying `carried`; `step(inner_gb, k, values)` returns the next values."""
        block = Block(arg_types=[IndexType(), *(v.type for v in carried)])
        block.args[0].name_hint = "k"
        inner = gb.inside(block)
        inner.insert(scf.YieldOp(*step(inner, block.args[0], list(block.args[1:]))))
        return list(gb.insert(scf.ForOp(gb.index(0), n, gb.index(1), carried, Region(block))).results)


def _row_swapped(s: ScalarBuilder, i: SSAValue, k: SSAValue, p: SSAValue) -> SSAValue:
    """The row that row i holds after swapping rows k and p (indices)."""
    is_k = s.b.insert(arith.CmpiOp(i, k, "eq")).result
    is_p = s.b.insert(arith.CmpiOp(i, p, "eq")).result
    other = s.b.insert(arith.SelectOp(is_p, k, i)).result
    return s.b.insert(arith.SelectOp(is_k, p, other)).result


def _read(s: ScalarBuilder, m: SSAValue, row: SSAValue, col: SSAValue, dtype: str) -> Scalar:
    return Scalar(s.b.insert(tensor.ExtractOp(m, [row, col], m.type.element_type)).results[0], dtype)


@irdl_op_definition
class MatrixInverseOp(PivotingOp):
    """The inverse of a square matrix (Gauss-Jordan elimination with partial pivoting); singular ones fail the call."""

    name = "irtk.matrix_inverse"

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        n = _square(cls.name, t)
        dtype = dtype_of(t)
        return tensor_type(upgrade_to_float(dtype), (n, n))

    def lower(self, gb):
        m0, n, square = self.start(gb)
        dtype = self.dtype
        identity = gb.generic([], gb.empty(square, [n, n]), [0, 1], [PARALLEL, PARALLEL], lambda b, args, out: _identity(b, dtype))

        def step(inner: GenericBuilder, k: SSAValue, values: list[SSAValue]) -> list[SSAValue]:
            m, r = values
            p = self.pivot_row(inner, m, k, n)
            s = ScalarBuilder(inner.b)
            pivot = _read(s, m, p, k, dtype)
            inner.insert(cf.AssertOp(s.ne(pivot, s.const(0.0, dtype)).value, f"{self.name}: the matrix is singular{self.where()}"))

            def eliminate(source: SSAValue):
                def body(b, args, out):
                    s = ScalarBuilder(b)
                    i, j = GenericBuilder.loop_index(b, 0), GenericBuilder.loop_index(b, 1)
                    row = _row_swapped(s, i, k, p)
                    scaled = s.div(_read(s, source, p, j, dtype), pivot)  # the pivot row, divided by the pivot
                    factor = _read(s, m, row, k, dtype)
                    other = s.sub(_read(s, source, row, j, dtype), s.mul(factor, scaled))
                    is_k = Scalar(b.insert(arith.CmpiOp(i, k, "eq")).result, "bool")
                    return s.select(is_k, scaled, other).value

                return inner.generic([], inner.empty(square, [n, n]), [0, 1], [PARALLEL, PARALLEL], body)

            return [eliminate(m), eliminate(r)]

        _, inverse = self.matrix_loop(gb, n, [m0, identity], step)
        return [inverse]

    def vjp(self, tb, grads):
        """d(A^-1) = -A^-T g A^-T."""
        (grad,) = grads
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None]
        yt = tb.dimshuffle(self.result, [1, 0])
        return [tb.cast_to(tb.neg(tb.dot(tb.dot(yt, grad), yt)), self.x.type)]


@irdl_op_definition
class DetOp(PivotingOp):
    """The determinant of a square matrix (LU elimination with partial pivoting); 0 for a singular one."""

    name = "irtk.det"

    @classmethod
    def infer_type(cls, operand_types, properties):
        (t,) = operand_types
        _square(cls.name, t)
        dtype = dtype_of(t)
        return tensor_type(upgrade_to_float(dtype), ())

    def lower(self, gb):
        m0, n, square = self.start(gb)
        dtype = self.dtype
        one = ScalarBuilder(gb.b).const(1.0, dtype)

        def step(inner: GenericBuilder, k: SSAValue, values: list[SSAValue]) -> list[SSAValue]:
            m, det = values
            p = self.pivot_row(inner, m, k, n)
            s = ScalarBuilder(inner.b)
            pivot = _read(s, m, p, k, dtype)
            swapped = Scalar(inner.insert(arith.CmpiOp(p, k, "ne")).result, "bool")
            det = s.mul(Scalar(det, dtype), s.select(swapped, s.neg(pivot), pivot))
            zero = s.const(0.0, dtype)
            singular = s.eq(pivot, zero)

            def body(b, args, out):
                s = ScalarBuilder(b)
                i, j = GenericBuilder.loop_index(b, 0), GenericBuilder.loop_index(b, 1)
                row = _row_swapped(s, i, k, p)
                value = _read(s, m, row, j, dtype)
                factor = s.select(singular, zero, s.div(_read(s, m, row, k, dtype), pivot))
                below = Scalar(b.insert(arith.CmpiOp(i, k, "sgt")).result, "bool")
                return s.select(below, s.sub(value, s.mul(factor, _read(s, m, p, j, dtype))), value).value

            reduced = inner.generic([], inner.empty(square, [n, n]), [0, 1], [PARALLEL, PARALLEL], body)
            return [reduced, det.value]

        _, det = self.matrix_loop(gb, n, [m0, one.value], step)
        return [gb.generic([], gb.empty(self.result.type, []), [], [], lambda b, args, out: det)]

    def vjp(self, tb, grads):
        """Theano's rule: d det(A) = g det(A) A^-T."""
        (grad,) = grads
        if grad is None or not is_float(dtype_of(self.x.type)):
            return [None]
        scale = tb.dimshuffle(tb.mul(grad, self.result), [-1, -1])
        inverse_t = tb.dimshuffle(tb.build(MatrixInverseOp, [self.x]), [1, 0])
        return [tb.cast_to(tb.mul(scale, inverse_t), self.x.type)]


def _identity(b, dtype: str) -> SSAValue:
    s = ScalarBuilder(b)
    i, j = GenericBuilder.loop_index(b, 0), GenericBuilder.loop_index(b, 1)
    diagonal = Scalar(b.insert(arith.CmpiOp(i, j, "eq")).result, "bool")
    return s.select(diagonal, s.const(1.0, dtype), s.const(0.0, dtype)).value


def _as_type(gb: GenericBuilder, value: SSAValue, t: TensorType, n: SSAValue) -> SSAValue:
    """`value` as a tensor of type `t` (the square type the loop carries: a (3, ?) operand is a (3, 3) matrix), by a
    copy when the types differ."""
    if value.type == t:
        return value
    return gb.generic([(value, [0, 1])], gb.empty(t, [n, n]), [0, 1], [PARALLEL, PARALLEL], lambda b, args, out: args[0])


register(MatrixInverseOp, Frontend(names=("matrix_inverse",), kind="custom"))
register(DetOp, Frontend(names=("det",), kind="custom"))

__all__ = ["MatrixInverseOp", "DetOp"]
