"""`irtk.export`: a compiled function as a Python package whose module needs only numpy.

    step = irtk.function([x, target], y, updates=[(W, W - 0.1 * g)])
    irtk.export(step, "trainstep", "build/trainstep")     # a CMake + pybind11 project
    # then: pip install build/trainstep;  import trainstep; trainstep.function([1., 1., 1., 1.], 100.)

The project (see project_files.py for the build, package_runtime.py for the Python half):

    pyproject.toml, CMakeLists.txt   scikit-build-core + pybind11; numpy is the one run-time dependency
    src/function.cpp                 the kernel: the C++ `function` compiled, from the same lowering
    src/runtime/                     irtk's native runtime (native/src), compiled into the same extension
    src/module.cpp, src/exports.map  the extension `<name>._kernel`
    <name>/__init__.py, _runtime.py  the call: binding, Theano's conversion, shared variables, updates
    <name>/_conversion.py, _binding.py, _blas_library.py   irtk's own rule files, copied unchanged
    <name>/_function.json, _values.npz                     inputs, outputs, shared variables, their values

Why the runtime is compiled in rather than imported: importing and calling the module must not need irtk, xDSL
or a compiler, and it must run the code irtk runs; so the project carries copies of irtk's files, not
reimplementations.

BLAS: a kernel that calls numpy's OpenBLAS (`use-blas`) is linked without it; the module opens the library the
installed numpy ships before loading its extension (package_runtime.load_blas), so a numpy upgrade (a new file
name) needs no rebuild. `blas=False` exports matrix products as loops instead (no BLAS at all, slower, and
rounded in another order than irtk.function's).
"""

from __future__ import annotations

import json
import keyword
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from irtk.exporting.kernel_source import kernel_source
from irtk.exporting.project_files import CMAKELISTS, EXPORTS_MAP, INIT_PY, MODULE_CPP, PYPROJECT, RESERVED, fill

_IRTK = Path(__file__).resolve().parent.parent
#: irtk's native runtime, compiled into every exported extension (from the source tree; irtk_abi.h from the package).
_NATIVE_SOURCES = ("kernel.hpp", "kernel.cpp", "signature.hpp", "signature.cpp", "kernel_binding.hpp")
#: irtk's Python files an exported package carries unchanged: (file in irtk, name in the package).
_PACKAGE_FILES = (
    ("exporting/package_runtime.py", "_runtime.py"),
    ("frontend/conversion.py", "_conversion.py"),
    ("frontend/binding.py", "_binding.py"),
    ("runtime/blas_library.py", "_blas_library.py"),
)
_MARCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")


@dataclass(frozen=True)
class ExportedProject:
    """What `export` wrote: the project folder, and the wheel built from it (`build=True`) or None."""

    directory: Path
    wheel: Path | None = None


def export(
    f, name: str, directory, *, build: bool = False, march: str = "portable", blas: bool = True,
    version: str = "0.1.0", overwrite: bool = False,
) -> ExportedProject:
    """Write a CMake + pybind11 project into `directory` that builds the importable module `name` running `f`.

    `f` is an `irtk.function` result (any mode: the export is compiled code). `march` is the CPU the kernel is
    compiled for: "portable" (the compiler's default target), "native" (the building machine's CPU) or any
    `-march` value. `blas=False` computes matrix products with loops instead of numpy's OpenBLAS. `build=True`
    also builds a wheel into `directory/dist` (`pip wheel`, which fetches the build requirements). A `directory`
    that exists must be empty, unless `overwrite=True`.
    """
    from irtk.frontend.function import Function

    if not isinstance(f, Function):
        raise TypeError(f"export: expected a compiled function (irtk.function(...)), got {type(f).__name__}")
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"export: the module name must be a Python identifier, got {name!r}")
    if not isinstance(march, str) or not _MARCH.fullmatch(march):
        raise ValueError(f"export: march must be 'portable', 'native' or a -march value such as 'x86-64-v3', got {march!r}")
    root = Path(directory)
    if root.exists() and any(root.iterdir()) and not overwrite:
        raise FileExistsError(f"export: {root} exists and is not empty; choose another directory or pass overwrite=True")

    state = f.__getstate__()
    source = kernel_source(state, blas=blas)
    shared = _shared_variables(state)
    package = root / name
    (root / "src" / "runtime").mkdir(parents=True, exist_ok=True)
    package.mkdir(parents=True, exist_ok=True)

    description = f"The irtk function {f.name!r}, exported by irtk.export"
    (root / "pyproject.toml").write_text(
        fill(PYPROJECT, name=name, version=version, description=description.replace('"', "'"))
    )
    (root / "CMakeLists.txt").write_text(fill(CMAKELISTS, name=name, march=march))
    (root / "src" / "exports.map").write_text(EXPORTS_MAP)
    (root / "src" / "module.cpp").write_text(fill(MODULE_CPP, name=name))
    (root / "src" / "function.cpp").write_text(source.cpp)
    for file in _NATIVE_SOURCES:
        shutil.copyfile(_native_source(file), root / "src" / "runtime" / file)
    shutil.copyfile(_IRTK / "runtime" / "irtk_abi.h", root / "src" / "runtime" / "irtk_abi.h")

    for file, copy in _PACKAGE_FILES:
        shutil.copyfile(_IRTK / file, package / copy)
    (package / "__init__.py").write_text(_init_py(name, f.name, shared))
    spec = _spec(f, state, shared, source)
    (package / "_function.json").write_text(json.dumps(spec, indent=1) + "\n")
    values = {f"shared_{k}": s.get_value() for k, s in enumerate(shared)}
    values.update({f"default_{k}": np.asarray(v) for k, (has, v) in enumerate(state["defaults"]) if has})
    np.savez(package / "_values.npz", **values)

    wheel = _build_wheel(root) if build else None
    return ExportedProject(root, wheel)


