"""The lowering cache: tensor-level IR text → the C++ source the FAST_RUN pipeline makes of it.

Running the pass pipeline in Python costs about a hundred milliseconds per function; with this cache a
function already compiled once (in any process) costs printing its tensor IR, a hash and a file read,
and then the kernel cache (cache.py) finds its shared object. Entries live in `<cache_dir>/lowered/`.

The key covers the IR text, the pipeline string and a digest of irtk's own sources, so that any change
to a pass, the emitter or the dialect makes old entries unreachable instead of wrong. An entry starts
with a line holding the sha256 of the rest; an entry that does not match it is ignored and rewritten.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from irtk.runtime.cache import cache_dir, verbose_log, write_atomically

_PACKAGE = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def irtk_sources_digest() -> str:
    """sha256 over irtk's Python sources and headers (a few ms, once per process)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".h") and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lowering_key(ir_text: str, pipeline: str) -> str:
    digest = hashlib.sha256()
    for part in (irtk_sources_digest(), pipeline, ir_text):
        data = part.encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / "lowered" / f"{key}.cpp"


def lookup(key: str) -> str | None:
    """The cached C++ source for `key`, or None when absent or corrupt."""
    try:
        text = _path(key).read_text()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    header, _, source = text.partition("\n")
    if header != f"// sha256 {hashlib.sha256(source.encode()).hexdigest()}":
        verbose_log(f"ignoring corrupt lowering cache entry {_path(key)}")
        return None
    verbose_log(f"lowering cache hit {_path(key)}")
    return source


def store(key: str, source: str) -> None:
    path = _path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"// sha256 {hashlib.sha256(source.encode()).hexdigest()}\n"
    write_atomically(path, (header + source).encode())
