"""`use-blas`: matrix products become BLAS calls (`irtk_blas.gemm`), for FAST_RUN.

A contraction's structured form is one `linalg.generic` whose loops sum sequentially: exact and reproducible, but
a 1024 x 1024 float64 product takes seconds. This pass rewrites the contractions a BLAS computes into
`irtk_blas.gemm`, which `bufferize` gives a destination buffer and the C++ emitter prints as a call of numpy's
own OpenBLAS (`irtk/runtime/blas_library.py`, `irtk/codegen/blas_calls.py`). It runs in `fast-run` between
`cse` and `lower-to-structured`; `fast-compile` never runs it, so the evaluator keeps the sequential order.

Rewritten: `irtk.dot` and `irtk.contract` whose two operands and result have one dtype, float32 or float64, and
whose spec is a matrix product — one summed letter k shared by both operands, every other letter in exactly one
operand and in the result, no diagonals —
    "ij,jk->ik"  and every transposition of either operand or of the result ("ji,jk->ik", "ij,kj->ik",
                 "ki,kj->ij", "ij,jk->ki": out^T = op(B)^T op(A)^T swaps the operands)
        => irtk_blas.gemm [transpose_lhs] [transpose_rhs] ins(A, B) outs(tensor.empty)
    "ij,j->i", "ji,j->i", "j,jk->k", "j,kj->k" (matrix-vector, vector-matrix: the matrix is the lhs)
        => irtk_blas.gemm [transpose_lhs] ins(matrix, vector) outs(tensor.empty)
    "bij,bjk->bik" and its transpositions, the batch letter first everywhere
        => batched irtk_blas.gemm
Before the gemm it emits what the contraction's structured form would: the `cf.assert`s that dynamic sizes agree,
with the same messages (`GenericBuilder.loop_sizes`), and the result's `tensor.empty`.

Left alone: everything else (vector dot products, outer products, traces and diagonals, integer, complex or mixed
dtypes), and products whose static sizes show fewer than MIN_WORK multiply-adds per matrix (dynamic sizes count
as large; the generated code still runs small ones as the sequential loop, see `irtk/dialects/blas.py`). Without a
BLAS to link (`blas_library()` is None: numpy built against another BLAS) the pass rewrites nothing, so the
pipeline, and every kernel, works as before.

Contract
  Level: tensor
  Needs: irtk IR on tensors, after `autodiff` (so that the adjoint's products are rewritten too) and before
    `lower-to-structured`.
  Guarantees: each rewritten product is an `irtk_blas.gemm` computing the same product (up to the BLAS's
    summation order), preceded by the contraction's own run-time size checks; everything else is unchanged.
  Fails: never: a product it cannot rewrite is left as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from irtk.dialects.blas import MIN_WORK, GemmOp
from irtk.dialects.irtk.contraction import ContractionOp
from irtk.dialects.irtk.contraction_spec import Spec
from irtk.dialects.irtk.generic_builder import GenericBuilder
from irtk.dialects.irtk.types import dtype_of


class GemmPlan(NamedTuple):
    """How a contraction is one gemm: which operand is the lhs, the transpositions, and the letters of the
    product's m, n (None for matrix-vector) and k."""

    lhs: int
    transpose_lhs: bool
    transpose_rhs: bool
    m: str
    n: str | None
    k: str


def gemm_plan(spec: Spec) -> GemmPlan | None:
    """The gemm that computes `spec`, or None if it is none (see the module docstring)."""
    if len(spec.inputs) != 2 or any(len(set(t)) != len(t) for t in (*spec.inputs, spec.output)):
        return None
    if len(spec.reduced) != 1 or not all(spec.reduced in t for t in spec.inputs):
        return None
    k, out = spec.reduced, spec.output
    terms = list(spec.inputs)
    if len(out) == 3 and all(len(t) == 3 for t in terms):  # batched: the batch letter leads every term
        if any(t[0] != out[0] for t in terms):
            return None
        terms, out = [t[1:] for t in terms], out[1:]
    if len(out) == 1:  # matrix-vector: the matrix holds m
        matrix = next((i for i, t in enumerate(terms) if len(t) == 2), None)
        if matrix is None or terms[1 - matrix] != k or set(terms[matrix]) != {out, k}:
            return None
        return GemmPlan(matrix, terms[matrix] == k + out, False, out, None, k)
    if len(out) != 2 or any(len(t) != 2 for t in terms):
        return None
    m, n = out
    lhs = next((i for i, t in enumerate(terms) if m in t), None)
    if lhs is None or set(terms[lhs]) != {m, k} or set(terms[1 - lhs]) != {n, k}:
        return None
    return GemmPlan(lhs, terms[lhs] == k + m, terms[1 - lhs] == n + k, m, n, k)


