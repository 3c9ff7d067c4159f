"""When `fuse` may compute a producer's element more than once: how often a consumer reads each element, what
the producer's body costs, and the rule that weighs the two (the numbers are in `fuse`'s module docstring).

Fusing an elementwise producer P into a consumer C replaces C's read of P's temporary by P's scalar body. If C
reads every element of P once, that is free: the temporary's write and read go away and no op runs more often.
Otherwise an element is computed as many times as it is read:

- a *broadcast* read (C's map misses one of C's loops, e.g. `(d0, d1) -> (d0, 0)` reading a column `?x1`)
  computes it once per iteration of the missing loops, `repeat` times;
- a producer with several uses, each fused, computes it once in every consumer.

The body's cost counts its ops: 1 for arithmetic, comparisons, selects, casts and the cheap `math` ops (abs,
floor, fma, ...), `EXPENSIVE_OP_COST` for the rest (transcendental functions, square roots, calls the emitter
makes into libm or irtk's runtime), and 0 for constants and the terminator, so a plain copy (a broadcast's
stretching generic) costs nothing. The extra work of fusing is `(total evaluations - 1) * cost` per element of
P, and fusion is allowed when that is at most the `recompute-limit` option of `fuse`. A read repeated an
unknown (dynamic) number of times allows only a body that costs nothing: a row's value broadcast along a row
of unknown length could otherwise run once per element instead of once per row.
"""

from __future__ import annotations

from xdsl.dialects import arith, linalg
from xdsl.dialects.linalg.ops import IndexOp, YieldOp
from xdsl.dialects.builtin import TensorType
from xdsl.ir import Operation
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap

from irtk.dialects.irtk.types import shape_of

#: What one op of a body costs, in "simple op" units, unless it is expensive or free.
OP_COST = 1
#: A transcendental function (exp, log, tanh, ...), a square root, anything that is not plain arithmetic: roughly
#: what it costs against an add, even with irtk_math.h's vectorised exp.
EXPENSIVE_OP_COST = 8
#: Default of `fuse{recompute-limit=N}`: about what writing and reading back one float64 element of a temporary
#: that does not stay in cache costs, so a few simple ops may run again rather than be stored, a transcendental
#: op may not. On row softmax (benchmarks/row_softmax.py, 4096x1024 float64) storing `e = exp(m - max)` (4
#: nests) and computing it twice (3 nests, `recompute-limit=10`) measured the same within noise (270-400 ms
#: each); an exp inside a blocked reduction does not vectorise, so the second exp is no cheaper than the
#: temporary's traffic, and the default does not bet on it.
DEFAULT_RECOMPUTE_LIMIT = 4

#: `math` ops that compile to one or a few instructions.
_CHEAP_MATH = frozenset({"math.absf", "math.absi", "math.ceil", "math.floor", "math.round", "math.roundeven", "math.trunc",
                         "math.copysign", "math.fma", "math.ctlz", "math.cttz", "math.ctpop"})
#: The terminator, and constants: materialised once, outside the loop, by the C++ compiler.
_FREE = (YieldOp, arith.ConstantOp)

#: `read_repeat`'s answer for a map `fuse` does not fuse through (not dimensions and size-1 constants alone).
UNSUPPORTED = "unsupported"


def op_cost(op: Operation) -> int:
    if isinstance(op, _FREE):
        return 0
    if op.name.startswith("arith.") or op.name in _CHEAP_MATH or isinstance(op, IndexOp):
        return OP_COST
    return EXPENSIVE_OP_COST


def body_cost(generic: linalg.GenericOp, cap: int) -> int:
    """The cost of `generic`'s body, or the first partial sum above `cap` (so a long fused chain is not walked to
    its end only to learn it is too long to recompute)."""
    total = 0
    for op in generic.body.block.ops:
        total += op_cost(op)
        if total > cap:
            break
    return total


def read_repeat(consumer: linalg.GenericOp, read: AffineMap, producer: linalg.GenericOp) -> int | None | str:
    """How many of the consumer's iterations read each element of the producer's result through `read`: 1 when
    each element is read once, a larger count for a broadcast read over static loops, None for one over a loop
    of dynamic size, UNSUPPORTED for a map whose results are not distinct dimensions and the constant 0 of
    size-1 dimensions.

    A consumer loop that `read` does not name repeats the read by its size; a loop of static size 1 (the `?x1`
    that broadcasting makes) repeats nothing."""
    shape = shape_of(producer.results[0].type)
    named: set[int] = set()
    for i, expr in enumerate(read.results):
        if isinstance(expr, AffineDimExpr) and expr.position not in named:
            named.add(expr.position)
        elif not (isinstance(expr, AffineConstantExpr) and expr.value == 0 and shape[i] == 1):
            return UNSUPPORTED
    if len(named) == read.num_dims:
        return 1
    extents = loop_extents(consumer)
    repeat = 1
    for loop in range(read.num_dims):
        if loop not in named:
            if extents[loop] is None:
                return None
            repeat *= extents[loop]
    return repeat


def loop_extents(generic: linalg.GenericOp) -> list[int | None]:
    """Each loop's static size, from the operands whose maps name it as a plain dimension (None if dynamic)."""
    extents: list[int | None] = [None] * len(generic.iterator_types)
    for operand, attr in zip(generic.operands, generic.indexing_maps.data):
        shape = shape_of(operand.type) if isinstance(operand.type, TensorType) else ()
        for size, expr in zip(shape, attr.data.results):
            if isinstance(expr, AffineDimExpr) and size is not None:
                extents[expr.position] = size
    return extents


def recompute_allowed(cost: int, repeats: list[int | None], limit: int) -> bool:
    """Whether computing each element of a producer of body cost `cost` once per read (`repeats`: one entry per
    fused use, from `read_repeat`) costs at most `limit` more than computing it once."""
    if cost == 0:
        return True
    if any(r is None for r in repeats):
        return False
    return (sum(repeats) - 1) * cost <= limit
