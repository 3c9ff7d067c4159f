"""`grad`: symbolic gradients, expressed as an `irtk.grad` request in the graph, with Theano's options.

The request is expanded by the compiler's `autodiff` pass, over the same IR every other pass sees, so there is one
implementation of differentiation for the frontend and for hand-written IR. What the frontend decides itself is
what Theano decides when `grad` is called: argument errors, which `wrt` variables the cost cannot reach (handled
by `disconnected_inputs` and `return_disconnected`), and which gradients are undefined because an op on the path
has no gradient rule (`null_gradients`). A path that only the pass finds to be cut (through an integer value) is
an error when the program is compiled under `disconnected_inputs='raise'`, and a zero gradient otherwise.
"""

from __future__ import annotations

import warnings

import numpy as np
from xdsl.dialects.builtin import UnitAttr

from irtk.dialects import irtk as ir
from irtk.dialects.irtk.autodiff import ALLOW_DISCONNECTED, SEGMENTS, grad_segments
from irtk.dialects.irtk.gradient_control import DisconnectedGradOp
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Apply, Variable


class DisconnectedInputError(ValueError):
    """`grad` was asked for the gradient with respect to a variable the cost does not depend on."""


class NullTypeGradError(TypeError):
    """`grad` met a gradient that is undefined (an op on the path has no gradient rule), under null_gradients='raise'."""


class GradientMarkerType:
    """Base of the types of gradients that are not tensors; calling the type gives a marker variable of it, as in
    Theano (`DisconnectedType()()`)."""

    def __call__(self, name: str | None = None) -> GradientMarker:
        return GradientMarker(self, name)

    def __eq__(self, other) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return type(self).__name__


class DisconnectedType(GradientMarkerType):
    """The type of the gradient with respect to a variable the cost does not depend on (return_disconnected=
    'Disconnected'): it is not zero but absent, which a caller building its own rules may need to tell apart."""


class NullType(GradientMarkerType):
    """The type of an undefined gradient (null_gradients='return'); `why_null` says why."""

    def __init__(self, why_null: str = "(no explanation given)"):
        self.why_null = why_null


class GradientMarker:
    """A gradient that is no tensor: it has a `type` (DisconnectedType or NullType) and cannot be computed with."""

    owner = None

    def __init__(self, type: GradientMarkerType, name: str | None = None):
        self.type = type
        self.name = name

    def __repr__(self) -> str:
        return self.name or f"<{self.type!r}>"


_DISCONNECTED_INPUTS = ("raise", "warn", "ignore")
_RETURN_DISCONNECTED = ("zero", "None", "Disconnected")
_NULL_GRADIENTS = ("raise", "return")


