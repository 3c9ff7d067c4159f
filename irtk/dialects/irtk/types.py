"""Element types, shapes and Theano's dtype rules, in one place.

Every tensor value in the irtk dialect is a builtin `tensor<...>` type. A dimension whose size is the
static 1 is *broadcastable* (Theano's `broadcastable=True`); any other dimension is dynamic (`?`) or a
static size. Elementwise ops stretch size-1 dimensions, so broadcasting is visible in the types.

The dtype rules are Theano's: mixing dtypes upcasts like numpy does on arrays (float32 with float64 is
float64, int32 with float32 is float64), and sums of integers accumulate in int64.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects.builtin import (
    DYNAMIC_INDEX,
    ComplexType,
    IntegerType,
    Signedness,
    TensorType,
    f32,
    f64,
)
from xdsl.ir import Attribute

#: A static shape as Python sees it: an int per dimension, None where the size is dynamic.
Shape = tuple["int | None", ...]

_ELEMENT_TYPES: dict[str, Attribute] = {
    "bool": IntegerType(1),
    "int8": IntegerType(8),
    "int16": IntegerType(16),
    "int32": IntegerType(32),
    "int64": IntegerType(64),
    "uint8": IntegerType(8, Signedness.UNSIGNED),
    "uint16": IntegerType(16, Signedness.UNSIGNED),
    "uint32": IntegerType(32, Signedness.UNSIGNED),
    "uint64": IntegerType(64, Signedness.UNSIGNED),
    "float32": f32,
    "float64": f64,
    "complex64": ComplexType(f32),
    "complex128": ComplexType(f64),
}
_DTYPES: dict[Attribute, str] = {t: d for d, t in _ELEMENT_TYPES.items()}

DTYPES: tuple[str, ...] = tuple(_ELEMENT_TYPES)
FLOAT_DTYPES = ("float32", "float64")
COMPLEX_DTYPES = ("complex64", "complex128")


def element_type(dtype: str) -> Attribute:
    """The MLIR element type of a numpy dtype name (`'float64'` -> `f64`)."""
    try:
        return _ELEMENT_TYPES[str(np.dtype(dtype))]
    except (KeyError, TypeError) as e:
        raise TypeError(f"irtk does not support dtype {dtype!r}; supported: {', '.join(DTYPES)}") from e


def dtype_of(t: Attribute) -> str:
    """The numpy dtype name of an element type or tensor type."""
    if isinstance(t, TensorType):
        t = t.element_type
    try:
        return _DTYPES[t]
    except KeyError:
        raise TypeError(f"irtk does not support element type {t}") from None


def shape_of(t: TensorType) -> Shape:
    return tuple(None if d == DYNAMIC_INDEX else d for d in t.get_shape())


def tensor_type(dtype: str, shape: Sequence[int | None]) -> TensorType:
    return TensorType(element_type(dtype), [DYNAMIC_INDEX if d is None else d for d in shape])


def is_float(dtype: str) -> bool:
    return dtype in FLOAT_DTYPES


def is_integer(dtype: str) -> bool:
    return dtype.startswith(("int", "uint")) or dtype == "bool"


def is_complex(dtype: str) -> bool:
    return dtype in COMPLEX_DTYPES


def part_dtype(dtype: str) -> str:
    """The float dtype of a complex dtype's real and imaginary parts (complex64 -> float32); a real dtype's own."""
    return {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)


def upcast(*dtypes: str) -> str:
    """Theano's upcast: the dtype numpy gives when arrays of these dtypes meet."""
    return str(np.result_type(*[np.dtype(d) for d in dtypes]))


def true_div_dtype(*dtypes: str) -> str:
    """`/` is true division: integers divide as floating point (float64), like Theano's true_div."""
    out = upcast(*dtypes)
    return "float64" if is_integer(out) else out


def sum_dtype(dtype: str) -> str:
    """The result dtype of a sum: Theano accumulates booleans and integers in 64 bits."""
    if dtype == "bool" or dtype.startswith("int"):
        return "int64"
    if dtype.startswith("uint"):
        return "uint64"
    return dtype


def broadcast_shapes(shapes: Sequence[Shape], what: str) -> Shape:
    """The result shape of an elementwise op on same-rank operands.

    A dimension broadcasts only when its static size is 1. The other operands' sizes must agree: two
    different static sizes are a type error; dynamic sizes are checked when the program runs.
    """
    ranks = {len(s) for s in shapes}
    if len(ranks) > 1:
        raise TypeError(f"{what}: operands have different ranks {sorted(ranks)}; insert irtk.dimshuffle first")
    out: list[int | None] = []
    for dim, sizes in enumerate(zip(*shapes)):
        stretched = [s for s in sizes if s != 1]
        if not stretched:
            out.append(1)
            continue
        static = {s for s in stretched if s is not None}
        if len(static) > 1:
            raise TypeError(f"{what}: dimension {dim} has incompatible sizes {sorted(static)}")
        out.append(static.pop() if static else None)
    return tuple(out)


def format_type(dtype: str, shape: Shape) -> str:
    return f"{dtype}[{', '.join('?' if d is None else str(d) for d in shape)}]"
