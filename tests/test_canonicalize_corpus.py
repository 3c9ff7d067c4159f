"""irtk-opt's `canonicalize` is held to `mlir-opt-22 --canonicalize` on the corpus in tests/canonicalize_corpus/:
it always finishes, leaves at most 5 % more ops over the corpus, prints IR that mlir-opt verifies, and reads back
in custom and generic form both what it prints and what mlir-opt prints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "canonicalize_corpus"))
import compare  # noqa: E402

needs_mlir_opt = pytest.mark.skipif(compare.mlir_opt() is None, reason="mlir-opt-22 is not installed")
FILES = compare.corpus_files()
IDS = [p.stem for p in FILES]


@pytest.fixture(scope="module")
def results() -> dict[str, compare.FileResult]:
    return {path.stem: compare.compare(path) for path in FILES}


def test_the_corpus_covers_each_dialect_canonicalize_reaches() -> None:
    assert set(IDS) >= {"arith", "math", "memref", "scf", "cf", "tensor", "linalg"}
    assert all(len(compare.split_cases(p.read_text())) >= 10 for p in FILES)


@needs_mlir_opt
def test_irtk_leaves_at_most_5_percent_more_ops_than_mlir_opt(results) -> None:
    irtk = sum(sum(r.irtk) for r in results.values())
    mlir = sum(sum(r.mlir) for r in results.values())
    assert irtk <= 1.05 * mlir, compare.table(list(results.values()))


@needs_mlir_opt
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_output_passes_mlir_opt_verify_each(path: Path) -> None:
    ours = compare.run_tool(compare.irtk_opt("-p", "canonicalize"), path.read_text())
    compare.run_tool(compare.mlir_opt_command("--verify-each"), ours)


@needs_mlir_opt
@pytest.mark.parametrize("path", FILES, ids=IDS)
@pytest.mark.parametrize("generic", [False, True], ids=["custom", "generic"])
def test_irtk_reads_back_what_each_tool_prints(path: Path, generic: bool) -> None:
    text = path.read_text()
    flag = ["--mlir-print-op-generic"] if generic else []
    ours = compare.run_tool(compare.irtk_opt("-p", "canonicalize", *flag), text)
    theirs = compare.run_tool(compare.mlir_opt_command("--canonicalize", *flag), text)
    for printed in (ours, theirs):
        again = compare.run_tool(compare.irtk_opt(), printed)
        assert len(compare.split_cases(again)) == len(compare.split_cases(printed))
