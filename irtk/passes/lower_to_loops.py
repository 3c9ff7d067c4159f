"""lower-to-loops: linalg structured ops on memrefs become loop nests of scalar loads, the op's body, and stores.

Preconditions (what `bufferize` produces):
- every linalg op is a structured op (`linalg.generic`, `linalg.fill`, or a named op such as `linalg.matmul`) with
  buffer semantics: memref operands (static or dynamic dims, rank 0 allowed), scalar inputs, no results;
- each indexing-map result is a loop dimension `dk` or an integer constant (`0` for a broadcast size-1 dimension):
  no symbols and no other expressions;
- every loop dimension is some operand's map result. Its upper bound is that operand's size there: a static size
  when any operand has one, else `memref.dim` of the first such operand. Operands are assumed to agree (`bufferize`
  emits the `cf.assert`s that check it) and, in a reduction, outputs are assumed not to alias inputs;
- the body yields one value per output, of the output's element type.

What an op with loop dimensions d0..dn-1 becomes:
1. its parallel dimensions, in index order, become one `scf.parallel` from 0 by 1 whose body ends in an empty
   `scf.reduce`; without parallel dimensions there is no `scf.parallel`;
2. its reduction (and window) dimensions, in index order, become nested `scf.for` loops inside that, the first one
   outermost: a reduction runs sequentially in index order, left to right, and is never reassociated — except a
   float sum or product `yield (acc ⊕ value)` into one output its map does not reduce, whose innermost reduced loop
   follows the blocked order of docs/numerical-policy.md (`blocked_reductions.py`: left to right under 32
   elements, else chunks of 4096 with 8 lanes each; the body is copied once per place that order reads a value);
3. when no output's map uses a reduction dimension, each output element is loaded once before the `scf.for` nest,
   carried through it in `iter_args` and stored once after it; otherwise every iteration loads and stores it;
4. the innermost body loads the operands the body reads (a scalar input is used as it is), then runs the op's body
   ops, moved rather than copied so they keep their locations; `linalg.index k` becomes dimension k's induction
   variable, and `linalg.yield`'s operands are the values stored (or carried).
Every new op without a location of its own gets the location of the op it replaces.

An `irtk_ext.scan` on buffers becomes a parallel loop over its other dimensions around a sequential `scf.for`
along the scanned one (`scan_loops.py`); an `irtk_ext.scatter`, sequential `scf.for`s over the indices' positions
around a parallel loop over the remaining dimensions (`scatter_loops.py`).

Contract
  Level: memref → loops
  Needs: buffer-level IR as `bufferize` produces it (the preconditions at the top of this docstring): structured
    ops with buffer semantics, indexing maps of loop dimensions and constants, every loop dimension bounded by an
    operand, one yielded value per output; `irtk_ext.scan`/`irtk_ext.scatter` on buffers.
  Guarantees: no op of the linalg dialect (or irtk_ext) is left; each became loops computing the same values, each
    reduction in index order or the blocked order, with the locations of the ops they replace.
  Fails: with an `OpError` at the first op it cannot convert, naming it and saying why; it checks an op before it
    changes anything for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xdsl.builder import Builder
from xdsl.context import Context
from xdsl.dialects import memref, scf
from xdsl.dialects.builtin import DYNAMIC_INDEX, IndexType, MemRefType, ModuleOp, ShapedType
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation
from xdsl.dialects.linalg.attrs import IteratorType
from xdsl.dialects.linalg.ops import IndexOp, YieldOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from irtk.diagnostics import OpError
from irtk.dialects.structured_ext import ScanOp, ScatterOp
from irtk.passes.blocked_reductions import BlockedCombine, BlockedLoops, blocked_combine
from irtk.passes.loop_utils import index_constant, ops_after, parallel_loop, stamp_location
from irtk.passes.scan_loops import lower_scan
from irtk.passes.scatter_loops import lower_scatter


@dataclass(frozen=True)
class LowerToLoops(ModulePass):
    """Lower every linalg structured op (and irtk_ext.scan) on memrefs to `scf.parallel` + `scf.for` loops.

    `linalg.generic`/`linalg.fill` become `scf.parallel` over parallel dimensions and sequential `scf.for` over
    reduction dimensions, with reductions carried in `iter_args`. Float sums and products along a loop of 32 or
    more elements follow the blocked order of `docs/numerical-policy.md`: an `scf.parallel` or `scf.for` over
    chunks of 4096, 8 lanes in a `memref.alloca` each. An `irtk_ext.scan` becomes `scf.parallel` over its other
    dimensions around an `scf.for` along the scanned one, carrying the running value; an `irtk_ext.scatter`,
    sequential `scf.for`s over the indices' positions around a parallel loop over the remaining dimensions.
    """

    name = "lower-to-loops"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for structured in [o for o in op.walk() if isinstance(o, LinalgStructuredOperation)]:
            if (reason := _unsupported(structured)) is not None:
                raise OpError(structured, f"lower-to-loops: cannot convert {structured.name}: {reason}")
            _LoopNest(structured).lower()
        for scan in [o for o in op.walk() if isinstance(o, ScanOp)]:
            if scan.results:
                raise OpError(scan, "lower-to-loops: cannot convert irtk_ext.scan on tensors: bufferize first")
            lower_scan(scan)
        for scatter in [o for o in op.walk() if isinstance(o, ScatterOp)]:
            if scatter.results:
                raise OpError(scatter, "lower-to-loops: cannot convert irtk_ext.scatter on tensors: bufferize first")
            lower_scatter(scatter)
        for leftover in op.walk():
            if leftover.dialect_name() == "linalg":
                raise OpError(leftover, f"lower-to-loops: cannot convert {leftover.name}: it is not a structured op")


def _unsupported(op: LinalgStructuredOperation) -> str | None:
    """Why `op` breaks the preconditions, or None when it can be lowered."""
    if op.res or any(isinstance(v.type, ShapedType) and not isinstance(v.type, MemRefType) for v in op.operands):
        return "it works on tensors (run bufferize first)"
    maps = [m.data for m in op.get_indexing_maps()]
    for index, map_ in enumerate(maps):
        if map_.num_symbols:
            return f"the indexing map of operand #{index} has symbols"
        for expr in map_.results:
            if not isinstance(expr, AffineDimExpr | AffineConstantExpr):
                return f"operand #{index} is indexed by {expr}, neither a loop dimension nor a constant"
    for dim in range(len(op.get_iterator_types())):
        if not _bound_sources(op, maps, dim):
            return f"no operand's map has loop dimension d{dim} as a result, so its bound is unknown"
    yielded = op.body.block.last_op
    if not isinstance(yielded, YieldOp):
        return "its body does not end in linalg.yield"
    element_types = [v.type.get_element_type() for v in op.outputs if isinstance(v.type, MemRefType)]
    if [v.type for v in yielded.operands] != element_types:
        return "its body does not yield one value of each output's element type"
    return None


def _bound_sources(op: LinalgStructuredOperation, maps: Sequence[AffineMap], dim: int) -> list[tuple[SSAValue, int]]:
    """The (memref operand, its dimension) pairs that loop dimension `dim` indexes."""
    return [
        (operand, position)
        for operand, map_ in zip(op.operands, maps, strict=True)
        if isinstance(operand.type, MemRefType)
        for position, expr in enumerate(map_.results)
        if isinstance(expr, AffineDimExpr) and expr.position == dim
    ]


class _LoopNest:
    """Builds the loop nest that replaces one structured op, then erases the op."""

    def __init__(self, op: LinalgStructuredOperation):
        self.op = op
        self.maps = [m.data for m in op.get_indexing_maps()]
        self.num_inputs = len(op.inputs)
        self.ivs: list[SSAValue | None] = [None] * len(op.get_iterator_types())
        self.constants: dict[int, SSAValue] = {}
        self.last_constant: Operation | None = None
        self.outer = Builder(InsertPoint.before(op))

    def lower(self) -> None:
        op = self.op
        block, before = op.parent_block(), op.prev_op
        assert block is not None
        iterators = [it.data for it in op.get_iterator_types()]
        if iterators:  # 0 and 1 first, so that every loop nest starts with the same constants
            self.const(0)
            self.const(1)
        bounds = [self.bound(dim) for dim in range(len(iterators))]
        parallel = [d for d, it in enumerate(iterators) if it == IteratorType.PARALLEL]
        sequential = [d for d, it in enumerate(iterators) if it != IteratorType.PARALLEL]
        builder = self.parallel_loop(parallel, bounds) if parallel else self.outer

        outputs = range(len(op.outputs))
        carried = bool(sequential) and not any(
            self.maps[self.num_inputs + i].used_dims() & set(sequential) for i in outputs
        )
        reduction = blocked_combine(op, order_free=True) if carried else None
        if reduction is not None:  # the blocked order along the innermost reduced loop (blocked_reductions.py)
            inner = sequential[-1]
            loops = BlockedLoops(
                reduction, lambda b, position: self.value_at(b, inner, position, reduction), self.const, f"i{inner}"
            )
            only_loop = not parallel and len(sequential) == 1

            def blocked(b: Builder, acc: Sequence[SSAValue]) -> Sequence[SSAValue]:
                return [loops.build(b, acc[0], bounds[inner], parallel_chunks=only_loop)]

            initial = [self.load(builder, self.num_inputs)]
            final = self.for_nest(builder, sequential[:-1], bounds, initial, blocked)
            self.store(builder, 0, final[0])
        elif carried:
            initial = [self.load(builder, self.num_inputs + i) for i in outputs]
            final = self.for_nest(builder, sequential, bounds, initial, self.body)
            for i, value in zip(outputs, final, strict=True):
                self.store(builder, i, value)
        else:
            self.for_nest(builder, sequential, bounds, (), self.body_with_stores)

        stamp_location(ops_after(before, block, op), op.location)
        Rewriter.erase_op(op)

    def parallel_loop(self, dims: Sequence[int], bounds: Sequence[SSAValue]) -> Builder:
        """One `scf.parallel` over `dims`, from 0 by 1; returns a builder into its body."""
        zeros, ones = [self.const(0)] * len(dims), [self.const(1)] * len(dims)
        loop = self.outer.insert(parallel_loop(zeros, [bounds[d] for d in dims], ones))
        for dim, iv in zip(dims, loop.body.block.args, strict=True):
            iv.name_hint = f"i{dim}"
            self.ivs[dim] = iv
        return Builder(InsertPoint.before(loop.body.block.last_op))

    def const(self, value: int) -> SSAValue:
        """An index constant, made once per op, in a run of constants placed before everything else built."""
        if value not in self.constants:
            constant = index_constant(value)
            where = InsertPoint.before(self.op) if self.last_constant is None else InsertPoint.after(self.last_constant)
            Rewriter.insert_op(constant, where)
            self.constants[value], self.last_constant = constant.result, constant
        return self.constants[value]

    def bound(self, dim: int) -> SSAValue:
        """Loop dimension `dim`'s upper bound: a static size if any operand has one, else a `memref.dim`."""
        sources = _bound_sources(self.op, self.maps, dim)
        for operand, position in sources:
            size = operand.type.get_shape()[position]
            if size != DYNAMIC_INDEX:
                return self.const(size)
        operand, position = sources[0]
        return self.outer.insert(memref.DimOp(operand, self.const(position))).result

    def indices(self, operand_index: int) -> list[SSAValue]:
        """The memref indices an operand's indexing map gives for the current induction variables."""
        found: list[SSAValue] = []
        for expr in self.maps[operand_index].results:
            if isinstance(expr, AffineDimExpr):
                iv = self.ivs[expr.position]
                assert iv is not None, "an induction variable is used before its loop is built"
                found.append(iv)
            else:
                assert isinstance(expr, AffineConstantExpr)
                found.append(self.const(expr.value))
        return found

    def load(self, builder: Builder, operand_index: int) -> SSAValue:
        operand = self.op.operands[operand_index]
        if not isinstance(operand.type, MemRefType):
            return operand
        return builder.insert(memref.LoadOp.get(operand, self.indices(operand_index))).res

    def store(self, builder: Builder, output_index: int, value: SSAValue) -> None:
        destination = self.op.outputs[output_index]
        builder.insert(memref.StoreOp.get(value, destination, self.indices(self.num_inputs + output_index)))

    def for_nest(
        self,
        builder: Builder,
        dims: Sequence[int],
        bounds: Sequence[SSAValue],
        carried: Sequence[SSAValue],
        body: Callable[[Builder, Sequence[SSAValue]], Sequence[SSAValue]],
    ) -> Sequence[SSAValue]:
        """`scf.for` loops over `dims`, the first outermost, carrying `carried`; `body` fills the innermost one."""
        if not dims:
            return body(builder, carried)
        block = Block(arg_types=[IndexType(), *(v.type for v in carried)])
        loop = builder.insert(scf.ForOp(self.const(0), bounds[dims[0]], self.const(1), carried, Region(block)))
        block.args[0].name_hint = f"i{dims[0]}"
        self.ivs[dims[0]] = block.args[0]
        inner = Builder(InsertPoint.at_end(block))
        inner.insert(scf.YieldOp(*self.for_nest(inner, dims[1:], bounds, block.args[1:], body)))
        return loop.results

    def body(self, builder: Builder, outputs: Sequence[SSAValue]) -> Sequence[SSAValue]:
        """Move the op's body to `builder`, its output arguments bound to `outputs`; return the yielded values."""
        block = self.op.body.block
        for index, arg in enumerate(block.args):
            if not arg.uses:
                continue
            is_output = index >= self.num_inputs
            arg.replace_all_uses_with(outputs[index - self.num_inputs] if is_output else self.load(builder, index))
        yielded = block.last_op
        assert isinstance(yielded, YieldOp)
        for inner in list(block.ops):
            if inner is yielded:
                break
            if isinstance(inner, IndexOp):
                iv = self.ivs[inner.dim.value.data]
                assert iv is not None
                inner.result.replace_all_uses_with(iv)
                Rewriter.erase_op(inner)
                continue
            inner.detach()
            builder.insert(inner)
        return list(yielded.operands)

    def value_at(self, builder: Builder, dim: int, position: SSAValue, reduction: BlockedCombine) -> SSAValue:
        """A copy of the body ops that compute the value a blocked reduction folds in, with loop dimension `dim`
        at `position` (the body is copied once per place the blocked order reads a value; the ops keep their
        locations)."""
        self.ivs[dim] = position
        block = self.op.body.block
        mapping: dict[SSAValue, SSAValue] = {}
        for index, arg in enumerate(block.args[: self.num_inputs]):
            if arg.uses:
                mapping[arg] = loaded = self.load(builder, index)
                if loaded is not arg and loaded.owner is not None and not loaded.name_hint:
                    loaded.name_hint = arg.name_hint
        for inner in block.ops:
            if inner is reduction.combine or isinstance(inner, YieldOp):
                continue
            if isinstance(inner, IndexOp):
                iv = self.ivs[inner.dim.value.data]
                assert iv is not None
                mapping[inner.result] = iv
                continue
            builder.insert(inner.clone(value_mapper=mapping))
        return mapping.get(reduction.value, reduction.value)

    def body_with_stores(self, builder: Builder, carried: Sequence[SSAValue]) -> Sequence[SSAValue]:
        """The body when outputs are not carried: load each output it reads, store each value it yields."""
        outputs = [
            self.load(builder, self.num_inputs + i) if arg.uses else arg
            for i, arg in enumerate(self.op.body.block.args[self.num_inputs :])
        ]
        for i, value in enumerate(self.body(builder, outputs)):
            self.store(builder, i, value)
        return ()