def worth_a_call(op: ContractionOp, spec: Spec, plan: GemmPlan) -> bool:
    """Whether the product may have MIN_WORK multiply-adds per matrix or more (a dynamic size may be anything)."""
    sizes = spec.letter_sizes([v.type for v in op.operands], op.name)
    work = [sizes[c] for c in (plan.m, plan.n, plan.k) if c is not None]
    return None in work or math.prod(work) >= MIN_WORK


def blas_dtypes(op: ContractionOp) -> bool:
    dtypes = {dtype_of(v.type) for v in (*op.operands, *op.results)}
    return len(dtypes) == 1 and dtypes <= {"float32", "float64"}


def rewrite_as_gemm(op: ContractionOp, spec: Spec, plan: GemmPlan) -> None:
    """`irtk.dot/contract => cf.asserts; tensor.empty; irtk_blas.gemm`, each new op at `op`'s location."""
    gb = GenericBuilder(op)
    operands = [(v, spec.access(term)) for v, term in zip(op.operands, spec.inputs)]
    sizes = gb.loop_sizes(len(spec.loops), operands, op.name)
    init = gb.empty(op.results[0].type, [sizes[loop] for loop in spec.access(spec.output)])
    lhs, rhs = op.operands[plan.lhs], op.operands[1 - plan.lhs]
    gemm = gb.insert(GemmOp(lhs, rhs, init, plan.transpose_lhs, plan.transpose_rhs))
    Rewriter.replace_op(op, [], [gemm.results[0]])


@dataclass(frozen=True)
class UseBlas(ModulePass):
    """Rewrite matrix products into BLAS calls (`irtk_blas.gemm`), when a BLAS can be linked.

    Matrix products (`irtk.dot`/`irtk.contract` of float32 or float64) become `irtk_blas.gemm`, a call of
    numpy's OpenBLAS in FAST_RUN. It runs in `fast-run` only, after `cse` and before `lower-to-structured`. An
    `irtk.dot` or `irtk.contract` is rewritten when both operands and the result have one dtype, float32 or
    float64, and the spec is a matrix product: one summed letter shared by both operands, each other letter in
    one operand and in the result, no diagonal (`"ij,jk->ik"`, `"ji,jk->ik"`, `"ij,kj->ik"`, `"ij,jk->ki"`,
    `"ij,j->i"`, `"j,jk->k"`, `"bij,bjk->bik"` with the batch letter first, ...). The pass emits the
    contraction's own run-time size checks (same `cf.assert` messages) and a `tensor.empty` for the result,
    which `bufferize` makes the gemm's destination buffer (never one of its operands'). Left alone: vector dot
    products, outer products, traces, integer, complex and mixed dtypes, and products whose static sizes show
    fewer than 4096 multiply-adds per matrix (dynamic sizes count as large; at run time a product that small
    still runs the sequential loop). When numpy has no bundled OpenBLAS to link
    (`irtk/runtime/blas_library.py`), the pass rewrites nothing.

    A BLAS sums in its own blocked order, so FAST_RUN's products agree with FAST_COMPILE's (which keeps the
    sequential order) within about 1e-12 relative (float64) or 1e-5 relative to the norm (float32), not bit for
    bit; OpenBLAS's thread count does not change the bits. `fuse` and `lower-to-loops` leave the gemm as it is;
    the C++ emitter prints it as a call (`docs/codegen.md`).
    """

    name = "use-blas"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        from irtk.runtime.blas_library import blas_library

        if blas_library() is None:
            return
        for contraction in [o for o in op.walk() if isinstance(o, ContractionOp)]:
            if not blas_dtypes(contraction):
                continue
            spec = contraction.contraction
            plan = gemm_plan(spec)
            if plan is not None and worth_a_call(contraction, spec, plan):
                rewrite_as_gemm(contraction, spec, plan)
