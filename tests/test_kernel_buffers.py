"""Large temporaries are reused between calls (irtk_block_cache): results stay right across calls of
changing sizes and across threads calling one kernel at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from conftest import needs_native

import irtk
from irtk import tensor

pytestmark = needs_native


def make_step():
    """A function whose kernel needs a temporary (x*W - b is read by two loops)."""
    x, b = tensor.dvector("x"), tensor.dscalar("b")
    W = tensor.dvector("W")
    r = x * W - b
    return irtk.function([x, W, b], [tensor.sqr(r).sum(), W - 0.001 * (r * x)], mode="FAST_RUN")


def reference(x, w, b):
    r = x * w - b
    total = 0.0
    for v in r * r:  # the kernel's order: left to right
        total += v
    return total, w - 0.001 * (r * x)


def test_results_stay_right_when_sizes_change_between_calls() -> None:
    step = make_step()
    rng = np.random.default_rng(1)
    for n in (20_000, 50_000, 20_000, 9, 50_000, 0, 20_000):
        x, w = rng.standard_normal(n), rng.standard_normal(n)
        cost, new_w = step(x, w, 0.25)
        want_cost, want_w = reference(x, w, 0.25)
        assert cost == want_cost
        np.testing.assert_array_equal(new_w, want_w)


def test_threads_calling_one_kernel_at_once() -> None:
    step = make_step()
    rng = np.random.default_rng(2)
    inputs = [(rng.standard_normal(n), rng.standard_normal(n)) for n in (30_000, 40_000, 30_000, 50_000) * 4]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda xw: step(xw[0], xw[1], 0.5), inputs))
    for (x, w), (cost, new_w) in zip(inputs, results):
        want_cost, want_w = reference(x, w, 0.5)
        assert cost == want_cost
        np.testing.assert_array_equal(new_w, want_w)
