"""One cell of the workload table, measured in the process that runs this file:

    python benchmarks/cell.py IMPL WORKLOAD [--quick] [--budget SECONDS]

IMPL is irtk, pytensor or jax; WORKLOAD a key of workload_data ("W2", "W4 f32", "W7:100", ...). benchmarks/
workloads.py starts one such process per cell with an empty IRTK_CACHE_DIR (timing.run_fresh), so the compile
time it reports is an empty-cache compile in a process that has compiled nothing. Prints one JSON line:

    compile   seconds to build the function (irtk/PyTensor: `function(...)`; JAX: jit, lower and compile); for irtk,
              until it can be called: with an empty cache its first calls may run its -O0 kernel while the
              optimized one builds in the background (irtk/runtime/tiered.py)
    first     seconds of the first call (for W5/W6: the first training step)
    time      median seconds per call after that (timing.median_seconds), and `calls` the number timed; for irtk,
              of its optimized kernel (timed once the background build is done)
    error     the largest relative difference of the first call's results (and updated weights) from the
              float64 numpy reference on the same inputs; `tolerance` what counts as agreeing
    numpy     (irtk only) numpy's median seconds per call on the same inputs, timed in this same process
"""

from __future__ import annotations

import argparse
import importlib
import json
import time

import impl_numpy
import workload_data
from timing import median_seconds


def measure(impl: str, key: str, quick: bool, budget: float) -> dict:
    data = workload_data.make_inputs(key, quick)
    module = importlib.import_module(f"impl_{impl}")

    start = time.perf_counter()
    step, observe = module.build(key, data)
    result = {"compile": time.perf_counter() - start}
    tiered = getattr(module, "pending_builds", lambda: 0)()  # irtk: optimized kernels still building
    start = time.perf_counter()
    output = step()
    result["first"] = time.perf_counter() - start

    reference_step, reference_observe = impl_numpy.build(key, workload_data.as_float64(data))
    result["error"] = workload_data.relative_error(observe(output), reference_observe(reference_step()))
    result["tolerance"] = workload_data.tolerance(key)

    if tiered:
        module.settle()  # what is timed below is the optimized kernel
    first = result["first"] if module.FIRST_CALL_IS_PLAIN and not tiered else None
    result["time"], result["calls"] = median_seconds(step, budget, first=first)
    if impl == "irtk":
        numpy_step, _ = impl_numpy.build(key, data)
        result["numpy"], _ = median_seconds(numpy_step, budget)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("impl", choices=("irtk", "pytensor", "jax"))
    parser.add_argument("workload")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds of timed calls per implementation")
    args = parser.parse_args()
    print(json.dumps(measure(args.impl, args.workload, args.quick, args.budget)))


if __name__ == "__main__":
    main()
