"""Contractions: `irtk.dot` — vector·vector, matrix·vector, vector·matrix, matrix·matrix.

The contracted index runs in order from 0: each output element is `((0 + a0*b0) + a1*b1) + ...`, in the
compiled loops and in the numpy reference alike.
"""

from __future__ import annotations

from xdsl.dialects.builtin import TensorType
from xdsl.irdl import irdl_op_definition, operand_def, result_def, traits_def
from xdsl.traits import Pure

from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.generic_builder import PARALLEL, REDUCTION
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.shape import NEW_AXIS
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type, upcast


@irdl_op_definition
class DotOp(TensorOp):
    """Inner product over the last dimension of `lhs` and the first of `rhs` (ranks 1 or 2)."""

    name = "irtk.dot"
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"

    @classmethod
    def infer_type(cls, operand_types, properties):
        a, b = (shape_of(t) for t in operand_types)
        if len(a) not in (1, 2) or len(b) not in (1, 2):
            raise TypeError(f"irtk.dot: operands must be vectors or matrices, got ranks {len(a)} and {len(b)}")
        ka, kb = a[-1], b[0]
        if ka is not None and kb is not None and ka != kb:
            raise TypeError(f"irtk.dot: contracted dimensions differ ({ka} and {kb})")
        dtype = upcast(*(dtype_of(t) for t in operand_types))
        return tensor_type(dtype, list(a[:-1]) + list(b[1:]))

    def lower(self, gb):
        """A generic with one parallel loop per result dimension and the contracted loop innermost."""
        ra, rb = len(shape_of(self.lhs.type)), len(shape_of(self.rhs.type))
        n_out = ra + rb - 2
        k = n_out  # the contracted loop is the last one
        a_access = [0, k] if ra == 2 else [k]
        b_access = [k, n_out - 1] if rb == 2 else [k]
        operands = [(self.lhs, a_access), (self.rhs, b_access)]
        sizes = gb.loop_sizes(n_out + 1, operands, self.name)
        init = gb.zeros(self.result.type, sizes[:n_out])
        dtype = dtype_of(self.result.type)
        da, db = dtype_of(self.lhs.type), dtype_of(self.rhs.type)

        def body(b, args, acc):
            s = ScalarBuilder(b)
            product = s.mul(s.cast(Scalar(args[0], da), dtype), s.cast(Scalar(args[1], db), dtype))
            return s.add(Scalar(acc, dtype), product).value

        return [gb.generic(operands, init, list(range(n_out)), [PARALLEL] * n_out + [REDUCTION], body)]

    def vjp(self, tb, grads):
        (grad,) = grads
        a, b = self.lhs, self.rhs
        if not is_float(dtype_of(self.result.type)):
            return [None, None]
        ra, rb = len(shape_of(a.type)), len(shape_of(b.type))
        t = lambda m: tb.dimshuffle(m, [1, 0])  # noqa: E731
        if ra == 1 and rb == 1:  # scalar result: da = g*b, db = g*a
            ga, gb = tb.mul(tb.dimshuffle(grad, [NEW_AXIS]), b), tb.mul(tb.dimshuffle(grad, [NEW_AXIS]), a)
        elif ra == 2 and rb == 1:  # dA = outer(g, x), dx = A^T g
            ga = tb.mul(tb.dimshuffle(grad, [0, NEW_AXIS]), tb.dimshuffle(b, [NEW_AXIS, 0]))
            gb = tb.dot(t(a), grad)
        elif ra == 1 and rb == 2:  # dx = B g, dB = outer(x, g)
            ga = tb.dot(b, grad)
            gb = tb.mul(tb.dimshuffle(a, [0, NEW_AXIS]), tb.dimshuffle(grad, [NEW_AXIS, 0]))
        else:  # dA = g B^T, dB = A^T g
            ga, gb = tb.dot(grad, t(b)), tb.dot(t(a), grad)
        return [tb.unbroadcast(g, o.type) if is_float(dtype_of(o.type)) else None for g, o in ((ga, a), (gb, b))]


register(DotOp, Frontend(kind="custom"))
