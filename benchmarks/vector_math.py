"""Transcendental functions in compiled loops: irtk_math.h against the C library's scalar calls and numpy.

    python benchmarks/vector_math.py [--elements N] [--libm]

Times, in FAST_RUN, `exp(x)*y + tanh(z)*0.5 - x*x` over N float64 elements and `exp(x)` over N float32
elements, and numpy on the same inputs in the same run (best of 5 calls). `--libm` compiles the kernels
with the C library's `std::exp`/`std::tanh` instead of irtk_math.h (what kernels called before the header),
which the C++ compiler cannot vectorize. The kernels run on one thread (IRTK_FLAGS=threads=1 unless set), so
that the number measures the loop and not the thread count.
"""

from __future__ import annotations

import argparse
import os

import numpy as np

from timing import best_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elements", type=int, default=10_000_000)
    parser.add_argument("--libm", action="store_true", help="kernels call std::exp, std::tanh (the C library)")
    options = parser.parse_args()
    os.environ.setdefault("IRTK_FLAGS", "threads=1")

    import irtk
    from irtk import tensor
    from irtk.codegen import vector_math

    if options.libm:  # print std::exp(...) and leave the header out, as the emitter did before irtk_math.h
        vector_math.calls_vector_math = lambda op: False

    rng = np.random.default_rng(0)
    n = options.elements
    x, y, z = (rng.uniform(-5, 5, n) for _ in range(3))
    xs, ys, zs = tensor.dvectors("x", "y", "z")
    expression = irtk.function([xs, ys, zs], tensor.exp(xs) * ys + tensor.tanh(zs) * 0.5 - xs * xs, mode="FAST_RUN")
    x32 = x.astype(np.float32)
    v = tensor.fvector("v")
    exp32 = irtk.function([v], tensor.exp(v), mode="FAST_RUN")

    kernels = "std:: (C library)" if options.libm else "irtk_math.h"
    print(f"{n} elements, kernels calling {kernels}")
    print("| computation | irtk FAST_RUN | numpy |")
    print("|---|---|---|")
    for name, compiled, reference in (
        ("exp(x)*y + tanh(z)*0.5 - x*x, float64", lambda: expression(x, y, z), lambda: np.exp(x) * y + np.tanh(z) * 0.5 - x * x),
        ("exp(x), float32", lambda: exp32(x32), lambda: np.exp(x32)),
    ):
        print(f"| {name} | {best_of(compiled, 1, 5) * 1e3:.1f} ms | {best_of(reference, 1, 5) * 1e3:.1f} ms |")


if __name__ == "__main__":
    main()
