"""`irtk_blas.gemm` for xDSL's interpreter, so that the loop-level IR of `fast-run` runs without the native runtime.

The interpreter cannot call a BLAS: it computes the product with the sequential loop of the contraction's
structured form (each sum from 0, in index order), which is what FAST_COMPILE computes, in float64 (the
interpreted tests use float64 only). Register it with `interpreter.register_implementations(BlasFunctions())`.
"""

from __future__ import annotations

import itertools

from xdsl.interpreter import Interpreter, InterpreterFunctions, PythonValues, impl, register_impls

from irtk.dialects.blas import GemmOp


@register_impls
class BlasFunctions(InterpreterFunctions):
    @impl(GemmOp)
    def run_gemm(self, interpreter: Interpreter, op: GemmOp, args: PythonValues) -> PythonValues:
        lhs, rhs, out = args
        batches = [()] if op.kind != "batched" else [(b,) for b in range(out.shape[0])]
        m = lhs.shape[-1] if op.transposes_lhs else lhs.shape[-2]
        k = lhs.shape[-2] if op.transposes_lhs else lhs.shape[-1]
        vector = op.kind == "matrix-vector"
        n = 1 if vector else (rhs.shape[-2] if op.transposes_rhs else rhs.shape[-1])
        for batch, i, j in itertools.product(batches, range(m), range(n)):
            acc = 0.0
            for l in range(k):
                a = lhs.load((*batch, l, i) if op.transposes_lhs else (*batch, i, l))
                b = rhs.load((l,) if vector else (*batch, j, l) if op.transposes_rhs else (*batch, l, j))
                acc = acc + a * b
            out.store((i,) if vector else (*batch, i, j), acc)
        return ()
