"""The system C++ compiler that turns emitted kernel source into a shared object.

Why a module of its own: the compile cache must key every binary on *exactly* what produced it —
the compiler binary, its version, the flags and the CPU that `-march=native` resolves to — and the
compiler must be found, and fail, the same way everywhere. This module owns those facts; the cache
(`irtk.runtime.cache`) only asks for them.

Floating point: the flags forbid value-changing optimisations. `-ffp-contract=off` stops `a*b+c`
from becoming one fused multiply-add, `-fno-fast-math` (and never `-ffast-math`) stops
reassociation, so a kernel computes bit for bit what a plain left-to-right evaluation of its IR
computes, and what numpy computes for the same order of operations. Not `-fno-math-errno`
either: it lets the compiler treat C library functions as pure and evaluate them at compile time (with MPFR,
correctly rounded) where it can tell the few values an argument takes, which gave `coshf(2.0f)` one bit away from
the C library's value that FAST_COMPILE computes (`tests/differential/test_regressions.py`). `-fopenmp` runs
parallel loops on threads, which never changes a result (`irtk/codegen/threads.py`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import shlex
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Flags for every kernel. No -ffast-math, ever: see the module docstring.
CXX_FLAGS: tuple[str, ...] = (
    "-O3",
    "-std=c++17",
    "-shared",
    "-fPIC",
    "-march=native",
    "-ffp-contract=off",
    "-fno-fast-math",
    "-fopenmp",
)

#: Flags the `cxxflags` flag may not add: each lets the compiler change floating-point results (reassociate,
#: contract into fused multiply-adds, assume no NaN, infinity or signed zero, approximate division, or treat C
#: library functions as pure and fold them with other rounding; see the module docstring).
VALUE_CHANGING_FLAGS: tuple[str, ...] = (
    "-Ofast", "-ffast-math", "-funsafe-math-optimizations", "-fassociative-math", "-freciprocal-math",
    "-ffinite-math-only", "-fno-signed-zeros", "-fno-trapping-math", "-fcx-limited-range", "-fcx-fortran-rules",
    "-fno-math-errno", "-ffp-contract=fast", "-ffp-contract=on", "-fexcess-precision=fast", "-mrecip",
    "-fapprox-func",
)
#: Flag families refused whatever their value: `-mrecip=...` approximates division; clang's `-ffp-model=...`
#: turns on contraction (`precise`) or fast math (`fast`).
VALUE_CHANGING_PREFIXES: tuple[str, ...] = ("-mrecip=", "-ffp-model=")


def extra_compiler_flags(text: str) -> tuple[str, ...]:
    """The flags the `cxxflags` flag's `text` adds after irtk's own (split like a shell word list).

    Raises ValueError for text that does not split, and for a flag that would change floating-point results."""
    try:
        words = tuple(shlex.split(text))
    except ValueError as e:
        raise ValueError(f"cxxflags {text!r} is not a list of compiler flags: {e}") from None
    for word in words:
        if word in VALUE_CHANGING_FLAGS or word.startswith(VALUE_CHANGING_PREFIXES):
            raise ValueError(f"cxxflags: {word} is refused: it lets the compiler change floating-point results, "
                             "and FAST_RUN must compute what FAST_COMPILE computes, bit for bit (docs/numerical-policy.md)")
    return words


def configured_flags() -> tuple[str, ...]:
    """irtk's flags followed by the `cxxflags` flag's (the later of two `-O` levels wins)."""
    from irtk.flags import config

    return CXX_FLAGS + extra_compiler_flags(config.cxxflags)


#: Compilers tried, in order, when IRTK_CXX is not set.
DEFAULT_COMPILERS: tuple[str, ...] = ("c++", "g++")


class ToolchainError(RuntimeError):
    """No usable C++ compiler: the message says what to install or set."""


class CompileTimeout(ToolchainError, TimeoutError):
    """The compiler ran longer than the `compile_timeout` flag allows and was killed (with everything it
    started). Not a CompileError: the source may be fine, so the lowering cache keeps it."""


class CompileError(RuntimeError):
    """The compiler rejected a kernel source.

    `stderr` holds the compiler's diagnostics and `source_path` the kept source file they refer to,
    so the failing kernel can be inspected and recompiled by hand.
    """

    def __init__(self, command: list[str], returncode: int, stderr: str, source_path: Path):
        self.command = command
        self.returncode = returncode
        self.stderr = stderr
        self.source_path = source_path
        super().__init__(
            f"C++ compiler failed (exit status {returncode}) on {source_path}\n"
            f"command: {shlex.join(command)}\n{stderr.rstrip()}"
        )


@dataclass(frozen=True)
class Toolchain:
    """A compiler command (`IRTK_CXX` may hold a wrapper such as `ccache c++`), what it is, and
    the flags it is run with. `identity` covers everything about the toolchain and the machine
    that changes the binary; the cache key includes it."""

    command: tuple[str, ...]
    version: str
    flags: tuple[str, ...]
    host: str
    #: Linker arguments placed after the source file: the BLAS kernels may call (`blas_library.py`).
    libraries: tuple[str, ...] = ()

    @property
    def identity(self) -> str:
        return "\n".join((shlex.join(self.command), self.version, shlex.join(self.flags), self.host, shlex.join(self.libraries)))

    def compile(self, source_path: Path, output_path: Path, extra: tuple[str, ...] = ()) -> None:
        """Compile `source_path` into the shared object `output_path`; `extra` goes before the source (the
        `-include` of a precompiled preamble, `precompiled_preamble.py`), and changes no bit of the result.

        Raises CompileError with the compiler's stderr when it fails."""
        command = [*self.command, *self.flags, *extra, "-o", os.fspath(output_path), os.fspath(source_path), *self.libraries]
        timeout = compile_timeout()
        try:
            returncode, _, stderr = run_with_timeout(command, timeout)
        except subprocess.TimeoutExpired:
            raise CompileTimeout(
                f"C++ compiler did not finish within {timeout:g} s on {source_path} and was killed\n"
                f"command: {shlex.join(command)}\n"
                "if the kernel is just large, raise the limit: IRTK_FLAGS=compile_timeout=<seconds> (0: none)"
            ) from None
        if returncode != 0:
            raise CompileError(command, returncode, stderr, source_path)


