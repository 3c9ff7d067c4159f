"""lit configuration for irtk_toy's tests: `lit tests` from the package's folder, with the Python environment
in which irtk and this package are installed.

RUN lines call `irtk-opt` and `filecheck` by name. Both are scripts of that environment (irtk installs
`irtk-opt`; the `filecheck` package, `filecheck`), so the folder of the Python running lit goes first on
PATH. The package's passes reach irtk-opt through its `irtk.plugins` entry point, exactly as they reach a
user's program: no `--load-plugin` is needed.
"""

import os
import shutil
import sys

import lit.formats

config.name = "irtk_toy"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.test_source_root, "Output")

scripts = os.path.dirname(sys.executable)
path = os.pathsep.join([scripts, os.environ.get("PATH", "")])
for tool in ("irtk-opt", "filecheck"):
    if shutil.which(tool, path=path) is None:
        lit_config.fatal(f"'{tool}' not found next to {sys.executable} or on PATH: run lit from the Python "
                         "environment where irtk (and the filecheck package) are installed")
config.environment["PATH"] = path
# lit runs tests in a clean environment: keep the variables that say where Python finds packages.
for name in ("PYTHONPATH", "VIRTUAL_ENV", "HOME"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
# Plugins listed for --load-plugin in the developer's environment must not change what the tests see.
config.environment.pop("IRTK_PLUGINS", None)
