"""The on-disk compile cache: one shared object per distinct kernel source, compiled once per machine.

Compiling a kernel costs tens to hundreds of milliseconds; loading a cached one costs well under
one. An entry is four files in the cache directory, all named by the entry's key:

    <key>.cpp      the source: an input of the key, and what a compiler error points at
    <key>.so       the shared object
    <key>.json     the manifest: the other inputs of the key (irtk's version, the compiler command, its
                   version text, the flags, the host CPU) and the sha256 of the source and of the .so
    <key>.lock     the lock file that serialises compiles of this entry across processes

Rules that make this safe:
1. The key covers everything that changes the binary: the source, the compiler command, its
   `--version` text, the flags, the host CPU (for `-march=native`) and irtk's version.
2. An entry is trusted only if it is what its key says, checked before the .so is ever opened by the
   loader: the key computed again from the stored source and the manifest's inputs must be the entry's
   name, the stored source must hash to the manifest's digest, and so must the .so. So two entries
   swapped on disk, a .so copied over another, a planted .so without a manifest, a truncated or edited
   file: all are rebuilt, never loaded (a planted .so would run its constructors at load). Someone who
   can write the cache directory could forge all of it, which is why `cache_files` refuses a directory
   that anyone but its owner may write to.
3. A compile holds an exclusive `fcntl.flock` on the entry's lock file (waiting at most the
   `cache_lock_timeout` flag); whoever gets the lock second re-checks the entry first, so N processes
   asking at once compile once.
4. Files are written to a temporary name in the same directory and moved into place with
   `os.replace`, which is atomic: readers see the old file or the new one, never half of one.
   A process that has the old .so mapped keeps it, since the new one is a new inode.
5. Only regular files are read, never through a link, never blocking (`cache_files.read_regular`);
   anything else in an entry's place (a directory, a FIFO, no read permission, an I/O error) makes the
   entry corrupt, and it is rebuilt. Checking an entry never raises; only compiling (or writing it) can.
6. Deleting the cache directory is always safe, even during a compile: a compile that finds its
   directory gone starts over once (`build_shared_object`).
7. The cache is kept under the `cache_max_size` flag: adding an entry that takes it over evicts the
   least recently used entries (`cache_eviction`); a hit marks its entry used by touching its manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from irtk.runtime import cache_files
from irtk.runtime.cache_files import (
    clear_the_way,
    ensure_directory,
    read_regular,
    temporary_name,
    verbose_log,
    write_atomically,
)
from irtk.runtime.precompiled_preamble import SUBDIRECTORY, compile_with_preamble
from irtk.runtime.toolchain import CompileError, Toolchain, default_toolchain

#: Bumped when the layout of an entry changes, so old entries are simply never looked up again.
CACHE_FORMAT = 2


@dataclass
class CacheStats:
    """What this process did with the cache; tests read it to show that a warm cache compiles
    nothing."""

    hits: int = 0  #: valid entries reused without compiling
    compiles: int = 0  #: compiler invocations
    rebuilds: int = 0  #: entries found corrupt or unloadable and compiled again
    retries: int = 0  #: compiles started over because the cache directory vanished under them


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
    """sha256 over the cache format, irtk's version, the toolchain identity and the source."""
    return key_of(irtk_version(), toolchain.identity, source)


def key_of(version: str, identity: str, source: str) -> str:
    """The key from its inputs. Each part is length-prefixed so that no two different tuples of parts
    hash the same bytes."""
    digest = hashlib.sha256()
    for part in (f"irtk-kernel-cache-{CACHE_FORMAT}", version, identity, source):
        data = part.encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def build_shared_object(source: str, *, force: bool = False, toolchain: Toolchain | None = None) -> Path:
    """The path of a valid shared object compiled from the C++ `source`, compiling it if needed.

    `toolchain` compiles it (default: the C++ compiler, `default_toolchain()`; the CUDA target passes nvcc's,
    `cuda_toolchain.py`): its identity is part of the key, so entries of different toolchains never mix.

    `force=True` compiles again even when the entry looks valid (the loader uses it when a cached
    object passes its checks but still fails to load). Raises TypeError for a non-str source,
    `toolchain.ToolchainError` without a compiler (`CompileTimeout` for one that does not finish),
    `toolchain.CompileError` when the source does not compile and `CacheDirectoryError` for a cache
    directory that is not safe to use."""
    if not isinstance(source, str):
        raise TypeError(f"source must be a str of C++ code, got {type(source).__name__}")
    toolchain = toolchain or default_toolchain()
    directory = cache_dir()
    entry = _Entry(directory, cache_key(source, toolchain))
    if cache_files.check_directory(directory) and not force and entry.state() == "valid":
        return entry.hit()
    try:
        return _compile_entry(entry, source, toolchain, force)
    except _Vanished as e:
        # Someone deleted the cache (or part of an entry) while we compiled: documented as safe, so start over.
        STATS.retries += 1
        verbose_log(f"cache directory {directory} changed during the compile ({e}); compiling again")
    try:
        return _compile_entry(entry, source, toolchain, force)
    except _Vanished as e:
        if isinstance(e.__cause__, CompileError):
            raise e.__cause__ from None
        raise OSError(f"irtk's cache directory {directory} changed during two compiles in a row ({e})") from e


def cached_shared_object(source: str, toolchain: Toolchain | None = None) -> Path | None:
    """The valid shared object the cache holds for `source` (a hit), or None; never compiles."""
    toolchain = toolchain or default_toolchain()
    directory = cache_dir()
    entry = _Entry(directory, cache_key(source, toolchain))
    if cache_files.check_directory(directory) and entry.state() == "valid":
        return entry.hit()
    return None


