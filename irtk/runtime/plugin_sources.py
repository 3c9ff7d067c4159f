"""The lowering cache's key for code from outside irtk: the source files of plugin passes and ops.

`irtk_sources_digest` makes a change to any of irtk's own files invalidate the lowering cache. A plugin's pass or
op lives elsewhere, and without this its edit would leave the cache serving C++ lowered by the old code. So the key
also covers, hashed by content:
- the file defining each pass of the pipeline that is not one of irtk's (resolving it imports it: plugin passes
  only, irtk's stay unimported on a warm cache hit);
- when such a pass runs, the files defining the ops of every dialect registered from outside irtk: the pass may
  create them, and their definitions decide how they lower;
- the file defining each op of the input module whose class comes from neither irtk nor xDSL (an op a plugin
  declared and the program used).
A class whose source file cannot be found (defined at an interactive prompt, say) makes `outside_sources_digest`
return None, and the caller then does not use the lowering cache for that function: better lowering again than
a stale result.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os

from xdsl.dialects.builtin import ModuleOp

from irtk import registry

#: Top-level packages whose code the key already covers: irtk's sources are hashed, xDSL's version is pinned.
_COVERED = ("irtk", "xdsl")


def outside_sources_digest(module: ModuleOp, pipeline: str) -> str | None:
    """sha256 over the outside files this compilation depends on ("" when there are none), or None when one of
    them cannot be read."""
    classes: set[type] = set()
    plugin_pass = False
    try:
        elements = registry.split_pipeline(registry.expand_pipelines(pipeline))
    except ValueError:  # a named pipeline containing itself: lowering reports it
        return None
    for element in elements:
        name = element.split("{", 1)[0].strip()
        if name in registry.BUILTIN_PASSES:
            continue
        factory = registry.pass_factory(name)
        if factory is not None:
            try:
                classes.add(factory())
            except Exception:  # lowering reports it, naming the pass; meanwhile there is nothing to cache
                return None
            plugin_pass = True
    if plugin_pass:
        for name, factory in list(registry.DIALECTS.items()):
            if name not in registry.BUILTIN_DIALECTS:
                try:
                    classes.update(factory().operations)
                except Exception:  # a broken dialect fails where it is used, not here
                    return None
    classes.update(type(op) for op in module.walk())
    paths: set[str] = set()
    for cls in classes:
        if cls.__module__.split(".", 1)[0] in _COVERED:
            continue
        path = _source_file(cls)
        if path is None:
            return None
        paths.add(path)
    if not paths:
        return ""
    digest = hashlib.sha256()
    for path in sorted(paths):
        try:
            stat = os.stat(path)
            content = _file_digest(path, stat.st_mtime_ns, stat.st_size)
        except OSError:
            return None
        digest.update(path.encode() + b"\0" + content.encode() + b"\0")
    return digest.hexdigest()


def _source_file(cls: type) -> str | None:
    try:
        path = inspect.getsourcefile(cls)
    except (TypeError, OSError):
        return None
    return os.path.abspath(path) if path and os.path.isfile(path) else None


@functools.lru_cache(maxsize=256)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    """A file's sha256, read again whenever its modification time or size changes."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
