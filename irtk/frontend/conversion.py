"""Theano's rules for turning a call's argument into an array of an input's type.

    Converter("float32", (False,), "TensorType(float32, vector)")([1.0, 2.0], "argument 0 ('x')")

Why a module of its own, importing nothing but numpy: the same rules run in two places that must never drift
apart. `TensorType.filter` (irtk/frontend/types.py) uses them for every argument of a compiled function and every
`set_value`; `irtk.export` copies this file, unchanged, into the package it writes, whose module must import
without irtk. So nothing here may import irtk, and every message is built from the strings a Converter is given.

The rules: an array whose dtype casts safely to the input's is converted; Python numbers and lists are converted
when no value changes (`[1.0, 2.0]` for a float32 vector); anything else needs `allow_downcast`. The result is an
aligned, C-contiguous array whose broadcastable dimensions have size 1; otherwise a TypeError or ValueError that
names the argument.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np


class Converter:
    """The conversion to one tensor type: `dtype`, `broadcastable`, and `type_text` (how messages name the type)."""

    __slots__ = ("dtype", "broadcastable", "ndim", "type_text", "_np_dtype", "_plain")

    def __init__(self, dtype: str, broadcastable: Sequence[bool], type_text: str):
        self.dtype = dtype
        self.broadcastable = tuple(bool(b) for b in broadcastable)
        self.ndim = len(self.broadcastable)
        self.type_text = type_text
        self._np_dtype = np.dtype(dtype)
        self._plain = not any(self.broadcastable)  # no dimension whose size must be checked

    def __call__(self, data, name: str, allow_downcast: bool = False) -> np.ndarray:
        """`data` as an aligned C-contiguous array of this type, or a TypeError/ValueError naming `name`."""
        if type(data) is np.ndarray or type(data) is float:  # the common case, checked in a few hundred ns
            arr = np.asarray(data)
            flags = arr.flags
            if arr.dtype == self._np_dtype and arr.ndim == self.ndim and self._plain and flags.c_contiguous \
                    and flags.aligned:
                return arr
        is_python = not isinstance(data, (np.ndarray, np.generic))
        try:
            arr = np.asarray(data)
        except Exception as e:  # whatever the object's own conversion raises, the caller hears which argument
            raise TypeError(
                f"{name}: cannot convert {type(data).__name__} to an array of {self.dtype}: {type(e).__name__}: {e}"
            ) from e
        if arr.dtype == object or arr.dtype.kind in "SUV":
            raise TypeError(f"{name}: expected numbers for a {self.type_text}, got {type(data).__name__} of {arr.dtype}")
        if arr.dtype != self.dtype:
            arr = self._converted(arr, name, is_python, allow_downcast)
        if arr.ndim != self.ndim:
            raise TypeError(
                f"{name}: expected {self.ndim} dimension(s) for {self.type_text}, got {arr.ndim} (shape {arr.shape})"
            )
        for d, (b, size) in enumerate(zip(self.broadcastable, arr.shape)):
            if b and size != 1:
                raise ValueError(f"{name}: dimension {d} is broadcastable and must have size 1, got shape {arr.shape}")
        # An unaligned buffer (unpickled out of band, as Dask sends arrays) is copied: kernels need aligned elements.
        return arr if arr.flags.c_contiguous and arr.flags.aligned else np.array(arr, order="C")

    def _converted(self, arr: np.ndarray, name: str, is_python: bool, allow_downcast: bool) -> np.ndarray:
        """`arr` in this type's dtype, if the conversion is allowed (decided before any data is copied)."""
        if np.can_cast(arr.dtype, self.dtype, "safe"):
            return arr.astype(self.dtype)
        if allow_downcast:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return arr.astype(self.dtype)
        if is_python and (exact := _lossless_cast(arr, self.dtype)) is not None:
            return exact
        raise TypeError(
            f"{name}: expected {self.dtype} data, got {arr.dtype}; converting would lose precision "
            f"(cast it first, or pass allow_input_downcast=True to function)"
        )


def check_strict(dtype: str, value, label: str) -> None:
    """`In(..., strict=True)`: the argument must already be an array of the input's dtype; nothing is converted."""
    if not isinstance(value, (np.ndarray, np.generic)) or value.dtype != dtype:
        got = type(value).__name__ + (f" of {value.dtype}" if isinstance(value, (np.ndarray, np.generic)) else "")
        raise TypeError(f"{label}: a strict input takes only {dtype} arrays, got {got}")


def _lossless_cast(arr: np.ndarray, dtype: str) -> np.ndarray | None:
    """`arr` as `dtype` if no value changes, else None (quietly: no numpy warnings on the way)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        converted = arr.astype(dtype)
    return converted if _values_equal(arr, converted) else None


def _values_equal(a: np.ndarray, b: np.ndarray) -> bool:
    try:
        return bool(np.array_equal(a, b, equal_nan=True))
    except TypeError:  # equal_nan needs an inexact dtype on both sides
        return bool(np.array_equal(a, b))
