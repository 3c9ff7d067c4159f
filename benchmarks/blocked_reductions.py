"""Float sums in FAST_RUN (the blocked order of docs/numerical-policy.md) against numpy, in the same process.

    python benchmarks/blocked_reductions.py [calls]      (default: the median of 21 calls of each)

Cases: `sum(x * w)` over 10 million float64 (160 MB read: the time a core needs to stream it is the floor), against
`numpy.dot(x, w)` (OpenBLAS, its own threads) and `(x * w).sum()`; a row sum of a 4096 x 1024 float64 matrix
against `x.sum(axis=1)`. FAST_RUN runs with one thread (`threads=1`) and with the default (one per core). Each
function is compiled and called once before measuring. Prints a Markdown table.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

import irtk
from irtk import tensor as T


def median_seconds(call, calls: int) -> float:
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    rng = np.random.default_rng(0)
    x, w = T.dvector("x"), T.dvector("w")
    dot = irtk.function([x, w], (x * w).sum(), mode="FAST_RUN")
    m = T.dmatrix("m")
    rows = irtk.function([m], m.sum(axis=1), mode="FAST_RUN")
    a, b = rng.standard_normal(10_000_000), rng.standard_normal(10_000_000)
    matrix = rng.standard_normal((4096, 1024))
    cases = [
        ("sum(x * w), 10M float64", lambda: dot(a, b), [("numpy.dot", lambda: np.dot(a, b)), ("(x * w).sum()", lambda: (a * b).sum())]),
        ("row sum, 4096 x 1024 float64", lambda: rows(matrix), [("x.sum(axis=1)", lambda: matrix.sum(axis=1))]),
    ]
    print(f"| case (median of {calls}) | FAST_RUN, 1 thread | FAST_RUN, {irtk.flags.thread_count()} threads | numpy |")
    print("|---|---|---|---|")
    for name, ours, theirs in cases:
        ours()
        irtk.config.threads = 1
        one = median_seconds(ours, calls)
        irtk.config.threads = 0
        every = median_seconds(ours, calls)
        reference = ", ".join(f"{label} {median_seconds(call, calls) * 1e3:.2f} ms" for label, call in theirs)
        print(f"| {name} | {one * 1e3:.2f} ms | {every * 1e3:.2f} ms | {reference} |")


if __name__ == "__main__":
    main()