def grad(cost, wrt, consider_constant=None, disconnected_inputs="raise", add_names=True, known_grads=None,
         return_disconnected="zero", null_gradients="raise"):
    """The gradient of the scalar `cost` with respect to `wrt` (a variable gives a variable, a list a list, a
    tuple a tuple), Theano's `grad`.

    - consider_constant: variables that pass no gradient back (as if constants: `disconnected_grad` of each).
    - disconnected_inputs: for a wrt variable the cost does not depend on, 'raise' DisconnectedInputError,
      'warn' (a UserWarning) or 'ignore'; its gradient is then as `return_disconnected` says: 'zero' (zeros of its
      type), 'None', or 'Disconnected' (a marker of DisconnectedType).
    - add_names: name each gradient `(d<cost>/d<wrt>)` when both have names.
    - known_grads: {variable: its gradient} of gradients known from above (the cost may then be None); they are
      propagated like the cost's and added to it.
    - null_gradients: when an op on the path has no gradient rule, 'raise' NullTypeGradError or 'return' a marker
      of NullType for that variable.
    """
    _check_option("disconnected_inputs", disconnected_inputs, _DISCONNECTED_INPUTS)
    _check_option("return_disconnected", return_disconnected, _RETURN_DISCONNECTED)
    _check_option("null_gradients", null_gradients, _NULL_GRADIENTS)
    known = _known_pairs(known_grads)
    if cost is None and not known:
        raise TypeError("grad: cost is None and known_grads gives no gradient: there is nothing to differentiate")
    if cost is not None:
        if not isinstance(cost, Variable):
            raise TypeError(f"grad: cost must be a symbolic variable, got {type(cost).__name__}")
        if cost.ndim != 0:
            raise TypeError(f"grad: cost must be a scalar, got {cost.type} (sum it, or use jacobian)")
        if not cost.dtype.startswith("float"):
            raise TypeError(f"grad: cost must have a float dtype, got {cost.dtype}")
    wrt_list = _wrt_list("grad", wrt)
    for i, w in enumerate(wrt_list):
        if not w.dtype.startswith("float"):
            raise TypeError(f"grad: wrt[{i}] ({w!r}) has dtype {w.dtype}; only float variables have gradients")
    roots = ([cost] if cost is not None else []) + [v for v, _ in known]
    if consider_constant:
        from irtk.frontend.derived import FUNCTIONS
        from irtk.frontend.graph import substitute

        roots = substitute(roots, {v: FUNCTIONS["disconnected_grad"](v) for v in consider_constant})
        if cost is not None:
            cost = roots[0]
        known = list(zip(roots[len(roots) - len(known):], (g for _, g in known)))

    reachable = _gradient_ancestors(roots)
    _refuse_complex_path(roots, wrt_list)
    null_reason = _null_paths(roots, wrt_list, reachable)
    results: list = [None] * len(wrt_list)
    live: list[int] = []
    for i, w in enumerate(wrt_list):
        if id(w) not in reachable:
            what = "the cost does not" if cost is not None else "no variable of known_grads does"
            message = f"grad: {what} depend on wrt[{i}] ({w!r})"
            if disconnected_inputs == "raise":
                raise DisconnectedInputError(message)
            if disconnected_inputs == "warn":
                warnings.warn(message, stacklevel=2)
            results[i] = _disconnected_result(w, return_disconnected)
        elif id(w) in null_reason:
            message = f"grad: the gradient with respect to wrt[{i}] ({w!r}) is undefined: {null_reason[id(w)]}"
            if null_gradients == "raise":
                raise NullTypeGradError(message)
            results[i] = NullType(message)()
        else:
            live.append(i)

    if live:
        properties = {SEGMENTS: grad_segments(cost is not None, len(known), len(live))}
        if disconnected_inputs != "raise":
            properties[ALLOW_DISCONNECTED] = UnitAttr()
        inputs = [*([cost] if cost is not None else []), *(v for v, _ in known), *(g for _, g in known), *(wrt_list[i] for i in live)]
        node = Apply(ir.GradOp, inputs, properties)
        for k, i in enumerate(live):
            w = wrt_list[i]
            name = f"(d{cost.name}/d{w.name})" if add_names and cost is not None and cost.name and w.name else None
            out = Variable(TensorType(w.dtype, w.broadcastable), owner=node, index=k, name=name)
            node.outputs.append(out)
            results[i] = out
    return _format_as(wrt, results)


def jacobian(expression, wrt, consider_constant=None, disconnected_inputs="raise"):
    """The Jacobian of the vector `expression` with respect to `wrt` (a variable, or a list/tuple of them), Theano's
    `jacobian`: for each wrt variable x, a tensor of shape (len(expression), *x.shape) whose row k is the gradient
    of expression[k]. A scalar expression gives its gradient. The compiled program computes the rows in one loop
    over the elements of the expression (an `irtk.jacobian` request), not one graph per element."""
    _check_option("disconnected_inputs", disconnected_inputs, _DISCONNECTED_INPUTS, "jacobian")
    if not isinstance(expression, Variable):
        raise TypeError(f"jacobian: expression must be a symbolic variable, got {type(expression).__name__}")
    if expression.ndim > 1:
        raise TypeError(f"jacobian: expression must be a vector or a scalar, got {expression.type} (flatten it first)")
    if not expression.dtype.startswith("float"):
        raise TypeError(f"jacobian: expression must have a float dtype, got {expression.dtype}")
    wrt_list = _wrt_list("jacobian", wrt)
    if expression.ndim == 0:
        return _format_as(wrt, grad(expression, wrt_list, consider_constant=consider_constant,
                                    disconnected_inputs=disconnected_inputs))
    return _format_as(wrt, _jacobian_request("jacobian", expression, wrt_list, consider_constant, disconnected_inputs))


