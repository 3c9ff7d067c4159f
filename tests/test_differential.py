"""Differential tests: random graphs compiled to C++ (FAST_RUN) give the very bits the numpy evaluator
(FAST_COMPILE) gives, for their values and for their gradients.

Each seed builds a random graph over a few inputs of mixed rank, broadcast pattern and dtype, from every op
family (elementwise, dimshuffle, sum, dot, grad). The two modes share only the tensor-level IR, so any
disagreement is a bug in lower-to-structured, fuse, bufferize, lower-to-loops or the emitter.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import needs_native

import irtk
from irtk import tensor

pytestmark = needs_native

N, M = 3, 5  # run-time sizes: matrices are N x M, vectors have M elements (they broadcast as rows)

INPUT_KINDS = [
    ("dvector", (M,)), ("fvector", (M,)), ("ivector", (M,)), ("dmatrix", (N, M)), ("fmatrix", (N, M)),
    ("drow", (1, M)), ("dcol", (N, 1)), ("dscalar", ()), ("fscalar", ()),
]


def _data(rng: np.random.Generator, kind: str, shape: tuple[int, ...]) -> np.ndarray:
    dtype = {"d": "float64", "f": "float32", "i": "int32"}[kind[0]]
    if dtype == "int32":
        return rng.integers(-3, 4, shape).astype(dtype)
    return rng.uniform(-2.0, 2.0, shape).astype(dtype)


def _broadcast_ok(a, b, sa, sb) -> bool:
    """Theano's rule on run-time shapes: a size-1 dimension stretches only when its type says so."""
    rank = max(len(sa), len(sb))
    pa, pb = (1,) * (rank - len(sa)) + sa, (1,) * (rank - len(sb)) + sb
    ba = (True,) * (rank - len(sa)) + a.broadcastable
    bb = (True,) * (rank - len(sb)) + b.broadcastable
    return all(x == y or (x == 1 and fa) or (y == 1 and fb) for x, y, fa, fb in zip(pa, pb, ba, bb))


def random_graph(seed: int):
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(INPUT_KINDS), size=rng.integers(2, 5), replace=False)
    inputs, pool, values = [], [], []
    for i in picks:
        kind, shape = INPUT_KINDS[i]
        v = getattr(tensor, kind)(f"in{len(inputs)}")
        inputs.append(v)
        values.append(_data(rng, kind, shape))
        pool.append((v, shape))
    for _ in range(rng.integers(3, 9)):
        choice = rng.integers(0, 6)
        (a, sa), (b, sb) = (pool[j] for j in rng.integers(0, len(pool), 2))
        if choice <= 1 and _broadcast_ok(a, b, sa, sb):
            op = [lambda x, y: x + y, lambda x, y: x - y, lambda x, y: x * y, lambda x, y: x / y][rng.integers(0, 4)]
            pool.append((op(a, b), np.broadcast_shapes(sa, sb)))
        elif choice == 2:
            op = [lambda x: -x, tensor.sqr, lambda x: tensor.exp(x * 0.25), lambda x: x * 2.0][rng.integers(0, 4)]
            pool.append((op(a), sa))
        elif choice == 3 and len(sa) >= 1:
            axis = int(rng.integers(-1, len(sa)))
            reduced = a.sum() if axis < 0 else a.sum(axis=axis)
            pool.append((reduced, () if axis < 0 else tuple(s for d, s in enumerate(sa) if d != axis)))
        elif choice == 4 and len(sa) == 2:
            pool.append((a.T, sa[::-1]))
        elif choice == 5 and len(sa) in (1, 2) and len(sb) in (1, 2) and sa[-1] == sb[0] and not (sa[-1] == 1 and not a.broadcastable[-1]):
            if a.broadcastable[-1] == b.broadcastable[0]:
                pool.append((tensor.dot(a, b), sa[:-1] + sb[1:]))
    outputs = [v for v, _ in pool[len(inputs):]][-3:] or [pool[-1][0] * 1.0]
    return inputs, values, outputs


def _assert_same_bits(fast_run, fast_compile, what: str) -> None:
    for i, (r, c) in enumerate(zip(fast_run, fast_compile, strict=True)):
        assert r.dtype == c.dtype and r.shape == c.shape, f"{what} output {i}: {r.dtype}{r.shape} vs {c.dtype}{c.shape}"
        np.testing.assert_array_equal(r, c, err_msg=f"{what} output {i}")
        same_bits = r.tobytes() == c.tobytes() or np.isnan(r).any()
        assert same_bits, f"{what} output {i} differs in the last bits"


@pytest.mark.parametrize("seed", range(24))
def test_random_graph_values(seed: int) -> None:
    inputs, values, outputs = random_graph(seed)  # a random graph need not read every input
    results = {}
    for mode in ("FAST_RUN", "FAST_COMPILE"):
        with np.errstate(all="ignore"):
            results[mode] = irtk.function(inputs, outputs, mode=mode, on_unused_input="ignore")(*values)
    _assert_same_bits(results["FAST_RUN"], results["FAST_COMPILE"], f"seed {seed}")


@pytest.mark.parametrize("seed", range(24, 36))
def test_random_graph_gradients(seed: int) -> None:
    inputs, values, outputs = random_graph(seed)
    cost = sum(tensor.cast(o, "float64").sum() for o in outputs)
    wrt = [v for v in inputs if v.dtype.startswith("float")]
    graded = []
    for w in wrt:
        try:
            irtk.function(inputs, irtk.grad(cost, w), mode="FAST_COMPILE", on_unused_input="ignore")
        except Exception:  # the cost does not depend on w (a disconnected input)
            continue
        graded.append(w)
    if not graded:
        pytest.skip("no float input reaches the cost in this graph")
    grads = irtk.grad(cost, graded)
    results = {}
    for mode in ("FAST_RUN", "FAST_COMPILE"):
        with np.errstate(all="ignore"):
            results[mode] = irtk.function(inputs, grads, mode=mode, on_unused_input="ignore")(*values)
    _assert_same_bits(results["FAST_RUN"], results["FAST_COMPILE"], f"seed {seed} gradients")
