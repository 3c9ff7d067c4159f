"""Fuzzing `irtk-opt`: mutated IR and pipeline strings never make it crash, hang or print a traceback.

Each example runs irtk-opt's `main` in this process (a subprocess per example would spend its time starting
Python) with a time limit. What it may do: succeed (exit 0), or report an error (exit 1 for the input, 2 for the
command line) as a diagnostic. What it may not: raise, take longer than the limit, or report an "internal
error" (irtk-opt's words for a bug of its own that it caught). A failure shrinks to a small input, printed.
"""

from __future__ import annotations

import contextlib
import io
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irtk.tools import irtk_opt
from .mutations import mutated_ir, pipelines
from .settings import fuzz_settings

#: Seconds one irtk-opt run may take on a mutated lit test case.
TIME_LIMIT = 30


class Hang(Exception):
    pass


def run_irtk_opt(argv: list[str], text: str | None = None) -> tuple[int, str, str]:
    """irtk-opt's exit status, stdout and stderr for `argv` (with `text` as the input file, if given)."""
    with tempfile.TemporaryDirectory() as tmp:
        if text is not None:
            path = Path(tmp) / "input.mlir"
            path.write_text(text, errors="surrogateescape")
            argv = [str(path), *argv]
        out, err = io.StringIO(), io.StringIO()

        def timeout(signum, frame):
            raise Hang(f"irtk-opt {' '.join(argv)} ran over {TIME_LIMIT} s")

        previous = signal.signal(signal.SIGALRM, timeout)
        signal.alarm(TIME_LIMIT)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = irtk_opt.main(argv)
        except SystemExit as exit:  # argparse's own exit for a bad command line
            status = exit.code
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    return status, out.getvalue(), err.getvalue()


def check_clean(status, stderr: str, allowed=(0, 1)) -> None:
    assert status in allowed, f"exit status {status}\n{stderr}"
    assert "internal error" not in stderr, stderr
    assert "Traceback (most recent call last)" not in stderr, stderr


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
