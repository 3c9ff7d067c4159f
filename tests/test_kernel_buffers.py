"""Large temporaries are reused between calls (irtk_block_cache): results stay right across calls of
changing sizes and across threads calling one kernel at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from conftest import needs_native
from test_blocked_reductions import add, blocked

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
    total = blocked(list(r * r), np.float64(0), add)  # the kernel's order (docs/numerical-policy.md)
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


def make_scan(k: float):
    """A function whose kernel needs two temporaries (x * k, and its running sum, are read by later loops); each
    `k` makes another kernel (the same graph twice shares one loaded library, and its kept blocks)."""
    x = tensor.dvector("x")
    return irtk.function([x], [tensor.cumsum(x * k).sum(), (x * k).max()], mode="FAST_RUN")


def test_kernels_together_keep_at_most_the_temporaries_limit() -> None:
    """Each kernel keeps freed temporaries for its next call; all kernels of the process together keep no more
    than the `temporaries_limit` flag allows (30 functions used to pin 470 MB)."""
    from irtk import _native

    before = _native.kept_temporaries()
    limit = before + (40 << 20)
    _native.set_temporaries_limit(limit)
    try:
        steps = [make_scan(k) for k in (2.0, 3.0, 4.0)]
        _native.set_temporaries_limit(limit)  # making a function sets the flag's value: set the test's again
        x = np.ones(2_000_000)  # two 16 MB temporaries per call
        for step in steps:
            step(x)
            assert _native.kept_temporaries() <= limit
        assert _native.kept_temporaries() > before, "no temporary was kept at all"
        _native.set_temporaries_limit(0)
        fresh = make_scan(5.0)
        _native.set_temporaries_limit(0)
        kept = _native.kept_temporaries()
        fresh(x)
        assert _native.kept_temporaries() == kept, "a temporary was kept beyond a limit of 0"
        steps[0](x)  # takes its kept blocks back and, at a limit of 0, frees them when the call ends
        assert _native.kept_temporaries() < kept
        del steps
        import gc

        gc.collect()  # an unloaded kernel's kept blocks are freed and uncounted
        assert _native.kept_temporaries() <= kept
    finally:
        _native.set_temporaries_limit(irtk.config.temporaries_limit)
