"""Row softmax of a 4096x1024 float64 matrix: irtk FAST_RUN against numpy, median of 5 calls.

    python benchmarks/row_softmax.py [PIPELINE ...]

Each PIPELINE (default: `fast-run`) is a pass list for `irtk.Mode(pipeline=...)`, so `fuse`'s options can be
compared, e.g. `stabilize,autodiff,canonicalize,cse,use-blas,lower-to-structured,fuse{recompute-limit=10},
canonicalize,bufferize,lower-to-loops,cse,canonicalize` (three nests, exp computed in the sum pass and again in
the output pass) against `fast-run` (four nests, `e = exp(m - max)` stored once). Numpy computes `e = exp(m - max(m, 1)); e / sum(e, 1)` with temporaries. Prints one
Markdown row per pipeline. `IRTK_FLAGS=threads=1` times one thread.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

import irtk
from irtk import tensor
from irtk.tensor import nnet

ROWS, COLS, RUNS = 4096, 1024, 5


def seconds(fn, data) -> float:
    start = time.perf_counter()
    fn(data)
    return time.perf_counter() - start


def numpy_softmax(m: np.ndarray) -> np.ndarray:
    e = np.exp(m - m.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main(pipelines: list[str]) -> None:
    """Compiles every pipeline first, then times the calls in interleaved rounds (numpy's too), so that a change
    in the machine's load during the run does not favour one of them."""
    data = np.random.default_rng(0).standard_normal((ROWS, COLS))
    expected = numpy_softmax(data)
    m = tensor.dmatrix("m")
    functions = {"numpy": numpy_softmax}
    for pipeline in pipelines:
        f = irtk.function([m], nnet.softmax(m), mode=irtk.Mode(linker="cvm", pipeline=pipeline))
        np.testing.assert_allclose(f(data), expected, rtol=1e-12, atol=0)  # also the warm-up call
        functions[pipeline] = f
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(RUNS):
        for name, fn in functions.items():
            times[name].append(seconds(fn, data))
    base = statistics.median(times["numpy"])
    print(f"| pipeline | irtk FAST_RUN ms (median of {RUNS}) | numpy ms | ratio |\n|---|---|---|---|")
    for pipeline in pipelines:
        t = statistics.median(times[pipeline])
        print(f"| `{pipeline}` | {t * 1e3:.1f} | {base * 1e3:.1f} | {t / base:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["fast-run"])
