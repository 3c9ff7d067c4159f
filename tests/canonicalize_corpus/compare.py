"""irtk-opt's `canonicalize` against `mlir-opt-22 --canonicalize` on the corpus in this folder.

    python tests/canonicalize_corpus/compare.py        # one row per dialect file, and the total

The corpus is irtk's own: one file per dialect (`arith.mlir`, `math.mlir`, ...), cases separated by `// -----`,
each written after a kind of case that MLIR's own canonicalize tests exercise (constant folds, identities,
redundant casts, dead or trivial regions, branch folds). Both tools canonicalize every file with
`--split-input-file --allow-unregistered-dialect` (unregistered ops such as `"test.use"(%x)` keep values alive,
as in MLIR's tests). The ops each leaves are counted by parsing its output with irtk's own parser, so every
mlir-opt output is also a read-back test. `tests/test_canonicalize_corpus.py` holds the claims: irtk-opt always
finishes, leaves at most 5 % more ops than mlir-opt over the corpus, its outputs pass `mlir-opt-22 --verify-each`,
and it reads back, in custom and generic form, what it prints and what mlir-opt prints.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
SEPARATOR = "// -----"
TIMEOUT_S = 120


def corpus_files() -> list[Path]:
    """The corpus, one file per dialect."""
    return sorted(CORPUS.glob("*.mlir"))


def mlir_opt() -> str | None:
    """The MLIR 22 `mlir-opt`, or None when it is not installed."""
    return shutil.which("mlir-opt-22") or shutil.which("mlir-opt", path="/usr/lib/llvm-22/bin")


def run_tool(command: list[str], text: str) -> str:
    """`command`'s output on `text`; a failure (non-zero exit or no end within TIMEOUT_S) raises with its stderr."""
    done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def irtk_opt(*flags: str) -> list[str]:
    """The irtk-opt command of this Python environment, with `flags`."""
    return [sys.executable, "-m", "irtk.tools.irtk_opt", "--split-input-file", "--allow-unregistered-dialect", *flags, "-"]


def mlir_opt_command(*flags: str) -> list[str]:
    return [mlir_opt() or "mlir-opt-22", "--split-input-file", "--allow-unregistered-dialect", *flags, "-"]


def split_cases(text: str) -> list[str]:
    """The cases of a `--split-input-file` input or output."""
    return [case for case in text.split(SEPARATOR) if case.strip()]


def count_ops(case: str) -> int:
    """The ops of one printed case, not counting the module around it; parsing is irtk's own."""
    from xdsl.parser import Parser

    from irtk import registry

    module = Parser(registry.make_context(allow_unregistered=True), case).parse_module()
    return sum(1 for _ in module.walk()) - 1


@dataclass
class FileResult:
    """Ops left per case by each tool for one corpus file."""

    name: str
    irtk: list[int]
    mlir: list[int]

    @property
    def ratio(self) -> float:
        return sum(self.irtk) / max(1, sum(self.mlir))


def compare(path: Path) -> FileResult:
    """Canonicalize `path` with both tools and count what each leaves, case by case."""
    text = path.read_text()
    ours = split_cases(run_tool(irtk_opt("-p", "canonicalize"), text))
    theirs = split_cases(run_tool(mlir_opt_command("--canonicalize"), text))
    if len(ours) != len(theirs):
        raise RuntimeError(f"{path.name}: irtk-opt printed {len(ours)} cases, mlir-opt {len(theirs)}")
    return FileResult(path.stem, [count_ops(c) for c in ours], [count_ops(c) for c in theirs])


def table(results: list[FileResult]) -> str:
    """A Markdown table: ops before, and after each tool's canonicalize, per dialect file and in total."""
    lines = ["| corpus file | cases | ops after irtk-opt | ops after mlir-opt-22 | irtk / mlir |", "|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.name} | {len(r.irtk)} | {sum(r.irtk)} | {sum(r.mlir)} | {r.ratio:.3f} |")
    total_irtk = sum(sum(r.irtk) for r in results)
    total_mlir = sum(sum(r.mlir) for r in results)
    cases = sum(len(r.irtk) for r in results)
    lines.append(f"| total | {cases} | {total_irtk} | {total_mlir} | {total_irtk / max(1, total_mlir):.3f} |")
    return "\n".join(lines)


def main() -> None:
    if mlir_opt() is None:
        sys.exit("mlir-opt-22 is not installed (apt-get install mlir-22-tools)")
    print(table([compare(path) for path in corpus_files()]))


if __name__ == "__main__":
    main()