def _native_source(file: str) -> Path:
    """A file of irtk's native runtime: native/src of the source tree irtk runs from (an editable install), else
    the copy a wheel ships in irtk/native."""
    for folder in (_IRTK.parent / "native" / "src", _IRTK / "native"):
        if (folder / file).is_file():
            return folder / file
    raise FileNotFoundError(
        f"export: irtk's native runtime source {file} is not found (looked in native/src beside irtk and in "
        f"irtk/native); export needs an irtk installed from its source tree"
    )


def _shared_variables(state: dict) -> list:
    """The shared variables the function reads (in argument order), then those it only updates."""
    found = list(state["shared"])
    found += [s for s in state["updated"] if not any(s is t for t in found)]
    return found


def _spec(f, state: dict, shared: list, source) -> dict:
    """`_function.json`: what the package's runtime needs to call the kernel as `f` is called."""
    from irtk.frontend.function import argument_names
    from irtk.frontend.types import TensorType

    strict = set(state["strict"])
    inputs = [
        {
            "name": name, "dtype": dtype, "broadcastable": list(b), "type_text": str(TensorType(dtype, b)),
            "label": f._labels[k], "downcast": bool(state["downcast"][k]), "strict": k in strict,
            "has_default": bool(state["defaults"][k][0]),
        }
        for k, (dtype, b, name) in enumerate(state["inputs"])
    ]
    return {
        "format": 1,
        "name": state["name"],
        "inputs": inputs,
        "keywords": state["keywords"],
        "outputs": len(state["outputs"]),
        "single_output": state["single_output"],
        "shared": [
            {"name": s.name, "dtype": s.dtype, "broadcastable": list(s.broadcastable), "type_text": str(s.type)}
            for s in shared
        ],
        "read": [next(i for i, t in enumerate(shared) if t is s) for s in state["shared"]],
        "updated": [next(i for i, t in enumerate(shared) if t is s) for s in state["updated"]],
        "arg_names": argument_names(f.inputs, state["shared"]),
        "locations": source.locations,
        "blas": source.calls_blas,
    }


def _init_py(name: str, function_name: str, shared: list) -> str:
    """The package's `__init__.py`: the function, and each shared variable under its name where that is free."""
    lines, names = [], []
    for k, s in enumerate(shared):
        n = s.name
        if isinstance(n, str) and n.isidentifier() and not keyword.iskeyword(n) and n not in RESERVED \
                and not n.startswith("_") and n not in names:
            lines.append(f"{n} = shared_variables[{k}]")
            names.append(n)
    return fill(
        INIT_PY, name=name, function=ascii(function_name).replace('"', "'"), shared_names="\n".join(lines),
        shared_all="".join(f' "{n}",' for n in names),
    )


def _build_wheel(root: Path) -> Path:
    """Build the project's wheel into root/dist with this Python's pip; a RuntimeError with pip's output if it fails."""
    dist = root / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", os.fspath(dist), os.fspath(root)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"export: building {root} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    wheels = sorted(dist.glob("*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise RuntimeError(f"export: pip reported success but left no wheel in {dist}")
    return wheels[-1]


__all__ = ["ExportedProject", "export"]
