"""The on-disk compile cache: one shared object per distinct kernel source, compiled once per machine.

Compiling a kernel costs tens to hundreds of milliseconds; loading a cached one costs well under
one. An entry is four files in the cache directory, all named by the entry's key:

    <key>.cpp      the source, kept so a compiler error (or a curious user) can point at it
    <key>.so       the shared object
    <key>.sha256   the sha256 of the .so bytes: an entry whose bytes do not match is corrupt
    <key>.lock     the lock file that serialises compiles of this entry across processes

Rules that make this safe:
1. The key covers everything that changes the binary: the source, the compiler command, its
   `--version` text, the flags, the host CPU (for `-march=native`) and irtk's version.
2. A compile holds an exclusive `fcntl.flock` on the entry's lock file; whoever gets the lock
   second re-checks the entry first, so N processes asking at once compile once.
3. Files are written to a temporary name in the same directory and moved into place with
   `os.replace`, which is atomic: readers see the old file or the new one, never half of one.
   A process that has the old .so mapped keeps it, since the new one is a new inode.
4. An entry is used only when its .so hashes to its .sha256; anything else (a truncated file, a
   missing sidecar, bytes changed on disk) is rebuilt, never loaded. So is an entry that cannot be
   read at all: a directory where a file should be (it is removed), a file without read permission,
   an I/O error. Reading the cache never raises; only compiling (or writing the new entry) can.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from irtk.runtime.toolchain import Toolchain, default_toolchain

#: Bumped when the layout of an entry changes, so old entries are simply never looked up again.
CACHE_FORMAT = 1


@dataclass
class CacheStats:
    """What this process did with the cache; tests read it to show that a warm cache compiles
    nothing."""

    hits: int = 0  #: valid entries reused without compiling
    compiles: int = 0  #: compiler invocations
    rebuilds: int = 0  #: entries found corrupt or unloadable and compiled again


#: The counters of this process.
STATS = CacheStats()


def cache_dir() -> Path:
    """`$IRTK_CACHE_DIR`, else `$XDG_CACHE_HOME/irtk`, else `~/.cache/irtk`."""
    configured = os.environ.get("IRTK_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec says to ignore a relative path
        return Path(xdg) / "irtk"
    return Path.home() / ".cache" / "irtk"


def irtk_version() -> str:
    """irtk's version (from the package itself: importlib.metadata would cost 25 ms of imports)."""
    from irtk import __version__

    return __version__


def cache_key(source: str, toolchain: Toolchain) -> str:
    """sha256 over the cache format, irtk's version, the toolchain identity and the source.

    Each part is length-prefixed so that no two different tuples of parts hash the same bytes."""
    digest = hashlib.sha256()
    for part in (f"irtk-kernel-cache-{CACHE_FORMAT}", irtk_version(), toolchain.identity, source):
        data = part.encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def build_shared_object(source: str, *, force: bool = False) -> Path:
    """The path of a valid shared object compiled from the C++ `source`, compiling it if needed.

    `force=True` compiles again even when the entry looks valid (the loader uses it when a cached
    object passes its hash check but still fails to load). Raises TypeError for a non-str source,
    `toolchain.ToolchainError` without a compiler and `toolchain.CompileError` when the source
    does not compile."""
    if not isinstance(source, str):
        raise TypeError(f"source must be a str of C++ code, got {type(source).__name__}")
    toolchain = default_toolchain()
    entry = _Entry(cache_dir(), cache_key(source, toolchain))
    if not force and entry.state() == "valid":
        STATS.hits += 1
        verbose_log(f"cache hit {entry.so}")
        return entry.so

    entry.directory.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(entry.lock):
        state = entry.state()  # another process may have compiled it while we waited
        if state == "valid" and not force:
            STATS.hits += 1
            verbose_log(f"cache hit {entry.so} (compiled by another process)")
            return entry.so
        if state != "missing":
            STATS.rebuilds += 1
            verbose_log(f"rebuilding {'unloadable' if state == 'valid' else 'corrupt'} cache entry {entry.so}")
        entry.compile(source, toolchain)
    return entry.so


@dataclass(frozen=True)
class _Entry:
    directory: Path
    key: str

    @property
    def so(self) -> Path:
        return self.directory / f"{self.key}.so"

    @property
    def source(self) -> Path:
        return self.directory / f"{self.key}.cpp"

    @property
    def digest(self) -> Path:
        return self.directory / f"{self.key}.sha256"

    @property
    def lock(self) -> Path:
        return self.directory / f"{self.key}.lock"

    def state(self) -> str:
        """The entry's state: "missing" (no .so), "valid" (the .so matches its sidecar) or "corrupt"
        (anything else, including a .so or sidecar that cannot be read: a directory, no permission,
        an I/O error)."""
        try:
            data = self.so.read_bytes()
        except FileNotFoundError:
            return "missing"
        except OSError as e:
            verbose_log(f"cannot read {self.so} ({e})")
            return "corrupt"
        try:
            expected = self.digest.read_text().strip()
        except (OSError, UnicodeDecodeError) as e:
            if not isinstance(e, FileNotFoundError):
                verbose_log(f"cannot read {self.digest} ({e})")
            return "corrupt"
        return "valid" if hashlib.sha256(data).hexdigest() == expected else "corrupt"

    def compile(self, source: str, toolchain: Toolchain) -> None:
        """Compile into a temporary file, then move the .so and its sidecar into place. The caller
        holds the entry's lock."""
        for path in (self.source, self.so, self.digest):
            remove_directory(path)  # os.replace cannot put a file where a directory is
        write_atomically(self.source, source.encode())
        tmp = self.directory / f".{self.key}.{os.getpid()}.{secrets.token_hex(4)}.so.tmp"
        try:
            STATS.compiles += 1
            start = time.perf_counter()
            toolchain.compile(self.source, tmp)
            verbose_log(f"compiled {self.so} in {(time.perf_counter() - start) * 1e3:.0f} ms")
            digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
            os.replace(tmp, self.so)
            write_atomically(self.digest, digest.encode())
        finally:
            tmp.unlink(missing_ok=True)


def remove_directory(path: Path) -> None:
    """Remove a directory (not a link to one) found where a cache file belongs; cache files are never
    directories, so it is debris. Nothing happens for a file, a link or nothing."""
    if path.is_dir() and not path.is_symlink():
        verbose_log(f"removing directory {path}, which is in the way of a cache file")
        shutil.rmtree(path, ignore_errors=True)


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Hold `fcntl.flock(LOCK_EX)` on `path`. The lock file is never deleted: deleting it would
    let two processes lock two different inodes of the same name.

    A directory in its place is removed first. A lock file that cannot be opened even read-only
    (no permission) is done without: the lock only saves duplicate compiles, and the atomic writes
    keep the entry whole either way."""
    remove_directory(path)
    fd = _open_lock_file(path)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _open_lock_file(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        pass
    try:
        return os.open(path, os.O_RDONLY)  # flock works on a read-only descriptor too
    except OSError as e:
        verbose_log(f"cannot open lock file {path} ({e}); compiling without the lock")
        return None


def verbose_log(message: str) -> None:
    """One line on stderr per cache decision when IRTK_VERBOSE is set to anything but 0."""
    if os.environ.get("IRTK_VERBOSE", "0") not in ("", "0"):
        print(f"irtk: {message}", file=sys.stderr, flush=True)
