"""Tiered compiles (irtk/runtime/tiered.py): a new function's first calls run its -O0 kernel while the optimized
one builds in the background; both compute the same bits, and the optimized one takes over.

A compiler wrapper (`IRTK_CXX`) holds every optimized build back for a while, so that a test knows which kernel a
call ran: while the build is held, `pending_optimized_kernels()` counts it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from conftest import native_available

import irtk
from irtk import tensor
from irtk.flags import config
from irtk.runtime import STATS, native_module
from irtk.runtime.tiered import QUICK_CALL_MAX_BYTES, pending_optimized_kernels, wait_for_optimized_kernels
from irtk.runtime.toolchain import default_toolchain

pytestmark = pytest.mark.skipif(not native_available(), reason="FAST_RUN needs irtk._native")

HELD_SECONDS = 2.0


@pytest.fixture
def tiered(isolated_cache, monkeypatch):
    """Tiering on, irtk's shipped flags, an empty cache of this test's own."""
    monkeypatch.setattr(config, "tiered_compile", "on")
    monkeypatch.setattr(config, "cxxflags", "")
    yield isolated_cache
    wait_for_optimized_kernels()  # no build of this test outlives it


def _wrapper(tmp_path: Path, optimized_build: str) -> str:
    """A compiler command that runs -O0 builds at once and `optimized_build` (shell) before any other."""
    script = tmp_path / "held-cxx"
    compiler = default_toolchain().command[0]
    script.write_text(
        f'#!/bin/sh\ncase " $* " in *" -O0 "* | *" --version "*) ;; *) {optimized_build} ;; esac\nexec {compiler} "$@"\n'
    )
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def held(tiered, tmp_path, monkeypatch):
    monkeypatch.setenv("IRTK_CXX", _wrapper(tmp_path, f"sleep {HELD_SECONDS}"))
    return tiered


def _programs():
    """Functions whose compiled code depends most on the optimizer: vector math, blocked and threaded reductions,
    float32 sums accumulated in float64, row softmax, small and large contractions, a gradient."""
    rng = np.random.default_rng(11)
    x, y = tensor.dvectors("x", "y")
    m = tensor.dmatrix("m")
    s = tensor.fvector("s")
    w = tensor.dvector("w")
    cost = tensor.sum(tensor.tanh(tensor.dot(m, w)) ** 2)
    v = rng.uniform(-3.0, 3.0, 300_001)
    mat = rng.uniform(-2.0, 2.0, (300, 70))
    return [
        (irtk.function([x, y], tensor.exp(x) * y + tensor.tanh(y) * 0.5 - x * x), (v, v[::-1].copy())),
        (irtk.function([x], [tensor.sum(x * x), tensor.max(x), tensor.mean(tensor.log1p(abs(x)))]), (v,)),
        (irtk.function([s], tensor.sum(s)), (v.astype(np.float32),)),
        (irtk.function([m], tensor.nnet.softmax(m)), (mat,)),
        (irtk.function([m, w], [tensor.dot(m, w), tensor.dot(m.T, m)]), (mat, rng.uniform(-1, 1, 70))),
        (irtk.function([m, w], tensor.grad(cost, w)), (mat, rng.uniform(-1, 1, 70))),
    ]


def test_first_calls_run_the_quick_kernel_with_the_same_bits(held):
    programs = _programs()
    assert pending_optimized_kernels() == len(programs)  # every optimized build is held back
    quick = [f(*args) for f, args in programs]
    assert pending_optimized_kernels() == len(programs)  # so these calls ran the -O0 kernels
    assert wait_for_optimized_kernels(timeout=300)
    optimized = [f(*args) for f, args in programs]
    for (f, _), a, b in zip(programs, quick, optimized):
        for qa, ob in zip(a if isinstance(a, list) else [a], b if isinstance(b, list) else [b]):
            np.testing.assert_array_equal(np.atleast_1d(qa).view(np.uint8), np.atleast_1d(ob).view(np.uint8))


def test_a_call_on_large_arguments_waits_for_the_optimized_kernel(held):
    x = tensor.dvector("x")
    f = irtk.function([x], tensor.exp(x) + 1.0)
    assert pending_optimized_kernels() == 1
    small = np.linspace(-1.0, 1.0, 1000)
    f(small)
    assert pending_optimized_kernels() == 1
    large = np.linspace(-1.0, 1.0, QUICK_CALL_MAX_BYTES // 8 + 1)
    np.testing.assert_allclose(f(large), np.exp(large) + 1.0, rtol=1e-15)
    assert pending_optimized_kernels() == 0


def test_a_cached_optimized_kernel_is_used_at_once(tiered):
    x = tensor.dvector("x")
    irtk.function([x], x * 3.0 - 1.0)
    assert wait_for_optimized_kernels(timeout=300)
    compiles = STATS.compiles
    f = irtk.function([x], x * 3.0 - 1.0)
    assert pending_optimized_kernels() == 0 and STATS.compiles == compiles
    np.testing.assert_array_equal(f(np.arange(3.0)), np.arange(3.0) * 3.0 - 1.0)


def test_with_the_flag_off_a_function_is_built_once(tiered, monkeypatch):
    monkeypatch.setattr(config, "tiered_compile", "off")
    compiles = STATS.compiles
    x = tensor.dvector("x")
    irtk.function([x], x * 5.0)
    assert pending_optimized_kernels() == 0 and STATS.compiles == compiles + 1


def test_a_failed_optimized_build_leaves_the_quick_kernel(tiered, tmp_path, monkeypatch):
    monkeypatch.setenv("IRTK_CXX", _wrapper(tmp_path, "echo 'planted failure' >&2; exit 1"))
    x = tensor.dvector("x")
    with pytest.warns(RuntimeWarning, match="keeps running its unoptimized"):
        f = irtk.function([x], tensor.tanh(x) * 2.0)
        assert wait_for_optimized_kernels(timeout=300)
    data = np.linspace(-3.0, 3.0, 7)
    np.testing.assert_allclose(f(data), np.tanh(data) * 2.0, rtol=1e-15)


def test_a_program_that_ends_first_still_leaves_the_optimized_kernel(tiered, tmp_path):
    """The interpreter waits for the background build at exit, so the program's next run finds it cached."""
    program = textwrap.dedent(
        """
        import numpy as np, irtk
        from irtk import tensor
        from irtk.runtime import STATS, native_module
        from irtk.runtime.tiered import pending_optimized_kernels
        x = tensor.dvector("x")
        f = irtk.function([x], tensor.exp(x) * 0.25)
        print(float(f(np.array([1.0]))[0]), pending_optimized_kernels(), STATS.compiles)
        """
    )
    environment = {k: v for k, v in os.environ.items() if k != "IRTK_FLAGS"}
    first = subprocess.run([sys.executable, "-c", program], env=environment, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split()[1] == "1"  # the optimized build was still running when it printed
    second = subprocess.run([sys.executable, "-c", program], env=environment, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == [first.stdout.split()[0], "0", "0"]  # the optimized kernel, from the cache


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_process_forked_during_the_build_runs_on_the_quick_kernel(held):
    x = tensor.dvector("x")
    f = irtk.function([x], x * 7.0)
    large = np.ones(QUICK_CALL_MAX_BYTES // 8 + 1)
    pid = os.fork()
    if pid == 0:  # the child: no build thread; a large call must not wait for one
        code = 1
        try:
            signal.alarm(60)  # a call waiting for a build that never comes ends the child, not the test run
            native_module().set_threads(1)  # libgomp's thread pool does not survive a fork: no parallel region here
            if pending_optimized_kernels() == 0 and f(large)[0] == 7.0:
                code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