def compile_timeout() -> float | None:
    """The `compile_timeout` flag in seconds, or None for no limit (0)."""
    from irtk.flags import number_flag

    return number_flag("compile_timeout") or None


def run_with_timeout(command: list[str], timeout: float | None) -> tuple[int, str, str]:
    """Run `command` to completion: (exit status, stdout, stderr). Past `timeout` seconds, kill it and
    everything it started (it runs in a session of its own: a wrapper such as `ccache` or a shell script
    leaves children that would otherwise keep running, and keep our pipes open) and raise TimeoutExpired.

    Raises ToolchainError when the command cannot be run (it vanished since it was found)."""
    try:
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
    except OSError as e:
        raise ToolchainError(f"cannot run C++ compiler {command[0]!r}: {e}") from e
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise
    except BaseException:  # KeyboardInterrupt: leave no compiler behind
        _kill_group(proc)
        raise
    return proc.returncode, stdout, stderr


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=10)  # reap it; the pipes close once the whole group is gone


def find_compiler() -> tuple[str, ...]:
    """The compiler command: `IRTK_CXX` if set (split like a shell word list, its first word
    resolved on PATH), else the first of `c++`, `g++` on PATH, as an absolute path."""
    configured = os.environ.get("IRTK_CXX", "").strip()
    if configured:
        words = shlex.split(configured)
        resolved = shutil.which(words[0])
        if resolved is None:
            raise ToolchainError(
                f"IRTK_CXX={configured!r}: {words[0]!r} is not an executable on PATH; "
                "set IRTK_CXX to a C++17 compiler (e.g. g++ or clang++) or unset it"
            )
        return (resolved, *words[1:])
    for name in DEFAULT_COMPILERS:
        resolved = shutil.which(name)
        if resolved is not None:
            return (resolved,)
    raise ToolchainError(
        "no C++ compiler found (tried "
        + ", ".join(DEFAULT_COMPILERS)
        + " on PATH): install a C++17 compiler, e.g. 'apt-get install g++' or 'apt-get install clang', "
        "or point IRTK_CXX at one"
    )


@functools.lru_cache(maxsize=None)
def compiler_version(command: tuple[str, ...]) -> str:
    """The compiler's `--version` output, run once per process and command.

    Two compilers at the same path but of different versions (an upgrade) must not share cached
    binaries, so the text itself, not just the path, enters the cache key."""
    timeout = compile_timeout()
    try:
        returncode, stdout, stderr = run_with_timeout([*command, "--version"], timeout)
    except subprocess.TimeoutExpired:
        raise CompileTimeout(
            f"{shlex.join(command)} --version did not finish within {timeout:g} s and was killed; "
            "check the compiler (IRTK_CXX) or raise IRTK_FLAGS=compile_timeout=<seconds>"
        ) from None
    if returncode != 0:
        raise ToolchainError(f"{shlex.join(command)} --version failed (exit status {returncode}): {stderr.strip()}")
    return stdout.strip()


@functools.lru_cache(maxsize=None)
def host_description() -> str:
    """What `-march=native` depends on: the machine and its CPU model and feature flags.

    A cache directory shared between machines (a network home) must not hand a binary built for
    one CPU's instruction set to another CPU."""
    parts = [platform.system(), platform.machine()]
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        parts.append(platform.processor())
    else:
        wanted = ("model name", "flags", "Features", "CPU implementer", "CPU part")
        seen: dict[str, str] = {}
        for line in cpuinfo.splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key in wanted and key not in seen:
                seen[key] = value.strip()
        parts.extend(f"{k}: {v}" for k, v in sorted(seen.items()))
    return "\n".join(parts)


def default_toolchain() -> Toolchain:
    """The toolchain for this process, re-resolved on each call (so a changed IRTK_CXX takes
    effect); the expensive `--version` probe is cached per command."""
    from irtk.runtime.blas_library import link_arguments

    command = find_compiler()
    return Toolchain(
        command=command, version=compiler_version(command), flags=configured_flags(), host=host_description(), libraries=link_arguments()
    )
