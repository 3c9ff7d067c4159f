"""Tiered compiles: a new function's first calls run its kernel built at `-O0` while the optimized build runs in the
background, and the optimized kernel takes over from the next call once it is loaded.

Why: `g++ -O3` is most of the time from `irtk.function(...)` to a first result (W6's step: 2.2 s of `-O3` against
0.4 s of `-O0`, docs/performance.md), and a program that calls a function a few times, or a test, waits for all
of it. The numerical policy (docs/numerical-policy.md) makes the optimization level invisible in the results: no
reassociation, no contraction into fused multiply-adds, no fast-math, reductions in their documented blocked
order, irtk's own vector math, so both kernels compute the same bits (`tests/test_tiered_compile.py` holds them
to it), and a call cannot tell which one ran except by its speed.

Where it does not apply: when the optimized kernel is already in the cache (it is loaded at once), with the flag
`tiered_compile=off`, and for CUDA (nvcc's time is not in the host compiler's optimizer). A call whose arguments
total more than `QUICK_CALL_MAX_BYTES` (64 MiB) waits for the optimized kernel instead: unoptimized loops are up
to 30 times slower (`exp(x)*y + tanh(z)*0.5 - x*x` over 10^6 elements: 87 ms at `-O0`, 2.8 ms at `-O3` on two
threads here), so a call over much more data could lose more than the compile saves. Below the limit, a call of
the first tier costs at most about a second more than an optimized one, and usually far less (BLAS calls, which
most large arguments go to, are the same library either way).

The background build is an ordinary non-daemon thread around the same cache and loader as any compile (the
compiler runs in a subprocess, so the thread holds no GIL while it waits): a program that ends before it
finishes waits for it at exit, so that the optimized kernel lands in the cache for its next run. A build that
fails leaves the function on its `-O0` kernel, with a RuntimeWarning saying so, and so does a process forked
while a build runs (the build thread stays in the parent).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import warnings
from collections.abc import Sequence

from irtk.runtime.kernel import load_kernel
from irtk.runtime.toolchain import default_toolchain

__all__ = [
    "QUICK_CALL_MAX_BYTES", "QUICK_FLAGS", "TieredKernel", "load_tiered", "pending_optimized_kernels",
    "wait_for_optimized_kernels",
]

#: Added after irtk's flags (and the user's `cxxflags`) for the first tier: the last `-O` wins.
QUICK_FLAGS = ("-O0",)
#: A call on more bytes of arguments than this waits for the optimized kernel (see the module's docstring).
QUICK_CALL_MAX_BYTES = 64 << 20

_BUILDS: set[TieredKernel] = set()
_BUILDS_LOCK = threading.Lock()


def load_tiered(source: str, arg_names: Sequence[str]):
    """A callable kernel for the C++ `source`: the optimized one when the cache has it or tiering is off, else a
    `TieredKernel` that starts on the `-O0` build and switches to the optimized one when its build is loaded."""
    from irtk.flags import config

    optimized = default_toolchain()
    kernel = load_kernel(source, arg_names, optimized, compile=config.tiered_compile == "off")
    if kernel is not None:
        return kernel
    quick = dataclasses.replace(optimized, flags=(*optimized.flags, *QUICK_FLAGS))
    return TieredKernel(load_kernel(source, arg_names, quick), source, arg_names, optimized)


def pending_optimized_kernels() -> int:
    """How many optimized builds this process started are still running."""
    with _BUILDS_LOCK:
        return len(_BUILDS)


def wait_for_optimized_kernels(timeout: float | None = None) -> bool:
    """Wait until every optimized build this process started has finished (benchmarks time calls after this).
    False when `timeout` seconds passed first."""
    with _BUILDS_LOCK:
        pending = list(_BUILDS)
    return all(kernel.wait(timeout) for kernel in pending)


class TieredKernel:
    """Calls go to the `-O0` kernel until the optimized one is loaded, then to it; see the module's docstring."""

    def __init__(self, quick, source: str, arg_names: Sequence[str], toolchain) -> None:
        self._kernel = quick
        self._ready = threading.Event()
        #: Why the optimized build failed, if it did (the function then keeps its quick kernel).
        self.failure: BaseException | None = None
        with _BUILDS_LOCK:
            _BUILDS.add(self)
        thread = threading.Thread(
            target=self._optimize, args=(source, list(arg_names), toolchain), name="irtk optimized compile"
        )
        thread.start()

    @property
    def optimized(self) -> bool:
        """Whether calls now go to the optimized kernel."""
        return self._ready.is_set() and self.failure is None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the optimized build to finish (or fail); False when `timeout` seconds passed first."""
        return self._ready.wait(timeout)

    def __call__(self, *arrays):
        return self._current(arrays)(*arrays)

    def call_donating(self, arrays, donated):
        return self._current(arrays).call_donating(arrays, donated)

    def _current(self, arrays):
        if not self._ready.is_set() and _argument_bytes(arrays) > QUICK_CALL_MAX_BYTES:
            self._ready.wait()
        return self._kernel

    def _optimize(self, source: str, arg_names: list[str], toolchain) -> None:
        try:
            self._kernel = load_kernel(source, arg_names, toolchain)
        except Exception as e:  # noqa: BLE001 - any failure leaves the quick kernel, which computes the same bits
            self.failure = e
            warnings.warn(
                f"irtk: the optimized build of a compiled function failed, so it keeps running its unoptimized "
                f"(-O0) kernel, which computes the same results more slowly: {e}",
                RuntimeWarning,
                stacklevel=1,
            )
        finally:
            self._ready.set()
            with _BUILDS_LOCK:
                _BUILDS.discard(self)


def _after_fork_in_child() -> None:
    """A forked child has none of the parent's build threads: its tiered kernels keep their -O0 kernels (the same
    bits), and calls never wait for a build that will not come."""
    global _BUILDS_LOCK
    _BUILDS_LOCK = threading.Lock()  # the parent's may have been held by another thread at the fork
    for kernel in list(_BUILDS):
        kernel._ready.set()
    _BUILDS.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _argument_bytes(arrays) -> int:
    return sum(getattr(a, "nbytes", 0) for a in arrays)
