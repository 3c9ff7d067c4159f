"""The op tests that exercise compiled loops and index arithmetic, run again with every kernel built under
AddressSanitizer and UndefinedBehaviorSanitizer: an out-of-bounds read or write, a use after free, a signed
overflow, a shift past the width or a misaligned access in generated code stops the run with a report, where the
plain suite could pass by luck (a write one past a buffer usually lands in the allocator's padding).

How: `IRTK_CXX` adds the sanitizer flags to the compiler command (they enter the cache key, so these kernels never
mix with plain ones), and the kernels are loaded into a Python that is not built with ASan, so its runtime is
preloaded. `libstdc++` is preloaded with it: ASan wraps `__cxa_throw` when it starts, and Python does not link
libstdc++, so without it the first failed run-time check (a C++ exception inside a kernel) aborts in ASan's
interceptor. Leak checking is off, since Python frees not everything at exit by design; `-fno-sanitize-recover`
makes any undefined behaviour fatal. The op tests run with `-s`: a worker that a report kills takes pytest's
captured output with it, so reports must go straight to the inherited stderr; ASan's also go to files (`log_path`).
(UBSan's stay on stderr: in a process with ASan, UBSan's handlers are ASan's runtime's, which ignores
`UBSAN_OPTIONS=log_path`.)

The selection (`SELECTION`, `KEYWORDS`) is what fits the CI's time (about 95 s of CPU at `-O1`, most of it compiling
instrumented kernels): slicing, views and reshapes, integer and mask indexing and their in-place updates, sorting,
cumulative ops (int32 and float32 left to the plain suite: int8, int64, bool and float64 cover their loops), the
element-count overflow check, integer division with its extremes (INT_MIN // -1, division by zero), and parallel
loops on OpenMP threads, a failure inside one included. Gradient tests (finite differences: many calls of the same
loops) and the element-wise and reduction tables of `test_op_families.py` (over a hundred kernels, about ten
minutes of CPU under the sanitizers) are left out; run them by hand with the command in `docs/reliability.md`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import needs_native

ROOT = Path(__file__).resolve().parent.parent

#: The test files and node ids run under the sanitizers, and the `-k` expression that picks from them.
SELECTION = (
    "tests/test_size_overflow.py",
    "tests/test_views.py",
    "tests/test_indexing.py",
    "tests/test_masks.py",
    "tests/test_sorting.py",
    "tests/test_cumulative.py",
    "tests/test_op_families.py::test_integer_division_by_zero_is_zero",
    "tests/test_threads.py",
)
KEYWORDS = "(FAST_RUN or threads) and not gradient and not int32 and not float32"

#: Sanitizer flags for the kernels. The frame pointer gives readable stacks in reports.
SANITIZE_FLAGS = ("-fsanitize=address,undefined", "-fno-sanitize-recover=undefined", "-fno-omit-frame-pointer")

#: What a report starts with, wherever it is printed.
REPORT_MARKERS = ("ERROR: AddressSanitizer", "runtime error:", "AddressSanitizer: CHECK failed")


def runtime_library(compiler: str, name: str) -> str | None:
    """The absolute path of `name` as `compiler` would link it, or None (gcc prints the bare name when it has
    no such library)."""
    done = subprocess.run([compiler, f"-print-file-name={name}"], capture_output=True, text=True, timeout=60)
    path = done.stdout.strip()
    return path if done.returncode == 0 and os.path.isabs(path) and os.path.exists(path) else None


def sanitizer_setup(tmp_path: Path) -> dict[str, str]:
    """The environment of the sanitized run, or a pytest skip saying what is missing."""
    compiler = shutil.which("g++")
    if compiler is None or shutil.which("env") is None:
        pytest.skip("the sanitizer run needs g++ (its libasan is preloaded) and env on PATH")
    libraries = [runtime_library(compiler, n) for n in ("libasan.so", "libstdc++.so")]
    if None in libraries:
        pytest.skip("g++ has no libasan.so or libstdc++.so (install libasan for this gcc, e.g. 'apt-get install libasan8')")
    probe = tmp_path / "probe.cpp"
    probe.write_text("int probe(int x) { return x + 1; }\n")
    done = subprocess.run([compiler, *SANITIZE_FLAGS, "-shared", "-fPIC", "-o", str(tmp_path / "probe.so"), str(probe)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.skip(f"g++ cannot build with {' '.join(SANITIZE_FLAGS)}: {done.stderr.strip()[-500:]}")
    reports = tmp_path / "reports"
    reports.mkdir()
    # the run is a pytest of its own, not one of this run's xdist workers
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST_", "PYTEST_CURRENT_TEST"))}
    return {
        **inherited,
        "LD_PRELOAD": " ".join(libraries),
        "ASAN_OPTIONS": f"detect_leaks=0:log_path={reports / 'asan'}",
        "UBSAN_OPTIONS": f"halt_on_error=1:print_stacktrace=1:log_path={reports / 'ubsan'}",
        "IRTK_CXX": str(sanitizing_compiler(compiler, tmp_path)),
        "IRTK_CACHE_DIR": str(tmp_path / "cache"),
    }


def sanitizing_compiler(compiler: str, tmp_path: Path) -> Path:
    """A compiler command for `IRTK_CXX` that builds kernels instrumented, at `-O1`.

    irtk's flags (`-O3` among them) come after `IRTK_CXX`'s words, so the level is put after everything else,
    where it wins (the last `-O` does): `-O1` is what ASan recommends, keeps every access the IR makes, and halves
    the compile time of an instrumented kernel. The compiler itself runs without the preload: ASan's allocator
    makes each compile a third slower."""
    script = tmp_path / "sanitizing-c++"
    words = shlex.join(["env", "-u", "LD_PRELOAD", compiler, *SANITIZE_FLAGS])
    script.write_text(f'#!/bin/sh\nexec {words} "$@" -O1\n')
    script.chmod(0o755)
    return script


def everything_reported(done: subprocess.CompletedProcess, tmp_path: Path) -> str:
    """A run's stdout and stderr, then every report file its processes wrote."""
    output = done.stdout + done.stderr
    for path in sorted((tmp_path / "reports").iterdir()):
        output += f"\n--- {path.name}\n{path.read_text(errors='replace')}"
    return output


