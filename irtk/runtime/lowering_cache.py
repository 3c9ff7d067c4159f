"""The lowering cache: tensor-level IR text → the C++ source the FAST_RUN pipeline makes of it.

Running the pass pipeline in Python costs about a hundred milliseconds per function; with this cache a
function already compiled once (in any process) costs printing its tensor IR, a hash and a file read,
and then the kernel cache (cache.py) finds its shared object. Entries live in `<cache_dir>/lowered/`.

The key covers the IR text, the pipeline string and a digest of irtk's own sources, so that any change
to a pass, the emitter or the dialect makes old entries unreachable instead of wrong; and a digest of the
source files of the plugin passes and ops the lowering runs (`plugin_sources.py`), so that editing a plugin
does too. An entry starts
with a line holding the sha256 of the rest; an entry that does not match it is ignored and rewritten.
So is one that cannot be read (a directory, a FIFO, no permission, an I/O error, not UTF-8): reading an
entry never raises, and failing to write one only means lowering again next time. The one exception is a
cache directory that is not safe to use (another user's, or writable by others): its entries are C++ this
process would compile and run, so that raises `CacheDirectoryError`, as the kernel cache does. A hit
touches the entry, so that eviction (`cache_eviction`) removes least recently used entries first.

An entry can still hold C++ that does not compile (written by a buggy irtk of the same sources, or edited
by hand). `load_cached` evicts such an entry and reports a miss, so the caller lowers the function again:

    kernel = load_cached(key, load) if key else None
    if kernel is None:
        source = <lower and emit>
        store(key, source)
        kernel = load(source)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from irtk.runtime.cache import cache_dir
from irtk.runtime.cache_files import (
    check_directory,
    clear_the_way,
    ensure_directory,
    read_regular,
    verbose_log,
    write_atomically,
)
from irtk.runtime.toolchain import CompileError

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def irtk_sources_digest() -> str:
    """sha256 over irtk's Python sources and headers (a few ms, once per process)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".h") and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lowering_key(ir_text: str, pipeline: str, outside_sources: str = "") -> str:
    """The entry's key. `outside_sources` is the digest of plugin code the lowering runs
    (`plugin_sources.outside_sources_digest`), "" when it runs only irtk's."""
    from irtk.runtime.blas_library import link_arguments

    digest = hashlib.sha256()
    # whether a BLAS can be linked changes what `use-blas` rewrites, hence the C++ (blas_library.py)
    for part in (irtk_sources_digest(), pipeline, ir_text, outside_sources, " ".join(link_arguments())):
        data = part.encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / "lowered" / f"{key}.cpp"


def lookup(key: str) -> str | None:
    """The cached C++ source for `key`, or None when absent, unreadable or corrupt. Raises only
    CacheDirectoryError, for a cache directory that is not safe to use."""
    path = _path(key)
    if not check_directory(path.parent.parent):
        return None
    try:
        source = _read(path)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        verbose_log(f"ignoring lowering cache entry {path} ({e})")
        return None
    verbose_log(f"lowering cache hit {path}")
    with contextlib.suppress(OSError):
        os.utime(path)  # its last use, for eviction
    return source


def _read(path: Path) -> str:
    """The source the entry at `path` holds; ValueError when it does not match its sha256 header."""
    header, _, source = read_regular(path).decode("utf-8").partition("\n")
    if header != f"// sha256 {hashlib.sha256(source.encode()).hexdigest()}":
        raise ValueError("corrupt: its text does not match its sha256 header")
    return source


def verify_file(path: Path) -> str | None:
    """None when the entry at `path` is intact, else what is wrong with it. Never raises."""
    try:
        _read(path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return str(e)
    return None


def store(key: str, source: str) -> None:
    """Write the entry for `key` (replacing whatever is there). A failure to write is logged, not raised:
    the entry is an optimisation. (An unsafe cache directory raises CacheDirectoryError.)"""
    path = _path(key)
    header = f"// sha256 {hashlib.sha256(source.encode()).hexdigest()}\n"
    try:
        ensure_directory(path.parent.parent)
        ensure_directory(path.parent)
        clear_the_way(path)
        write_atomically(path, (header + source).encode("utf-8"))
    except OSError as e:
        verbose_log(f"cannot write lowering cache entry {path} ({e})")


def evict(key: str) -> None:
    """Remove the entry for `key`, whatever it is (a file, a directory, nothing). Never raises."""
    path = _path(key)
    clear_the_way(path)
    try:
        path.unlink(missing_ok=True)
    except OSError as e:
        verbose_log(f"cannot remove lowering cache entry {path} ({e})")
    else:
        verbose_log(f"evicted lowering cache entry {path}")


def load_cached(key: str, load: Callable[[str], T]) -> T | None:
    """`load(source)` for the cached source of `key`, or None when there is no usable entry.

    An entry whose source `load` rejects with `CompileError` is evicted and None returned, so that the
    caller lowers the function again (and stores the new source). Other errors of `load` propagate."""
    source = lookup(key)
    if source is None:
        return None
    try:
        return load(source)
    except CompileError as e:
        verbose_log(f"cached lowering {_path(key)} does not compile; evicting it ({e.source_path})")
        evict(key)
        return None
