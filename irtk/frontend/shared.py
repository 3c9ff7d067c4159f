"""`shared`: a variable whose value lives between calls, like Theano's shared variables.

Compiled functions take a shared variable's current value as an extra argument and, for `updates`,
return its new value; the new value is stored only after the whole call succeeded, so a failing call
leaves every shared variable as it was.
"""

from __future__ import annotations

import numpy as np

from irtk.frontend.types import TensorType
from irtk.frontend.variable import Variable


class SharedVariable(Variable):
    """A symbolic variable with a stored value (`get_value`/`set_value`)."""

    def __init__(self, value: np.ndarray, name: str | None = None, broadcastable=None):
        value = np.array(value)  # a private copy, as Theano's borrow=False
        if value.dtype == np.float16 or value.dtype == object:
            raise TypeError(f"shared: unsupported dtype {value.dtype}")
        broadcastable = (False,) * value.ndim if broadcastable is None else tuple(broadcastable)
        super().__init__(TensorType(str(value.dtype), broadcastable), name=name)
        self._value = self.type.filter(value, self._label())

    def _label(self) -> str:
        return f"shared variable {self.name!r}" if self.name else "shared variable"

    def get_value(self, borrow: bool = False) -> np.ndarray:
        return self._value if borrow else self._value.copy()

    def set_value(self, value, borrow: bool = False) -> None:
        """Store `value` (converted to this variable's type); a copy unless `borrow=True`."""
        stored = self.type.filter(value, self._label())
        if not borrow and isinstance(value, np.ndarray) and np.shares_memory(stored, value):
            stored = stored.copy()
        self._value = stored

    def __getstate__(self) -> dict:
        """Pickled as its value, name, type and default update (see irtk/frontend/pickling.py); pickle keeps its
        identity, so functions pickled together with it update the one that comes back."""
        from irtk.frontend.pickling import shared_state

        return shared_state(self)

    def __setstate__(self, state: dict) -> None:
        from irtk.frontend.pickling import restore_shared

        restore_shared(self, state)

    @property
    def value(self) -> np.ndarray:
        return self._value


def shared(value, name: str | None = None, borrow: bool = False, broadcastable=None) -> SharedVariable:
    """A shared variable holding (a copy of) `value`."""
    return SharedVariable(value, name=name, broadcastable=broadcastable)
