"""Matrix products in FAST_RUN (a call of numpy's OpenBLAS, `use-blas`) against `numpy.dot`, in the same process.

    python benchmarks/blas_dot.py [calls]        (default: the median of 5 calls of each)

Sizes: a 1024 x 1024 float64 and a 2048 x 2048 float32 product. Both sides call the same OpenBLAS with its
default thread count (OPENBLAS_NUM_THREADS), so the ratio measures what irtk adds: argument checks, the result's
allocation and the call. The function is compiled and called once before measuring. Prints a Markdown table.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

import irtk
from irtk import tensor as T

CASES = [("float64", 1024), ("float32", 2048)]


def median_seconds(call, calls: int) -> float:
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"| product | FAST_RUN (median of {calls}) | numpy.dot | ratio |")
    print("|---|---|---|---|")
    rng = np.random.default_rng(0)
    for dtype, n in CASES:
        x, y = T.TensorType(dtype, (False, False))("x"), T.TensorType(dtype, (False, False))("y")
        f = irtk.function([x, y], T.dot(x, y), mode="FAST_RUN")
        a, b = rng.standard_normal((n, n)).astype(dtype), rng.standard_normal((n, n)).astype(dtype)
        f(a, b)
        ours = median_seconds(lambda: f(a, b), calls)
        theirs = median_seconds(lambda: np.dot(a, b), calls)
        print(f"| {n} x {n} {dtype} | {ours * 1e3:.1f} ms | {theirs * 1e3:.1f} ms | {ours / theirs:.2f} |")


if __name__ == "__main__":
    main()
