"""The kernels' common preamble, compiled once per toolchain as a GCC precompiled header.

Why: every kernel source starts with the same few hundred lines (irtk_abi.h, the standard headers, the runtime,
the scalar helpers). Parsing them is most of the C++ compiler's time on a small kernel: 0.15 of 0.35 s here for
a ten-op chain, most of it `<cmath>` and `<complex>`. GCC can load a parsed header from a precompiled header
(`.gch`) in a few milliseconds.

How the source stays self-contained: `emit-cpp` wraps the preamble in an include guard named after its digest
(`guard`). A compile passes `-include <cache>/preamble/<key>.h`, a header holding that same guarded block, next to
which GCC finds `<key>.h.gch`: the guard is then defined before the source's first line, and the preprocessor skips
the source's own copy. The kernel's cache key, its stored source, the lines a compiler error points at and the
source an export builds are all as they were; without the header (another compiler, the flag
`precompiled_preamble=off`, a build of the header that failed) the source compiles on its own. The bits never
depend on it: the compiler parses the same text either way, with the same flags.

An entry is four files in `<cache>/preamble/`, named by a key over irtk's version, the toolchain's identity (its
flags included: GCC refuses a `.gch` built with other code-generation flags) and the block's text: `<key>.h`,
`<key>.h.gch`, the manifest `<key>.json` (the sha256 of both, checked once per process before first use) and
`<key>.lock` (one process builds an entry, the others wait for it). Files are written as the kernel cache writes
its own (`cache_files.write_atomically`, `os.replace`), so a reader sees a whole file or none, and the entries are
evicted with the kernels (`cache_eviction`). Whatever goes wrong with the header, the kernel compiles without it:
a compile that fails with the header is run once more without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shlex
import subprocess
import time
from pathlib import Path

from irtk.runtime import cache_files
from irtk.runtime.cache_files import CacheDirectoryError, ensure_directory, read_regular, temporary_name, verbose_log, write_atomically
from irtk.runtime.toolchain import CompileError, Toolchain, ToolchainError, compile_timeout, run_with_timeout

__all__ = ["SUBDIRECTORY", "compile_with_preamble", "guard", "guarded_block", "include_flags", "verify_preamble"]

#: The folder of the cache directory that holds the entries.
SUBDIRECTORY = "preamble"
#: With a `cache_max_size` below this, kernels compile without a precompiled header (`_cache_too_small`).
SMALLEST_CACHE = 256 << 20
#: Bumped when the layout of an entry changes.
PREAMBLE_FORMAT = 1

_GUARD_PREFIX = "IRTK_PREAMBLE_"
_BLOCK = re.compile(r"#ifndef (IRTK_PREAMBLE_[0-9a-f]{16})\n.*?\n#endif  /\* \1 \*/\n", re.DOTALL)

#: The manifests this process has checked: header path -> (size, mtime) of the .gch it vouched for.
_VERIFIED: dict[Path, tuple[int, int]] = {}


def guard(text: str) -> str:
    """`text` (the preamble) inside an include guard named after its digest, as `emit-cpp` writes it."""
    name = _GUARD_PREFIX + hashlib.sha256(text.encode()).hexdigest()[:16]
    return f"#ifndef {name}\n#define {name}\n{text.rstrip(chr(10))}\n#endif  /* {name} */\n"


def guarded_block(source: str) -> str | None:
    """The guarded preamble `source` starts with, or None when it starts with something else."""
    match = _BLOCK.match(source)
    return match.group(0) if match else None


def include_flags(source: str, toolchain: Toolchain, directory: Path) -> tuple[str, ...]:
    """The compiler arguments that make the compile of `source` read its preamble from a precompiled header
    (built now if this cache has none yet): `("-include", header)`, or () where there is nothing to gain or the
    header cannot be had. Never raises for a header that cannot be built; the kernel then compiles without it."""
    from irtk.flags import config

    block = guarded_block(source)
    if block is None or config.precompiled_preamble == "off" or not _is_gcc(toolchain) or _cache_too_small():
        return ()
    from irtk.runtime.cache import irtk_version, key_of

    key = key_of(f"{irtk_version()} preamble {PREAMBLE_FORMAT}", toolchain.identity, block)
    header = directory / SUBDIRECTORY / f"{key}.h"
    try:
        if _usable(header, block) or _build(header, block, toolchain):
            return ("-include", os.fspath(header))
    except (OSError, CacheDirectoryError, ToolchainError, subprocess.TimeoutExpired) as e:
        verbose_log(f"precompiled preamble {header} not used: {e}")
    return ()


def verify_preamble(header: Path) -> str | None:
    """None when the entry of `header` is what its manifest says, else what is wrong ("missing" when it has no
    manifest and no .gch). Never raises."""
    gch, manifest_path = _gch(header), header.with_suffix(".json")
    try:
        manifest = json.loads(read_regular(manifest_path, 1 << 20))
    except FileNotFoundError:
        return "missing" if not os.path.lexists(gch) else "no manifest"
    except (OSError, ValueError) as e:
        return f"unreadable manifest ({e})"
    try:
        if manifest.get("format") != PREAMBLE_FORMAT or manifest.get("key") != header.stem:
            return "manifest of another format or entry"
        if hashlib.sha256(read_regular(header)).hexdigest() != manifest["header_sha256"]:
            return "header does not match its manifest"
        if hashlib.sha256(read_regular(gch)).hexdigest() != manifest["gch_sha256"]:
            return "precompiled header does not match its manifest"
    except (OSError, KeyError, TypeError) as e:
        return f"unreadable or incomplete ({type(e).__name__}: {e})"
    return None


def _is_gcc(toolchain: Toolchain) -> bool:
    """Whether the compiler is GCC (its `--version` names the FSF, whatever the driver is called: `c++`, `g++-12`),
    whose `.gch` lookup next to an `-include`d header this relies on; clang reads precompiled headers another way."""
    return "Free Software Foundation" in toolchain.version and "clang" not in toolchain.version


def _cache_too_small() -> bool:
    """Whether the `cache_max_size` flag leaves too little room: a precompiled header takes about 20 MB, and one
    evicted after every few kernels would cost more compiles than it saves."""
    from irtk.flags import number_flag

    limit = number_flag("cache_max_size")
    return bool(limit) and limit < SMALLEST_CACHE


def _gch(header: Path) -> Path:
    return header.with_name(header.name + ".gch")


def _usable(header: Path, block: str) -> bool:
    """Whether a valid entry for `block` is there, checking it (its header is `block`, and both files match the
    manifest's digests) only the first time this process sees it."""
    try:
        info = os.stat(_gch(header))
    except FileNotFoundError:
        return False
    seen = (info.st_size, info.st_mtime_ns)
    if _VERIFIED.get(header) == seen:
        with contextlib.suppress(OSError):
            os.utime(header.with_suffix(".json"))  # its last use, for eviction
        return True
    problem = verify_preamble(header)
    if problem is None and read_regular(header) != block.encode():
        problem = "header is not the preamble its key names"
    if problem is None:
        _VERIFIED[header] = seen
        return True
    verbose_log(f"precompiled preamble {header} is not usable: {problem}")
    return False


def _build(header: Path, block: str, toolchain: Toolchain) -> bool:
    """Build the entry of `header` under its lock (unless another process built it meanwhile). False when the
    compiler fails on it (the kernel's own compile then reports what is wrong)."""
    ensure_directory(header.parent)
    lock = header.with_suffix(".lock")
    from irtk.flags import number_flag

    with cache_files.exclusive_lock(lock, number_flag("cache_lock_timeout")):
        if _usable(header, block):
            return True
        with contextlib.suppress(FileNotFoundError):
            header.with_suffix(".json").unlink()  # no moment where an old manifest vouches for new files
        data = block.encode()
        write_atomically(header, data)
        gch = _gch(header)
        tmp = temporary_name(gch)
        flags = [flag for flag in toolchain.flags if flag != "-shared"]
        command = [*toolchain.command, *flags, "-x", "c++-header", "-o", os.fspath(tmp), os.fspath(header)]
        start = time.perf_counter()
        try:
            returncode, _, stderr = run_with_timeout(command, compile_timeout())
            if returncode != 0:
                verbose_log(f"cannot precompile the preamble ({shlex.join(command)}):\n{stderr.rstrip()}")
                return False
            os.chmod(tmp, 0o600)
            digest = hashlib.sha256(read_regular(tmp)).hexdigest()
            os.replace(tmp, gch)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        manifest = {
            "format": PREAMBLE_FORMAT,
            "key": header.stem,
            "header_sha256": hashlib.sha256(data).hexdigest(),
            "gch_sha256": digest,
        }
        write_atomically(header.with_suffix(".json"), json.dumps(manifest, indent=1).encode())
        verbose_log(f"precompiled the preamble {gch} in {(time.perf_counter() - start) * 1e3:.0f} ms")
        _VERIFIED.pop(header, None)
        return _usable(header, block)


def compile_with_preamble(toolchain: Toolchain, source: str, source_path: Path, output_path: Path, directory: Path) -> None:
    """Compile `source` (stored at `source_path`) into `output_path`, through its precompiled preamble where there
    is one. A compile that fails with the header (an entry evicted or replaced under it) is run once more without
    it, so that the header can cost time but never a kernel."""
    extra = include_flags(source, toolchain, directory)
    try:
        toolchain.compile(source_path, output_path, extra)
    except CompileError:
        if not extra:
            raise
        verbose_log(f"compile of {source_path} failed with the precompiled preamble; compiling it without")
        toolchain.compile(source_path, output_path)
