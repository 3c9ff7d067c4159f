"""Gradients of random float64 programs: `grad` against central finite differences (`verify_grad`), and the
same bits from FAST_RUN and FAST_COMPILE for a batch of programs' gradients.

The programs use only ops that are differentiable wherever they are applied (sums, products, softmax, dot,
smooth elementwise functions, data movement) on inputs in [-1, 1]; the cost is the sum of every output.
"""

from __future__ import annotations

import numpy as np
from conftest import native_available
from hypothesis import given, note, seed
from hypothesis import strategies as st

import irtk
from irtk import tensor as T
from irtk.gradient import verify_grad

from .build import replay
from .compare import mismatch_between_modes
from .generator import programs
from .program import Program
from .settings import reproducible


def cost_of(program: Program, inputs: list):
    """The sum of every output; each input also enters times 0, so that none is disconnected from the cost."""
    outputs = replay(program, inputs)
    return sum((T.sum(o) for o in outputs), start=sum(T.sum(x) * 0.0 for x in inputs))


@seed(11)
@reproducible(12)
@given(programs("g", smooth=True))
def test_grad_matches_finite_differences(program: Program) -> None:
    note(program.snippet())
    verify_grad(lambda *xs: cost_of(program, list(xs)), [v.ref for v in program.inputs], n_tests=1,
                rng=np.random.RandomState(0), mode="FAST_COMPILE")


@seed(12)
@reproducible(1)
@given(st.lists(programs("g", smooth=True), min_size=25, max_size=25))
def test_gradients_same_bits_in_both_modes(batch: list[Program]) -> None:
    if not native_available():
        return
    inputs = [v.var for p in batch for v in p.inputs]
    grads = [g for p in batch for g in irtk.grad(cost_of(p, [v.var for v in p.inputs]), [v.var for v in p.inputs])]
    blas = [any(s.op == "dot" for s in p.steps) for p in batch for _ in p.inputs]
    arrays = [v.ref for p in batch for v in p.inputs]
    results = [irtk.function(inputs, grads, mode=m, on_unused_input="ignore")(*arrays) for m in ("FAST_RUN", "FAST_COMPILE")]
    for k, (run, compiled) in enumerate(zip(*results, strict=True)):
        assert (why := mismatch_between_modes(run, compiled, blas[k])) is None, f"gradient {k}: {why}"
