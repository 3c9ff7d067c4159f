"""Workloads W1–W7: irtk FAST_RUN against numpy, PyTensor (C backend) and JAX (CPU), in one Markdown table.

    python benchmarks/workloads.py [--quick] [--only W2,W4] [--peers pytensor,jax|none] [--markdown FILE]

Every cell is measured in a fresh process with an empty IRTK_CACHE_DIR (benchmarks/cell.py; W7's irtk cells by
benchmarks/compile_chain.py), so each irtk compile time is an empty-cache compile, reported apart from the run
time. Run times are medians of repeated calls (a call of a second or more is timed once). Each irtk result, and
each peer's, is checked in its process against numpy in float64 on the same inputs. numpy is timed in the irtk
cell's process, on the same inputs; the peers' times are followed by their ratio to irtk's time in this run
(above 1: irtk is faster). A peer that is not installed is reported as such (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import compile_chain
import machine
import workload_data
from timing import FreshProcessError, build_preambles, run_fresh

CELL = str(Path(__file__).with_name("cell.py"))
PEERS = ("pytensor", "jax")
COLUMNS = ("irtk FAST_RUN", "numpy", "PyTensor (C)", "JAX (CPU, jit)", "irtk compile", "irtk check")
#: The workloads timed by benchmarks/cell.py, in table order; W5/W6 also give the "compile" rows.
RUN_KEYS = ("W1", "W2", "W3a", "W3b", "W4 f64", "W4 f32", "W5", "W6")
WORKLOADS = ("W1", "W2", "W3a", "W3b", "W4", "W5", "W6", "W7")


def label(key: str, size) -> str:
    if key == "W1":
        return "W1 scalar `a+b`, one call on two Python floats"
    if key == "W2":
        return f"W2 `exp(x)*y + tanh(z)*0.5 - x*x`, {size:,} float64"
    if key == "W3a":
        return f"W3a `sum(x*w)`, {size:,} float64"
    if key == "W3b":
        return f"W3b row softmax, {size[0]}×{size[1]} float64"
    if key.startswith("W4"):
        return f"W4 `dot` {size}² {'float64' if key.endswith('f64') else 'float32'}"
    if key == "W5":
        return f"W5 logistic regression SGD step, X {size[0]:,}×{size[1]}"
    if key == "W6":
        return f"W6 MLP {size[1]}-{size[2]}-{size[3]} tanh, softmax CE, SGD step, batch {size[0]}"
    raise ValueError(key)


def seconds(value: float) -> str:
    if value >= 1.0:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3g} ms"
    return f"{value * 1e6:.3g} µs"


def check(result: dict) -> str:
    error, tolerance = result["error"], result["tolerance"]
    return "ok" if error <= tolerance else f"max error {error:.2g}"


def ratio_cell(value: float, irtk_seconds: float | None) -> str:
    """A time and, in parentheses, its ratio to irtk's time (above 1: irtk is faster)."""
    if not irtk_seconds:
        return seconds(value)
    ratio = value / irtk_seconds
    text = f"{ratio:.0f}" if ratio >= 100 else f"{ratio:.2f}" if ratio >= 0.1 else f"{ratio:.2g}"
    return f"{seconds(value)} ({text}×)"


def peer_cell(result, irtk_seconds: float | None, field: str = "time") -> str:
    """A peer's time, its ratio to irtk's, and a warning when its own results disagree with the reference."""
    if isinstance(result, str):
        return result
    value = result[field] if field != "to_first" else result["compile"] + result["first"]
    text = ratio_cell(value, irtk_seconds)
    if check(result) != "ok":
        text += f" — {check(result)} against numpy"
    return text


