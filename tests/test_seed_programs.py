"""The seed programs (examples/) print exactly the guide's output, in FAST_RUN and in FAST_COMPILE."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

EXPECTED = {
    "scalar_addition.py": "4.0\n9.0\n",
    "matrix_product.py": "[[11.  0.]\n [35. 20.]]\n",
    "shared_variables.py": "Original:  [0.1  0.25 0.15 0.3 ]\nAfter modifications: [0.5 0.2 0.4 0.2]\n",
    "training.py": """Weights:  [0.1  0.25 0.15 0.3 ]
iteration:  0
Modified Weights:  [19.94 20.09 19.99 20.14]
Output:  0.8
iteration:  1
Modified Weights:  [23.908 24.058 23.958 24.108]
Output:  80.16000000000001
iteration:  2
Modified Weights:  [24.7016 24.8516 24.7516 24.9016]
Output:  96.03200000000001
iteration:  3
Modified Weights:  [24.86032 25.01032 24.91032 25.06032]
Output:  99.2064
iteration:  4
Modified Weights:  [24.892064 25.042064 24.942064 25.092064]
Output:  99.84128
iteration:  5
Modified Weights:  [24.8984128 25.0484128 24.9484128 25.0984128]
Output:  99.968256
iteration:  6
Modified Weights:  [24.89968256 25.04968256 24.94968256 25.09968256]
Output:  99.9936512
iteration:  7
Modified Weights:  [24.89993651 25.04993651 24.94993651 25.09993651]
Output:  99.99873024
iteration:  8
Modified Weights:  [24.8999873 25.0499873 24.9499873 25.0999873]
Output:  99.99974604799999
iteration:  9
Modified Weights:  [24.89999746 25.04999746 24.94999746 25.09999746]
Output:  99.99994920960002
""",
}


def run_example(name: str, mode: str, cache_dir: Path, *args: str, verbose: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, IRTK_FLAGS=f"mode={mode}", IRTK_CACHE_DIR=str(cache_dir))
    env.pop("IRTK_DUMP", None)
    if verbose:
        env["IRTK_VERBOSE"] = "1"
    return subprocess.run([sys.executable, str(EXAMPLES / name), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("mode", ["FAST_RUN", "FAST_COMPILE"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_program_prints_the_guides_output(name: str, mode: str, tmp_path: Path) -> None:
    result = run_example(name, mode, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED[name]


def test_fast_run_compiles_once_then_uses_the_cache_in_a_new_process(tmp_path: Path) -> None:
    cold = run_example("training.py", "FAST_RUN", tmp_path, verbose=True)
    assert cold.returncode == 0, cold.stderr
    assert "compiled" in cold.stderr and "cache hit" not in cold.stderr
    assert list(tmp_path.glob("*.so")), "the compiled kernel is in the cache"
    warm = run_example("training.py", "FAST_RUN", tmp_path, verbose=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout == EXPECTED["training.py"]
    assert "cache hit" in warm.stderr and "compiled" not in warm.stderr


def test_fast_compile_runs_no_compiler(tmp_path: Path) -> None:
    result = run_example("training.py", "FAST_COMPILE", tmp_path, verbose=True)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("*.so"))
    assert "compiled" not in result.stderr


def test_graph_pictures_are_png_files(tmp_path: Path) -> None:
    if subprocess.run(["which", "dot"], capture_output=True).returncode != 0 and not os.environ.get("CI"):
        pytest.skip("Graphviz `dot` is not installed (CI installs it)")
    result = run_example("graph_pictures.py", "FAST_COMPILE", tmp_path, str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("scalar_addition.png", "matrix_product.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
