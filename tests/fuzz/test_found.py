"""Inputs the fuzz tests found that once made irtk-opt fail badly, kept as regression tests."""

from __future__ import annotations

import pytest

from .test_irtk_opt import check_clean, run_irtk_opt

#: (input, what the diagnostic must say): each once gave an "internal error" or a traceback.
FOUND = [
    # A lexer error on the first token was raised while the parser was being made, outside the driver's guard.
    ("%// RUN: irtk-opt %s\nfunc.func @f() {\n  func.return\n}\n", "1:1: error: Expected suffix identifier after '%'"),
    # A string literal cut short took time exponential in its length (xDSL's lexer pattern backtracked): 40
    # characters hung irtk-opt (irtk/dialects/string_literal_lexing.py).
    ('func.func @f() attributes {note = "' + "a" * 100_000 + "\n", "1:35: error: End of file reached before closing string literal"),
]


#: (input, command line) that once gave an "internal error" and must now succeed.
FOUND_VALID = [
    # `fuse` took the result of every generic to see whether to duplicate it into its consumers, so a generic on
    # buffers (no result: IR already at the memref level, as in lower-to-loops' lit test) through `-p fast-run`
    # was an IndexError in the pass.
    ("func.func @f(%a: memref<4xf64>, %o: memref<4xf64>) {\n"
     "  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = [\"parallel\"]}"
     " ins(%a : memref<4xf64>) outs(%o : memref<4xf64>) {\n"
     "  ^bb0(%x: f64, %y: f64):\n    %n = arith.negf %x : f64\n    linalg.yield %n : f64\n  }\n  func.return\n}\n",
     ["-p", "fast-run"]),
]


@pytest.mark.parametrize(("text", "argv"), FOUND_VALID)
def test_found_inputs_that_are_valid_succeed(text, argv):
    status, stdout, stderr = run_irtk_opt(argv, text)
    check_clean(status, stderr, allowed=(0,))
    assert "scf.parallel" in stdout


@pytest.mark.parametrize(("text", "diagnostic"), FOUND)
def test_found_inputs_give_a_located_diagnostic(text, diagnostic):
    status, _, stderr = run_irtk_opt([], text)
    check_clean(status, stderr, allowed=(1,))
    assert diagnostic in stderr


def test_an_argument_whose_conversion_raises_is_a_type_error_naming_it():
    """An object whose `__array__` raises (here a RuntimeError) used to escape the call as that exception."""
    import numpy as np

    import irtk
    import irtk.tensor as T

    class Unconvertible:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("refuses to be an array")

    x = T.dvector("x")
    f = irtk.function([x], x * 2, mode="FAST_COMPILE")
    with pytest.raises(TypeError, match=r"argument 0 \('x'\): cannot convert Unconvertible .*RuntimeError: refuses"):
        f(Unconvertible())
    np.testing.assert_array_equal(f([1.0]), [2.0])


def test_a_diagnostic_quoting_the_words_internal_error_is_not_a_bug_report():
    """The fuzzer once counted as a bug a diagnostic whose quoted input line (a lit test's comment) said "internal
    error"; only irtk-opt's own report, at the start of a line, is one."""
    from .test_irtk_opt import BUG_REPORT

    quoted = "input.mlir:10:1: error: Expected suffix identifier after '%'\n%// is reported as an internal error, with a note\n^\n"
    status, _, stderr = run_irtk_opt([], "func.func @f() {\n  func.return\n}\n%// is reported as an internal error, with a note\n")
    check_clean(status, stderr, allowed=(1,))
    assert not BUG_REPORT.search(quoted)
    assert BUG_REPORT.search("model.py:7:1: error: internal error in pass 'fuse': IndexError: tuple index out of range\n")
    assert BUG_REPORT.search("x\nirtk-opt: note: this is a bug in pass 'fuse', not a problem with the input\n")
