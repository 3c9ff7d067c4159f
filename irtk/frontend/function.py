"""`function`: compile a symbolic graph into a Python callable, Theano's `theano.function`.

    f = function([x, target], y, updates=[(W, W - 0.1 * g)])

A call checks and converts each argument (a TypeError/ValueError names the argument), runs the
compiled code on the arguments plus the current values of the shared variables the graph reads, and
returns the outputs — computed from the values shared variables had *before* the call. Updates are
stored afterwards, and only if the whole call succeeded.

Inputs may be `In`s (`irtk.In`) with a default value or a name; arguments are then bound as Theano
binds them: positional ones first, then keywords by name, then defaults for the rest.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

from irtk.flags import resolve_mode, resolve_on_unused_input, resolve_pipeline
from irtk.frontend.basic import as_tensor_variable
from irtk.frontend.binding import MISSING, bind_arguments
from irtk.frontend.conversion import check_strict
from irtk.frontend.donation import SparePool
from irtk.frontend.graph import GraphSignature, build_module, leaves, substitute
from irtk.frontend.inputs import In
from irtk.frontend.shared import SharedVariable
from irtk.frontend.variable import Constant, Variable


class UnusedInputError(ValueError):
    """An input that neither the outputs nor the updates need (Theano's error of that name): usually a
    mistake in the graph, so it is an error unless `on_unused_input` says otherwise."""


_MISSING = MISSING  # an argument not given, with no default


class _NoValue:
    """A type no argument has: the input is always converted."""


class Function:
    """A compiled function; call it with one value per input (or by keyword, for named inputs)."""

    def __init__(
        self, inputs, outputs, updates=None, givens=None, mode=None, name=None, allow_input_downcast=None,
        on_unused_input=None, no_default_updates=False,
    ):
        self.name = name or "function"
        self.mode = resolve_mode(mode)
        self.pipeline = resolve_pipeline(mode)  # None: the mode's own
        on_unused_input = resolve_on_unused_input(on_unused_input)
        specs = _check_inputs(inputs)
        self.inputs = [spec.variable for spec in specs]
        self.single_output = outputs is not None and not isinstance(outputs, (list, tuple))
        outputs = [] if outputs is None else [outputs] if self.single_output else list(outputs)
        self.outputs = [as_tensor_variable(o) for o in outputs]
        self.updates = _check_updates(updates)
        self.updates += _check_updates(default_updates(self.outputs, self.updates, no_default_updates))
        self.givens = _check_givens(givens)
        self.allow_input_downcast = bool(allow_input_downcast)
        module, self.signature = build_module(self.inputs, self.outputs, self.updates, self.givens)
        _check_used(module, self.inputs, on_unused_input)
        self.tensor_ir = str(module)
        self._labels = [_label(v, i) for i, v in enumerate(self.inputs)]
        self._downcast = [self.allow_input_downcast if s.allow_downcast is None else bool(s.allow_downcast)
                          for s in specs]
        self._strict = [i for i, s in enumerate(specs) if s.strict]
        self._defaults = [
            _MISSING if not s.optional else v.type.filter(s.value, f"the default value of {label}", downcast)
            for s, v, label, downcast in zip(specs, self.inputs, self._labels, self._downcast)
        ]
        self._keywords = _keyword_index(specs)
        self._conversions = conversions(self)
        from irtk.compiler import compile_module

        self._run = compile_module(module, self.mode, argument_names(self.inputs, self.signature.shared), self.name,
                                   self.pipeline)
        self._spares = spare_pool(self)

    def __call__(self, *args, **kwargs):
        if kwargs or len(args) != len(self.inputs):
            args = self._bind(args, kwargs)
        for i in self._strict:
            _check_strict(self.inputs[i], args[i], self._labels[i])
        arrays = [a if type(a) is direct else convert(a, label, downcast)
                  for a, (direct, convert, label, downcast) in zip(args, self._conversions)]
        signature = self.signature
        if signature.shared:
            arrays += [s.value for s in signature.shared]
        pool = self._spares
        if pool is None:
            results = self._run(arrays)
        else:  # buffer donation (donation.py): the spares are this call's alone
            spares = pool.take()
            try:
                results = self._run(arrays, spares)
            except BaseException:
                pool.put_back(spares)
                raise
            del spares
            arrays.clear()  # the old values' last references must be the shared variables'
        if signature.updated:
            n = len(self.outputs)
            if pool is None:
                for shared, value in zip(signature.updated, results[n:]):
                    shared._value = value
            else:
                pool.store_updates(signature.updated, results[n:])
            results = results[:n]
        return results[0] if self.single_output else list(results[: len(self.outputs)])

    def __getstate__(self) -> dict:
        """Pickled as its IR text, mode, inputs and shared variables, never as compiled code: see pickling.py."""
        from irtk.frontend.pickling import function_state

        return function_state(self)

    def __setstate__(self, state: dict) -> None:
        """Unpickled by compiling its IR again, through the caches as `function` does: see pickling.py."""
        from irtk.frontend.pickling import restore_function

        restore_function(self, state)
        self._spares = spare_pool(self)

    def _bind(self, args: tuple, kwargs: dict) -> list:
        """One value per input, Theano's way: positional arguments, then keywords, then defaults (binding.py)."""
        return bind_arguments(self.name, self._labels, self._keywords, self._defaults, args, kwargs)

    def copy(self, share_memory: bool = False, swap=None, delete_updates: bool = False, name: str | None = None):
        """A new function running the same compiled code, Theano's `Function.copy`.

        `swap={old: new}` makes the copy read (and update) the shared variable `new` wherever this one uses
        `old`; both must have the same type, since the compiled code is reused. `delete_updates=True` gives
        a copy that stores no updates (the code still computes them). Nothing is recompiled, so a copy costs
        microseconds; `share_memory` is accepted for Theano's sake: the two never share storage a caller
        could see.
        """
        swap = _check_swap(swap, self.signature, self.name)
        copy = object.__new__(Function)
        copy.__dict__.update(self.__dict__)
        copy.name = name if name is not None else f"{self.name} copy"
        copy._defaults = list(self._defaults)
        updates = [] if delete_updates else self.updates
        copy.outputs = substitute(self.outputs, swap)
        copy.updates = list(zip((swap.get(s, s) for s, _ in updates), substitute([u for _, u in updates], swap)))
        copy.signature = replace(
            self.signature,
            shared=[swap.get(s, s) for s in self.signature.shared],
            outputs=copy.outputs,
            updated=[s for s, _ in copy.updates],
        )
        copy._spares = spare_pool(copy)
        return copy


def function(
    inputs, outputs=None, updates=None, givens=None, mode=None, name=None, allow_input_downcast=None,
    on_unused_input=None, no_default_updates=False, **unsupported,
):
    """Compile the graph from `inputs` (variables or `In`s) to `outputs` (a variable, or a list of them).

    `on_unused_input` ('raise', 'warn' or 'ignore'; default `config.on_unused_input`, 'raise') says what
    to do with an input the outputs and updates do not need; such an input is still an argument.
    `no_default_updates` (True, or a list of shared variables) turns default updates off (see `default_updates`).
    """
    if unsupported:
        raise TypeError(f"function: unsupported arguments {sorted(unsupported)}")
    return Function(inputs, outputs, updates, givens, mode, name, allow_input_downcast, on_unused_input, no_default_updates)


def default_updates(outputs, updates, no_default_updates=False) -> list[tuple[SharedVariable, Variable]]:
    """Theano's default updates: each shared variable the outputs or updates read that has a `default_update`
    (a random draw's state, whose counter then advances) is updated with it, unless an explicit update names it
    or `no_default_updates` is True or lists it. A default update may read further shared variables; theirs
    are added too."""
    if no_default_updates is True:
        return []
    skipped = {id(v) for v in (no_default_updates or [])} | {id(s) for s, _ in updates}
    found: list[tuple[SharedVariable, Variable]] = []
    pending = list(outputs) + [new for _, new in updates]
    while pending:
        roots, pending = leaves(pending), []
        for leaf in roots:
            update = getattr(leaf, "default_update", None)
            if isinstance(leaf, SharedVariable) and update is not None and id(leaf) not in skipped:
                skipped.add(id(leaf))
                found.append((leaf, update))
                pending.append(update)
    return found


def spare_pool(f: Function) -> SparePool | None:
    """A new, empty pool of spare buffers for `f`'s updates, or None where no buffer can be donated: FAST_COMPILE
    (numpy evaluates the graph) and a function without updates (donation.py)."""
    return SparePool() if f.mode == "FAST_RUN" and f.signature.updated else None


def argument_names(inputs: list[Variable], shared: list[SharedVariable]) -> list[str]:
    """How the compiled code names its arguments in errors ("argument 'W'"): the inputs, then the shared variables."""
    return [v.name or f"input {i}" for i, v in enumerate(inputs)] + [
        s.name or f"shared variable {i}" for i, s in enumerate(shared)
    ]


def conversions(f: Function) -> list[tuple]:
    """Per input of `f`: the type its value may have to be passed as it is (compiled code takes a Python float
    for a float64 scalar: no array is made), then the converter, the argument's label and its downcast rule."""
    return [
        (float if f.mode == "FAST_RUN" and v.type.dtype == "float64" and v.type.ndim == 0 else _NoValue,
         v.type.filter, label, downcast)
        for v, label, downcast in zip(f.inputs, f._labels, f._downcast)
    ]


def _label(v: Variable, i: int) -> str:
    return f"argument {i} ({v.name!r})" if v.name else f"argument {i}"


def _check_inputs(inputs) -> list[In]:
    if isinstance(inputs, (Variable, In)):
        raise TypeError("function: inputs must be a list of variables, e.g. function([x], y)")
    specs = list(inputs)
    for i, spec in enumerate(specs):
        if isinstance(spec, Variable):
            specs[i] = spec = In(spec)
        elif not isinstance(spec, In):
            raise TypeError(f"function: input {i} must be a symbolic variable or an In, got {type(spec).__name__}")
        v = spec.variable
        if isinstance(v, Constant):
            raise TypeError(f"function: input {i} must be a symbolic variable, got a constant ({v!r})")
        if isinstance(v, SharedVariable):
            raise TypeError(f"function: input {i} is a shared variable; shared variables are implicit inputs")
        if v.owner is not None:
            raise TypeError(f"function: input {i} ({v!r}) is computed from other variables; inputs must be free variables")
        if any(v is s.variable for s in specs[:i]):
            raise ValueError(f"function: input {i} ({v!r}) is given more than once")
    return specs


def _keyword_index(specs: list[In]) -> dict[str, int]:
    """Input index by keyword: each input's `In` name and its variable's name; -1 for a name two inputs have."""
    index: dict[str, int] = {}
    for i, spec in enumerate(specs):
        for key in {spec.name, spec.variable.name} - {None}:
            index[key] = i if index.get(key, i) == i else -1
    return index


def _check_strict(v: Variable, value, label: str) -> None:
    """`In(..., strict=True)`: the argument must already be an array of the input's dtype; nothing is converted."""
    check_strict(v.dtype, value, label)


def _check_used(module, inputs: list[Variable], on_unused_input: str) -> None:
    """Theano's `on_unused_input`: an input whose argument nothing in the compiled graph reads."""
    if on_unused_input == "ignore":
        return
    block = module.ops.first.body.block
    for i, (v, arg) in enumerate(zip(inputs, block.args)):
        if arg.first_use is not None:
            continue
        message = (
            f"function: {_label(v, i)} is not part of the graph that computes the outputs and updates; "
            f"pass on_unused_input='warn' or 'ignore' to function if that is intended"
        )
        if on_unused_input == "raise":
            raise UnusedInputError(message)
        warnings.warn(message, UserWarning, stacklevel=4)


def _check_swap(swap, signature: GraphSignature, name: str) -> dict[SharedVariable, SharedVariable]:
    """`Function.copy(swap=...)`: pairs of shared variables of the same type, the old ones used by the function."""
    if swap is None:
        return {}
    if not isinstance(swap, dict):
        raise TypeError(f"copy: swap must be a dict {{old shared variable: new one}}, got {type(swap).__name__}")
    used = [*signature.shared, *signature.updated]
    for old, new in swap.items():
        if not isinstance(old, SharedVariable) or not isinstance(new, SharedVariable):
            raise TypeError(f"copy: swap must map shared variables to shared variables, got {old!r}: {new!r}")
        if not any(old is s for s in used):
            raise ValueError(f"copy: swap: shared variable {old!r} is not used by {name}")
        if old.type != new.type:
            raise TypeError(
                f"copy: swap: {new!r} has type {new.type} but {old!r} has type {old.type}; "
                f"the compiled code needs the same type"
            )
    updated = [swap.get(s, s) for s in signature.updated]
    for i, s in enumerate(updated):
        if any(s is t for t in updated[:i]):
            raise ValueError(f"copy: swap: shared variable {s!r} would be updated twice")
    return dict(swap)


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


__all__ = ["function", "Function", "In", "UnusedInputError"]
