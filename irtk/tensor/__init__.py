"""`irtk.tensor`: Theano's `theano.tensor` — type constructors and tensor operations.

Every constructor of the guide's table: prefixes b (int8), w (int16), i (int32), l (int64), f (float32),
d (float64), c (complex64), z (complex128) times scalar, vector, matrix, row, col, tensor3 ... tensor7
(`dscalar`, `fvector`, `wrow`, `ltensor5`, ...), their plurals (`dmatrices('x', 'y')`), and the generic
forms taking a dtype (`vector('x', dtype='int32')`; the default is `config.floatX`).
"""

from __future__ import annotations

import builtins

from irtk.frontend.basic import (
    all,
    any,
    argmax,
    argmin,
    as_tensor_variable,
    cast,
    constant,
    count,
    dimshuffle,
    dot,
    max,
    max_and_argmax,
    mean,
    min,
    prod,
    std,
    sum,
    transpose,
    var,
)
from irtk.frontend.composite import (
    allclose,
    clip,
    fill,
    iround,
    isclose,
    logsumexp,
    ones_like,
    round,
    second,
    zeros_like,
)
from irtk.frontend.constructors import alloc, arange, eye, identity_like, ones, zeros
from irtk.frontend.contractions import batched_dot, batched_tensordot, diag, diagonal, outer, tensordot, trace
from irtk.frontend.cumulative import cumprod, cumsum
from irtk.frontend.indexing import inc_subtensor, set_subtensor
from irtk.frontend.nonzero import flatnonzero, nonzero, nonzero_values
from irtk.tensor.sort import argsort, sort  # loads the submodule first, so that `sort` stays the function
from irtk.frontend.shapes import (
    addbroadcast,
    concatenate,
    flatten,
    flip,
    join,
    patternbroadcast,
    repeat,
    reshape,
    roll,
    shape_padleft,
    shape_padright,
    split,
    squeeze,
    stack,
    swapaxes,
    tile,
    unbroadcast,
)
from irtk.frontend.derived import FUNCTIONS as _DERIVED
from irtk.frontend.gradient import grad, hessian, jacobian
from irtk.frontend.rop import Lop, Rop
from irtk.tensor import extra_ops, nlinalg, nnet, shared_randomstreams
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Constant, Variable

PREFIXES = {"b": "int8", "w": "int16", "i": "int32", "l": "int64", "f": "float32", "d": "float64",
            "c": "complex64", "z": "complex128"}

#: shape name -> broadcastable pattern
SHAPES = {
    "scalar": (),
    "vector": (False,),
    "matrix": (False, False),
    "row": (True, False),
    "col": (False, True),
    **{f"tensor{n}": (False,) * n for n in range(3, 8)},
}
_PLURALS = {"scalar": "scalars", "vector": "vectors", "matrix": "matrices", "row": "rows", "col": "cols",
            **{f"tensor{n}": f"tensor{n}s" for n in range(3, 8)}}


def tensor(dtype: str | None = None, broadcastable=(), name: str | None = None) -> Variable:
    """A symbolic tensor of any rank: `tensor('float32', (False, True))`."""
    from irtk.flags import config

    return TensorType(dtype or config.floatX, broadcastable)(name)


def _generic(shape: str):
    def make(name: str | None = None, dtype: str | None = None) -> Variable:
        return tensor(dtype, SHAPES[shape], name)

    make.__name__ = make.__qualname__ = shape
    make.__doc__ = f"A symbolic {shape} of `dtype` (default config.floatX)."
    return make


def _typed(dtype: str, shape: str):
    def make(name: str | None = None) -> Variable:
        return TensorType(dtype, SHAPES[shape])(name)

    make.__name__ = make.__qualname__ = f"{_prefix(dtype)}{shape}"
    make.__doc__ = f"A symbolic {dtype} {shape}."
    return make


def _plural(single):
    def make(*names: str, **kwargs):
        return [single(n, **kwargs) for n in names]

    return make


def _prefix(dtype: str) -> str:
    return next(p for p, d in PREFIXES.items() if d == dtype)


for _shape in SHAPES:
    globals()[_shape] = _generic(_shape)
    globals()[_PLURALS[_shape]] = _plural(globals()[_shape])
    for _p, _dtype in PREFIXES.items():
        _single = _typed(_dtype, _shape)
        globals()[_single.__name__] = _single
        globals()[_p + _PLURALS[_shape]] = _plural(_single)
del _shape, _p, _dtype, _single

def __getattr__(name: str):
    """The frontend functions derived from the op registry (`tanh`, `lt`, `switch`, ... and plugins' ops)."""
    try:
        return _DERIVED[name]
    except KeyError:
        raise AttributeError(f"module 'irtk.tensor' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(_DERIVED))


__all__ = [
    "TensorType", "Variable", "Constant", "tensor", "as_tensor_variable", "constant", "cast", "dimshuffle", "transpose",
    "dot", "sum", "prod", "max", "min", "all", "any", "argmax", "argmin", "max_and_argmax", "mean", "var", "std", "count",
    "clip", "round", "iround", "isclose", "allclose", "logsumexp", "zeros_like", "ones_like", "fill", "second", "outer",
    "tensordot", "batched_dot", "batched_tensordot", "diag", "diagonal", "trace", "nlinalg", "nnet", "grad", "jacobian", "hessian", "Rop", "Lop", "zeros", "ones", "alloc", "arange", "eye", "identity_like",
    "cumsum", "cumprod", "inc_subtensor", "set_subtensor", "sort", "argsort", "nonzero", "flatnonzero", "nonzero_values", "reshape", "flatten", "shape_padleft", "shape_padright",
    "swapaxes", "squeeze", "patternbroadcast", "addbroadcast", "unbroadcast", "concatenate", "join", "stack", "flip", "roll", "repeat", "tile", "split", "extra_ops", "shared_randomstreams", *_DERIVED,
    *(name for name in globals() if builtins.any(name.endswith(s) for s in (*SHAPES, *_PLURALS.values())) and name[:1] != "_"),
]
