"""Runs `linalg.generic` and the ops around it on numpy arrays: the FAST_COMPILE evaluator's core.

A generic is evaluated on whole arrays. Each operand is viewed over the loop space (every loop dimension
an array axis, size 1 where the operand does not vary), the body's scalar ops run once on those arrays
(`scalar_ops.py`), and the yielded arrays are stored through the output maps. Reductions keep the
documented order (docs/numerical-policy.md):
- when the body is `acc <combine> f(inputs)` with a float `addf`/`mulf` and one output that the reduced loops do
  not index, f runs on pieces of the loop space and the values are combined in the blocked order (left to right
  under 32 elements, else chunks of 4096 with 8 lanes: `blocked_order.py`), each step one numpy operation over the
  parallel dimensions;
- any other float `addf`/`mulf` body of that form: f runs on the whole loop space and `ufunc.accumulate` (which is
  strictly sequential) folds it left to right, in chunks of the outermost reduced loop when the loop space is
  large;
- when the combination is exact in any order (integer `addi`/`muli`, bitwise ops, max and min), one
  `ufunc.reduce`;
- any other body (several outputs, an index, a combination it does not recognise) runs once per reduced
  index, in order, vectorized over the parallel dimensions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import TensorType
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.attrs import IteratorType
from xdsl.ir import Operation, SSAValue
from xdsl.ir.affine import AffineConstantExpr, AffineDimExpr, AffineMap

from irtk.dialects.upstream import ComplexAddOp
from irtk.evaluator import blocked_order, scalar_ops
from irtk.passes.blocked_reductions import CHUNK, SEQUENTIAL_BELOW, BlockedCombine, blocked_combine
from irtk.runtime.failures import IndexOutOfBounds

#: Loop spaces up to this many elements are evaluated in one piece.
CHUNK_ELEMENTS = 1 << 20


def to_signless(array: np.ndarray) -> np.ndarray:
    """A tensor's data in the body's representation (unsigned integers read as signed of their width)."""
    if array.dtype.kind == "u":
        return array.view(np.dtype(f"int{array.dtype.itemsize * 8}"))
    return array


def from_signless(array: np.ndarray, t: TensorType) -> np.ndarray:
    from irtk.dialects.irtk.types import dtype_of

    dtype = np.dtype(dtype_of(t))
    return array.view(dtype) if array.dtype != dtype and array.dtype.itemsize == dtype.itemsize and dtype != np.bool_ else array.astype(dtype, copy=False)


def gather(array: np.ndarray, indices: Sequence[np.ndarray]) -> np.ndarray:
    """`tensor.extract %t[%i, %j]` for arrays of indices (one element per iteration, broadcast together); an
    index out of bounds is undefined in MLIR, and a failed call here."""
    data = to_signless(np.asarray(array))
    idx = np.broadcast_arrays(*[np.asarray(i, dtype=np.int64) for i in indices]) if indices else []
    for axis, (i, size) in enumerate(zip(idx, data.shape)):
        if i.size and (i.min() < 0 or i.max() >= size):
            raise IndexOutOfBounds(f"tensor.extract: index out of bounds in dimension {axis} (size {size})")
    return data[tuple(idx)]


class GenericRun:
    """One evaluation of a `linalg.generic` on concrete operands."""

    def __init__(
        self,
        op: linalg.GenericOp,
        inputs: Sequence[np.ndarray],
        outputs: Sequence[np.ndarray],
        outer: Mapping[SSAValue, np.ndarray] = {},  # noqa: B006 (read only)
    ):
        self.op = op
        self.outer = outer
        self.maps: list[AffineMap] = [m.data for m in op.indexing_maps.data]
        self.iterators = [it.data for it in op.iterator_types]
        self.n = len(self.iterators)
        self.inputs = [to_signless(np.asarray(a)) for a in inputs]
        self.outputs = [to_signless(np.asarray(a)) for a in outputs]
        self.sizes = self._loop_sizes()
        self.reduced = [d for d, it in enumerate(self.iterators) if it != IteratorType.PARALLEL]

    def _loop_sizes(self) -> list[int]:
        sizes: list[int | None] = [None] * self.n
        for array, m in zip([*self.inputs, *self.outputs], self.maps):
            for axis, expr in enumerate(m.results):
                if isinstance(expr, AffineDimExpr) and sizes[expr.position] is None and array.ndim > axis:
                    sizes[expr.position] = array.shape[axis]
        return [1 if s is None else s for s in sizes]

    # ---- views over the loop space
    def index_values(self, d: int, ranges: dict[int, slice | int]) -> np.ndarray:
        """The indices of loop dimension `d` (restricted by `ranges`), along axis d of the loop space."""
        selected = ranges.get(d, slice(None))
        if isinstance(selected, slice):  # only the positions asked for, not a whole dimension's worth
            positions = np.arange(*selected.indices(self.sizes[d]), dtype=np.int64)
        else:
            positions = np.arange(self.sizes[d], dtype=np.int64)[selected]
        shape = [1] * self.n
        shape[d] = np.size(positions)
        return np.reshape(positions, shape)

    def index_arrays(self, m: AffineMap, ranges: dict[int, slice | int]) -> tuple:
        """numpy indices that address, through map `m`, the element each point of the loop space touches."""
        return tuple(
            expr.value if isinstance(expr, AffineConstantExpr) else self.index_values(expr.position, ranges)
            for expr in m.results
        )

    def view(self, array: np.ndarray, m: AffineMap, ranges: dict[int, slice | int]) -> np.ndarray:
        """`array` read through map `m` at every point of the loop space restricted to `ranges` (loop dim ->
        slice or single index); an array with one axis per loop dimension (size 1 where it does not vary)."""
        if array.ndim == 0 or not m.results:
            return array.reshape((1,) * self.n) if array.ndim == 0 else array
        plain = _plain_permutation(m, self.n)
        if plain is not None:
            # the common case without copies: a transposed view with new axes, sliced to the ranges asked for
            whole = np.expand_dims(np.transpose(array, plain[0]), plain[1]) if plain[1] else np.transpose(array, plain[0])
            if not ranges:
                return whole
            key = [slice(None)] * self.n
            for d, selected in ranges.items():
                if d not in plain[1]:  # a new axis has size 1 and is read whole
                    key[d] = selected if isinstance(selected, slice) else slice(selected, selected + 1)
            return whole[tuple(key)]
        result = array[self.index_arrays(m, ranges)]
        if result.ndim < self.n:  # only constants: a single element
            result = result.reshape((1,) * self.n)
        return result

    # ---- the body
    def body(self, args: Sequence[np.ndarray], ranges: dict[int, slice | int], stop_at=None) -> list[np.ndarray]:
        """The yielded arrays for block arguments `args` (or, with `stop_at`, the value of that SSA value)."""
        block = self.op.body.block
        env: dict[SSAValue, np.ndarray] = dict(zip(block.args, args))
        for inner in block.ops:
            if isinstance(inner, linalg.YieldOp):
                return [self._lookup(env, v) for v in inner.operands]
            if isinstance(inner, linalg.IndexOp):
                env[inner.result] = self.index_values(inner.dim.value.data, ranges)
                continue
            if isinstance(inner, tensor.ExtractOp):  # a gather from a tensor the body captures
                env[inner.result] = gather(self._lookup(env, inner.tensor), [self._lookup(env, i) for i in inner.indices])
                continue
            env[inner.results[0]] = scalar_ops.evaluate(inner, [self._lookup(env, v) for v in inner.operands])
            if stop_at is not None and inner.results[0] is stop_at:
                return [env[stop_at]]
        raise ValueError("linalg.generic body without linalg.yield")

    def _lookup(self, env: dict, v: SSAValue) -> np.ndarray:
        """A body operand: a value of the body, else one the body captures from the enclosing function (a loop
        size that `argmax` over several axes uses to flatten its index), which was evaluated before the generic."""
        if v in env:
            return env[v]
        if v in self.outer:
            return self.outer[v]
        raise NotImplementedError(f"the evaluator cannot read {v} from outside a linalg.generic body")

    def run(self) -> list[np.ndarray]:
        n_in = len(self.inputs)
        if not self.reduced:
            values = self.body(self._args({}), {})
            return [self._store(out, value, self.maps[n_in + i], {}) for i, (out, value) in enumerate(zip(self.outputs, values))]
        if len(self.outputs) == 1:
            fast = self._folded_reduction()
            if fast is not None:
                return [fast]
        return self._stepwise_reduction()

    def _args(self, ranges) -> list[np.ndarray]:
        n_in = len(self.inputs)
        args = [self.view(a, self.maps[i], ranges) for i, a in enumerate(self.inputs)]
        args += [self.view(o, self.maps[n_in + i], ranges) for i, o in enumerate(self.outputs)]
        return args

    def _store(self, out: np.ndarray, value: np.ndarray, m: AffineMap, ranges) -> np.ndarray:
        """A copy of `out` with `value` (an array over the loop space) written through map `m`."""
        result = out.copy()
        value = np.asarray(value)
        if self.n == 0:
            result[()] = value.reshape(())
            return result
        value = value.reshape((1,) * (self.n - value.ndim) + value.shape) if value.ndim < self.n else value
        used = {e.position for e in m.results if isinstance(e, AffineDimExpr)}
        for d in range(self.n):  # a loop dimension the output does not index: the last write wins
            if d not in used and value.shape[d] > 1:
                value = value[(slice(None),) * d + (slice(-1, None),)]
        value = np.broadcast_to(value, [self.sizes[d] if d in used else 1 for d in range(self.n)])
        result[self.index_arrays(m, ranges)] = value if used else value.reshape(())
        return result

    # ---- reductions
    def _folded_reduction(self) -> np.ndarray | None:
        """The single-output reduction `acc <combine> f(...)`, folded with a ufunc, or None."""
        block = self.op.body.block
        reduction = blocked_combine(self.op)
        if reduction is not None and not (self.maps[len(self.inputs)].used_dims() & set(self.reduced)):
            return self._blocked_reduction(reduction)
        acc = block.args[-1]
        combine = block.last_op.operands[0].owner
        if type(combine) not in _COMBINERS or acc.uses.get_length() != 1 or acc not in combine.operands:
            return None
        element = combine.operands[1] if combine.operands[0] is acc else combine.operands[0]
        if element is acc:
            return None
        fold = _COMBINERS[type(combine)]
        out_map = self.maps[len(self.inputs)]
        kept = [d for d in range(self.n) if d not in self.reduced]
        last = list(range(len(kept), self.n))
        acc_value = np.broadcast_to(self.view(self.outputs[0], out_map, {}), [1 if d in self.reduced else s for d, s in enumerate(self.sizes)])
        outer = self.reduced[0]
        per_outer = max(1, math.prod(self.sizes) // max(1, self.sizes[outer]))
        step = max(1, CHUNK_ELEMENTS // per_outer)
        for start in range(0, self.sizes[outer], step):
            ranges = {outer: slice(start, start + step)}
            shape = list(self.sizes)
            shape[outer] = len(range(start, min(start + step, self.sizes[outer])))
            values = np.broadcast_to(self._element_values(element, ranges), shape)
            flat = np.moveaxis(values, self.reduced, last).reshape([self.sizes[d] for d in kept] + [math.prod(shape[d] for d in self.reduced)])
            first = np.moveaxis(acc_value, self.reduced, last).reshape([self.sizes[d] for d in kept] + [1])
            joined = np.concatenate([first.astype(flat.dtype, copy=False), flat], axis=-1)
            with np.errstate(all="ignore"):
                folded = fold(joined, -1)
            acc_value = np.expand_dims(folded, tuple(self.reduced))
        return self._store(self.outputs[0], acc_value, out_map, {})

    def _blocked_reduction(self, reduction: BlockedCombine) -> np.ndarray:
        """A float sum or product in the blocked order (docs/numerical-policy.md): along the innermost reduced loop
        (chunks, lanes, leftovers), folded into the accumulator left to right over the outer reduced loops; pieces
        of the loop space at a time, vectorized over the parallel dimensions."""
        fold = np.add if isinstance(reduction.combine, arith.AddfOp) else np.multiply  # the accumulator on the left
        out_map = self.maps[len(self.inputs)]
        kept = [d for d in range(self.n) if d not in self.reduced]
        last = list(range(len(kept), self.n))
        inner = self.reduced[-1]
        kept_sizes = [self.sizes[d] for d in kept]
        start = np.broadcast_to(self.view(self.outputs[0], out_map, {}), [1 if d in self.reduced else s for d, s in enumerate(self.sizes)])
        acc = np.moveaxis(start, self.reduced, last).reshape([math.prod(kept_sizes)]).copy()
        with np.errstate(all="ignore"):
            for ranges in self._reduction_pieces(inner, kept_sizes):
                shape = [len(range(*ranges[d].indices(s))) if d in ranges else s for d, s in enumerate(self.sizes)]
                values = np.broadcast_to(self._element_values(reduction.value, ranges), shape)
                runs_shape = (acc.shape[0], math.prod(shape[d] for d in self.reduced[:-1]), shape[inner])
                runs = np.moveaxis(values, self.reduced, last).reshape(runs_shape)
                if self.sizes[inner] >= SEQUENTIAL_BELOW:  # each run: its chunks' results
                    runs = blocked_order.chunk_results(runs, fold)
                items = runs.reshape(acc.shape[0], runs.shape[1] * runs.shape[2])
                joined = np.concatenate([acc[:, None], items.astype(acc.dtype, copy=False)], axis=-1)
                acc = fold.accumulate(joined, axis=-1)[..., -1]  # left to right: accumulate is strictly sequential
        acc_value = np.expand_dims(acc.reshape(kept_sizes), tuple(self.reduced))
        return self._store(self.outputs[0], acc_value, out_map, {})

    def _reduction_pieces(self, inner: int, kept_sizes: list[int]):
        """The loop-space ranges of the pieces a blocked reduction is evaluated in, in the order it folds them: at
        most about CHUNK_ELEMENTS elements each where whole chunks allow, cut along the innermost reduced loop at
        chunk boundaries or along the outermost reduced loop."""
        outer = self.reduced[:-1]
        n = self.sizes[inner]
        per_run = max(1, math.prod(kept_sizes)) * n
        inner_step = max(1, n) if n < SEQUENTIAL_BELOW else max(CHUNK, CHUNK_ELEMENTS // max(1, math.prod(kept_sizes)) // CHUNK * CHUNK)
        if not outer:
            for s in range(0, n, inner_step):
                yield {inner: slice(s, s + inner_step)}
            return
        per_outer = per_run * math.prod(self.sizes[d] for d in outer[1:])
        if per_outer <= CHUNK_ELEMENTS or inner_step >= n:
            step = max(1, CHUNK_ELEMENTS // max(1, per_outer))
            for s in range(0, self.sizes[outer[0]] if n else 0, step):
                yield {outer[0]: slice(s, s + step)}
            return
        for point in np.ndindex(*[self.sizes[d] for d in outer]):
            for s in range(0, n, inner_step):
                yield {**{d: slice(p, p + 1) for d, p in zip(outer, point)}, inner: slice(s, s + inner_step)}

    def _element_values(self, element: SSAValue, ranges) -> np.ndarray:
        block = self.op.body.block
        if element in block.args:
            return self._args(ranges)[list(block.args).index(element)]
        if not isinstance(element.owner, Operation) or element.owner.parent_block() is not block:
            return self._lookup({}, element)  # a value the body captures from the enclosing function
        return self.body(self._args(ranges), ranges, stop_at=element)[0]

    def _stepwise_reduction(self) -> list[np.ndarray]:
        n_in = len(self.inputs)
        outs = [o.copy() for o in self.outputs]
        current = [self.view(o, self.maps[n_in + i], {}) for i, o in enumerate(outs)]
        reduced_sizes = [self.sizes[d] for d in self.reduced]
        for point in np.ndindex(*reduced_sizes):
            ranges = dict(zip(self.reduced, [slice(p, p + 1) for p in point]))
            args = [self.view(a, self.maps[i], ranges) for i, a in enumerate(self.inputs)] + current
            current = [np.asarray(v) for v in self.body(args, ranges)]
        return [self._store(o, c, self.maps[n_in + i], {}) for i, (o, c) in enumerate(zip(outs, current))]


def _plain_permutation(m: AffineMap, n: int):
    """For a map whose results are distinct loop dimensions: (transpose order, axes to insert), else None."""
    dims = []
    for e in m.results:
        if not isinstance(e, AffineDimExpr):
            return None
        dims.append(e.position)
    if len(set(dims)) != len(dims):
        return None
    order = sorted(range(len(dims)), key=lambda i: dims[i])
    missing = tuple(d for d in range(n) if d not in dims)
    return order, missing


def _extremum(larger: bool):
    """max/min over an axis with MLIR's maximumf/minimumf rules: NaN wins, and -0 < +0."""

    def fold(a, axis):
        r = np.max(a, axis=axis) if larger else np.min(a, axis=axis)
        zero_kind = (a == 0) & (~np.signbit(a) if larger else np.signbit(a))
        pick = np.any(zero_kind, axis=axis)
        plus, minus = a.dtype.type(0.0), a.dtype.type(-0.0)
        chosen = np.where(pick, plus if larger else minus, minus if larger else plus)
        return np.where(r == 0, chosen, r).astype(a.dtype)

    return fold


