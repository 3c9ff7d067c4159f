"""benchmarks/perf_profile.py: the compile profile runs anywhere; the step profile's samples are classified by part.

The step profile itself needs `perf` and permission to sample, which CI machines may lack, so it is exercised only
where `perf` runs; what it prints from perf's report is checked through `classify`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import needs_native

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "perf_profile.py"
sys.path.insert(0, str(SCRIPT.parent))

import perf_profile  # noqa: E402


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600)


def test_samples_are_classified_by_the_part_of_the_system_they_belong_to() -> None:
    kernel = "/cache/" + "ab" * 32 + ".so"
    assert perf_profile.classify(kernel, "(anonymous namespace)::irtk_fn_main") == "irtk kernel loops"
    assert perf_profile.classify("libscipy_openblas64_-32a4b2a6.so", "dgemm_kernel_SKYLAKEX") == "BLAS"
    assert perf_profile.classify("[kernel.kallsyms]", "clear_page_erms").startswith("operating system")
    assert perf_profile.classify("libgomp.so.1", "gomp_team_barrier_wait_end") == "OpenMP runtime"
    assert perf_profile.classify("libpython3.11.so.1.0", "_PyEval_EvalFrameDefault").startswith("Python")


@needs_native
def test_the_compile_profile_names_the_compiler_and_the_passes(tmp_path) -> None:
    done = run("W1", "--compile", "--markdown")
    assert done.returncode == 0, done.stderr
    assert "W1: empty-cache compile" in done.stdout
    assert "| cumulative s | function |" in done.stdout
    assert "irtk/compiler.py" in done.stdout


def _perf_can_sample() -> bool:
    if shutil.which("perf") is None:
        return False
    probe = subprocess.run(["perf", "record", "-q", "-o", "/dev/null", "--", "true"], capture_output=True, timeout=60)
    return probe.returncode == 0


@needs_native
@pytest.mark.skipif(not _perf_can_sample(), reason="perf is not installed or may not sample here")
def test_the_step_profile_samples_the_kernel() -> None:
    done = run("W3a", "--seconds", "1")
    assert done.returncode == 0, done.stderr
    assert "irtk kernel loops" in done.stdout
