"""irtk: an MLIR-style multi-level IR compiler toolkit with a Theano-like frontend.

    import irtk as theano
    from irtk import tensor
    a, b = tensor.dscalar(), tensor.dscalar()
    f = theano.function([a, b], a + b)
    f(1.5, 2.5)  # array(4.)

The names below are imported on first use, so that `import irtk` (and `irtk-opt --help`, which imports
the package) does not pay for xDSL until something needs it.
"""

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "tensor": ("irtk.tensor", None),
    "printing": ("irtk.printing", None),
    "gradient": ("irtk.gradient", None),
    "config": ("irtk.flags", "config"),
    "function": ("irtk.frontend.function", "function"),
    "Function": ("irtk.frontend.function", "Function"),
    "In": ("irtk.frontend.inputs", "In"),
    "Mode": ("irtk.frontend.mode", "Mode"),
    "shared": ("irtk.frontend.shared", "shared"),
    "SharedVariable": ("irtk.frontend.shared", "SharedVariable"),
    "grad": ("irtk.frontend.gradient", "grad"),
    "export": ("irtk.exporting", "export"),
}

__all__ = ["tensor", "function", "shared", "grad", "gradient", "printing", "config", "Function", "SharedVariable", "In", "Mode",
           "export"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'irtk' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = import_module(module) if attribute is None else getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
