"""benchmarks/workloads.py runs end to end: every workload row is printed and every irtk result agrees with numpy.

Only the table's shape and the correctness checks it reports are tested, never a time: timings belong to the
benchmark's own output. `--quick` uses tiny sizes, and the peers are left out (`--peers none`): PyTensor's first
compile on a machine fills its cache for minutes, and the peers' own runs are the benchmark's business.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import needs_native

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "workloads.py"

ROWS = ("W1 ", "W2 ", "W3a ", "W3b ", "W4 `dot` 64² float64", "W4 `dot` 128² float32", "W5 logistic", "W6 MLP",
        "W5 compile", "W6 compile", "W7 compile, chain of N = 5 ", "W7 compile, chain of N = 10 ",
        "W7 compile, chain of N = 20 ", "W7 run, N = 20")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=900)


@needs_native
def test_quick_table_has_every_workload_and_irtk_agrees_with_numpy(tmp_path) -> None:
    markdown = tmp_path / "table.md"
    done = run("--quick", "--peers", "none", "--markdown", str(markdown))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Machine: ") and "\nVersions: Python " in done.stdout
    header, _, *lines = [line for line in done.stdout.splitlines() if line.startswith("|")]
    columns = [c.strip() for c in header.strip("|").split("|")]
    assert columns == ["workload", "irtk FAST_RUN", "numpy", "PyTensor (C)", "JAX (CPU, jit)", "irtk compile",
                       "irtk check"]
    rows = {cells[0]: cells for cells in ([c.strip() for c in line.strip("|").split("|")] for line in lines)}
    for prefix in ROWS:
        matching = [name for name in rows if name.startswith(prefix)]
        assert len(matching) == 1, (prefix, list(rows))
        cells = rows[matching[0]]
        assert not cells[1].startswith(("failed", ">")), cells
        assert cells[3] in ("not run", "not installed") and cells[4] in ("not run", "not installed"), cells
        if "compile" not in prefix:
            assert cells[6] == "ok", cells
    assert len(rows) == len(ROWS)
    assert markdown.read_text() == done.stdout


def test_unknown_workload_is_a_clear_error() -> None:
    done = run("--only", "W2,W9")
    assert done.returncode != 0
    assert "unknown workload(s) W9" in done.stderr