def _integer_extremum(fn, reading):
    return lambda a, axis: fn(reading(a), axis=axis).astype(reading(a).dtype).view(a.dtype) if a.dtype != np.bool_ else fn(a, axis=axis)


#: combining ops -> folding function over an axis. Float sums and products are folded by `accumulate`, which is
#: strictly left to right; the other combinations give the same bits in any order.
_COMBINERS = {
    arith.AddfOp: lambda a, axis: np.add.accumulate(a, axis=axis)[..., -1],
    arith.MulfOp: lambda a, axis: np.multiply.accumulate(a, axis=axis)[..., -1],
    ComplexAddOp: lambda a, axis: np.add.accumulate(a, axis=axis)[..., -1],  # part by part, in order (no complex.mul:
    # numpy's complex product is not irtk_cmul's, so products of complex numbers run step by step)
    arith.AddiOp: lambda a, axis: np.bitwise_xor.reduce(a, axis=axis) if a.dtype == np.bool_ else np.add.reduce(a, axis=axis, dtype=a.dtype),
    arith.MuliOp: lambda a, axis: np.bitwise_and.reduce(a, axis=axis) if a.dtype == np.bool_ else np.multiply.reduce(a, axis=axis, dtype=a.dtype),
    arith.AndIOp: lambda a, axis: np.bitwise_and.reduce(a, axis=axis),
    arith.OrIOp: lambda a, axis: np.bitwise_or.reduce(a, axis=axis),
    arith.XOrIOp: lambda a, axis: np.bitwise_xor.reduce(a, axis=axis),
    arith.MaximumfOp: _extremum(True),
    arith.MinimumfOp: _extremum(False),
    arith.MaxSIOp: _integer_extremum(np.max, scalar_ops.signed),
    arith.MinSIOp: _integer_extremum(np.min, scalar_ops.signed),
    arith.MaxUIOp: _integer_extremum(np.max, scalar_ops.unsigned),
    arith.MinUIOp: _integer_extremum(np.min, scalar_ops.unsigned),
}

