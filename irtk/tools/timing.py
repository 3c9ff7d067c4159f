"""`--time-passes`: wall time per stage and per pass, printed to stderr in mlir-opt's `--mlir-timing` layout.

The timers form a tree that mirrors the pipeline: a nested pipeline (`func.func(cse)`) is one line, named
`'func.func' Pipeline`, with its passes indented under it, their times summed over every op it ran on. Each
pass of the pipeline has its own line, so a pass that runs twice shows twice. With `--split-input-file` the
times of all pieces add up. `Rest` is what no timer covered (start-up, reading the input).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

RULE = "===" + "-" * 73 + "==="


@dataclass
class Timer:
    name: str
    seconds: float = 0.0
    children: dict[object, Timer] = field(default_factory=dict)

    def child(self, key: object, name: str) -> Timer:
        """The sub-timer for `key` (created on first use, shown in first-use order)."""
        if key not in self.children:
            self.children[key] = Timer(name)
        return self.children[key]

    @contextmanager
    def measure(self):
        start = time.perf_counter()
        try:
            yield self
        finally:
            self.seconds += time.perf_counter() - start


def report(root: Timer, total: float) -> str:
    """The timing report for the top-level timers in `root`, out of `total` seconds of wall time."""
    total = max(total, sum(t.seconds for t in root.children.values()), 1e-9)
    lines = [
        RULE,
        "                         ... Execution time report ...",
        RULE,
        f"  Total Execution Time: {total:.4f} seconds",
        "",
        "  ----Wall Time----  ----Name----",
    ]

    def row(seconds: float, name: str, depth: int) -> None:
        lines.append(f"  {seconds:8.4f} ({100 * seconds / total:5.1f}%)  {'  ' * depth}{name}")

    def walk(timer: Timer, depth: int) -> None:
        for child in timer.children.values():
            row(child.seconds, child.name, depth)
            walk(child, depth + 1)

    walk(root, 0)
    row(max(0.0, total - sum(t.seconds for t in root.children.values())), "Rest", 0)
    row(total, "Total", 0)
    return "\n".join(lines) + "\n"
