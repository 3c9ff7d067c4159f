"""How the benchmarks measure: a fresh process with its own empty kernel cache, and the time of one call.

Compile times are only meaningful in a process that has compiled nothing yet and a cache directory that holds
nothing yet (irtk keeps compiled kernels in IRTK_CACHE_DIR and modules in memory), so every compile measurement
runs through `run_fresh`. What its empty cache does hold is the precompiled preamble (`<cache>/preamble/`,
docs/runtime.md): GCC's parse of the few hundred lines every kernel starts with, which a machine builds once per
compiler, flags and irtk version (about 0.5 s, paid by the first compile there), like the compiler's own files.
`run_fresh` keeps the ones its processes built in a directory of this run and hard-links them into each new cache. Call times use `best_of` (a fixed number of calls, the best of several repeats: the
least disturbed by other work on the machine) or `median_seconds` (as many repeats as fit a time budget, so
that a slow call is not repeated for minutes).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path


class FreshProcessError(RuntimeError):
    """The measuring process failed or ran out of time; the message carries the last line of its stderr."""


def run_fresh(args: Sequence[str], cache_dir: str | None = None, timeout: float | None = None,
              env: dict[str, str] | None = None) -> str:
    """Run `python *args` in a new process whose IRTK_CACHE_DIR is `cache_dir` (a new empty directory, removed
    afterwards, when None) and return the last line it printed to stdout."""
    with tempfile.TemporaryDirectory() as empty:
        if cache_dir is None:
            _share_preambles(_PREAMBLES.name, empty)
        full_env = dict(os.environ, **(env or {}), IRTK_CACHE_DIR=cache_dir or empty)
        try:
            done = subprocess.run([sys.executable, *args], env=full_env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            raise FreshProcessError(f"timed out after {timeout:g} s") from None
        finally:
            if cache_dir is None:
                _share_preambles(empty, _PREAMBLES.name)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]  # the exception, for a traceback
        raise FreshProcessError(f"exit status {done.returncode}: {last.strip()}")
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise FreshProcessError("printed nothing")
    return lines[-1]


#: The precompiled preambles this run's fresh processes built (see the module's docstring).
_PREAMBLES = tempfile.TemporaryDirectory(prefix="irtk-bench-preambles-")


def _share_preambles(source_cache: str, target_cache: str) -> None:
    """Hard-link the precompiled preamble files of one cache directory into another, where missing."""
    source, target = Path(source_cache) / "preamble", Path(target_cache) / "preamble"
    if not source.is_dir():
        return
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file() and not path.name.startswith(".") and not (target / path.name).exists():
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copy2(path, target / path.name)


#: Compiles one function of each preamble the workloads use (with and without vector math), in both tiers.
_WARM_UP = """
import irtk
from irtk import tensor
from irtk.runtime.tiered import wait_for_optimized_kernels
x = tensor.dvector("x")
irtk.function([x], x * 2.0)
irtk.function([x], tensor.exp(x))
wait_for_optimized_kernels()
print("warm")
"""


def build_preambles() -> None:
    """Build the precompiled preambles once, before anything is measured: a machine builds them once per compiler,
    flags and irtk version, so no measured compile should pay for them (see the module's docstring)."""
    run_fresh(["-c", _WARM_UP])


def with_preambles(cache_dir: str) -> str:
    """`cache_dir`, given the precompiled preambles this run has built so far (for a compile measured in-process)."""
    _share_preambles(_PREAMBLES.name, cache_dir)
    return cache_dir


def best_of(call: Callable[[], object], number: int, repeat: int) -> float:
    """Seconds per call: `number` calls timed together, the fastest of `repeat` such runs."""
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number


def median_seconds(call: Callable[[], object], budget: float, slow: float = 1.0, sample: float = 0.02,
                   first: float | None = None) -> tuple[float, int]:
    """Median seconds per call and the number of calls timed, spending about `budget` seconds.

    One call comes first (caches, page faults), unless `first` gives the time of a plain call already made. When
    that call took `slow` seconds or more, it is the measurement: its time is what matters, not its spread. Faster
    calls are grouped so that one sample lasts about `sample` seconds, and samples are taken (at least three)
    until the budget is spent."""
    if first is None:
        start = time.perf_counter()
        call()
        first = time.perf_counter() - start
    if first >= slow:
        return first, 1
    number = max(1, int(sample / max(first, 1e-9)))
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    while len(samples) < 3 or (time.perf_counter() < deadline and len(samples) < 101):
        start = time.perf_counter()
        for _ in range(number):
            call()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples), number * len(samples)
