"""lit configuration for irtk's FileCheck suite; run it with `lit filecheck` from the repository root.

Every `.mlir` file below this folder is a test (except inside `Inputs/` folders, which hold files that tests
read). RUN lines call `irtk-opt` and `filecheck` by name: both come from the Python environment running lit.
When irtk is not installed there, a two-line `irtk-opt` wrapper around `python -m irtk.tools.irtk_opt` is
put on PATH instead, so the suite also runs from a plain checkout.

Substitutions and features:
- `%mlir_opt`: the MLIR 22 `mlir-opt`; feature `mlir-opt` when it is installed, so interop tests say
  `// REQUIRES: mlir-opt` and are reported UNSUPPORTED (not failed) without it.
- `%irtk_plugin`: the example plugin in tests/, for tests of `--load-plugin`.
- `%python`: the Python running lit.
"""

import compileall
import os
import shutil
import sys

import lit.formats

config.name = "irtk"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "Output", "lit.cfg.py", "README.md", "__pycache__"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.test_source_root, "Output")

repo_root = os.path.dirname(config.test_source_root)
python_bin = os.path.dirname(sys.executable)


def _irtk_opt_dir():
    """A folder holding an `irtk-opt` for this checkout: the environment's, or a wrapper written here."""
    if shutil.which("irtk-opt", path=python_bin):
        return python_bin
    wrapper_dir = os.path.join(config.test_exec_root, "bin")
    os.makedirs(wrapper_dir, exist_ok=True)
    wrapper = os.path.join(wrapper_dir, "irtk-opt")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec "{sys.executable}" -m irtk.tools.irtk_opt "$@"\n')
    os.chmod(wrapper, 0o755)
    return wrapper_dir


# Each `irtk-opt` run imports irtk; where Python may not write bytecode (PYTHONDONTWRITEBYTECODE=1, as in some CI
# images) a fresh checkout would compile irtk's modules again in every one of the suite's ~500 runs, about 0.15 s
# each. Compiling them once here keeps the bytecode that every run then reads.
compileall.compile_dir(os.path.join(repo_root, "irtk"), quiet=1, workers=0)

config.environment["PATH"] = os.pathsep.join([_irtk_opt_dir(), python_bin, os.environ.get("PATH", "")])
config.environment["PYTHONPATH"] = os.pathsep.join(
    p for p in [repo_root, os.environ.get("PYTHONPATH", "")] if p
)
# Plugins a developer has in their own environment must not change what the tests see.
config.environment.pop("IRTK_PLUGINS", None)

mlir_opt = shutil.which("mlir-opt-22") or shutil.which("mlir-opt", path="/usr/lib/llvm-22/bin")
if mlir_opt:
    config.available_features.add("mlir-opt")
config.substitutions.append(("%mlir_opt", mlir_opt or "mlir-opt-22"))
config.substitutions.append(("%irtk_plugin", os.path.join(repo_root, "tests", "irtk_opt_plugin.py")))
config.substitutions.append(("%python", sys.executable))
