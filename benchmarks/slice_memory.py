"""Peak memory of `function([x], x[::2].sum())` on a large input, against the input's own size.

    python benchmarks/slice_memory.py [n]        (default n = 10**8 float64 elements: an 800 MB input)

Each mode runs in a fresh process: the input is made, the function compiled and called once, and the peak resident
set size (`ru_maxrss`) after the call is compared with the one before it. The slice is a view of x (a
`memref.subview` in compiled code, a numpy view in the evaluator) that the sum reads in place, so no strided copy of x
is made; the difference is what the call itself needs. Prints a Markdown table;
docs/performance.md records its output.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROGRAM = textwrap.dedent(
    """
    import resource, sys
    import numpy as np
    import irtk, irtk.tensor as T
    n, mode = int(sys.argv[1]), sys.argv[2]
    x = T.dvector("x")
    f = irtk.function([x], x[::2].sum(), mode=mode)
    data = np.ones(n)
    f(data[:10])  # load the kernel and touch the runtime before measuring
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    total = f(data)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert total == (n + 1) // 2
    print(before, after)
    """
)


def measure(n: int, mode: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", PROGRAM, str(n), mode], capture_output=True, text=True, check=True)
    before, after = (int(v) / 1024 for v in out.stdout.split())
    return before, after


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**8
    print("| mode | input | peak RSS before the call | peak RSS after | growth |")
    print("|---|---|---|---|---|")
    for mode in ("FAST_RUN", "FAST_COMPILE"):
        before, after = measure(n, mode)
        print(f"| {mode} | {n * 8 / 2**20:.0f} MB | {before:.0f} MB | {after:.0f} MB | {after - before:.0f} MB |")


if __name__ == "__main__":
    main()
