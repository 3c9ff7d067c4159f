"""The machine and software a benchmark table was measured with, as lines to print above the table.

Times only mean something next to the CPU they ran on and the versions of every implementation compared, so
the workload table carries them. Versions come from the installed distributions, without importing the peers
(importing JAX alone takes a second); a peer that is not installed reads "not installed".
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def compiler() -> str:
    """The first line of `--version` of the C++ compiler irtk compiles its kernels with."""
    from irtk.runtime.toolchain import compiler_version, find_compiler

    try:
        return compiler_version(find_compiler()).splitlines()[0]
    except Exception as error:  # noqa: BLE001 - a missing compiler is a line of the report, not a crash
        return f"unavailable ({error})"


def description() -> list[str]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"Machine: {cpu_model()}, {cores} cores available ({os.cpu_count()} online), "
        f"{platform.system()} {platform.machine()}; load average {os.getloadavg()[0]:.1f} at the start "
        "(other work on the machine slows every column)",
        f"Versions: Python {platform.python_version()}, numpy {version('numpy')}, irtk {version('irtk')}, "
        f"PyTensor {version('pytensor')}, JAX {version('jax')} (jaxlib {version('jaxlib')}), "
        f"C++ compiler: {compiler()}",
    ]