def verify_entry(directory: Path, key: str) -> str | None:
    """None when the kernel entry `key` in `directory` is what its key says, else what is wrong with it
    ("missing" when it has no shared object and no manifest). Never raises."""
    return _Entry(directory, key).verify()


class _Vanished(Exception):
    """The cache directory, or a file of the entry being compiled, disappeared under the compile."""


def _compile_entry(entry: _Entry, source: str, toolchain: Toolchain, force: bool) -> Path:
    ensure_directory(entry.directory)
    _clean_once(entry.directory)
    try:
        with cache_files.exclusive_lock(entry.lock, _lock_timeout()):
            state = entry.state()  # another process may have compiled it while we waited
            if state == "valid" and not force:
                verbose_log(f"cache hit {entry.so} (compiled by another process)")
                return entry.hit()
            if state != "missing":
                STATS.rebuilds += 1
                verbose_log(f"rebuilding {'unloadable' if state == 'valid' else 'corrupt'} cache entry {entry.so}")
            entry.compile(source, toolchain)
    except FileNotFoundError as e:
        raise _Vanished(e) from e
    from irtk.runtime.cache_eviction import enforce_size_limit

    enforce_size_limit(entry.directory, keep=entry.key)
    return entry.so


_CLEANED: set[Path] = set()


def _clean_once(directory: Path) -> None:
    """At the first compile of a process: remove what killed processes left behind."""
    if directory not in _CLEANED:
        _CLEANED.add(directory)
        age = cache_files.stale_age()
        cache_files.remove_stale_temporaries(directory, age)
        cache_files.remove_stale_temporaries(directory / "lowered", age)
        cache_files.remove_stale_temporaries(directory / SUBDIRECTORY, age)


def _lock_timeout() -> float | None:
    from irtk.flags import number_flag

    return number_flag("cache_lock_timeout")


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
    def manifest(self) -> Path:
        return self.directory / f"{self.key}.json"

    @property
    def lock(self) -> Path:
        return self.directory / f"{self.key}.lock"

    def hit(self) -> Path:
        STATS.hits += 1
        verbose_log(f"cache hit {self.so}")
        with contextlib.suppress(OSError):
            os.utime(self.manifest)  # the entry's last use, for eviction (atime is often not kept)
        return self.so

    def state(self) -> str:
        """"missing" (no .so and no manifest), "valid" (`verify` finds nothing wrong) or "corrupt"."""
        problem = self.verify()
        if problem is None:
            return "valid"
        if problem == "missing":
            return "missing"
        verbose_log(f"cache entry {self.so} is not usable: {problem}")
        return "corrupt"

    def verify(self) -> str | None:
        """None when the entry is what its key says, else what is wrong ("missing" when there is none).

        Needs neither the requested source nor the toolchain: the key is computed again from what the
        entry stores, so `python -m irtk.cache check` can run it on every entry. Never raises."""
        try:
            manifest = json.loads(read_regular(self.manifest, 1 << 20))
        except FileNotFoundError:
            return "missing" if not os.path.lexists(self.so) else "no manifest"
        except (OSError, ValueError) as e:
            return f"unreadable manifest ({e})"
        try:
            stored = read_regular(self.source)
            inputs = (manifest["irtk_version"], manifest["toolchain_identity"])
            if not all(isinstance(x, str) for x in inputs) or manifest.get("format") != CACHE_FORMAT:
                return "manifest of another format"
            if hashlib.sha256(stored).hexdigest() != manifest["source_sha256"]:
                return "source does not match its manifest"
            if key_of(*inputs, stored.decode()) != self.key:
                return "entry is not what its key says (its source or manifest belongs to another key)"
            if hashlib.sha256(read_regular(self.so)).hexdigest() != manifest["so_sha256"]:
                return "shared object does not match its manifest"
        except (OSError, KeyError, TypeError, UnicodeDecodeError) as e:
            return f"unreadable or incomplete ({type(e).__name__}: {e})"
        return None

    def compile(self, source: str, toolchain: Toolchain) -> None:
        """Compile into a temporary file, then move the .so and its manifest into place. The caller
        holds the entry's lock (or waited for it long enough)."""
        for path in (self.source, self.so, self.manifest):
            clear_the_way(path)  # os.replace cannot put a file where a directory is
        with contextlib.suppress(FileNotFoundError):
            self.manifest.unlink()  # no moment where an old manifest vouches for new files
        data = source.encode()
        write_atomically(self.source, data)
        tmp = temporary_name(self.so)
        try:
            STATS.compiles += 1
            start = time.perf_counter()
            try:
                compile_with_preamble(toolchain, source, self.source, tmp, self.directory)
            except CompileError as e:
                if not self._source_is(data):
                    raise _Vanished(f"{self.source} vanished during the compile") from e
                raise
            verbose_log(f"compiled {self.so} in {(time.perf_counter() - start) * 1e3:.0f} ms")
            os.chmod(tmp, 0o600)  # the compiler honours the umask; the entry is this user's alone
            digest = hashlib.sha256(read_regular(tmp)).hexdigest()
            os.replace(tmp, self.so)
            manifest = {
                "format": CACHE_FORMAT,
                "key": self.key,
                "irtk_version": irtk_version(),
                "toolchain_identity": toolchain.identity,
                "source_sha256": hashlib.sha256(data).hexdigest(),
                "so_sha256": digest,
            }
            write_atomically(self.manifest, json.dumps(manifest, indent=1).encode())
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _source_is(self, data: bytes) -> bool:
        try:
            return read_regular(self.source) == data
        except OSError:
            return False
