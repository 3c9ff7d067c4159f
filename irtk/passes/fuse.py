"""`fuse`: producer–consumer fusion of `linalg.generic` ops on tensors.

An elementwise producer (all loops parallel, output read through a permutation, its output's initial
value unused) whose result has a single use, as an *input* of another generic, is merged into that
consumer: the consumer then reads the producer's inputs directly and computes the producer's scalar
body inline. Applied until nothing changes, this turns an elementwise chain — and the reduction that
consumes it — into one generic, so the generated loop reads each input once and writes no temporaries.

The algebra, for consumer C reading producer P's result through map `c_k`:
    P.input_map_i  ∘  P.output_map⁻¹  ∘  c_k      is the map through which C reads P's input i.
To avoid recomputation, a producer is fused only where the consumer reads it through a permutation
(each producer element used once), or where the producer computes a single element (rank 0 or all
dimensions of static size 1; recomputing one scalar per iteration is cheaper than a temporary).
Fusion never reorders arithmetic: every scalar op runs on the same operands as before.

Two more rules keep the fused body meaning what the producer's did:
- Iteration indices are remapped. A producer's `linalg.index k` names producer loop k, which in the fused
  loop is result k of `P.output_map⁻¹ ∘ c_k` (consumer loops -> producer loops): a dimension j becomes the
  consumer's `linalg.index j`, a constant c becomes `arith.constant c : index`. Cloned as is, it would read
  whichever consumer loop happens to have number k (the wrong one under a transposed read).
- No op that can trap moves onto a path where it did not run before. A producer whose body holds such an
  op (`may_trap`: integer division and remainder, whose C++ helpers fail the call on a zero divisor, and any
  op that is not Pure) is fused only when the fused loop computes every producer element exactly once: the
  consumer reads it through a full permutation over the same loops. Recomputing a single-element producer
  per iteration, for instance, would run the division zero times (hiding an error) or many times.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith
from xdsl.dialects.builtin import AffineMapAttr, IndexType, ModuleOp, TensorType
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.attrs import IteratorType
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import GreedyRewritePatternApplier, PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern
from xdsl.traits import Pure

from irtk.dialects.irtk.types import shape_of


def _fusable_producer(value: SSAValue) -> linalg.GenericOp | None:
    producer = value.owner
    if not isinstance(producer, linalg.GenericOp) or len(producer.results) != 1 or value.uses.get_length() != 1:
        return None
    (use,) = value.uses
    if use.operation.parent_block() is not producer.parent_block():
        return None  # a producer outside a loop would run at every iteration inside it
    if any(it.data != IteratorType.PARALLEL for it in producer.iterator_types):
        return None
    out_map = producer.indexing_maps.data[-1].data
    if out_map.num_dims and not (out_map.is_projected_permutation() and len(out_map.results) == out_map.num_dims):
        return None  # not a permutation (xDSL inverts `(d0) -> (d0, d0)`, a diagonal write, all the same)
    if producer.body.block.args[-1].uses:  # reads its output's initial value
        return None
    return producer


#: Ops that fail the call on a zero divisor in the generated C++ (xDSL marks some of them Pure all the same).
_TRAPPING = frozenset({"arith.divsi", "arith.divui", "arith.remsi", "arith.remui", "arith.floordivsi", "arith.ceildivsi", "arith.ceildivui"})
#: Not Pure in xDSL, yet they cannot fail: the iteration index and the body's terminator.
_HARMLESS = (linalg.IndexOp, linalg.YieldOp)


def may_trap(op: Operation) -> bool:
    """Whether running `op` can fail (or do something else than compute a value), so that fusion must not
    make it run where, or more often than, it ran before."""
    if isinstance(op, _HARMLESS):
        return False
    return op.name in _TRAPPING or not op.has_trait(Pure)


def _single_element(producer: linalg.GenericOp) -> bool:
    return all(d == 1 for d in shape_of(producer.results[0].type))


class FuseProducerIntoConsumer(RewritePattern):
    """`C(..., P(x, y), ...) => C'(..., x, y, ...)` with P's body inlined into C's."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, consumer: linalg.GenericOp, rewriter: PatternRewriter):
        n_in = len(consumer.inputs)
        maps = [m.data for m in consumer.indexing_maps.data]
        for k, value in enumerate(consumer.inputs):
            producer = _fusable_producer(value)
            if producer is None:
                continue
            once = maps[k].is_projected_permutation() and len(maps[k].results) == maps[k].num_dims
            if not once and not _single_element(producer):
                continue
            if not (once and len(producer.iterator_types) == maps[k].num_dims) and any(map(may_trap, producer.body.block.ops)):
                continue  # each element computed once, over the same loops, or a trap could move
            fused = _fused(consumer, k, producer, maps, n_in)
            if fused is None:
                continue
            rewriter.replace(consumer, fused)
            rewriter.erase(producer)
            return


def _bounds_every_loop(maps, n_loops: int) -> bool:
    """Whether each loop dimension is some operand's plain dimension, so that its size is known."""
    seen = {e.position for m in maps for e in m.results if isinstance(e, AffineDimExpr)}
    return seen >= set(range(n_loops))


