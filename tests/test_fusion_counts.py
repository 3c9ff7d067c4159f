"""How many loop nests `fuse` leaves for a few workloads, so that a fusion regression fails a test.

Each `linalg.generic` left after `fuse` becomes one loop nest (and, between two of them, a temporary), so the
count is what fusion buys. The counts are exact: a change that fuses more should lower them here, on purpose.
The IR is the function's own (`f.tensor_ir`) run through the `fast-run` pipeline up to and including `fuse`, so
the passes before fuse (canonicalize, cse, lower-to-structured) are the ones a real compile runs.

A 1000-op elementwise chain is also compiled and run in both modes: fuse must take it in one step per op, not
re-clone the growing fused body (which took half a minute), and the single fused loop must compute numpy's values.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES
from xdsl.dialects.linalg.ops import GenericOp
from xdsl.parser import Parser

import irtk
from irtk import tensor
from irtk.compiler import lower
from irtk.registry import PIPELINES, make_context

#: One cycle of the chain: each op reads the previous one, the values stay bounded.
STEPS = (lambda y: y * 0.999, lambda y: y + 0.002, lambda y: y - 0.001, lambda y: y / 1.0005)


def chain(y, n: int):
    """`n` elementwise ops applied in turn; the same code runs on an irtk variable and on a numpy array."""
    for i in range(n):
        y = STEPS[i % len(STEPS)](y)
    return y


def generics_after_fuse(f) -> int:
    passes = PIPELINES["fast-run"].split(",")
    up_to_fuse = ",".join(passes[: passes.index("fuse") + 1])
    module = lower(Parser(make_context(), f.tensor_ir).parse_module(), up_to_fuse)
    return sum(isinstance(op, GenericOp) for op in module.walk())


def test_a_chain_of_1000_ops_is_one_loop() -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], chain(x, 1000), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_an_expression_with_a_repeated_input_is_one_loop() -> None:
    """`x` is read twice, but it is an input, not a producer: every op has one use and fuses."""
    x, y, z = tensor.dvector("x"), tensor.dvector("y"), tensor.dvector("z")
    f = irtk.function([x, y, z], tensor.exp(x) * y + tensor.tanh(z) * 0.5 - x * x, mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_a_product_and_its_sum_are_one_loop() -> None:
    x, w = tensor.dvector("x"), tensor.dvector("w")
    f = irtk.function([x, w], tensor.sum(x * w), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_a_logistic_regression_step() -> None:
    """Theano's logistic-regression tutorial: one SGD step returning the prediction and the cross-entropy.

    Fifteen nests: the forward dot; the probability `p_1`, read by the prediction, the cross-entropy and the
    gradient, stays a temporary (fuse does not recompute a value with several uses), and so do the values the
    gradient reuses; the mean, the backward dot and each update are nests of their own."""
    X, Y = tensor.dmatrix("X"), tensor.dvector("Y")
    W = irtk.shared(np.random.default_rng(0).standard_normal(5), name="W")
    b = irtk.shared(0.0, name="b")
    p_1 = 1 / (1 + tensor.exp(-tensor.dot(X, W) - b))
    xent = -Y * tensor.log(p_1) - (1 - Y) * tensor.log(1 - p_1)
    cost = xent.mean() + 0.01 * (W**2).sum()
    gW, gb = tensor.grad(cost, [W, b])
    f = irtk.function([X, Y], [p_1 > 0.5, xent], updates=[(W, W - 0.1 * gW), (b, b - 0.1 * gb)], mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 15


@pytest.mark.parametrize("mode", MODES)
def test_a_chain_of_1000_ops_compiles_and_matches_numpy(mode: str) -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], chain(x, 1000), mode=mode)
    data = np.random.default_rng(1).uniform(-1.0, 1.0, 257)
    np.testing.assert_allclose(f(data), chain(data, 1000), rtol=1e-12, atol=1e-12)
