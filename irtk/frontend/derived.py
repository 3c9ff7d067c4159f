"""Frontend functions, methods and operators derived from the op registry, so that the frontend keeps no list of
its own: an op declared with frontend names (`opdef.elementwise(..., names=["tanh"], methods=["__abs__"])`)
is `irtk.tensor.tanh` and `Variable.__abs__` as soon as it is registered — a plugin's op too.
"""

from __future__ import annotations

from collections.abc import Callable

from irtk.dialects.irtk.opdef import OpEntry, on_register
from irtk.frontend.variable import Variable

#: Derived frontend functions by name (what `irtk.tensor.<name>` finds).
FUNCTIONS: dict[str, Callable] = {}


def _install(entry: OpEntry) -> None:
    if entry.frontend.kind != "elementwise":
        return
    op = entry.op

    def function(*operands):
        from irtk.frontend.basic import elementwise_apply

        return elementwise_apply(op, *operands)

    name = entry.frontend.names[0] if entry.frontend.names else op.name.removeprefix("irtk.")
    function.__name__ = function.__qualname__ = name
    function.__doc__ = entry.summary
    for alias in entry.frontend.names:
        FUNCTIONS[alias] = function
    for method in entry.frontend.methods:
        setattr(Variable, method, function)
    for method in entry.frontend.reflected:
        setattr(Variable, method, lambda self, other, _f=function: _f(other, self))


on_register(_install)
