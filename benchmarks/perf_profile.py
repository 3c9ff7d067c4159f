"""Where a workload's time goes: a `perf` profile of irtk's step, or a Python profile of its compile.

    python benchmarks/perf_profile.py W6              # the step, sampled by `perf record` for --seconds
    python benchmarks/perf_profile.py W6 --compile    # the empty-cache compile, under cProfile
    python benchmarks/perf_profile.py W2 --markdown   # the same, as a table for docs/performance.md

The step profile runs irtk's compiled step of the workload (benchmarks/workload_data.py's inputs, as in the
table) in a loop, attaches `perf record` once the first call has returned (so compiling and making the inputs
are not sampled), and prints the shares of the samples by shared object and symbol, with each
sample's object classified: the kernel's own loops (`irtk_fn_*` in the cached .so), the BLAS library, the kernel
of the operating system (page clearing: fresh result buffers), Python and numpy (the call path), OpenMP. It
needs `perf` (Debian's `linux-perf`) and permission to sample (`kernel.perf_event_paranoid` at most 2 for one's
own processes). The compile profile needs nothing: it runs the workload's `irtk.function(...)` with an empty
IRTK_CACHE_DIR and prints the functions with the most cumulative time, the C++ compiler's run among them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_step(key: str, seconds: float) -> None:
    """Build irtk's step of `key`, call it once, then call it for `seconds` (the part perf samples)."""
    import impl_irtk
    import workload_data

    step, _ = impl_irtk.build(key, workload_data.make_inputs(key, False))
    step()
    print("ready", flush=True)  # the profiler attaches now: compile and inputs stay out of the samples
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        step()


def classify(dso: str, symbol: str) -> str:
    """The part of the system a sample belongs to."""
    if "irtk_fn_" in symbol or (dso.endswith(".so") and len(Path(dso).stem) == 64):
        return "irtk kernel loops"
    if "blas" in dso.lower() or "gemm" in symbol.lower() or "gemv" in symbol.lower():
        return "BLAS"
    if dso.startswith("[kernel"):
        return "operating system (page faults, clearing pages)"
    if "gomp" in dso:
        return "OpenMP runtime"
    if "python" in dso or "numpy" in dso or "_native" in dso:
        return "Python, numpy and the call path"
    return "other"


def profile_step(key: str, seconds: float, markdown: bool) -> None:
    perf = shutil.which("perf")
    if perf is None:
        sys.exit("perf_profile.py: `perf` is not installed (Debian: apt-get install linux-perf)")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "perf.data"
        env = dict(os.environ, IRTK_CACHE_DIR=str(Path(tmp) / "cache"))
        child = subprocess.Popen([sys.executable, __file__, key, "--run-step", "--seconds", str(seconds + 3)],
                                 env=env, cwd=HERE, stdout=subprocess.PIPE, text=True)
        if child.stdout.readline().strip() != "ready":
            sys.exit(f"perf_profile.py: the step of {key} did not start")
        subprocess.run([perf, "record", "-q", "-F", "1999", "-p", str(child.pid), "-o", str(data), "--", "sleep",
                        str(seconds)], check=True)
        child.wait()
        report = subprocess.run([perf, "report", "-i", str(data), "--stdio", "--sort", "dso,sym", "--percent-limit",
                                 "0.3", "-q"], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in report.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0].endswith("%"):
            share, dso, symbol = float(parts[0][:-1]), parts[1], parts[2].split("] ", 1)[-1].strip()
            rows.append((share, dso, symbol))
    parts: dict[str, float] = {}
    for share, dso, symbol in rows:
        parts[classify(dso, symbol)] = parts.get(classify(dso, symbol), 0.0) + share
    print(f"{key}: samples of irtk's step over {seconds:g} s (perf record -F 1999), by part:")
    for name, share in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {share:5.1f} %  {name}")
    print("Symbols (at least 0.3 % of the samples):")
    if markdown:
        print("| share | object | symbol |\n|---|---|---|")
    for share, dso, symbol in rows[:15]:
        name = "kernel .so" if len(Path(dso).stem) == 64 else dso
        short = symbol if len(symbol) < 70 else symbol[:67] + "..."
        print(f"| {share:.1f} % | {name} | `{short}` |" if markdown else f"  {share:5.1f} %  {name:32s} {short}")


def profile_compile(key: str, markdown: bool) -> None:
    import impl_irtk
    import workload_data

    from timing import run_fresh, with_preambles

    data = workload_data.make_inputs(key, False)
    # A first compile in another process builds the precompiled preamble, which a machine builds once (timing.py).
    run_fresh(["-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); import impl_irtk, workload_data; "
                     f"impl_irtk.build({key!r}, workload_data.make_inputs({key!r}, False)); print('built')"])
    os.environ["IRTK_CACHE_DIR"] = with_preambles(tempfile.mkdtemp())
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    impl_irtk.build(key, data)
    profiler.disable()
    total = time.perf_counter() - start
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
    print(f"{key}: empty-cache compile, {total:.2f} s under cProfile; functions by cumulative time:")
    if markdown:
        print("| cumulative s | function |\n|---|---|")
    shown = 0
    for line in out.getvalue().splitlines():
        fields = line.split(None, 5)
        if len(fields) < 6 or not fields[3].replace(".", "", 1).isdigit():
            continue
        where = fields[5]
        if not any(part in where for part in ("irtk/", "subprocess.py", "xdsl/passes", "{method 'poll'", "wait")):
            continue
        where = where.split("site-packages/")[-1].split("/work/")[-1]
        print(f"| {float(fields[3]):.2f} | `{where}` |" if markdown else f"  {float(fields[3]):6.2f} s  {where}")
        shown += 1
        if shown == 25:
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", help='a key of benchmarks/workload_data.py: "W2", "W4 f32", "W6", ...')
    parser.add_argument("--compile", action="store_true", help="profile the empty-cache compile instead of the step")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long the step is sampled")
    parser.add_argument("--markdown", action="store_true", help="print the symbol table as markdown")
    parser.add_argument("--run-step", action="store_true", help=argparse.SUPPRESS)  # the process perf samples
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    if args.run_step:
        run_step(args.workload, args.seconds)
    elif args.compile:
        profile_compile(args.workload, args.markdown)
    else:
        profile_step(args.workload, args.seconds, args.markdown)


if __name__ == "__main__":
    main()
