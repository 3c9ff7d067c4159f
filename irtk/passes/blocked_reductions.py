"""The blocked order of a float sum or product, as loops, for `lower-to-loops` (docs/numerical-policy.md,
"Reductions").

A reduction `acc = acc ⊕ f(...)` along one loop of n iterations, with ⊕ an `arith.addf` or `arith.mulf`, is computed
in the order the policy fixes, which depends only on n:

    if n < 32:  acc = ((init ⊕ v0) ⊕ v1) ⊕ ...                       // left to right, as before
    else:
      scf.parallel (or scf.for) over chunks k of CHUNK consecutive elements {
        if the chunk has c >= 32 elements:
          lanes[j] = v[start + j], j < 8                               // a memref.alloca<8>: g++ keeps it in
          for each further whole group g of 8: lanes[j] = lanes[j] ⊕ v[g + j]   // registers and vectorizes it
          r = ((l0 ⊕ l1) ⊕ (l2 ⊕ l3)) ⊕ ((l4 ⊕ l5) ⊕ (l6 ⊕ l7)), then ⊕ the c mod 8 leftovers in order
        else: r = ((v[start] ⊕ v[start + 1]) ⊕ ...)
        chunk k's result = r
      }
      acc = ((init ⊕ r0) ⊕ r1) ⊕ ...                                   // chunks left to right

Eight independent accumulators break the latency chain of one: g++ turns the lane loop into one vector add per
group. When nothing else runs in parallel around the reduction (a full reduction of a vector), the chunks form an
`scf.parallel` whose results go into a scratch buffer and are combined in order afterwards, so threads may take
chunks and the bits stay those of one thread; otherwise (a row sum, whose rows already run in parallel, or an outer
reduced loop around this one) the chunks are combined as they are computed, by an `scf.for`.

The evaluator (irtk/evaluator/structured.py) follows the same order, so both modes give the same bits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.dialects import arith, memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, IndexType
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation
from xdsl.dialects.linalg.ops import YieldOp
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.rewriter import InsertPoint

from irtk.passes.loop_utils import constant_index_value, parallel_loop

#: Reductions shorter than this run left to right; so does a chunk shorter than this.
SEQUENTIAL_BELOW = 32
#: Consecutive elements per chunk, the unit that threads share.
CHUNK = 4096
#: Accumulators per chunk.
LANES = 8
#: The combinations the blocked order applies to (integer ops, max and min are exact in any order).
BLOCKED_COMBINERS = (arith.AddfOp, arith.MulfOp)
#: Float combinations whose value does not depend on the order (NaN first, -0 below +0: a total order), which
#: the loops may still compute in the blocked order, for its eight lanes: g++ vectorizes the lanes (with the
#: branch-free `irtk_maximumf`), where one sequential max chain runs an element per select latency. The evaluator
#: keeps the plain order for them, since any order gives the same value.
ORDER_FREE_COMBINERS = (arith.MaximumfOp, arith.MinimumfOp)


@dataclass(frozen=True)
class BlockedCombine:
    """The body `yield (acc ⊕ value)` of a reduction that follows the blocked order."""

    combine: Operation
    acc: SSAValue
    value: SSAValue


def blocked_combine(op: Operation, order_free: bool = False) -> BlockedCombine | None:
    """The combination of a single-output reduction body `yield (acc ⊕ value)` with ⊕ a float addf or mulf (or,
    with `order_free`, a maximumf or minimumf) and `value` independent of `acc`; None for any other body (those
    keep the sequential order)."""
    if not isinstance(op, LinalgStructuredOperation) or len(op.outputs) != 1 or not op.regions:
        return None
    block = op.body.block
    yielded = block.last_op
    if not isinstance(yielded, YieldOp) or len(yielded.operands) != 1:
        return None
    combine = yielded.operands[0].owner
    acc = block.args[-1]
    combiners = BLOCKED_COMBINERS + ORDER_FREE_COMBINERS if order_free else BLOCKED_COMBINERS
    if not isinstance(combine, combiners) or combine.result.uses.get_length() != 1:
        return None
    if acc.uses.get_length() != 1 or acc not in combine.operands or combine.lhs is combine.rhs:
        return None
    value = combine.rhs if combine.lhs is acc else combine.lhs
    return BlockedCombine(combine, acc, value)


@dataclass
class BlockedLoops:
    """Builds the blocked reduction along one loop. `value_at(builder, position)` emits the value the body folds
    in at that position of the loop; `const` gives an index constant."""

    reduction: BlockedCombine
    value_at: Callable[[Builder, SSAValue], SSAValue]
    const: Callable[[int], SSAValue]
    name: str = "i"

    @property
    def element_type(self) -> Attribute:
        return self.reduction.acc.type

    def fold(self, builder: Builder, left: SSAValue, right: SSAValue) -> SSAValue:
        """`left ⊕ right`, a copy of the body's combination (its flags and location), `left` where acc was."""
        r = self.reduction
        return builder.insert(r.combine.clone(value_mapper={r.acc: left, r.value: right})).results[0]

    def build(self, builder: Builder, init: SSAValue, n: SSAValue, parallel_chunks: bool) -> SSAValue:
        """`init` folded with the n values in the blocked order; chunks in an `scf.parallel` if `parallel_chunks`."""
        static = constant_index_value(n)
        if static is not None:
            if static < SEQUENTIAL_BELOW:
                return self.sequential(builder, init, self.const(0), n)
            return self.chunked(builder, init, n, parallel_chunks)
        short = builder.insert(arith.CmpiOp(n, self.const(SEQUENTIAL_BELOW), "slt")).result
        short.name_hint = "short"
        return self.branch(
            builder,
            short,
            lambda b: self.sequential(b, init, self.const(0), n),
            lambda b: self.chunked(b, init, n, parallel_chunks),
        )

    def branch(
        self, builder: Builder, cond: SSAValue, then: Callable[[Builder], SSAValue], otherwise: Callable[[Builder], SSAValue]
    ) -> SSAValue:
        """An `scf.if` yielding one value of the element type."""
        blocks = []
        for fill in (then, otherwise):
            block = Block()
            inner = Builder(InsertPoint.at_end(block))
            inner.insert(scf.YieldOp(fill(inner)))
            blocks.append(block)
        return builder.insert(scf.IfOp(cond, [self.element_type], Region(blocks[0]), Region(blocks[1]))).results[0]

    def sequential(self, builder: Builder, init: SSAValue, start: SSAValue, stop: SSAValue) -> SSAValue:
        """`init` folded with the values at start, start + 1, ..., stop - 1, left to right."""

        def step(b: Builder, position: SSAValue, acc: SSAValue) -> SSAValue:
            return self.fold(b, acc, self.value_at(b, position))

        return self.carried_loop(builder, start, stop, self.const(1), init, step, self.name)

    def carried_loop(
        self,
        builder: Builder,
        start: SSAValue,
        stop: SSAValue,
        stride: SSAValue,
        init: SSAValue,
        step: Callable[[Builder, SSAValue, SSAValue], SSAValue],
        name: str,
    ) -> SSAValue:
        """An `scf.for` carrying one value: `step(builder, iv, carried)` gives the next."""
        block = Block(arg_types=[IndexType(), init.type])
        block.args[0].name_hint = name
        block.args[1].name_hint = self.reduction.acc.name_hint
        inner = Builder(InsertPoint.at_end(block))
        inner.insert(scf.YieldOp(step(inner, block.args[0], block.args[1])))
        return builder.insert(scf.ForOp(start, stop, stride, [init], Region(block))).results[0]

    def plain_loop(
        self,
        builder: Builder,
        start: SSAValue,
        stop: SSAValue,
        stride: SSAValue,
        body: Callable[[Builder, SSAValue], None],
        name: str,
    ) -> None:
        """An `scf.for` without iter_args."""
        block = Block(arg_types=[IndexType()])
        block.args[0].name_hint = name
        inner = Builder(InsertPoint.at_end(block))
        body(inner, block.args[0])
        inner.insert(scf.YieldOp())
        builder.insert(scf.ForOp(start, stop, stride, [], Region(block)))

    def chunked(self, builder: Builder, init: SSAValue, n: SSAValue, parallel_chunks: bool) -> SSAValue:
        """n >= SEQUENTIAL_BELOW: chunk results folded into `init` in order."""
        static = constant_index_value(n)
        if static is not None:
            count = self.const(-(-static // CHUNK))
        else:
            rounded = builder.insert(arith.AddiOp(n, self.const(CHUNK - 1))).result
            rounded.name_hint = "rounded"
            count = builder.insert(arith.DivSIOp(rounded, self.const(CHUNK))).result
            count.name_hint = "chunks"
        if not parallel_chunks:
            return self.carried_loop(
                builder, self.const(0), count, self.const(1), init, lambda b, k, acc: self.fold(b, acc, self.chunk(b, k, n)), "chunk"
            )
        shape, sizes = ([-(-static // CHUNK)], []) if static is not None else ([DYNAMIC_INDEX], [count])
        results = builder.insert(memref.AllocaOp.get(self.element_type, shape=shape, dynamic_sizes=sizes)).memref
        results.name_hint = "chunk_results"
        loop = builder.insert(parallel_loop([self.const(0)], [count], [self.const(1)], work_per_iteration=CHUNK))
        inside = Builder(InsertPoint.before(loop.body.block.last_op))
        k = loop.body.block.args[0]
        k.name_hint = "chunk"
        inside.insert(memref.StoreOp.get(self.chunk(inside, k, n), results, [k]))

        def gather(b: Builder, j: SSAValue, acc: SSAValue) -> SSAValue:
            result = b.insert(memref.LoadOp.get(results, [j])).res
            result.name_hint = "chunk_result"
            return self.fold(b, acc, result)

        return self.carried_loop(builder, self.const(0), count, self.const(1), init, gather, "chunk")

    def chunk(self, builder: Builder, k: SSAValue, n: SSAValue) -> SSAValue:
        """The result of chunk `k`: 8 lanes when it has at least SEQUENTIAL_BELOW elements, else left to right."""
        start = builder.insert(arith.MuliOp(k, self.const(CHUNK))).result
        start.name_hint = "start"
        end = builder.insert(arith.AddiOp(start, self.const(CHUNK))).result
        end.name_hint = "end"
        stop = builder.insert(arith.MinSIOp(end, n)).result
        stop.name_hint = "stop"
        count = builder.insert(arith.SubiOp(stop, start)).result
        count.name_hint = "count"
        static = constant_index_value(n)
        if static is not None and static % CHUNK not in range(1, SEQUENTIAL_BELOW):
            return self.lanes(builder, start, stop, count)  # every chunk has at least SEQUENTIAL_BELOW elements
        long = builder.insert(arith.CmpiOp(count, self.const(SEQUENTIAL_BELOW), "sge")).result
        long.name_hint = "long"
        return self.branch(
            builder, long, lambda b: self.lanes(b, start, stop, count), lambda b: self.short_chunk(b, start, stop)
        )

    def short_chunk(self, builder: Builder, start: SSAValue, stop: SSAValue) -> SSAValue:
        """A chunk shorter than SEQUENTIAL_BELOW (never empty): left to right from its first value."""
        first = self.value_at(builder, start)
        after = builder.insert(arith.AddiOp(start, self.const(1))).result
        after.name_hint = "second"
        return self.sequential(builder, first, after, stop)

    def lanes(self, builder: Builder, start: SSAValue, stop: SSAValue, count: SSAValue) -> SSAValue:
        """A chunk of at least SEQUENTIAL_BELOW elements: LANES accumulators, a tree, then the leftovers.

        Each group is a loop over the lanes (position = group start + lane), which g++ unrolls and turns into
        vector operations. (A loop over the positions with lane = position - group start reads rows of a matrix
        at affine addresses, but g++ 12 miscompiles its vectorized form with AVX-512: do not use it.)"""
        lanes = builder.insert(memref.AllocaOp.get(self.element_type, shape=[LANES])).memref
        lanes.name_hint = "lanes"
        c0, c1, width = self.const(0), self.const(1), self.const(LANES)

        def first(b: Builder, j: SSAValue) -> None:
            position = b.insert(arith.AddiOp(start, j)).result
            position.name_hint = "position"
            b.insert(memref.StoreOp.get(self.value_at(b, position), lanes, [j]))

        self.plain_loop(builder, c0, width, c1, first, "lane")
        leftover = builder.insert(arith.RemSIOp(count, width)).result
        leftover.name_hint = "leftover"
        groups_end = builder.insert(arith.SubiOp(stop, leftover)).result
        groups_end.name_hint = "groups_end"
        second = builder.insert(arith.AddiOp(start, width)).result
        second.name_hint = "second_group"

        def group(b: Builder, g: SSAValue) -> None:
            def lane(b: Builder, j: SSAValue) -> None:
                position = b.insert(arith.AddiOp(g, j)).result
                position.name_hint = "position"
                value = self.value_at(b, position)
                current = b.insert(memref.LoadOp.get(lanes, [j])).res
                current.name_hint = "lane_value"
                b.insert(memref.StoreOp.get(self.fold(b, current, value), lanes, [j]))

            self.plain_loop(b, c0, width, c1, lane, "lane")

        self.plain_loop(builder, second, groups_end, width, group, "group")
        level = [builder.insert(memref.LoadOp.get(lanes, [self.const(j)])).res for j in range(LANES)]
        for j, value in enumerate(level):
            value.name_hint = f"l{j}"
        while len(level) > 1:
            level = [self.fold(builder, level[i], level[i + 1]) for i in range(0, len(level), 2)]
        return self.sequential(builder, level[0], groups_end, stop)
