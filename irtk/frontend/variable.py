"""Symbolic graph nodes: `Variable`, `Constant` and `Apply`, with Python operator overloading.

An `Apply` records one dialect op applied to input variables (`op` is the irtk op class, `properties`
its attributes); its outputs are new variables whose types the op's `infer_type` decides. The graph is
plain Python: building it costs microseconds and compiles nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import numpy as np

from irtk.frontend.types import TensorType


class Apply:
    """`op(inputs...)` with `properties`; `outputs` are the variables it defines."""

    def __init__(self, op: type, inputs: Sequence[Variable], properties: dict | None = None):
        self.op = op
        self.inputs = list(inputs)
        self.properties = dict(properties or {})
        self.outputs: list[Variable] = []
        #: (file, line) of the user's code that built this node; compiled ops carry it, so errors point there.
        self.source = user_source()

    @property
    def op_name(self) -> str:
        return self.op.name.removeprefix("irtk.")

    def __repr__(self) -> str:
        return f"{self.op_name}({', '.join(map(str, self.inputs))})"


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def user_source() -> tuple[str, int] | None:
    """The innermost stack frame outside the irtk package: where the user wrote the operation."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not os.path.abspath(filename).startswith(_PACKAGE_DIR):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


class Variable:
    """A symbolic tensor: a graph input (`owner is None`) or the output `index` of `owner`."""

    __array_priority__ = 1000  # numpy defers `ndarray * Variable` to Variable.__rmul__
    __array_ufunc__ = None

    def __init__(self, type: TensorType, owner: Apply | None = None, index: int = 0, name: str | None = None):
        self.type = type
        self.owner = owner
        self.index = index
        self.name = name

    # properties
    dtype = property(lambda self: self.type.dtype)
    ndim = property(lambda self: self.type.ndim)
    broadcastable = property(lambda self: self.type.broadcastable)

    def __repr__(self) -> str:
        if self.name:
            return self.name
        if self.owner is not None:
            return repr(self.owner) if len(self.owner.outputs) == 1 else f"{self.owner!r}.{self.index}"
        return f"<{self.type}>"

    __str__ = __repr__

    # Arithmetic, comparison and bitwise operators (`+`, `<`, `&`, ...) are installed from the op registry by
    # irtk.frontend.derived: each op's declaration names its operators.

    def __pos__(self):
        return self

    def __bool__(self):
        raise TypeError("a symbolic variable has no truth value; compare it inside the graph instead")

    # methods
    def clip(self, a_min, a_max):
        from irtk.frontend.composite import clip

        return clip(self, a_min, a_max)

    def dot(self, other):
        return _ops().dot(self, other)

    def dimshuffle(self, *pattern):
        return _ops().dimshuffle(self, *pattern)

    def astype(self, dtype):
        return _ops().cast(self, dtype)

    @property
    def shape(self) -> Variable:
        """The sizes as an int64 vector variable, Theano's shape vector (`x.shape[0]`, `zeros(x.shape)`,
        `x.shape + 1`): see `irtk/frontend/shape_vector.py`. Each size is computed when the function runs, or is a
        constant where the type knows it."""
        from irtk.frontend.shape_vector import shape_vector

        return shape_vector(self)

    def __getitem__(self, key):
        from irtk.frontend import shape_vector
        from irtk.frontend.indexing import getitem

        if shape_vector.components(self) is not None:
            size = shape_vector.getitem(self, key)
            if size is not None:
                return size
        return getitem(self, key)

    @property
    def size(self):
        """The number of elements (an int64 scalar variable)."""
        return _ops().count(self)

    def reshape(self, *shape, ndim=None):
        """`x.reshape((2, -1))` or `x.reshape(2, -1)`: see `tensor.reshape`."""
        from irtk.frontend.shapes import reshape

        whole = len(shape) == 1 and (isinstance(shape[0], (tuple, list)) or (isinstance(shape[0], Variable) and shape[0].ndim == 1))
        return reshape(self, shape[0] if whole else shape, ndim)

    def flatten(self, ndim=1):
        from irtk.frontend.shapes import flatten

        return flatten(self, ndim)

    def sort(self, axis=-1, kind=None, order=None):
        """`tensor.sort(self, axis)`."""
        from irtk.frontend.sorting import sort

        return sort(self, axis, kind, order)

    def argsort(self, axis=-1, kind=None, order=None):
        """`tensor.argsort(self, axis)`."""
        from irtk.frontend.sorting import argsort

        return argsort(self, axis, kind, order)

    def nonzero(self, return_matrix=False):
        """`tensor.nonzero(self)`: one index vector per dimension."""
        from irtk.frontend.nonzero import nonzero

        return nonzero(self, return_matrix)

    def nonzero_values(self):
        """`tensor.nonzero_values(self)`."""
        from irtk.frontend.nonzero import nonzero_values

        return nonzero_values(self)

    def repeat(self, repeats, axis=None):
        """`tensor.repeat(self, repeats, axis)`."""
        from irtk.frontend.shapes import repeat

        return repeat(self, repeats, axis)

    def __iter__(self):
        # without this, Python would iterate through __getitem__ with 0, 1, 2, ... forever
        sizes = getattr(self, "components", None)
        if sizes is not None:  # a shape vector: `n, m = x.shape`, as Theano allows for a vector of known length
            return iter(sizes)
        raise TypeError("a symbolic tensor does not support iteration (maybe builtins.sum was meant instead of tensor.sum?)")

    def __len__(self):
        sizes = getattr(self, "components", None)
        if sizes is not None:
            return len(sizes)
        raise TypeError("a symbolic tensor has no len(); its sizes are symbolic (x.shape)")

    @property
    def T(self):  # noqa: N802 (numpy's name)
        return _ops().transpose(self)

    @property
    def real(self):
        """The real part (`tensor.real(self)`; the variable itself's values for a real dtype)."""
        return _derived("real")(self)

    @property
    def imag(self):
        """The imaginary part (`tensor.imag(self)`; zeros for a real dtype)."""
        return _derived("imag")(self)

    def eval(self, inputs_to_values: dict | None = None):
        """This variable's value given `{free variable: value}`, Theano's `Variable.eval`.

        Convenient while exploring a graph: the function it compiles is kept on the variable, one per set of
        free variables (and mode), so evaluating again with new values does not compile again.
        """
        from irtk.flags import config
        from irtk.frontend.function import function

        if inputs_to_values is None:
            inputs_to_values = {}
        if not isinstance(inputs_to_values, dict):
            got = type(inputs_to_values).__name__
            raise TypeError(f"eval: inputs_to_values must be a dict {{variable: value}}, not {got}")
        for key in inputs_to_values:
            if not isinstance(key, Variable):
                raise TypeError(f"eval: the keys of inputs_to_values must be symbolic variables, got {key!r}")
        inputs = sorted(inputs_to_values, key=id)
        cache = self.__dict__.setdefault("_eval_functions", {})
        key = (config.mode, *map(id, inputs))
        if key not in cache:
            cache[key] = function(inputs, self, name="eval")
        return cache[key](*(inputs_to_values[v] for v in inputs))


