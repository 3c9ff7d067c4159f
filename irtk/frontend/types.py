"""`TensorType`: a dtype and a broadcastable pattern, Theano's type of a symbolic tensor.

A broadcastable dimension has size 1 and stretches in elementwise ops; the others have a size known
only at run time. In the IR this is `tensor<1x?xf64>` for a float64 row: the frontend type and the IR
type say the same thing, so converting between them is exact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from irtk.dialects.irtk.types import DTYPES
from irtk.frontend.conversion import Converter


class TensorType:
    """The type of a symbolic tensor: `TensorType('float64', (True, False))` is a row."""

    def __init__(self, dtype: str, broadcastable: Sequence[bool] = ()):
        dtype = str(np.dtype(dtype)) if dtype is not None else dtype
        if dtype not in DTYPES:
            raise TypeError(f"unsupported dtype {dtype!r}; supported: {', '.join(DTYPES)}")
        self.dtype = dtype
        self.broadcastable = tuple(bool(b) for b in broadcastable)
        self._converter = Converter(dtype, self.broadcastable, str(self))

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

    def filter(self, data, name: str, allow_downcast: bool = False) -> np.ndarray:
        """`data` as an aligned C-contiguous array of this type, or a TypeError/ValueError naming `name`.

        Theano's rules: an array of a dtype that casts safely is converted; Python numbers and lists are
        converted when no value changes (`[1.0, 2.0]` for a float32 vector); anything else needs
        `allow_input_downcast=True`. The rules live in `conversion.py`, which exported modules share.
        """
        return self._converter(data, name, allow_downcast)
