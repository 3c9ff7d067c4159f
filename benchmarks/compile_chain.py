"""Compile time of a long elementwise chain (empty cache), its run time, and where the compile time goes.

    python benchmarks/compile_chain.py

A chain of N elementwise ops on a float64 vector, cycling through `y * 0.999`, `y + 0.002`, `y - 0.001`,
`y / 1.0005` (each op reads the previous one; the values stay bounded). `fuse` makes the whole chain one loop, so
compile time is what grows with N: every op goes through the passes once, and fusing the chain must not clone
the growing body at each step.

Each compile runs in a fresh process with its own empty IRTK_CACHE_DIR, timing only the `irtk.function(...)`
call (the C++ compiler included for FAST_RUN). At N = 1000 the same process also times a call on a 10^4-element
vector against numpy applying the same ops one by one, after checking that both agree. A second table splits
the N = 1000 compile into passes (the `fast-run` pipeline, then emit-cpp), run on the function's tensor-level IR.
Prints Markdown tables; docs/performance.md records their output.
"""

from __future__ import annotations

import json
import statistics
import textwrap

from timing import build_preambles, run_fresh

SIZES = (10, 100, 1000)
ELEMENTS = 10_000
RUNS = 3

CHILD = textwrap.dedent(
    """
    import json, sys, time, timeit
    import numpy as np
    import irtk
    from irtk import tensor

    n, mode, elements, profile = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    steps = [lambda y: y * 0.999, lambda y: y + 0.002, lambda y: y - 0.001, lambda y: y / 1.0005]  # STEPS
    x = tensor.dvector("x")
    y = x
    for i in range(n):
        y = steps[i % 4](y)  # the same lambdas apply to numpy arrays below
    start = time.perf_counter()
    f = irtk.function([x], y, mode=mode)
    result = {"compile": time.perf_counter() - start}

    if profile:
        data = np.random.default_rng(0).uniform(-1.0, 1.0, elements)

        def reference():
            r = data
            for i in range(n):
                r = steps[i % 4](r)
            return r

        expected, got = reference(), f(data)
        from irtk.runtime.tiered import wait_for_optimized_kernels

        wait_for_optimized_kernels()  # the calls timed below run the optimized kernel, not the first tier's
        result["max_error"] = float(np.max(np.abs(got - expected)))
        if not np.allclose(got, expected, rtol=1e-12, atol=1e-12):
            sys.exit(f"irtk and numpy disagree: max difference {np.max(np.abs(got - expected))}")
        number = 20
        result["call"] = sorted(timeit.repeat(lambda: f(data), number=number, repeat=7))[3] / number
        result["numpy"] = sorted(timeit.repeat(reference, number=number, repeat=7))[3] / number
        result["tensor_ir"] = f.tensor_ir
    print(json.dumps(result))
    """
)


STEPS = (lambda y: y * 0.999, lambda y: y + 0.002, lambda y: y - 0.001, lambda y: y / 1.0005)


def chain(x, n: int):
    """The chain CHILD compiles, applied to `x`: a symbolic variable of any frontend, or an array."""
    for i in range(n):
        x = STEPS[i % 4](x)
    return x


def run_child(n: int, mode: str, profile: bool = False, timeout: float | None = None) -> dict:
    """Compile (and with `profile`, call and check) the N-op chain in a fresh process with an empty cache."""
    return json.loads(run_fresh(["-c", CHILD, str(n), mode, str(ELEMENTS), "1" if profile else "0"],
                                timeout=timeout))


def pass_seconds(tensor_ir: str) -> list[tuple[str, float]]:
    """Seconds per pass of `fast-run` on the tensor-level IR, then emit-cpp: where a compile goes."""
    import time

    from xdsl.parser import Parser

    from irtk import registry
    from irtk.codegen.cpp import emit_cpp

    ctx = registry.make_context()
    module = Parser(ctx, tensor_ir).parse_module()
    times: list[tuple[str, float]] = []
    last = [time.perf_counter()]

    def after(previous, _module, _following):
        if previous is not None:
            times.append((previous.name, time.perf_counter() - last[0]))
        last[0] = time.perf_counter()

    registry.parse_pipeline(registry.PIPELINES["fast-run"], callback=after).apply(ctx, module)
    start = time.perf_counter()
    emit_cpp(module)
    times.append(("emit-cpp", time.perf_counter() - start))
    return times


def main() -> None:
    build_preambles()
    rows, tensor_ir, calls = [], None, []
    for n in SIZES:
        fast_run, fast_compile = [], []
        for _ in range(RUNS):
            measured = run_child(n, "FAST_RUN", profile=n == SIZES[-1])
            fast_run.append(measured["compile"])
            if "call" in measured:
                calls.append((measured["call"], measured["numpy"]))
                tensor_ir = measured["tensor_ir"]
            fast_compile.append(run_child(n, "FAST_COMPILE")["compile"])
        rows.append((n, statistics.median(fast_run), statistics.median(fast_compile)))

    print(f"| ops in the chain | FAST_RUN compile, empty cache (median of {RUNS} processes) | FAST_COMPILE compile |")
    print("|---|---|---|")
    for n, fast_run, fast_compile in rows:
        print(f"| {n} | {fast_run:.2f} s | {fast_compile:.2f} s |")
    call = statistics.median(c for c, _ in calls)
    numpy_call = statistics.median(c for _, c in calls)
    print()
    print(f"| call at N = {SIZES[-1]}, {ELEMENTS:,} float64 elements | irtk FAST_RUN | numpy, op by op | numpy / irtk |")
    print("|---|---|---|---|")
    print(f"| median | {call * 1e3:.2f} ms | {numpy_call * 1e3:.2f} ms | {numpy_call / call:.1f} |")
    print()
    print(f"| pass (N = {SIZES[-1]}, FAST_RUN pipeline) | seconds |")
    print("|---|---|")
    for name, seconds in pass_seconds(tensor_ir):
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