def hessian(cost, wrt, consider_constant=None, disconnected_inputs="raise"):
    """The Hessian of the scalar `cost` with respect to each vector in `wrt` (a variable, or a list/tuple of them),
    Theano's `hessian`: the Jacobian of the gradient, a (len(x), len(x)) matrix per wrt vector x (no cross terms
    between different wrt variables). A wrt variable the gradient does not depend on (the cost is linear in it)
    gets a zero Hessian; one the cost does not depend on is handled by `disconnected_inputs`."""
    if not isinstance(cost, Variable):
        raise TypeError(f"hessian: cost must be a symbolic variable, got {type(cost).__name__}")
    if cost.ndim != 0:
        raise TypeError(f"hessian: cost must be a scalar, got {cost.type}")
    wrt_list = _wrt_list("hessian", wrt)
    hessians = []
    for i, x in enumerate(wrt_list):
        if x.ndim != 1:
            raise TypeError(f"hessian: wrt[{i}] ({x!r}) must be a vector, got {x.type}")
        g = grad(cost, x, consider_constant=consider_constant, disconnected_inputs=disconnected_inputs)
        (h,) = _jacobian_request("hessian", g, [x], None, "ignore")  # zeros where g does not depend on x
        hessians.append(h)
    return _format_as(wrt, hessians)


def _jacobian_request(fn: str, expression: Variable, wrt_list: list[Variable], consider_constant, disconnected_inputs) -> list:
    """The `irtk.jacobian` node of the vector `expression` for `wrt_list` (disconnected ones handled as `grad` does,
    with zero Jacobians)."""
    for i, w in enumerate(wrt_list):
        if not w.dtype.startswith("float"):
            raise TypeError(f"{fn}: wrt[{i}] ({w!r}) has dtype {w.dtype}; only float variables have gradients")
    if consider_constant:
        from irtk.frontend.derived import FUNCTIONS
        from irtk.frontend.graph import substitute

        (expression,) = substitute([expression], {v: FUNCTIONS["disconnected_grad"](v) for v in consider_constant})
    reachable = _gradient_ancestors([expression])
    _refuse_complex_path([expression], wrt_list)
    null_reason = _null_paths([expression], wrt_list, reachable)
    for i, w in enumerate(wrt_list):
        if id(w) not in reachable:
            message = f"{fn}: the expression does not depend on wrt[{i}] ({w!r})"
            if disconnected_inputs == "raise":
                raise DisconnectedInputError(message)
            if disconnected_inputs == "warn":
                warnings.warn(message, stacklevel=3)
        elif id(w) in null_reason:
            raise NullTypeGradError(f"{fn}: the gradient with respect to wrt[{i}] ({w!r}) is undefined: {null_reason[id(w)]}")
    properties = {ALLOW_DISCONNECTED: UnitAttr()} if disconnected_inputs != "raise" else {}
    node = Apply(ir.JacobianOp, [expression, *wrt_list], properties)
    for k, w in enumerate(wrt_list):
        node.outputs.append(Variable(TensorType(w.dtype, (expression.broadcastable[0], *w.broadcastable)), owner=node, index=k))
    return list(node.outputs)


def _check_option(name: str, value, allowed: tuple[str, ...], fn: str = "grad") -> None:
    if value not in allowed:
        raise ValueError(f"{fn}: {name} must be one of {', '.join(repr(a) for a in allowed)}, got {value!r}")


def _wrt_list(fn: str, wrt) -> list[Variable]:
    wrt_list = [wrt] if not isinstance(wrt, (list, tuple)) else list(wrt)
    for i, w in enumerate(wrt_list):
        if not isinstance(w, Variable):
            raise TypeError(f"{fn}: wrt[{i}] must be a symbolic variable, got {type(w).__name__}")
    return wrt_list


def _format_as(wrt, results: list):
    """Theano's format: a list for a list, a tuple for a tuple, one result for one variable."""
    if isinstance(wrt, tuple):
        return tuple(results)
    if isinstance(wrt, list):
        return list(results)
    (result,) = results
    return result


