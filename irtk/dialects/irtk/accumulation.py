"""Where sums and products of single-precision floats accumulate: in float64, rounded once at the end.

A float32 accumulator stops growing once the sum is 2**24 times the next element (the sum of 2**25 float32
ones would be 16777216), and its rounding error grows with the number of elements. Theano (and numpy's
float32 `sum`, through pairwise summation) stays accurate, so the structured forms of `irtk.sum`, `irtk.prod`
and of contractions that sum (vector dots, traces, ...) accumulate float32 in float64: the reduction's
`linalg.generic` writes a float64 tensor, and an elementwise generic rounds it to float32 (`arith.truncf`,
round to nearest even). The order of the terms is the reduction's documented one, whatever the accumulator's
type (docs/numerical-policy.md), and both modes run these same generics, so FAST_RUN and FAST_COMPILE still
give the same bits. `fuse` merges the rounding into the elementwise ops that read it (a mean's division); a
reduction itself is never fused into what reads it, so where nothing elementwise follows, the rounding is a
loop of its own over the result (one element for a full sum).

Max and min are exact in any precision and keep their dtype; cumulative sums and products (`irtk_ext.scan`)
accumulate in their own dtype, as Theano's `cumsum` does.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir import SSAValue

from irtk.dialects.irtk.generic_builder import PARALLEL, GenericBuilder
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type

#: The dtype a sum or product of each dtype accumulates in, where it is not the dtype itself.
_WIDER = {"float16": "float64", "float32": "float64"}


def accumulator_dtype(dtype: str) -> str:
    """The dtype in which a sum or product whose result has `dtype` accumulates."""
    return _WIDER.get(dtype, dtype)


def accumulator_type(result_type):
    """`result_type` with its elements in the accumulator's dtype."""
    return tensor_type(accumulator_dtype(dtype_of(result_type)), shape_of(result_type))


def rounded(gb: GenericBuilder, total: SSAValue, result_type, sizes: Sequence[SSAValue | int]) -> SSAValue:
    """`total` (an accumulator tensor, of `result_type`'s shape with sizes `sizes`) in `result_type`'s dtype:
    an elementwise generic that rounds each element once; `total` itself when the dtypes already agree."""
    src, dst = dtype_of(total.type), dtype_of(result_type)
    if src == dst:
        return total
    rank = len(shape_of(result_type))

    def body(b, args, out):
        return ScalarBuilder(b).cast(Scalar(args[0], src), dst).value

    return gb.generic([(total, list(range(rank)))], gb.empty(result_type, sizes), list(range(rank)), [PARALLEL] * rank, body)