class Bench:
    """Runs the cells of one table and keeps their results (a dict, or a string saying why there is none)."""

    def __init__(self, quick: bool, peers: list[str], budget: float, timeout: float):
        self.quick, self.budget, self.timeout = quick, budget, timeout
        self.peers = {p: (p in peers and importlib.util.find_spec(p) is not None) for p in PEERS}
        self.missing = {p: "not installed" if importlib.util.find_spec(p) is None else "not run" for p in PEERS}

    def fresh(self, what: str, run) -> dict | str:
        start = time.perf_counter()
        try:
            result = run()
        except FreshProcessError as error:
            timed_out = "timed out" in str(error)
            result = f"> {self.timeout:g} s (timed out)" if timed_out else f"failed: {error}"[:120].replace("|", "/")
        print(f"  {what}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
        return result

    def cell(self, impl: str, key: str, budget: float | None = None) -> dict | str:
        args = [CELL, impl, key, "--budget", str(self.budget if budget is None else budget)]
        args += ["--quick"] if self.quick else []
        return self.fresh(f"{key} {impl}", lambda: json.loads(run_fresh(args, timeout=self.timeout)))

    def peer(self, impl: str, key: str, budget: float | None = None) -> dict | str:
        return self.cell(impl, key, budget) if self.peers[impl] else self.missing[impl]

    def run_rows(self, key: str) -> list[list[str]]:
        """The row of a workload timed by cell.py, and for W5/W6 the row of its compile to first result."""
        irtk = self.cell("irtk", key)
        peers = [self.peer(p, key) for p in PEERS]
        title = label(key, workload_data.sizes(self.quick).get(key))
        failed = isinstance(irtk, str)
        if failed:
            rows = [[title, irtk, "—", *(peer_cell(p, None) for p in peers), "—", "—"]]
        else:
            rows = [[title, seconds(irtk["time"]), ratio_cell(irtk["numpy"], irtk["time"]),
                     *(peer_cell(p, irtk["time"]) for p in peers), f"{irtk['compile']:.2f} s", check(irtk)]]
        if key in ("W5", "W6"):
            to_first = None if failed else irtk["compile"] + irtk["first"]
            rows.append([f"{key} compile: the graph with grad to first result, empty cache, fresh process",
                         irtk if failed else seconds(to_first), "—",
                         *(peer_cell(p, to_first, "to_first") for p in peers), "—", "—"])
        return rows

    def chain_rows(self) -> list[list[str]]:
        """W7: compile of an N-op elementwise chain (benchmarks/compile_chain.py), and its run at the largest N."""
        sizes = workload_data.sizes(self.quick)["W7"]
        rows, last = [], sizes[-1]
        for n in sizes:
            irtk = self.fresh(f"W7 N={n} irtk", lambda n=n: compile_chain.run_child(n, "FAST_RUN", n == last,
                                                                                     self.timeout))
            peers = [self.peer(p, f"W7:{n}", None if n == last else 0.0) for p in PEERS]
            base = None if isinstance(irtk, str) else irtk["compile"]
            rows.append([f"W7 compile, chain of N = {n} elementwise ops, empty cache",
                         irtk if base is None else seconds(base), "—",
                         *(peer_cell(p, base, "compile") for p in peers), "—", "—"])
        elements = f"{workload_data.CHAIN_ELEMENTS:,}"
        if isinstance(irtk, str):
            rows.append([f"W7 run, N = {last}, {elements} float64", irtk, "—",
                         *(peer_cell(p, None) for p in peers), "—", "—"])
        else:
            ok = "ok" if irtk["max_error"] <= workload_data.tolerance("W7") else f"max error {irtk['max_error']:.2g}"
            rows.append([f"W7 run, N = {last}, {elements} float64", seconds(irtk["call"]),
                         ratio_cell(irtk["numpy"], irtk["call"]),
                         *(peer_cell(p, irtk["call"]) for p in peers), "—", ok])
        return rows


def table(rows: list[list[str]]) -> str:
    lines = ["| workload | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def selected(only: str | None) -> list[str]:
    if not only:
        return list(WORKLOADS)
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    unknown = [w for w in wanted if not any(name.startswith(w) for name in WORKLOADS)]
    if unknown:
        raise SystemExit(f"--only: unknown workload(s) {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}")
    return [name for name in WORKLOADS if any(name.startswith(w) for w in wanted)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short timings: a smoke test")
    parser.add_argument("--only", help="comma-separated workloads, e.g. W2,W4 (W3 selects W3a and W3b)")
    parser.add_argument("--peers", default=",".join(PEERS), help="peers to measure: pytensor,jax (default) or none")
    parser.add_argument("--markdown", type=Path, help="also write the table (with machine and versions) here")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per measuring process")
    args = parser.parse_args()
    peers = [] if args.peers == "none" else [p.strip() for p in args.peers.split(",") if p.strip()]
    if set(peers) - set(PEERS):
        raise SystemExit(f"--peers: choose from {', '.join(PEERS)} or none, got {args.peers!r}")
    workloads = selected(args.only)

    bench = Bench(args.quick, peers, budget=0.1 if args.quick else 1.0,
                  timeout=args.timeout or (120.0 if args.quick else 60.0))
    header = machine.description()  # before the run: the load average is the other work's, not ours
    start = time.perf_counter()
    build_preambles()
    rows = []
    for key in RUN_KEYS:
        if key.split()[0] in workloads:
            rows += bench.run_rows(key)
    if "W7" in workloads:
        rows += bench.chain_rows()
    # The compile rows of W5/W6 go after the run rows, next to W7's compile rows.
    rows.sort(key=lambda row: row[0].startswith(("W5 compile", "W6 compile", "W7")))
    print(f"  total: {time.perf_counter() - start:.0f} s", file=sys.stderr)

    text = "\n".join([*header, "", table(rows)])
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n")


if __name__ == "__main__":
    main()
