"""irtk-opt's mlir-opt compatible command line, and canonicalize's termination guarantees.

The FileCheck tests in filecheck/irtk-opt/ show each flag at work; these check what is awkward there: the
parts on their own (argument rewriting, the greedy driver's limits) and that `--help`'s pass descriptions,
read from source without importing the passes, agree with the classes themselves.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from irtk import registry
from irtk.tools.command_line import normalize, parse_bool, take_pass_flags

REPO = Path(__file__).resolve().parent.parent
BUILTIN_PASSES = list(registry.PASSES)  # before any test loads a plugin


def irtk_opt(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "irtk.tools.irtk_opt", *args],
        input=stdin, capture_output=True, text=True, cwd=REPO, timeout=120,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_help_works_and_lists_pass_options():
    result = irtk_opt("--help")
    assert result.returncode == 0, result.stderr
    for text in ("--pass-pipeline", "--verify-each", "--time-passes", "--list-passes", "--print-ir-after-change",
                 "max-iterations=int (default 10)", "region-simplify=str (default normal)",
                 "sizes=tuple[int, ...] (default empty)"):
        assert text in result.stdout


@pytest.mark.parametrize("name", BUILTIN_PASSES)
def test_help_reads_the_same_pass_description_as_the_class(name):
    """--help reads each pass from its source (no imports); --list-passes from the class: they must agree."""
    from irtk.tools.pass_info import describe

    assert describe(name, load=False) == describe(name, load=True)


def test_single_dash_long_options_become_double_dash():
    known = ["--split-input-file", "--output-file", "--verify-each", "-o", "-p"]
    argv = ["-split-input-file", "-o", "out.mlir", "-verify-each=false", "-canonicalize", "-", "-pcse", "-x",
            "--", "-cse"]
    assert normalize(argv, known) == [
        "--split-input-file", "-o", "out.mlir", "--verify-each=false", "--canonicalize", "-", "-pcse", "-x",
        "--", "-cse",
    ]


def test_pass_flags_become_a_pipeline_in_command_line_order():
    argv = ["in.mlir", "--cse", "--tile=sizes=4,4", "--emit=cpp", "--canonicalize=max-iterations=3 top-down=false",
            "--tile={sizes=2}", "--fast-run"]
    rest, pipeline, flags = take_pass_flags(argv)
    assert rest == ["in.mlir", "--emit=cpp"]
    assert pipeline == "cse,tile{sizes=4,4},canonicalize{max-iterations=3 top-down=false},tile{sizes=2},fast-run"
    assert flags == argv[1:3] + argv[4:]


def test_parse_bool():
    assert [parse_bool(t) for t in ("true", "1", "False", "0")] == [True, True, False, False]
    with pytest.raises(ValueError):
        parse_bool("maybe")


@pytest.mark.parametrize(
    "pipeline, col, message",
    [
        ("canonicalize{max-iteration=3}", 14, "pass 'canonicalize' has no option 'max-iteration'; did you mean "
         "'max-iterations'? its options are max-iterations, max-num-rewrites, region-simplify, test-convergence, "
         "top-down"),
        ("cse,canonicalize{top-down=maybe}", 18, "invalid value for option 'top-down' of pass 'canonicalize' "
         '(top-down="maybe"): expected bool'),
        ("builtin.module(func.func(tile{sizes=-1}))", 31, "tile: sizes must not be negative"),
        ("builtin.module(func.func(cse)", 30, "expected ',' or ')' before the end"),
        ("func.func(cse),", 16, "Expected pass name here"),
    ],
)
def test_pipeline_errors_point_at_the_fault(pipeline, col, message):
    from irtk.tools.diagnostics import DiagnosticError
    from irtk.tools.pipeline import build_pipeline

    with pytest.raises(DiagnosticError) as info:
        build_pipeline(pipeline)
    assert info.value.diagnostic.col == col
    assert message in info.value.diagnostic.message


def test_nested_pipeline_structure():
    from irtk.tools.pipeline import Nest, PassStep, build_pipeline, flatten

    steps = build_pipeline("builtin.module(cse, func.func(canonicalize{max-iterations=3}, dce), fast-compile)")
    assert isinstance(steps[0], PassStep) and isinstance(steps[1], Nest) and steps[1].anchor == "func.func"
    assert [s.label for s in steps[1].steps] == ["canonicalize{max-iterations=3}", "dce"]
    first_of_fast_compile = registry.PIPELINES["fast-compile"].split(",")[0]
    assert [s.name for s in flatten(steps)][:4] == ["cse", "canonicalize", "dce", first_of_fast_compile]
    assert build_pipeline("cse,dce")[1].name == build_pipeline("builtin.module(cse,dce)")[1].name == "dce"


# --- canonicalize always terminates ------------------------------------------------------------------------

CYCLE = """
func.func @f(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb3
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
^bb3:
  cf.br ^bb2
}
func.func @g() {
  cf.br ^bb1
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
}
"""


def _parse(text: str):
    from xdsl.parser import Parser

    from irtk.registry import make_context

    ctx = make_context()
    return ctx, Parser(ctx, text).parse_module()


def test_canonicalize_terminates_on_a_loop_of_empty_blocks():
    """This used to run forever (the pass-through fold sent the entry branch around the loop)."""
    from irtk.passes.canonicalize import Canonicalize

    ctx, module = _parse(CYCLE)
    started = time.perf_counter()
    Canonicalize(test_convergence=True).apply(ctx, module)
    assert time.perf_counter() - started < 30
    module.verify()
    for func in module.body.block.ops:
        assert len(func.body.blocks) == 2  # the entry block and one block that branches to itself


def _counting_pattern():
    from xdsl.pattern_rewriter import PatternRewriter, RewritePattern

    class Renew(RewritePattern):
        """Never done: replaces every func.func by a copy of itself, every time it sees one."""

        count = 0

        def match_and_rewrite(self, op, rewriter: PatternRewriter, /):
            if op.name == "func.func":
                Renew.count += 1
                rewriter.replace(op, op.clone())

    return Renew


def test_greedy_driver_limits_rewrites_and_sweeps():
    from irtk.passes.greedy_driver import GreedyConfig, apply_greedily

    _, module = _parse("func.func @f() {\n  func.return\n}\n")
    bump = _counting_pattern()
    converged = apply_greedily(module.body, bump(), GreedyConfig(max_iterations=3, max_num_rewrites=5))
    assert not converged
    assert bump.count == 3 * 5


def test_greedy_driver_stops_a_pattern_cycle_without_limits():
    """No limits asked for (-1, -1): a pattern that never stops is still cut off, within one sweep."""
    from irtk.passes import greedy_driver
    from irtk.passes.greedy_driver import NO_LIMIT, GreedyConfig, apply_greedily

    _, module = _parse("func.func @f() {\n  func.return\n}\n")
    bump = _counting_pattern()
    started = time.perf_counter()
    converged = apply_greedily(module.body, bump(), GreedyConfig(max_iterations=1, max_num_rewrites=NO_LIMIT))
    assert not converged and time.perf_counter() - started < 60
    ops = sum(1 for _ in module.body.walk())
    assert bump.count == greedy_driver.REWRITES_PER_OP * ops + greedy_driver.REWRITES_SLACK


def test_canonicalize_reports_no_fixed_point_with_test_convergence():
    from irtk.diagnostics import OpError
    from irtk.passes.canonicalize import Canonicalize

    ctx, module = _parse(
        "func.func @f(%a: i32) -> i32 {\n  %c0 = arith.constant 0 : i32\n  %b = arith.addi %a, %c0 : i32\n"
        "  func.return %b : i32\n}\n"
    )
    with pytest.raises(OpError, match="no fixed point within max-iterations=1"):
        Canonicalize(max_iterations=1, test_convergence=True).apply(ctx, module)
