"""A fused elementwise chain and its reduction, against numpy in the same run.

    python benchmarks/fused_elementwise.py

`cost = ((x * W - b) ** 2).sum()` and the updated weights of one gradient step, for vectors of 10^3 .. 10^6
float64 elements. numpy evaluates each operator separately (a temporary per step); irtk fuses the chain into
two loops. Prints a Markdown table of the time per call and the ratio numpy/irtk (above 1: irtk is faster).
"""

from __future__ import annotations

import timeit

import numpy as np

import irtk
from irtk import tensor


def main() -> None:
    x, b = tensor.dvector("x"), tensor.dscalar("b")
    W = irtk.shared(np.zeros(1), "W")
    cost = tensor.sqr(x * W - b).sum()
    (gW,) = tensor.grad(cost, [W])
    step = irtk.function([x, b], cost, updates=[(W, W - 0.001 * gW)])

    print("| elements | irtk FAST_RUN | numpy | numpy / irtk |")
    print("|---|---|---|---|")
    for n in (10**3, 10**4, 10**5, 10**6):
        data = np.random.default_rng(0).standard_normal(n)
        weights = np.ones(n)

        def irtk_step():
            W.set_value(weights, borrow=True)
            return step(data, 0.5)

        def numpy_step():
            r = data * weights - 0.5
            c = (r * r).sum()
            return c, weights - 0.001 * (2.0 * r * data)

        number = max(1, 200_000 // n)
        t_irtk = min(timeit.repeat(irtk_step, number=number, repeat=5)) / number
        t_numpy = min(timeit.repeat(numpy_step, number=number, repeat=5)) / number
        print(f"| {n:>9,} | {t_irtk * 1e6:9.1f} µs | {t_numpy * 1e6:9.1f} µs | {t_numpy / t_irtk:.2f} |")


if __name__ == "__main__":
    main()