def _known_pairs(known_grads) -> list[tuple[Variable, Variable]]:
    """known_grads as (variable, gradient) pairs, each gradient a float variable of its variable's type (an array is
    made a constant); a DisconnectedType gradient is no gradient at all."""
    if known_grads is None:
        return []
    if not isinstance(known_grads, dict):
        raise TypeError(f"grad: known_grads must be a dict {{variable: gradient}}, got {type(known_grads).__name__}")
    from irtk.frontend.basic import as_tensor_variable

    pairs = []
    for v, g in known_grads.items():
        if not isinstance(v, Variable):
            raise TypeError(f"grad: known_grads keys must be symbolic variables, got {type(v).__name__}")
        if isinstance(g, GradientMarker) and isinstance(g.type, DisconnectedType):
            continue
        if not v.dtype.startswith("float"):
            raise TypeError(f"grad: known_grads: {v!r} has dtype {v.dtype}; only float variables have gradients")
        if not isinstance(g, Variable):
            if not isinstance(g, (np.ndarray, np.generic, float, int, list)):
                raise TypeError(f"grad: known_grads[{v!r}] must be a symbolic variable or an array, got {type(g).__name__}")
            g = as_tensor_variable(np.asarray(g, dtype=v.dtype))
        if not g.dtype.startswith("float"):
            raise TypeError(f"grad: known_grads[{v!r}] must have a float dtype, got {g.dtype}")
        if g.ndim != v.ndim:
            raise TypeError(f"grad: known_grads[{v!r}] has {g.ndim} dimensions, the variable {v.ndim}")
        stretched = [d for d, (bv, bg) in enumerate(zip(v.broadcastable, g.broadcastable)) if bg and not bv]
        if stretched:
            raise TypeError(f"grad: known_grads[{v!r}] is broadcastable in dimensions {stretched}, the variable is not")
        if any(bv and not bg for bv, bg in zip(v.broadcastable, g.broadcastable)):
            raise TypeError(f"grad: known_grads[{v!r}] must be broadcastable where the variable is ({v.broadcastable})")
        if g.dtype != v.dtype:
            g = g.astype(v.dtype)
        pairs.append((v, g))
    return pairs


def _disconnected_result(w: Variable, return_disconnected: str):
    if return_disconnected == "None":
        return None
    if return_disconnected == "Disconnected":
        return DisconnectedType()()
    from irtk.frontend.composite import zeros_like

    return zeros_like(w)


def _gradient_ancestors(roots: list[Variable]) -> set[int]:
    """The ids of the roots and every variable they are computed from through ops that pass gradients
    (`disconnected_grad` passes none)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        cur = stack.pop()
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        if cur.owner is not None and cur.owner.op is not DisconnectedGradOp:
            stack.extend(cur.owner.inputs)
    return seen


def _topological(roots: list[Variable]) -> list[Variable]:
    """The ancestors of `roots`, each after its inputs."""
    order, seen, stack = [], set(), [(r, False) for r in roots]
    while stack:
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
    return order


def _refuse_complex_path(roots: list[Variable], wrt: list[Variable]) -> None:
    """A TypeError if a complex variable lies between `wrt` and a root: gradients through complex values are not
    supported (Theano's grad refuses them too), and treating one as a constant would give wrong gradients."""
    depends = {id(w) for w in wrt}
    for v in _topological(roots):
        if v.owner is not None and any(id(i) in depends for i in v.owner.inputs):
            depends.add(id(v))
        if id(v) in depends and v.dtype.startswith("complex"):
            raise TypeError(f"grad: the cost depends on a wrt variable through the complex value {v!r} ({v.dtype}); "
                            "gradients through complex values are not supported")


def _has_gradient_rule(op) -> bool:
    from irtk.dialects.irtk.base import TensorOp
    from irtk.dialects.irtk.elementwise import ElementwiseOp

    if op is ir.GradOp:  # expanded first, into ops that have rules (the sweep checks them)
        return True
    vjp = getattr(op, "vjp", None)
    if vjp is None or vjp is TensorOp.vjp:
        return False
    definition = getattr(op, "DEFINITION", None)
    declared_none = definition is not None and definition.grad is None
    return not (vjp is ElementwiseOp.vjp and op.partials is ElementwiseOp.partials and declared_none)


def _null_paths(roots: list[Variable], wrt: list[Variable], reachable: set[int]) -> dict[int, str]:
    """{id of a wrt variable: why} for the wrt variables whose gradient would cross an op without a gradient rule
    on a float path to a root (Theano's NullType gradients)."""
    order = _topological(roots)
    blocked: dict[int, str] = {}  # variables whose gradient path to a root crosses such an op
    for v in reversed(order):  # consumers before their inputs
        node = v.owner
        if node is None or node.op is DisconnectedGradOp or id(v) not in reachable or not v.dtype.startswith("float"):
            continue
        if not _has_gradient_rule(node.op):
            reason = f"{node.op_name} has no gradient rule"
        elif id(v) in blocked:
            reason = blocked[id(v)]
        else:
            continue
        for i in node.inputs:
            if i.dtype.startswith("float"):
                blocked.setdefault(id(i), reason)
    return {id(w): blocked[id(w)] for w in wrt if id(w) in blocked}
