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


def _refuse_complex_path(cost: Variable, wrt: list[Variable]) -> None:
    """A TypeError if a complex variable lies between `wrt` and `cost`: gradients through complex values are not
    supported (Theano's grad refuses them too), and treating one as a constant would give wrong gradients."""
    order, seen, stack = [], set(), [(cost, False)]
    while stack:  # the ancestors of cost, each after its inputs
        v, expanded = stack.pop()
        if expanded:
            order.append(v)
            continue
        if id(v) in seen:
            continue
        seen.add(id(v))
        stack.append((v, True))
        if v.owner is not None:
            stack.extend((i, False) for i in v.owner.inputs)
    depends = {id(w) for w in wrt}
    for v in order:
        if v.owner is not None and any(id(i) in depends for i in v.owner.inputs):
            depends.add(id(v))
        if id(v) in depends and v.dtype.startswith("complex"):
            raise TypeError(f"grad: the cost depends on a wrt variable through the complex value {v!r} ({v.dtype}); "
                            "gradients through complex values are not supported")


def grad(cost: Variable, wrt, consider_constant=None, **unsupported):
    """The gradient of scalar `cost` with respect to `wrt` (a variable, or a list giving a list); the variables in
    `consider_constant` pass no gradient back (as if they were constants: `disconnected_grad` of each)."""
    if unsupported:
        raise TypeError(f"grad: unsupported arguments {sorted(unsupported)}")
    if consider_constant:
        from irtk.frontend.derived import FUNCTIONS
        from irtk.frontend.graph import substitute

        (cost,) = substitute([cost], {v: FUNCTIONS["disconnected_grad"](v) for v in consider_constant})
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
    _refuse_complex_path(cost, wrt_list)
    node = Apply(ir.GradOp, [cost, *wrt_list])
    for i, w in enumerate(wrt_list):
        node.outputs.append(Variable(TensorType(w.dtype, w.broadcastable), owner=node, index=i))
    return node.outputs[0] if single else list(node.outputs)
