"""`In`: a `function` input with options, Theano's `theano.In`.

    f = function([x, In(y, value=1.0)], x + y)
    f(2.0), f(2.0, 3.0), f(x=2.0, y=3.0)

A default `value` makes the argument optional, and `name` (the variable's name unless given) lets a
call pass it by keyword. Theano's other options are accepted where they mean something here:
`strict=True` takes only arrays of exactly the input's dtype, and `allow_downcast` overrides the
function's `allow_input_downcast` for this input. A compiled function never writes into its arguments
and never keeps them after the call, so `mutable` and `borrow` are accepted and change nothing.
"""

from __future__ import annotations

from irtk.frontend.variable import Variable


class In:
    """One input of `function`: the variable, the name it is passed by, its default value."""

    def __init__(
        self,
        variable: Variable,
        name: str | None = None,
        value=None,
        update=None,
        mutable: bool = False,
        strict: bool = False,
        allow_downcast: bool | None = None,
        autoname: bool = True,
        implicit: bool | None = None,
        borrow: bool = False,
    ):
        if not isinstance(variable, Variable):
            raise TypeError(f"In: variable must be a symbolic variable, got {type(variable).__name__}")
        if name is not None and not isinstance(name, str):
            raise TypeError(f"In: name must be a string, got {type(name).__name__}")
        if isinstance(value, Variable):
            raise TypeError(f"In: value must be a number or an array, not the symbolic variable {value!r}")
        if update is not None:
            raise TypeError("In: update= is not supported; keep such state in a shared variable and use updates=")
        if implicit:
            raise TypeError("In: implicit inputs are not supported; use a shared variable")
        self.variable = variable
        self.name = variable.name if name is None and autoname else name
        #: The default value (None: the argument is required), converted to the input's type by `function`.
        self.value = value
        self.mutable = bool(mutable)
        self.strict = bool(strict)
        self.allow_downcast = allow_downcast
        self.borrow = bool(borrow)

    @property
    def optional(self) -> bool:
        return self.value is not None

    def __repr__(self) -> str:
        default = f", value={self.value!r}" if self.optional else ""
        return f"In({self.variable!r}{default})"