PLANTED = r"""
#include <cstdlib>
extern "C" int past_the_end(int n) { int* a = static_cast<int*>(std::malloc(n * sizeof(int))); a[n] = 1; int r = a[0]; std::free(a); return r; }
extern "C" int signed_overflow(int x) { return x + 1; }
"""

PLANTED_CALL = """
import ctypes, sys
library = ctypes.CDLL(sys.argv[1])
getattr(library, sys.argv[2])(int(sys.argv[3]))
"""


@pytest.mark.parametrize("function,argument,report", [("past_the_end", 4, "heap-buffer-overflow"),
                                                       ("signed_overflow", 2**31 - 1, "signed integer overflow")])
def test_the_setup_reports_a_planted_error(tmp_path: Path, function: str, argument: int, report: str) -> None:
    """A set-up that silently failed to instrument (no preload, a flag lost) would let the op tests pass whatever
    the kernels do; this shared object, built as the kernels are and loaded into Python the same way, must fail."""
    env = sanitizer_setup(tmp_path)
    source = tmp_path / "planted.cpp"
    source.write_text(PLANTED)
    compiler, *flags = shlex.split(env["IRTK_CXX"])
    subprocess.run([compiler, *flags, "-O1", "-shared", "-fPIC", "-o", str(tmp_path / "planted.so"), str(source)],
                   check=True, timeout=120)
    done = subprocess.run([sys.executable, "-c", PLANTED_CALL, str(tmp_path / "planted.so"), function, str(argument)],
                          env=env, capture_output=True, text=True, timeout=120)
    output = everything_reported(done, tmp_path)
    assert done.returncode != 0 and report in output, f"exit status {done.returncode}; output: {output[-2000:]}"


@needs_native
def test_op_tests_pass_with_sanitized_kernels(tmp_path: Path) -> None:
    env = sanitizer_setup(tmp_path)
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-n", "2", "-p", "no:cacheprovider", "-k", KEYWORDS, *SELECTION]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    output = everything_reported(done, tmp_path)
    found = [m for m in REPORT_MARKERS if m in output]
    assert done.returncode == 0 and not found, f"sanitized run: exit status {done.returncode}, reports {found}\n{output[-8000:]}"
    assert " passed" in done.stdout, output[-2000:]