class Constant(Variable):
    """A variable with a fixed value, folded into the compiled code."""

    def __init__(self, data: np.ndarray, name: str | None = None):
        data = np.asarray(data)
        super().__init__(TensorType(str(data.dtype), [s == 1 for s in data.shape]), name=name)
        self.data = data

    def __repr__(self) -> str:
        return self.name or (str(self.data.item()) if self.data.ndim == 0 else f"Constant{{{self.data.tolist()}}}")

    __str__ = __repr__


def _ops():
    from irtk.frontend import basic

    return basic


def _derived(name: str):
    from irtk.frontend.derived import FUNCTIONS

    return FUNCTIONS[name]


def _reduction_method(name: str):
    def method(self, *args, **kwargs):
        return getattr(_ops(), name)(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"`tensor.{name}(self, ...)`: the same arguments (axis, keepdims, ...)."
    return method


#: `x.sum(axis=1)`, `x.mean(keepdims=True)`, ...: each method is its frontend function applied to the variable.
for _name in ("sum", "prod", "mean", "var", "std", "max", "min", "argmax", "argmin", "all", "any"):
    setattr(Variable, _name, _reduction_method(_name))

# The operators each op declares (`__add__`, `__lt__`, ...), installed now and for ops registered later.
import irtk.frontend.derived  # noqa: E402,F401
