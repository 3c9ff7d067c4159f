"""`fuse{recompute-limit=4}`: producer–consumer fusion of `linalg.generic` ops on tensors.

An elementwise producer (all loops parallel, output written through a permutation, its output's initial
value unused) read as an *input* of another generic is merged into that consumer: the consumer then reads
the producer's inputs directly and computes the producer's scalar body inline. Applied until nothing
changes, this turns an elementwise chain — and the reduction that consumes it — into one generic, so the
generated loop reads each input once and writes no temporaries.

The algebra, for consumer C reading producer P's result through map `c_k`:
    P.input_map_i  ∘  P.output_map⁻¹  ∘  c_k      is the map through which C reads P's input i.
`c_k`'s results may be dimensions and the constant 0 of a size-1 dimension of P: a broadcast such as
`(d0, d1) -> (d0, 0)` reading the `?x1` copy of a row vector composes to `(d0, d1) -> (d0)`, so C reads the
vector itself and the copy disappears. Fusion never reorders arithmetic: every scalar op runs on the same
operands as before, so the fused program computes the same bits (FAST_COMPILE evaluates the same fused IR).

Cost rule (irtk/passes/fusion_cost.py). Where C reads each element of P once (its map names every loop of
C, or the loops it misses have static size 1), fusing is free and always done. Otherwise P's elements are
computed more than once, and the extra work is weighed against a temporary's write and re-read:
- P's body costs 1 per op (arithmetic, comparison, select, cast, cheap `math` op, `linalg.index`), 8 per
  transcendental function, square root or other call, 0 for constants and the yield: `exp(m - max)` costs
  9, a copy 0.
- Fusing computes each element `E` times: the sum over P's fused uses of how often each reads it (1 when
  once, the product of the missed loops' static sizes for a broadcast). The extra work, `(E - 1) * cost`,
  must be at most `recompute-limit` (default 4, about a temporary's write and re-read per element: a few
  simple ops may run again, a transcendental one may not; 0 recomputes nothing that costs anything). A
  broadcast along a loop of dynamic size allows cost 0 only.
- A producer with several uses is fused only into all of them or none (a stored copy would still be
  written), each use passing the map and trap rules; it gets a copy of its body in each consumer. Row
  softmax is four nests by default: max; `e = exp(m - max)`, stored; the row sum of e; e / sum. With
  `recompute-limit=10` (or more) it is three: max; sum of exp(m - max); exp(m - max) / sum, nothing stored
  but the row statistics; at 4096x1024 float64 both measured the same within noise (benchmarks/
  row_softmax.py): the second exp, inside a blocked reduction that does not vectorise it, costs about what
  e's write and re-read save. Fusing the sum into the pass that writes e would need a generic with a
  stored and a reduced result: `lower-to-loops` carries several outputs, but the evaluator runs such a
  body once per reduced index (its slow path); it is not done.
- A single-element producer (rank 0 or all dimensions of static size 1) read by one consumer is fused
  through any map, as before: recomputing one scalar per iteration is cheaper than a temporary.
Multiple uses are decided after single-use fusion has reached its fixed point, in program order, so a
producer's cost includes everything already fused into it and a consumer's the copies it received.

Two more rules keep the fused body meaning what the producer's did:
- Iteration indices are remapped. A producer's `linalg.index k` names producer loop k, which in the fused
  loop is result k of `P.output_map⁻¹ ∘ c_k` (consumer loops -> producer loops): a dimension j becomes the
  consumer's `linalg.index j`, a constant c becomes `arith.constant c : index`. Cloned as is, it would read
  whichever consumer loop happens to have number k (the wrong one under a transposed read).
- No op that can trap moves onto a path where it did not run before. A producer whose body holds such an
  op (`may_trap`: integer division and remainder, whose C++ helpers fail the call on a zero divisor, and any
  op that is not Pure) is fused only when the fused loop computes every producer element exactly once: the
  consumer, its one use, reads it through a permutation of its loops (missing only loops of static size 1),
  and never into several consumers. Recomputing a single-element producer
  per iteration, for instance, would run the division zero times (hiding an error) or many times.

Compile cost. A single-use step moves ops, it never clones them: the smaller of the two bodies moves into the
other's block, whose arguments are inserted and erased in place, and a producer read in its own loop order
keeps its maps and index ops untouched. A chain of n elementwise ops therefore fuses in O(n log n) op moves;
cloning the accumulated body at every step made it quadratic (half a minute for 1000 ops). What each step
still pays in proportion to the fused op's *inputs* is rebuilding the op itself, so a chain that reads n
distinct arrays (`x1 + x2 + ... + xn`) is still quadratic, though with a small constant. A multi-use producer
is cloned once per extra use, and only when its body costs at most `recompute-limit`, so that stays linear in
the number of uses; its body cost is counted only up to the limit.

Contract
  Level: structured
  Needs: `linalg.generic`s (and `linalg.fill`s, scans, loops) on tensors, as `lower-to-structured` produces them.
  Guarantees: the same values, bit for bit: every scalar op runs on the same operands as before; a producer's
    element is recomputed only within `recompute-limit`; an op that can trap runs exactly where it ran before;
    unused generic inputs are dropped.
  Fails: never on verified input; a `recompute-limit` that is not a non-negative integer is refused when the pass
    is made (an invalid-option error).
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith
from xdsl.dialects.builtin import AffineMapAttr, IndexType, ModuleOp, TensorType
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.attrs import IteratorType
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint
from xdsl.pattern_rewriter import GreedyRewritePatternApplier, PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern
from xdsl.traits import Pure

from irtk.dialects.irtk.types import shape_of
from irtk.passes.fusion_cost import DEFAULT_RECOMPUTE_LIMIT, UNSUPPORTED, body_cost, read_repeat, recompute_allowed


def _fusable_producer(value: SSAValue) -> linalg.GenericOp | None:
    producer = value.owner
    if not isinstance(producer, linalg.GenericOp) or value.uses.get_length() != 1:
        return None
    (use,) = value.uses
    if use.operation.parent_block() is not producer.parent_block():
        return None  # a producer outside a loop would run at every iteration inside it
    return producer if _elementwise(producer) else None


def _elementwise(producer: linalg.GenericOp) -> bool:
    """Whether `producer` computes each element of its one result independently of the others: all loops
    parallel, the result written through a permutation, its initial value unread."""
    if len(producer.results) != 1 or any(it.data != IteratorType.PARALLEL for it in producer.iterator_types):
        return False
    out_map = producer.indexing_maps.data[-1].data
    if out_map.num_dims and not (out_map.is_projected_permutation() and len(out_map.results) == out_map.num_dims):
        return False  # not a permutation (xDSL inverts `(d0) -> (d0, d0)`, a diagonal write, all the same)
    return not producer.body.block.args[-1].uses  # else it reads its output's initial value


def _read(consumer: linalg.GenericOp, read: AffineMap, producer: linalg.GenericOp) -> tuple[int | None, bool] | None:
    """How fusing `producer` into `consumer`, which reads it through `read`, computes the producer's elements:
    `(repeat, each_once)`, the number of times each element is computed as the cost rule counts it (see
    `fusion_cost.read_repeat`; a single-element producer counts once) and whether each is computed exactly once
    over the same loops (the condition for moving an op that can trap). None when `read` is not a map fusion
    goes through."""
    if _single_element(producer):
        once = read.is_projected_permutation() and len(read.results) == read.num_dims
        return 1, once and len(producer.iterator_types) == read.num_dims
    repeat = read_repeat(consumer, read, producer)
    if repeat == UNSUPPORTED:
        return None
    return repeat, repeat == 1


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
    """`C(..., P(x, y), ...) => C'(..., x, y, ...)` with P's body inlined into C's, for a P with one use."""

    def __init__(self, recompute_limit: int = DEFAULT_RECOMPUTE_LIMIT):
        self.recompute_limit = recompute_limit

    @op_type_rewrite_pattern
    def match_and_rewrite(self, consumer: linalg.GenericOp, rewriter: PatternRewriter):
        n_in = len(consumer.inputs)
        maps = [m.data for m in consumer.indexing_maps.data]
        for k, value in enumerate(consumer.inputs):
            producer = _fusable_producer(value)
            if producer is None:
                continue
            read = _read(consumer, maps[k], producer)
            if read is None:
                continue
            repeat, each_once = read
            if not each_once and any(map(may_trap, producer.body.block.ops)):
                continue  # each element computed once, over the same loops, or a trap could move
            if repeat != 1 and not recompute_allowed(body_cost(producer, self.recompute_limit), [repeat], self.recompute_limit):
                continue  # a broadcast read would recompute too much: the producer stays a temporary
            plan = _fusion_plan(consumer, k, producer, maps, n_in)
            if plan is None:
                continue
            fused = _fused(consumer, k, producer, n_in, plan, rewriter)
            rewriter.replace(consumer, fused)
            rewriter.erase(producer)
            return


def _bounds_every_loop(maps, n_loops: int) -> bool:
    """Whether each loop dimension is some operand's plain dimension, so that its size is known.

    Stops as soon as every loop is seen: callers pass the maps last first (an output's map usually names every
    loop), since a fused op can read hundreds of inputs and this runs at every fusion step."""
    seen: set[int] = set()
    for m in maps:
        seen.update(e.position for e in m.results if isinstance(e, AffineDimExpr))
        if len(seen) == n_loops:  # positions are below n_loops
            return True
    return seen >= set(range(n_loops))


@dataclass
class _Plan:
    """What fusing P into C at input k makes, decided before the IR changes: the fused op's inputs and maps,
    whether P's init stays as an input that only bounds loops, and the new op for each `linalg.index` of P's
    body that does not keep its meaning (a transposed or broadcast read renumbers P's loops)."""

    inputs: list[SSAValue]
    maps: list[AffineMapAttr]
    bound_only: bool
    index_ops: list[tuple[linalg.IndexOp, Operation]]


def _fusion_plan(consumer: linalg.GenericOp, k: int, producer: linalg.GenericOp, maps, n_in: int) -> _Plan | None:
    """The plan, or None when fusing would leave a loop without bounds (a size-1 dimension that only the
    producer's result had, e.g. `sum(dimshuffle(x, [0, 'x']), axis=1)`) or a producer's loop index with no
    value in the consumer's loops.

    A producer read in its own loop order (the usual elementwise chain) keeps its maps and index ops as they
    are, so the cost here is in the number of inputs, not in the size of the producer's body."""
    p_map_attrs = list(producer.indexing_maps.data)
    p_maps = [m.data for m in p_map_attrs]
    p_out_inverse = p_maps[-1].inverse_permutation() if p_maps[-1].num_dims else p_maps[-1]
    to_producer_loops = p_out_inverse.compose(maps[k])
    same_loops = to_producer_loops == AffineMap.identity(to_producer_loops.num_dims)
    p_n_in = len(producer.inputs)
    c_map_attrs = list(consumer.indexing_maps.data)
    new_inputs = [*consumer.inputs[:k], *producer.inputs, *consumer.inputs[k + 1 :]]
    p_in_attrs = p_map_attrs[:p_n_in] if same_loops else [AffineMapAttr(m.compose(to_producer_loops)) for m in p_maps[:p_n_in]]
    new_maps = [*c_map_attrs[:k], *p_in_attrs, *c_map_attrs[k + 1 :]]
    bound_only = False
    if not _bounds_every_loop((m.data for m in reversed(new_maps)), maps[k].num_dims):
        if any(isinstance(v.type, TensorType) for v in producer.inputs):
            return None
        # a producer that reads no tensor (an arange, a gather of captured values) had its loops bounded by its
        # output alone: its init stays an input of the fused op, read nowhere, to bound them
        new_inputs.append(producer.outputs[0])
        new_maps.insert(len(new_inputs) - 1, c_map_attrs[k])  # after the inputs' maps, before the outputs'
        bound_only = True
        if not _bounds_every_loop((m.data for m in reversed(new_maps)), maps[k].num_dims):
            return None

    index_ops: list[tuple[linalg.IndexOp, Operation]] = []
    if not same_loops:
        for op in producer.body.block.ops:
            if isinstance(op, linalg.IndexOp):
                index = _consumer_index(to_producer_loops, op.dim.value.data)
                if index is None:
                    return None
                index_ops.append((op, index))
    return _Plan(new_inputs, new_maps, bound_only, index_ops)


def _fused(consumer: linalg.GenericOp, k: int, producer: linalg.GenericOp, n_in: int, plan: _Plan,
           rewriter: PatternRewriter) -> linalg.GenericOp:
    """The fused generic. Its body is P's ops (but the yield) followed by C's, with C's read of input k
    replaced by the value P yielded; block arguments `[C's inputs before k, P's inputs, C's inputs after k,
    (P's init, bound_only), C's outputs]`.

    Built by moving ops, never by cloning: the smaller body's ops move into the larger body's block, which
    gains and loses arguments in place (see "Cost" in the module docstring)."""
    p_block, c_block = producer.body.block, consumer.body.block
    p_yield = p_block.last_op
    assert isinstance(p_yield, linalg.YieldOp)
    produced = p_yield.operands[0]
    rewriter.erase(p_yield)
    for old, new in plan.index_ops:
        p_block.insert_op_before(new, old)
        new.location = consumer.location
        _redirect(old.results[0], new.results[0])
        produced = new.results[0] if produced is old.results[0] else produced
        rewriter.erase(old)
    p_n_in = len(producer.inputs)
    c_args = c_block.args
    if _no_more_ops(c_block, p_block):  # C's ops move behind P's, into P's block
        block = p_block
        for i in range(k):
            _redirect(c_args[i], block.insert_arg(c_args[i].type, i))
        for j, arg in enumerate(c_args[k + 1 : n_in]):
            _redirect(arg, block.insert_arg(arg.type, k + p_n_in + j))
        p_init = block.args[n_in - 1 + p_n_in]
        if not plan.bound_only:  # else it is the argument of the bounding input, in the same place and type
            block.erase_arg(p_init)
        for arg in c_args[n_in:]:
            _redirect(arg, block.insert_arg(arg.type, len(block.args)))
        _redirect(c_args[k], produced)
        for op in list(c_block.ops):
            block.add_op(c_block.detach_op(op))
    else:  # P's ops move in front of C's, into C's block
        block = c_block
        p_args = p_block.args
        for j, arg in enumerate(p_args[:p_n_in]):
            _redirect(arg, block.insert_arg(arg.type, k + 1 + j))
        if isinstance(produced, BlockArgument) and produced.block is p_block:
            produced = block.args[k + 1 + produced.index]
        _redirect(c_args[k], produced)
        block.erase_arg(c_args[k])
        if plan.bound_only:
            block.insert_arg(p_args[-1].type, n_in - 1 + p_n_in)
        first = block.first_op
        for op in list(p_block.ops):
            block.insert_op_before(p_block.detach_op(op), first)
    for arg in block.args:  # a fresh block's arguments have no names; a reused one's may
        if arg.name_hint is not None:
            arg.name_hint = None
    block.parent.detach_block(block)

    fused = linalg.GenericOp(
        plan.inputs,
        list(consumer.outputs),
        Region(block),
        plan.maps,
        consumer.iterator_types,
        [r.type for r in consumer.results],
    )
    fused.location = consumer.location
    return fused


def _redirect(old: SSAValue, new: SSAValue) -> None:
    """Make `old`'s uses read `new`, which keeps its own name (`replace_all_uses_with` would hand it `old`'s,
    and the printed names of a fused body would then depend on how it was built)."""
    hint = new.name_hint
    old.replace_all_uses_with(new)
    new.name_hint = hint


def _no_more_ops(a: Block, b: Block) -> bool:
    """Whether block `a` has at most as many ops as `b`, in time proportional to the smaller one."""
    x, y = a.first_op, b.first_op
    while x is not None and y is not None:
        x, y = x.next_op, y.next_op
    return x is None


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
        keep = [i for i in range(n_in) if args[i].uses]
        if len(keep) == n_in:
            return
        maps = op.indexing_maps.data
        n_loops = len(op.iterator_types)
        for i in range(n_in):  # an unused input may be what bounds a loop: keep the first ones that do
            if not _bounds_every_loop([maps[j].data for j in reversed([*keep, *range(n_in, len(maps))])], n_loops) and i not in keep:
                keep = sorted([*keep, i])
        if len(keep) == n_in:
            return
        block = op.body.block  # moved, not cloned: the body of a long fused chain is large
        kept = set(keep)
        for i in reversed(range(n_in)):
            if i not in kept:
                block.erase_arg(args[i])
        for arg in block.args:
            arg.name_hint = None
        op.body.detach_block(block)
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


def _duplicate_into_consumers(producer: linalg.GenericOp, limit: int) -> bool:
    """Fuse a producer with several uses into every one of them (a copy of its body in each), when each use can
    fuse it and the cost rule allows the recomputation; False, with nothing changed, otherwise.

    Every use is checked before anything changes, so a producer is either fused everywhere or left as it is:
    recomputing it for some consumers while others still read a stored copy would save nothing."""
    if len(producer.results) != 1:  # a generic on buffers (no result) has no uses to fuse into
        return False
    result = producer.results[0]
    if result.uses.get_length() < 2 or not _elementwise(producer) or any(map(may_trap, producer.body.block.ops)):
        return False
    cost = body_cost(producer, limit)
    if cost > limit:
        return False
    repeats = []
    for use in result.uses:
        consumer = use.operation
        if not isinstance(consumer, linalg.GenericOp) or consumer.parent_block() is not producer.parent_block():
            return False
        n_in = len(consumer.inputs)
        if use.index >= n_in:
            return False  # an output's initial value
        maps = [m.data for m in consumer.indexing_maps.data]
        read = _read(consumer, maps[use.index], producer)
        if read is None or _fusion_plan(consumer, use.index, producer, maps, n_in) is None:
            return False
        repeats.append(read[0])
    if not recompute_allowed(cost, repeats, limit):
        return False

    rewriter = PatternRewriter(producer)
    copies = []
    for use in list(result.uses)[1:]:
        copy = producer.clone()
        rewriter.insert(copy, InsertPoint.before(producer))
        use.operation.operands[use.index] = copy.results[0]
        copies.append(copy)
    for single in [producer, *copies]:  # each now has one use; a consumer reading it twice is replaced in between
        (use,) = single.results[0].uses
        consumer, k = use.operation, use.index
        assert isinstance(consumer, linalg.GenericOp)
        maps = [m.data for m in consumer.indexing_maps.data]
        plan = _fusion_plan(consumer, k, single, maps, len(consumer.inputs))
        if plan is None:  # only a consumer that reads it twice can get here; that copy stays a temporary
            continue
        rewriter.replace(consumer, _fused(consumer, k, single, len(consumer.inputs), plan, rewriter))
        rewriter.erase(single)
    return True


def _duplicate_cheap_producers(module: ModuleOp, limit: int) -> None:
    """`_duplicate_into_consumers` for every generic, in program order within each block: a producer is decided
    before its consumers, whose cost then includes the copy they received."""
    blocks = {op.parent_block(): None for op in module.walk() if isinstance(op, linalg.GenericOp)}
    for block in blocks:
        op = block.first_op
        while op is not None:
            if isinstance(op, linalg.GenericOp):
                before = op.prev_op
                if _duplicate_into_consumers(op, limit):  # erases op: go on after the op that preceded it
                    op = block.first_op if before is None else before.next_op
                    continue
            op = op.next_op


@dataclass(frozen=True)
class Fuse(ModulePass):
    """Fuse elementwise producers into their consumers, recomputing a producer's elements only where that is cheap.

    Producer–consumer fusion (never of a producer outside a loop into a consumer inside it): elementwise chains,
    broadcasts and the reduction that consumes them become one generic. A broadcast read (`(d0, d1) -> (d0, 0)`
    of a `?x1` copy) composes into a direct read of the vector, so the copy disappears. A producer whose
    elements fusion would compute more than once (several uses, all fused; or a broadcast read) is fused only
    when the extra work, `(evaluations - 1) * body cost` (1 per op, 8 per transcendental function; a copy costs
    0; a broadcast along a dynamic-size loop only at cost 0), is at most `recompute-limit`
    (`irtk/passes/fusion_cost.py`): row softmax is four nests (max; exp; sum; division), three with
    `recompute-limit=10` (exp computed twice, slower at 4096x1024). A fusion that would leave a loop dimension
    bounded by no operand (a size-1 axis only the producer's result had) is not done. The producer's
    `linalg.index` ops are remapped to the consumer's loops. A producer whose body can trap (integer division, a
    non-Pure op) is fused only where each of its elements is still computed once. Unused generic inputs are
    dropped. The module docstring gives the algebra and the cost rule in full.

    recompute_limit: extra work per element that fusion may add by recomputing a producer's elements (0: none).
    """

    name = "fuse"

    recompute_limit: int = DEFAULT_RECOMPUTE_LIMIT

    def __post_init__(self) -> None:
        limit = self.recompute_limit
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ValueError(f"fuse: recompute-limit must be a non-negative integer, got {limit!r}")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        limit = self.recompute_limit
        PatternRewriteWalker(GreedyRewritePatternApplier([DropUnusedInputs(), FuseProducerIntoConsumer(limit)])).rewrite_module(op)
        _duplicate_cheap_producers(op, limit)
