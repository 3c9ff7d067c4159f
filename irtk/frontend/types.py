"""`TensorType`: a dtype and a broadcastable pattern, Theano's type of a symbolic tensor.

A broadcastable dimension has size 1 and stretches in elementwise ops; the others have a size known
only at run time. In the IR this is `tensor<1x?xf64>` for a float64 row: the frontend type and the IR
type say the same thing, so converting between them is exact.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from irtk.dialects.irtk.types import DTYPES


class TensorType:
    """The type of a symbolic tensor: `TensorType('float64', (True, False))` is a row."""

    def __init__(self, dtype: str, broadcastable: Sequence[bool] = ()):
        dtype = str(np.dtype(dtype)) if dtype is not None else dtype
        if dtype not in DTYPES:
            raise TypeError(f"unsupported dtype {dtype!r}; supported: {', '.join(DTYPES)}")
        self.dtype = dtype
        self.broadcastable = tuple(bool(b) for b in broadcastable)
        self._np_dtype = np.dtype(dtype)
        self._plain = not any(self.broadcastable)  # no dimension whose size must be checked

    @property
    def ndim(self) -> int:
        return len(self.broadcastable)

    @property
    def shape(self) -> tuple[int | None, ...]:
        """The static shape: 1 where broadcastable, None (known at run time) elsewhere."""
        return tuple(1 if b else None for b in self.broadcastable)

    def ir_type(self):
        from irtk.dialects.irtk.types import tensor_type

        return tensor_type(self.dtype, self.shape)

    @classmethod
    def from_ir(cls, t) -> TensorType:
        from irtk.dialects.irtk.types import dtype_of, shape_of

        return cls(dtype_of(t), [d == 1 for d in shape_of(t)])

    def __call__(self, name: str | None = None):
        """A new symbolic variable of this type."""
        from irtk.frontend.variable import Variable

        return Variable(self, name=name)

    def __eq__(self, other) -> bool:
        return isinstance(other, TensorType) and (self.dtype, self.broadcastable) == (other.dtype, other.broadcastable)

    def __hash__(self) -> int:
        return hash((self.dtype, self.broadcastable))

    def __repr__(self) -> str:
        return f"TensorType({self.dtype}, {self.broadcastable})"

    def __str__(self) -> str:
        names = {0: "scalar", 1: "vector", 2: "matrix"}
        kind = {(True, False): "row", (False, True): "col"}.get(self.broadcastable) or names.get(self.ndim, f"{self.ndim}D")
        return f"TensorType({self.dtype}, {kind})"

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

    def filter(self, data, name: str, allow_downcast: bool = False) -> np.ndarray:
        """`data` as an aligned C-contiguous array of this type, or a TypeError/ValueError naming `name`.

        Theano's rules: an array of a dtype that casts safely is converted; Python numbers and lists are
        converted when no value changes (`[1.0, 2.0]` for a float32 vector); anything else needs
        `allow_input_downcast=True`.
        """
        if type(data) is np.ndarray or type(data) is float:  # the common case, checked in a few hundred ns
            arr = np.asarray(data)
            flags = arr.flags
            if arr.dtype == self._np_dtype and arr.ndim == self.ndim and self._plain and flags.c_contiguous \
                    and flags.aligned:
                return arr
        is_python = not isinstance(data, (np.ndarray, np.generic))
        try:
            arr = np.asarray(data)
        except (ValueError, TypeError) as e:
            raise TypeError(f"{name}: cannot convert {type(data).__name__} to an array of {self.dtype}: {e}") from None
        if arr.dtype == object or arr.dtype.kind in "SUV":
            raise TypeError(f"{name}: expected numbers for a {self}, got {type(data).__name__} of {arr.dtype}")
        if arr.dtype != self.dtype:
            arr = self._converted(arr, name, is_python, allow_downcast)
        if arr.ndim != self.ndim:
            raise TypeError(f"{name}: expected {self.ndim} dimension(s) for {self}, got {arr.ndim} (shape {arr.shape})")
        for d, (b, size) in enumerate(zip(self.broadcastable, arr.shape)):
            if b and size != 1:
                raise ValueError(f"{name}: dimension {d} is broadcastable and must have size 1, got shape {arr.shape}")
        # An unaligned buffer (unpickled out of band, as Dask sends arrays) is copied: kernels need aligned elements.
        return arr if arr.flags.c_contiguous and arr.flags.aligned else np.array(arr, order="C")


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
