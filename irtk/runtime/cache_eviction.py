"""What the cache directory holds, and keeping it under its size limit by evicting least recently used entries.

Why a limit: every distinct kernel adds an entry (a few tens of kilobytes to a few megabytes) and nothing
else ever removes one, so a long-lived machine that compiles generated programs would fill its disk. The
`cache_max_size` flag (default 1 GiB, 0 for none) bounds the directory: after each compile, when the total
size of the entries exceeds it, entries are removed, least recently used first, until it does not. "Used"
is the time of the last hit, recorded by touching the entry's manifest (kernel entries) or the file itself
(lowering entries): one `utime` per hit, and independent of whether the file system keeps access times.

An entry that another process is compiling (its lock is held) is never evicted, nor the one just built.
Evicting an entry whose shared object a process has loaded is safe: the mapping outlives the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from irtk.runtime.cache_files import clear_the_way, try_lock, verbose_log
from irtk.runtime.precompiled_preamble import SUBDIRECTORY

_KERNEL_FILE = re.compile(r"([0-9a-f]{64})\.(so|cpp|json|lock|sha256)")
_LOWERED_FILE = re.compile(r"([0-9a-f]{64})\.cpp")
_PREAMBLE_FILE = re.compile(r"([0-9a-f]{64})\.(h|h\.gch|json|lock)")


@dataclass
class CacheEntry:
    """One entry: a compiled kernel (its .so, .cpp, manifest and lock), one lowered function's C++, or a
    precompiled preamble (its .h, .h.gch, manifest and lock: `precompiled_preamble.py`)."""

    kind: str  #: "kernel", "lowering" or "preamble"
    key: str
    paths: list[Path] = field(default_factory=list)
    size: int = 0  #: bytes, all its files together
    last_use: float = 0.0  #: seconds since the epoch

    @property
    def directory(self) -> Path:
        return self.paths[0].parent


@dataclass
class CacheContents:
    entries: list[CacheEntry]
    temporaries: list[Path]  #: files being written now, or left by a killed process
    other: list[Path]  #: anything the cache did not write

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)


def scan(directory: Path) -> CacheContents:
    """Everything in the cache `directory` (and its `lowered/` and `preamble/`), without reading a file. Never
    raises."""
    contents = CacheContents([], [], [])
    top_level = []  # the kernel entries' files, and anything else directly in the directory
    for path, info in _listing(directory):
        if path.name == "lowered" and stat.S_ISDIR(info.st_mode):
            for inner, inner_info in _listing(path):
                lowered = _LOWERED_FILE.fullmatch(inner.name)
                if lowered and stat.S_ISREG(inner_info.st_mode):
                    entry = CacheEntry("lowering", lowered.group(1), [inner], inner_info.st_size, inner_info.st_mtime)
                    contents.entries.append(entry)
                else:
                    _other(contents, inner)
        elif path.name == SUBDIRECTORY and stat.S_ISDIR(info.st_mode):
            _group(contents, "preamble", _PREAMBLE_FILE, _listing(path))
        else:
            top_level.append((path, info))
    _group(contents, "kernel", _KERNEL_FILE, top_level)
    return contents


def _group(contents: CacheContents, kind: str, pattern: re.Pattern, listing) -> None:
    """Add the entries of `kind` whose files `listing` holds (files named `<key>.<suffix>`, `pattern`'s groups)."""
    entries: dict[str, CacheEntry] = {}
    used: dict[str, dict[str, float]] = {}  # key -> suffix -> mtime
    for path, info in listing:
        match = pattern.fullmatch(path.name)
        if not match:
            _other(contents, path)
            continue
        entry = entries.setdefault(match.group(1), CacheEntry(kind, match.group(1)))
        entry.paths.append(path)
        entry.size += info.st_size if stat.S_ISREG(info.st_mode) else 0
        used.setdefault(entry.key, {})[match.group(2)] = info.st_mtime
    for key, entry in entries.items():
        times = used[key]  # a use touches the manifest; without one, the newest file says when it was made
        made = max((t for suffix, t in times.items() if suffix != "lock"), default=times.get("lock", 0.0))
        entry.last_use = times.get("json", made)
    contents.entries.extend(entries.values())


def _other(contents: CacheContents, path: Path) -> None:
    (contents.temporaries if path.name.startswith(".") and path.name.endswith(".tmp") else contents.other).append(path)


def _listing(directory: Path):
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        path = directory / name
        try:
            yield path, os.lstat(path)
        except OSError:
            continue


def remove_entry(entry: CacheEntry) -> bool:
    """Remove all files of `entry`; False (and nothing removed) when a process holds its lock now."""
    fd = None
    if entry.kind in ("kernel", "preamble"):
        lock = entry.directory / f"{entry.key}.lock"
        if os.path.lexists(lock):
            fd = try_lock(lock)
            if fd is None:
                return False
    try:
        for path in sorted(entry.paths, key=lambda p: p.suffix == ".lock"):  # the lock file last
            clear_the_way(path)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    except OSError as e:
        verbose_log(f"cannot remove cache entry {entry.key} ({e})")
        return False
    finally:
        if fd is not None:
            os.close(fd)
    return True


def enforce_size_limit(directory: Path, keep: str | None = None, limit: int | None = None) -> int:
    """Evict least recently used entries until the cache fits `limit` bytes (default: the `cache_max_size`
    flag; 0 means no limit). `keep` names an entry never to evict (the one just built). Returns the number
    of bytes removed. Never raises for a file it cannot remove."""
    if limit is None:
        from irtk.flags import number_flag

        limit = number_flag("cache_max_size")
    if not limit:
        return 0
    contents = scan(directory)
    excess = contents.size - limit
    if excess <= 0:
        return 0
    removed = 0
    for entry in sorted(contents.entries, key=lambda e: e.last_use):
        if removed >= excess:
            break
        if entry.key == keep and entry.kind == "kernel":
            continue
        if remove_entry(entry):
            removed += entry.size
            verbose_log(f"evicted {entry.kind} entry {entry.key} ({entry.size} bytes, cache over {limit} bytes)")
    return removed
