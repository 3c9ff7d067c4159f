"""Moving the user's lines recompiles nothing, and failed checks still name the new lines.

The lowering cache key is the tensor IR without locations, and the C++ carries an op number instead of a
location in each failed check's message (`irtk/runtime/message_table.py`). So a script run again with two blank
lines at the top, in a fresh process sharing the cache, finds both its lowering and its kernel, adds no entry,
and a failing call still reports the lines as they now are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import needs_native

import irtk
from irtk import tensor

SCRIPT = """\
import irtk
from irtk import tensor

x, y = tensor.dvectors("x", "y")
i = tensor.lscalar("i")
product = x * y
picked = x[i]
f = irtk.function([x, y, i], [product.sum(), picked], mode="{mode}")
print("ok", f([1.0, 2.0], [3.0, 4.0], 1)[0])
try:
    f([1.0, 2.0], [1.0], 0)
except ValueError as e:
    print("mismatch:", e)
try:
    f([1.0, 2.0], [3.0, 4.0], 5)
except IndexError as e:
    print("index:", e)
"""
PRODUCT_LINE, PICK_LINE = 6, 7


def run_script(path: Path, cache: Path) -> list[str]:
    env = dict(os.environ, IRTK_CACHE_DIR=str(cache))
    env.pop("IRTK_DUMP", None)
    done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=300, cwd="/")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def cache_entries(cache: Path) -> tuple[set[str], set[str]]:
    """The kernel cache's shared objects and the lowering cache's entries."""
    kernels = {p.name for p in cache.glob("*.so")}
    lowered = {p.name for p in (cache / "lowered").glob("*.cpp")} if (cache / "lowered").is_dir() else set()
    return kernels, lowered


def expected_output(path: Path, shift: int) -> list[str]:
    return [
        "ok 11.0",
        f"mismatch: irtk.mul: size mismatch in dimension 0 of operand #1 (at {path}:{PRODUCT_LINE + shift})",
        f"index: irtk.subtensor: index is out of bounds for dimension 0 (at {path}:{PICK_LINE + shift})",
    ]


@needs_native
def test_blank_lines_above_a_graph_recompile_nothing(tmp_path: Path, isolated_cache: Path) -> None:
    first, second = tmp_path / "train.py", tmp_path / "train_moved.py"
    first.write_text(SCRIPT.format(mode="FAST_RUN"))
    second.write_text("\n\n" + SCRIPT.format(mode="FAST_RUN"))

    assert run_script(first, isolated_cache) == expected_output(first, 0)
    kernels, lowered = cache_entries(isolated_cache)
    assert len(kernels) == 2 and len(lowered) == 1  # the kernel at -O0 and optimized (tiered compiles), one source

    assert run_script(second, isolated_cache) == expected_output(second, 2)
    assert cache_entries(isolated_cache) == (kernels, lowered)  # no new kernel, no new lowering


@needs_native
def test_compiled_code_holds_no_location(isolated_cache: Path) -> None:
    x, y = tensor.dvectors("x", "y")
    f = irtk.function([x, y], (x * y).sum(), mode="FAST_RUN")
    with pytest.raises(ValueError, match=r"irtk.mul: size mismatch in dimension 0 of operand #1 \(at .*test_location_free_kernels.py:\d+\)$"):
        f([1.0, 2.0], [1.0])
    sources = list(isolated_cache.glob("*.cpp")) + list((isolated_cache / "lowered").glob("*.cpp"))
    assert len(sources) == 2
    for source in sources:
        text = source.read_text()
        assert "irtk.mul: size mismatch in dimension 0 of operand #1 [irtk.op." in text
        assert "test_location_free_kernels" not in text and "(at " not in text


def test_the_evaluator_reports_the_moved_lines(tmp_path: Path, isolated_cache: Path) -> None:
    """FAST_COMPILE keeps the located messages in its IR, and nothing cached: the new lines, as in FAST_RUN."""
    moved = tmp_path / "train_moved.py"
    moved.write_text("\n\n" + SCRIPT.format(mode="FAST_COMPILE"))
    assert run_script(moved, isolated_cache) == expected_output(moved, 2)


def test_the_table_puts_each_number_s_location_back() -> None:
    from xdsl.dialects.builtin import FileLineColLoc, IntAttr, StringAttr, UnknownLoc

    from irtk.runtime.failures import IndexOutOfBounds, check_failure

    table = [UnknownLoc(), FileLineColLoc(StringAttr("train.py"), IntAttr(12), IntAttr(5))]
    assert str(check_failure("irtk.mul: size mismatch [irtk.op.1]", table)) == "irtk.mul: size mismatch (at train.py:12)"
    assert str(check_failure("irtk.mul: size mismatch [irtk.op.0]", table)) == "irtk.mul: size mismatch"
    failure = check_failure("irtk.subtensor: index is out of bounds for dimension 0 [irtk.op.1]", table)
    assert isinstance(failure, IndexOutOfBounds) and str(failure).endswith("(at train.py:12)")
    assert str(check_failure("integer division by zero", table)) == "integer division by zero"
