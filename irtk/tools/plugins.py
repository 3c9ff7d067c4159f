"""User plugins: dialects and passes that live outside irtk, loaded by name at start-up.

A plugin is a Python module that, when imported, calls `irtk.registry.register_dialect(name, factory)` and/or
`irtk.registry.register_pass(name, factory)`. irtk-opt imports the plugins named by `--load-plugin` (repeatable)
and by the `IRTK_PLUGINS` environment variable (separated by `os.pathsep`), before it reads the pipeline, so
their passes can be used in `-p` and their dialects in the input. A plugin is named either as an importable
module (`mypkg.irtk_plugin`) or as a path to a `.py` file.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable

ENV_VAR = "IRTK_PLUGINS"


class PluginError(Exception):
    """A plugin could not be found or raised while it was imported."""


def plugins_from_env() -> list[str]:
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]


def load_plugins(names: Iterable[str]) -> None:
    """Import each plugin once, in order; raise PluginError naming the first one that fails."""
    for name in names:
        try:
            _load(name.strip())
        except Exception as exc:
            raise PluginError(f"cannot load plugin '{name}': {type(exc).__name__}: {exc}") from exc


def _load(name: str) -> None:
    if not (name.endswith(".py") or os.sep in name):
        importlib.import_module(name)
        return
    path = os.path.abspath(name)
    module_name = "irtk_plugin_" + os.path.splitext(os.path.basename(path))[0]
    if module_name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
