"""Helpers shared by the cache reliability tests: small kernels, bounded waits, compiler wrappers."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from irtk.runtime import abi_header, cache_dir, cache_key, default_toolchain


def scalar_kernel(constant: float, extra: str = "") -> str:
    """A kernel returning `x + constant`; a different constant is a different source. `extra` is more C++."""
    return abi_header() + r"""
#include <stdlib.h>
%s
extern "C" const char* irtk_signature(void) { return "f64[]->f64[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  double* out = (double*)malloc(sizeof(double));
  *out = *(const double*)args[0].data + %r;
  results[0].data = out;
  results[0].rank = 0;
  return 0;
}
""" % (extra, constant)


def fresh_constant() -> float:
    """A constant no earlier run has compiled, so the first build is a miss."""
    return float(int(secrets.token_hex(5), 16))


def entry_file(source: str, suffix: str) -> Path:
    return cache_dir() / f"{cache_key(source, default_toolchain())}{suffix}"


class Hangs(Exception):
    """Not an OSError (as TimeoutError is), so code that treats OSError as "unreadable" cannot swallow it."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the test run) when the body takes longer than `seconds`.

    The alarm is sent to this thread itself: a process-wide SIGALRM may be delivered to any thread (numpy's
    BLAS threads, say), and would then not interrupt a system call blocked here."""

    def expired(signum, frame):
        raise Hangs(f"took longer than {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    timer = threading.Timer(seconds, signal.pthread_kill, (threading.get_ident(), signal.SIGALRM))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        signal.signal(signal.SIGALRM, previous)


def compiler_wrapper(path: Path, before: str = "", after: str = "") -> str:
    """An executable shell script at `path` that runs `before`, the real compiler, then `after` (shell code;
    `$out` is the output file), for IRTK_CXX. `--version` goes straight to the compiler."""
    real = default_toolchain().command[0]
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then exec {real} "$@"; fi\n'
        'out=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done\n'
        f"{before}\n{real} \"$@\"\nrc=$?\n{after}\nexit $rc\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def kill_quietly(pid: int, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)
