"""Fuzzing `irtk-opt`: mutated IR and pipeline strings never make it crash, hang or print a traceback.

Each example runs irtk-opt's `main` in a worker process (`opt_worker.py`: one serves many examples, so the time
goes to irtk-opt, not to starting Python) with a time limit. What it may do: succeed (exit 0), or report an
error (exit 1 for the input, 2 for the command line) as a diagnostic. What it may not: raise, take longer than
the limit, die, or report an "internal error" (irtk-opt's words for a bug of its own that it caught). A failure
shrinks to a small input, printed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .mutations import mutated_ir, pipelines
from .opt_worker import IrtkOptWorker
from .settings import fuzz_settings

#: Seconds one irtk-opt run may take on a mutated lit test case.
TIME_LIMIT = 30


#: The process irtk-opt runs in (one per test process, replaced when a run hangs or crashes).
WORKER = IrtkOptWorker()


def run_irtk_opt(argv: list[str], text: str | None = None) -> tuple[object, str, str]:
    """irtk-opt's exit status, stdout and stderr for `argv` (with `text` as the input file, if given); raises
    Hang or Crash (`opt_worker.py`) when it runs over TIME_LIMIT or dies."""
    with tempfile.TemporaryDirectory() as tmp:
        if text is not None:
            path = Path(tmp) / "input.mlir"
            path.write_text(text, errors="surrogateescape")
            argv = [str(path), *argv]
        return WORKER.run(argv, TIME_LIMIT)


#: irtk-opt's own report of a bug it caught, or a traceback, at the start of a line of its stderr. Anchored there:
#: a diagnostic quotes the input's line, which may hold these words (a lit test's comment about internal errors).
BUG_REPORT = re.compile(r"^(?:\S+: )?error: internal error in |^irtk-opt: note: this is a bug|^Traceback \(most recent", re.M)


def check_clean(status, stderr: str, allowed=(0, 1)) -> None:
    assert status in allowed, f"exit status {status}\n{stderr}"
    assert not BUG_REPORT.search(stderr), stderr


ARGUMENTS = st.sampled_from([
    [], ["-p", "canonicalize"], ["-p", "cse,canonicalize"], ["--verify-diagnostics", "--split-input-file"],
    ["--split-input-file"], ["-p", "fast-run"], ["-p", "fast-compile"], ["-p", "fast-run", "--emit=cpp"],
    ["--mlir-print-op-generic"], ["--allow-unregistered-dialect", "-p", "canonicalize"],
    ["-p", "lower-to-structured,fuse,bufferize"],
])


@fuzz_settings(default_examples=150)
@given(text=mutated_ir(), argv=ARGUMENTS)
def test_mutated_ir_gives_a_diagnostic_or_a_result(text, argv):
    status, _, stderr = run_irtk_opt(argv, text)
    check_clean(status, stderr)


@fuzz_settings(default_examples=150)
@given(pipeline=pipelines())
def test_pipeline_strings_give_a_diagnostic_or_a_result(pipeline):
    text = 'func.func @f(%x: tensor<?xf64>) -> tensor<?xf64> {\n  %y = irtk.add %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>\n  func.return %y : tensor<?xf64>\n}\n'
    status, _, stderr = run_irtk_opt(["-p", pipeline], text)
    check_clean(status, stderr, allowed=(0, 1, 2))


def test_the_seeds_parse():
    """The corpus the mutations start from is there: every lit test case."""
    from .mutations import seeds

    assert len(seeds()) > 300
    status, _, stderr = run_irtk_opt([], seeds()[0])
    check_clean(status, stderr)


@pytest.mark.parametrize("argv", [["-p", "canonicalize{max-iterations=abc}"], ["-p", "tile{sizes=4,a}"], ["-p", "((("]])
def test_broken_options_are_diagnostics(argv):
    status, _, stderr = run_irtk_opt(argv, "func.func @f() {\n  func.return\n}\n")
    check_clean(status, stderr, allowed=(1, 2))


def test_a_run_over_the_limit_or_a_dying_worker_fails_the_example_and_the_next_runs():
    """The harness itself: a run that outlasts its limit is a Hang, a worker killed by a signal is a Crash, and
    either way a fresh worker answers the next example."""
    from .opt_worker import CRASH_REQUEST, Crash, Hang

    worker = IrtkOptWorker()
    nests = "".join(f"  %c{i} = arith.constant {i} : i64\n" for i in range(20000))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.mlir"
        big.write_text(f"func.func @f() {{\n{nests}  func.return\n}}\n")
        small = Path(tmp) / "small.mlir"
        small.write_text("func.func @f() {\n  func.return\n}\n")
        try:
            assert worker.run([str(small)], TIME_LIMIT)[0] == 0
            with pytest.raises(Hang, match="ran over"):
                worker.run([str(big), "-p", "canonicalize"], 0.05)
            assert worker.run([str(small)], TIME_LIMIT)[0] == 0
            with pytest.raises(Crash, match="SIGSEGV"):
                worker.run(CRASH_REQUEST, TIME_LIMIT)
            assert worker.run([str(small)], TIME_LIMIT)[0] == 0
        finally:
            worker.close()
