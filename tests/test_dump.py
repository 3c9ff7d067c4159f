"""IRTK_DUMP writes every stage of a compiled function, and its loop-level IR is valid for mlir-opt-22."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import needs_native

ROOT = Path(__file__).resolve().parent.parent


def dump_training(tmp_path: Path, mode: str) -> Path:
    dump = tmp_path / "dump"
    env = dict(os.environ, IRTK_DUMP=str(dump), IRTK_FLAGS=f"mode={mode}")
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "training.py")], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (directory,) = dump.iterdir()
    return directory


@needs_native
def test_fast_run_dump_names_show_order_and_stage(tmp_path: Path) -> None:
    names = sorted(p.name for p in dump_training(tmp_path, "FAST_RUN").iterdir())
    assert names[0] == "00-input.mlir"
    assert names[-1].endswith("-emit-cpp.cpp")
    stages = [n.split("-", 1)[1].rsplit(".", 1)[0] for n in names]
    assert stages[:4] == ["input", "stabilize", "autodiff", "canonicalize"]
    for stage in ("lower-to-structured", "fuse", "bufferize", "lower-to-loops"):
        assert stage in stages
    assert [int(n.split("-")[0]) for n in names] == list(range(len(names)))


def test_fast_compile_dump_stops_at_the_structured_level(tmp_path: Path) -> None:
    names = sorted(p.name for p in dump_training(tmp_path, "FAST_COMPILE").iterdir())
    assert names == ["00-input.mlir", "01-stabilize.mlir", "02-autodiff.mlir", "03-canonicalize.mlir", "04-lower-to-structured.mlir"]


@needs_native
def test_dumped_loop_level_ir_is_accepted_by_mlir_opt(tmp_path: Path) -> None:
    mlir_opt = shutil.which("mlir-opt-22")
    if mlir_opt is None:
        if os.environ.get("CI"):
            pytest.fail("mlir-opt-22 is missing in CI (apt-get install mlir-22-tools)")
        pytest.skip("mlir-opt-22 is not installed (apt-get install mlir-22-tools)")
    directory = dump_training(tmp_path, "FAST_RUN")
    loop_level = sorted(directory.glob("*.mlir"))[-1]
    text = loop_level.read_text()
    assert "scf." in text and "memref." in text and " irtk." not in text and "linalg." not in text
    result = subprocess.run([mlir_opt, "--verify-each", str(loop_level)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lowered = subprocess.run(
        [mlir_opt, str(loop_level), "--convert-scf-to-cf", "--convert-to-llvm", "--reconcile-unrealized-casts"],
        capture_output=True, text=True,
    )
    assert lowered.returncode == 0, lowered.stderr
