"""Compile time of the seed training function (empty cache, then warm cache in a new process) and the
per-call time of the seed scalar-addition function, against numpy doing the same work in the same run.

    python benchmarks/compile_and_call.py

Each compile measurement runs in a fresh process (so nothing is cached in memory), timing only the
`irtk.function(...)` call. Prints a Markdown table; docs/performance.md records its output.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import textwrap

from timing import best_of, build_preambles, run_fresh, with_preambles

TRAINING = textwrap.dedent(
    """
    import time, numpy
    import irtk as theano
    from irtk import tensor
    x = tensor.fvector('x'); target = tensor.fscalar('target')
    W = theano.shared(numpy.asarray([0.1, 0.25, 0.15, 0.3]), 'W')
    y = (x * W).sum()
    cost = tensor.sqr(target - y)
    (g,) = tensor.grad(cost, [W])
    start = time.perf_counter()
    f = theano.function([x, target], y, updates=[(W, W - 0.1 * g)], mode=MODE)
    print(time.perf_counter() - start)
    """
)


def compile_seconds(cache_dir: str, mode: str = "FAST_RUN") -> float:
    return float(run_fresh(["-c", TRAINING.replace("MODE", repr(mode))], cache_dir=cache_dir))


def scalar_addition(mode: str = "FAST_RUN"):
    """The seed scalar-addition function `f(a, b) = a + b` on two float64 scalars."""
    import irtk as theano
    from irtk import tensor

    a, b = tensor.dscalar(), tensor.dscalar()
    return theano.function([a, b], a + b, mode=mode)


def per_call_microseconds(repeat: int = 7, number: int = 20000) -> tuple[float, float]:
    import numpy as np

    f = scalar_addition()
    irtk_time = best_of(lambda: f(1.5, 2.5), number, repeat)
    numpy_time = best_of(lambda: np.add(1.5, 2.5), number, repeat)
    return irtk_time * 1e6, numpy_time * 1e6


def main() -> None:
    build_preambles()
    cold, warm, fast_compile = [], [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            with_preambles(cache)
            cold.append(compile_seconds(cache))
            warm.append(compile_seconds(cache))
            fast_compile.append(compile_seconds(cache, "FAST_COMPILE"))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["IRTK_CACHE_DIR"] = cache
        call, numpy_call = per_call_microseconds()
    print("| measurement | median of 3 runs |")
    print("|---|---|")
    print(f"| training function, FAST_RUN, empty cache (C++ compiler runs) | {statistics.median(cold) * 1e3:.0f} ms |")
    print(f"| training function, FAST_RUN, warm cache, new process | {statistics.median(warm) * 1e3:.0f} ms |")
    print(f"| training function, FAST_COMPILE (no compiler) | {statistics.median(fast_compile) * 1e3:.0f} ms |")
    print(f"| scalar addition, one call `f(1.5, 2.5)` (best of 7) | {call:.2f} µs |")
    print(f"| numpy `np.add(1.5, 2.5)`, same run (best of 7) | {numpy_call:.2f} µs (ratio {call / numpy_call:.1f}x) |")


if __name__ == "__main__":
    main()
