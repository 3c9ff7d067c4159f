"""`grad`: symbolic gradients, expressed as an `irtk.grad` request in the graph.

The request is expanded by the compiler's `autodiff` pass, over the same IR every other pass sees, so
there is one implementation of differentiation for the frontend and for hand-written IR.
"""

from __future__ import annotations

from irtk.dialects import irtk as ir
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Apply, Variable


class DisconnectedInputError(ValueError):
    """`grad` was asked for the gradient with respect to a variable the cost does not depend on."""


def _ancestors(v: Variable) -> set[int]:
    """The ids of `v` and every variable it is computed from."""
    seen: set[int] = set()
    stack = [v]
    while stack:
        cur = stack.pop()
        if id(cur) not in seen:
            seen.add(id(cur))
            if cur.owner is not None:
                stack.extend(cur.owner.inputs)
    return seen


def grad(cost: Variable, wrt, **unsupported):
    """The gradient of scalar `cost` with respect to `wrt` (a variable, or a list giving a list)."""
    if unsupported:
        raise TypeError(f"grad: unsupported arguments {sorted(unsupported)}")
    single = isinstance(wrt, Variable)
    wrt_list = [wrt] if single else list(wrt)
    if not isinstance(cost, Variable):
        raise TypeError(f"grad: cost must be a symbolic variable, got {type(cost).__name__}")
    if cost.ndim != 0:
        raise TypeError(f"grad: cost must be a scalar, got {cost.type}")
    if not cost.dtype.startswith("float"):
        raise TypeError(f"grad: cost must have a float dtype, got {cost.dtype}")
    reachable = _ancestors(cost)
    for i, w in enumerate(wrt_list):
        if not isinstance(w, Variable):
            raise TypeError(f"grad: wrt[{i}] must be a symbolic variable, got {type(w).__name__}")
        if not w.dtype.startswith("float"):
            raise TypeError(f"grad: wrt[{i}] ({w!r}) has dtype {w.dtype}; only float variables have gradients")
        if id(w) not in reachable:
            raise DisconnectedInputError(f"grad: the cost does not depend on wrt[{i}] ({w!r})")
    node = Apply(ir.GradOp, [cost, *wrt_list])
    for i, w in enumerate(wrt_list):
        node.outputs.append(Variable(TensorType(w.dtype, w.broadcastable), owner=node, index=i))
    return node.outputs[0] if single else list(node.outputs)