def _fused(consumer: linalg.GenericOp, k: int, producer: linalg.GenericOp, maps, n_in: int) -> linalg.GenericOp | None:
    """The fused generic, or None when fusing would leave a loop without bounds (a size-1 dimension that
    only the producer's result had, e.g. `sum(dimshuffle(x, [0, 'x']), axis=1)`)."""
    p_maps = [m.data for m in producer.indexing_maps.data]
    p_out_inverse = p_maps[-1].inverse_permutation() if p_maps[-1].num_dims else p_maps[-1]
    to_producer_loops = p_out_inverse.compose(maps[k])
    p_n_in = len(producer.inputs)
    new_inputs = [*consumer.inputs[:k], *producer.inputs, *consumer.inputs[k + 1 :]]
    new_maps = [*maps[:k], *(m.compose(to_producer_loops) for m in p_maps[:p_n_in]), *maps[k + 1 :]]
    bound_only = False
    if not _bounds_every_loop(new_maps, maps[k].num_dims):
        if any(isinstance(v.type, TensorType) for v in producer.inputs):
            return None
        # a producer that reads no tensor (an arange, a gather of captured values) had its loops bounded by its
        # output alone: its init stays an input of the fused op, read nowhere, to bound them
        new_inputs.append(producer.outputs[0])
        new_maps.insert(len(new_inputs) - 1, maps[k])  # after the inputs' maps, before the outputs'

        bound_only = True
        if not _bounds_every_loop(new_maps, maps[k].num_dims):
            return None

    c_args, p_args = consumer.body.block.args, producer.body.block.args
    c_in_args = list(c_args[k + 1 : n_in])
    extra = [p_args[-1].type] if bound_only else []
    block = Block(arg_types=[*(a.type for a in c_args[:k]), *(a.type for a in p_args[:p_n_in]), *(a.type for a in c_in_args),
                             *extra, *(a.type for a in c_args[n_in:])])
    new_args = list(block.args)
    p_mapping: dict[SSAValue, SSAValue] = dict(zip(p_args[:p_n_in], new_args[k : k + p_n_in]))
    for op in producer.body.block.ops:
        if isinstance(op, linalg.YieldOp):
            produced = p_mapping.get(op.operands[0], op.operands[0])
            break
        if isinstance(op, linalg.IndexOp):
            index = _consumer_index(to_producer_loops, op.dim.value.data)
            if index is None:
                return None
            block.add_op(index)
            p_mapping[op.result] = index.results[0]
            continue
        block.add_op(op.clone(p_mapping))
    c_mapping: dict[SSAValue, SSAValue] = {c_args[k]: produced}
    c_mapping.update(zip(c_args[:k], new_args[:k]))
    c_mapping.update(zip(c_in_args, new_args[k + p_n_in :]))
    c_mapping.update(zip(c_args[n_in:], new_args[k + p_n_in + len(c_in_args) + len(extra) :]))
    for op in consumer.body.block.ops:
        block.add_op(op.clone(c_mapping))

    fused = linalg.GenericOp(
        new_inputs,
        list(consumer.outputs),
        Region(block),
        [AffineMapAttr(m) for m in new_maps],
        consumer.iterator_types,
        [r.type for r in consumer.results],
    )
    fused.location = consumer.location
    for op in block.ops:
        op.location = consumer.location if op.location is None else op.location
    return fused


def _consumer_index(to_producer_loops: AffineMap, loop: int) -> Operation | None:
    """The fused body's value of the producer's `linalg.index loop`: the consumer's expression for that
    producer loop (None for an expression that is neither a dimension nor a constant; fusion then stops)."""
    expr = to_producer_loops.results[loop]
    if isinstance(expr, AffineDimExpr):
        return linalg.IndexOp(expr.position)
    if isinstance(expr, AffineConstantExpr):
        return arith.ConstantOp.from_int_and_width(expr.value, IndexType())
    return None


class DropUnusedInputs(RewritePattern):
    """`generic ins(x, y) { body not reading y } => generic ins(x)`: fewer reads, and y may die or fuse."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: linalg.GenericOp, rewriter: PatternRewriter):
        args = op.body.block.args
        n_in = len(op.inputs)
        maps = op.indexing_maps.data
        keep = [i for i in range(n_in) if args[i].uses]
        n_loops = len(op.iterator_types)
        for i in range(n_in):  # an unused input may be what bounds a loop: keep the first ones that do
            if not _bounds_every_loop([maps[j].data for j in [*keep, *range(n_in, len(maps))]], n_loops) and i not in keep:
                keep = sorted([*keep, i])
        if len(keep) == n_in:
            return
        block = Block(arg_types=[args[i].type for i in keep] + [a.type for a in args[n_in:]])
        mapping = dict(zip([args[i] for i in keep] + list(args[n_in:]), block.args))
        for inner in op.body.block.ops:
            block.add_op(inner.clone(mapping))
        new = linalg.GenericOp(
            [op.inputs[i] for i in keep],
            list(op.outputs),
            Region(block),
            [maps[i] for i in keep] + list(maps[n_in:]),
            op.iterator_types,
            [r.type for r in op.results],
        )
        new.location = op.location
        rewriter.replace(op, new)


@dataclass(frozen=True)
class Fuse(ModulePass):
    """Fuse elementwise producers into their consumers (see the module docstring)."""

    name = "fuse"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(GreedyRewritePatternApplier([DropUnusedInputs(), FuseProducerIntoConsumer()])).rewrite_module(op)
