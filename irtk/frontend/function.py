"""`function`: compile a symbolic graph into a Python callable, Theano's `theano.function`.

    f = function([x, target], y, updates=[(W, W - 0.1 * g)])

A call checks and converts each argument (a TypeError/ValueError names the argument), runs the
compiled code on the arguments plus the current values of the shared variables the graph reads, and
returns the outputs — computed from the values shared variables had *before* the call. Updates are
stored afterwards, and only if the whole call succeeded.
"""

from __future__ import annotations

import numpy as np

from irtk.flags import resolve_mode
from irtk.frontend.basic import as_tensor_variable
from irtk.frontend.graph import build_module
from irtk.frontend.shared import SharedVariable
from irtk.frontend.variable import Constant, Variable


class Function:
    """A compiled function; call it with one value per input."""

    def __init__(self, inputs, outputs, updates=None, givens=None, mode=None, name=None, allow_input_downcast=None):
        self.name = name or "function"
        self.mode = resolve_mode(mode)
        self.inputs = _check_inputs(inputs)
        self.single_output = outputs is not None and not isinstance(outputs, (list, tuple))
        outputs = [] if outputs is None else [outputs] if self.single_output else list(outputs)
        self.outputs = [as_tensor_variable(o) for o in outputs]
        self.updates = _check_updates(updates)
        self.givens = _check_givens(givens)
        self.allow_input_downcast = bool(allow_input_downcast)
        module, self.signature = build_module(self.inputs, self.outputs, self.updates, self.givens)
        self.tensor_ir = str(module)
        self._labels = [_label(v, i) for i, v in enumerate(self.inputs)]
        # How the compiled code names its arguments in errors: "argument 'W'".
        arg_names = [v.name or f"input {i}" for i, v in enumerate(self.inputs)] + [
            s.name or f"shared variable {i}" for i, s in enumerate(self.signature.shared)
        ]
        from irtk.compiler import compile_module

        self._run = compile_module(module, self.mode, arg_names, self.name)

    def __call__(self, *args):
        if len(args) != len(self.inputs):
            raise TypeError(f"{self.name} takes {len(self.inputs)} argument(s), got {len(args)}")
        downcast = self.allow_input_downcast
        arrays = [v.type.filter(a, label, downcast) for v, a, label in zip(self.inputs, args, self._labels)]
        arrays += [s.value for s in self.signature.shared]
        results = self._run(arrays)
        n = len(self.outputs)
        for shared, value in zip(self.signature.updated, results[n:]):
            shared._value = value
        outputs = results[:n]
        return outputs[0] if self.single_output else list(outputs)


def function(inputs, outputs=None, updates=None, givens=None, mode=None, name=None, allow_input_downcast=None, **unsupported):
    """Compile the graph from `inputs` to `outputs` (a variable, or a list of them)."""
    if unsupported:
        raise TypeError(f"function: unsupported arguments {sorted(unsupported)}")
    return Function(inputs, outputs, updates, givens, mode, name, allow_input_downcast)


def _label(v: Variable, i: int) -> str:
    return f"argument {i} ({v.name!r})" if v.name else f"argument {i}"


def _check_inputs(inputs) -> list[Variable]:
    if isinstance(inputs, Variable):
        raise TypeError("function: inputs must be a list of variables, e.g. function([x], y)")
    inputs = list(inputs)
    for i, v in enumerate(inputs):
        if not isinstance(v, Variable) or isinstance(v, Constant):
            raise TypeError(f"function: input {i} must be a symbolic variable, got {type(v).__name__}")
        if isinstance(v, SharedVariable):
            raise TypeError(f"function: input {i} is a shared variable; shared variables are implicit inputs")
        if v.owner is not None:
            raise TypeError(f"function: input {i} ({v!r}) is computed from other variables; inputs must be free variables")
        if any(v is w for w in inputs[:i]):
            raise ValueError(f"function: input {i} ({v!r}) is given more than once")
    return inputs


def _check_updates(updates) -> list[tuple[SharedVariable, Variable]]:
    if updates is None:
        return []
    pairs = list(updates.items()) if isinstance(updates, dict) else list(updates)
    checked: list[tuple[SharedVariable, Variable]] = []
    for shared, new in pairs:
        if not isinstance(shared, SharedVariable):
            raise TypeError(f"function: an update must be for a shared variable, not {shared!r}")
        if any(shared is s for s, _ in checked):
            raise ValueError(f"function: shared variable {shared!r} is updated twice")
        new = as_tensor_variable(new)
        stretches = any(s and not n for s, n in zip(shared.broadcastable, new.broadcastable))
        if new.dtype != shared.dtype or new.ndim != shared.ndim or stretches:
            raise TypeError(
                f"function: the update of {shared!r} has type {new.type}, but the shared variable has type {shared.type}; "
                f"an update must keep the dtype, the number of dimensions and every broadcastable dimension"
            )
        checked.append((shared, new))
    return checked


def _check_givens(givens) -> dict[Variable, Variable]:
    if givens is None:
        return {}
    pairs = list(givens.items()) if isinstance(givens, dict) else list(givens)
    checked: dict[Variable, Variable] = {}
    for old, new in pairs:
        new = as_tensor_variable(new)
        if not isinstance(old, Variable) or old.type.dtype != new.type.dtype or old.ndim != new.ndim:
            raise TypeError(f"function: givens must replace a variable by one of the same type ({old!r} by {new!r})")
        checked[old] = new
    return checked


__all__ = ["function", "Function", "np"]
