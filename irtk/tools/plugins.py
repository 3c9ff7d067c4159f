"""User plugins: dialects and passes that live outside irtk, loaded by name at start-up.

A plugin is a Python module that, when imported, calls `irtk.registry.register_dialect(name, factory)` and/or
`irtk.registry.register_pass(name, factory)`. irtk-opt imports the plugins named by `--load-plugin` (repeatable)
and by the `IRTK_PLUGINS` environment variable (separated by `os.pathsep`), before it reads the pipeline, so
their passes can be used in `-p` and their dialects in the input. A plugin is named in one of two ways:

- a dotted module name on the Python path (`my_pkg.irtk_plugin`), imported with `importlib`;
- the path of a `.py` file (`plugins/mine.py`, `./mine.py`), executed as a module of its own.

Anything else (an `.mlir` file, a folder, a path that does not exist) is refused with a message saying which
forms are accepted, rather than with whatever `importlib` makes of it.

Installed packages need none of this: their `irtk.plugins` entry points are found by irtk itself
(irtk/plugins.py), by irtk-opt and by the frontend alike.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable

from irtk.plugins import PluginError  # one error for every way of loading a plugin

ENV_VAR = "IRTK_PLUGINS"
__all__ = ["ENV_VAR", "PluginError", "load_plugins", "plugins_from_env"]


def plugins_from_env() -> list[str]:
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]


#: What every refusal of a plugin name ends with.
EXPECTED = "--load-plugin takes a module name on the Python path (my_pkg.plugin) or the path of a .py file"


def load_plugins(names: Iterable[str]) -> None:
    """Import each plugin once, in order; raise PluginError naming the first one that fails."""
    for name in names:
        try:
            _load(name.strip())
        except PluginError as exc:
            raise PluginError(f"cannot load plugin '{name}': {exc}") from None
        except Exception as exc:
            raise PluginError(f"cannot load plugin '{name}': {type(exc).__name__}: {exc}") from exc


def _load(name: str) -> None:
    if name.endswith(".py") or os.sep in name or (os.altsep and os.altsep in name):
        _load_file(name)
    elif _is_module_name(name):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
                raise  # the plugin was found, and something it imports was not
            if os.path.exists(name):  # `x.mlir` is a valid module name, but surely meant as a file
                raise PluginError(f"it names a file, not a Python module; {EXPECTED}") from None
            if os.path.isfile(_as_path(name)):
                raise PluginError(
                    f"no module named '{name}' on the Python path; to load {_as_path(name)} give its path, "
                    "or add its folder to PYTHONPATH"
                ) from None
            raise
    else:
        raise PluginError(f"it is neither a module name nor a .py file; {EXPECTED}")


def _is_module_name(name: str) -> bool:
    return bool(name) and all(part.isidentifier() for part in name.split("."))


def _as_path(module: str) -> str:
    return os.path.join(*module.split(".")) + ".py"


def _load_file(name: str) -> None:
    path = os.path.abspath(name)
    if os.path.isdir(path):
        raise PluginError(f"it is a folder; {EXPECTED}")
    if not os.path.isfile(path):
        raise PluginError("no such file")
    if not path.endswith(".py"):
        raise PluginError(f"it is not a Python (.py) file; {EXPECTED}")
    if path in _LOADED_FILES:
        return
    # Files with the same name in different folders are different plugins: the module name says which.
    stem = os.path.splitext(os.path.basename(path))[0]
    module_name = f"irtk_plugin_{stem}"
    if module_name in sys.modules:
        module_name += f"_{len(_LOADED_FILES)}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"it cannot be loaded as a Python module; {EXPECTED}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    _LOADED_FILES.add(path)


#: Absolute paths of the plugin files already loaded in this process.
_LOADED_FILES: set[str] = set()
