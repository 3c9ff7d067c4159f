"""The Python half of a module written by `irtk.export`: a compiled function that needs numpy and nothing else.

This file is copied unchanged into every exported package (as `_runtime.py`), beside `_conversion.py` and
`_binding.py` (irtk/frontend/conversion.py and binding.py: Theano's conversion and binding rules, the very files
irtk's own `Function` uses) and `_blas_library.py` (irtk/runtime/blas_library.py). It imports only those, numpy and
the standard library: never irtk, xDSL or a compiler. The package's `_function.json` says what the function takes
and returns; `_values.npz` holds the default values of its inputs and its shared variables' values at export.

A call does what `irtk.frontend.function.Function.__call__` does, with the same messages: bind the arguments,
convert each by Theano's rules, run the kernel (compiled into the extension `_kernel` together with irtk's own
native runtime, native/src) on them plus the shared variables' current values, and store the updates only after the
kernel succeeded. A failed run-time check is a ValueError (an IndexError too for an index out of bounds) that names
the op and the line of the program that built the function, as irtk's is.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import re
from pathlib import Path

import numpy as np

from ._binding import MISSING, bind_arguments
from ._conversion import Converter, check_strict


class IndexOutOfBounds(IndexError, ValueError):
    """An index out of bounds, found when the kernel ran (an IndexError, and a ValueError as every failed check)."""


#: The mark a compiled check's message ends with instead of its location: ` [irtk.op.7]`.
_MARK = re.compile(r" \[irtk\.op\.(\d+)\]\Z")


def check_failure(message: str, locations: list[str]) -> ValueError:
    """The exception for a kernel's failed check: its op's number replaced by the user's line (`locations`, the
    table irtk kept when it compiled the function), an IndexOutOfBounds if it says "out of bounds"."""
    found = _MARK.search(message)
    if found is not None:
        number = int(found.group(1))
        message = message[: found.start()] + (locations[number] if number < len(locations) else "")
    return IndexOutOfBounds(message) if "out of bounds" in message else ValueError(message)


class SharedValue:
    """A shared variable of the exported function: its current value, read by every call, replaced by updates."""

    def __init__(self, name: str | None, dtype: str, broadcastable: list[bool], type_text: str, value: np.ndarray):
        self.name = name
        self._converter = Converter(dtype, broadcastable, type_text)
        self._value = self._converter(value, self._label())

    @property
    def dtype(self) -> str:
        return self._converter.dtype

    @property
    def broadcastable(self) -> tuple[bool, ...]:
        return self._converter.broadcastable

    @property
    def value(self) -> np.ndarray:
        return self._value

    def _label(self) -> str:
        return f"shared variable {self.name!r}" if self.name else "shared variable"

    def get_value(self, borrow: bool = False) -> np.ndarray:
        return self._value if borrow else self._value.copy()

    def set_value(self, value, borrow: bool = False) -> None:
        """Store `value` (converted to this variable's type); a copy unless `borrow=True`."""
        stored = self._converter(value, self._label())
        if not borrow and isinstance(value, np.ndarray) and np.shares_memory(stored, value):
            stored = stored.copy()
        self._value = stored

    def __repr__(self) -> str:
        return f"<shared variable {self.name or '(unnamed)'}: {self._converter.type_text}>"


class _NoValue:
    """A type no argument has: the input is always converted."""


class ExportedFunction:
    """The exported compiled function; call it as the `irtk.function` it was exported from."""

    def __init__(self, spec: dict, values, kernel, shared_variables: list[SharedValue]):
        self.name = spec["name"]
        inputs = spec["inputs"]
        self._n_inputs = len(inputs)
        self._labels = [i["label"] for i in inputs]
        self._keywords = dict(spec["keywords"])
        self._defaults = [values[f"default_{k}"] if i["has_default"] else MISSING for k, i in enumerate(inputs)]
        self._strict = [(k, i["dtype"]) for k, i in enumerate(inputs) if i["strict"]]
        self._conversions = [
            (float if i["dtype"] == "float64" and not i["broadcastable"] else _NoValue,
             Converter(i["dtype"], i["broadcastable"], i["type_text"]), i["label"], i["downcast"])
            for i in inputs
        ]
        self._single_output = spec["single_output"]
        self._n_outputs = spec["outputs"]
        self._read = [shared_variables[k] for k in spec["read"]]
        self._updated = [shared_variables[k] for k in spec["updated"]]
        self._locations = spec["locations"]
        self._kernel = kernel

    def __call__(self, *args, **kwargs):
        if kwargs or len(args) != self._n_inputs:
            args = bind_arguments(self.name, self._labels, self._keywords, self._defaults, args, kwargs)
        for k, dtype in self._strict:
            check_strict(dtype, args[k], self._labels[k])
        arrays = [a if type(a) is direct else convert(a, label, downcast)
                  for a, (direct, convert, label, downcast) in zip(args, self._conversions)]
        arrays += [s._value for s in self._read]
        try:
            results = self._kernel(*arrays)
        except ValueError as e:
            if type(e) is ValueError:
                raise check_failure(str(e), self._locations) from None
            raise
        n = self._n_outputs
        for shared, value in zip(self._updated, results[n:]):
            shared._value = value
        return results[0] if self._single_output else list(results[:n])

    def __repr__(self) -> str:
        return f"<exported function {self.name!r}: {self._kernel.signature}>"


def default_threads() -> int:
    """One thread per core this process may run on, irtk's default (`threads=0`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def load_blas() -> None:
    """Make numpy's OpenBLAS, which the kernel calls, visible to the extension before it is loaded.

    The extension is linked without it (its file name changes with every numpy release), so the kernel's BLAS
    symbols are resolved when the extension loads, from the library numpy already ships, opened here globally."""
    from ._blas_library import blas_library

    library = blas_library()
    if library is None:
        raise ImportError(
            "this module's kernel calls numpy's bundled OpenBLAS (numpy.libs/libscipy_openblas64_*.so), which the "
            "installed numpy does not have; install numpy from PyPI's wheels, or export the function with "
            "irtk.export(..., blas=False)"
        )
    ctypes.CDLL(os.fspath(library.path), mode=ctypes.RTLD_GLOBAL)


def load(package: str, directory: Path) -> tuple[ExportedFunction, list[SharedValue], object]:
    """The exported function of `package` (in `directory`), its shared variables, and its extension module."""
    spec = json.loads((directory / "_function.json").read_text())
    if spec["blas"]:
        load_blas()
    extension = importlib.import_module(f"{package}._kernel")
    extension.set_threads(default_threads())
    with np.load(directory / "_values.npz", allow_pickle=False) as stored:
        values = {key: stored[key] for key in stored.files}
    shared_variables = [
        SharedValue(s["name"], s["dtype"], s["broadcastable"], s["type_text"], values[f"shared_{k}"])
        for k, s in enumerate(spec["shared"])
    ]
    kernel = extension.make_kernel(spec["arg_names"])
    return ExportedFunction(spec, values, kernel, shared_variables), shared_variables, extension
