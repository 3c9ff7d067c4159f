"""Installed plugins: packages that add dialects, passes and named pipelines to irtk through an entry point.

A package declares, in its pyproject.toml,

    [project.entry-points."irtk.plugins"]
    toy = "irtk_toy.plugin:register"

and, once it is installed, `irtk-opt -p toy-fuse-mul-add`, `irtk-opt --list-passes` and
`irtk.function(..., mode=Mode(pipeline="toy-fuse-mul-add,fast-run"))` find what `register()` registers
(`irtk.registry.register_dialect`, `register_pass`, `register_pipeline`). An entry point may also name a module,
which registers when it is imported.

Discovery is lazy and happens at most once per process: only when a name is not among those already registered
(irtk's own, and those of `irtk-opt --load-plugin`), or when everything is listed (`--help`, `--list-passes`).
Reading the installed packages' metadata costs tens of milliseconds, which `import irtk`, a program that uses only
irtk's passes and `irtk-opt --help`'s start-up budget should not pay for nothing.

A plugin that fails to load (its module does not import, its `register()` raises, it registers a name that is
taken) stops discovery with a `PluginError` naming the plugin, where it comes from and its exception; the same
error is raised again by every later lookup in the process, so a broken plugin is never half-loaded silently.
"""

from __future__ import annotations

from types import ModuleType

#: The entry-point group irtk reads.
ENTRY_POINT_GROUP = "irtk.plugins"


class PluginError(Exception):
    """A plugin could not be loaded; the message names it and says what it raised."""


#: None before discovery, True after it succeeded, the PluginError after it failed.
_state: bool | PluginError | None = None


def discover() -> None:
    """Load every installed plugin (entry points of group `irtk.plugins`), once per process, in name order."""
    global _state
    if _state is True:
        return
    if isinstance(_state, PluginError):
        raise _state
    _state = True  # set first: a plugin that looks a name up while it registers must not recurse into this
    if not _may_have_plugins():
        return
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        try:
            load_entry_point(entry)
        except PluginError as exc:
            _state = exc
            raise


def _may_have_plugins() -> bool:
    """False only when no installed distribution on sys.path can declare an `irtk.plugins` entry point.

    Importing importlib.metadata costs more than the rest of `irtk-opt --help` (about 50 ms idle, several times
    that on a loaded machine); most environments have no irtk plugin, and listing the metadata folders of
    sys.path and reading their few `entry_points.txt` files tells so for a fraction of it. Anything this cheap
    check cannot read (a zip file on sys.path, an unreadable folder) counts as "may have", and then
    importlib.metadata decides."""
    import os
    import sys

    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as folder:
                names = [e.name for e in folder if e.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True  # a zip file, say
        except OSError:
            continue  # a folder that does not exist: importlib.metadata finds nothing there either
        for name in names:
            path = os.path.join(entry or ".", name, "entry_points.txt")
            try:
                with open(path, "rb") as f:
                    if ENTRY_POINT_GROUP.encode() in f.read():
                        return True
            except FileNotFoundError:
                continue
            except OSError:
                return True
    return False


def discovered() -> bool:
    """Whether discovery already ran in this process (successfully or not)."""
    return _state is not None


def describe(entry) -> str:
    """`irtk plugin 'toy' (irtk_toy.plugin:register, from irtk-plugin-example 0.1.0)`."""
    dist = getattr(entry, "dist", None)
    origin = f", from {dist.name} {dist.version}" if dist is not None else ""
    return f"irtk plugin '{entry.name}' ({entry.value}{origin})"


def load_entry_point(entry) -> None:
    """Import what `entry` names and, when it is a callable, call it; any failure becomes a PluginError."""
    try:
        target = entry.load()
        if callable(target) and not isinstance(target, ModuleType):
            target()
    except Exception as exc:
        raise PluginError(f"cannot load {describe(entry)}: {type(exc).__name__}: {exc}") from exc
