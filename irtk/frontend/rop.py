"""`Rop` and `Lop`: Jacobian-vector and vector-Jacobian products (Theano's `theano.gradient.Rop`/`Lop`).

`Rop(f, wrt, eval_points)` is `J · v`, the derivative of `f` when each `wrt[j]` moves along `eval_points[j]`. It is
recorded in the graph as one `irtk.rop` request, which the `autodiff` pass expands by forward mode (one sweep for
every `f`, each op's tangent from its operands'): no Jacobian is formed, and the cost is that of evaluating `f` a
small number of times. A Hessian-vector product is the `Rop` of a gradient.

`Lop(f, wrt, eval_points)` is `vᵀ · J`: reverse mode seeded with the eval points — an `irtk.grad` request without
a cost whose `known` gradients say that the adjoint reaching each `f` from above is its eval point (Theano's
`grad(None, wrt, known_grads={f: v})`, which is how Theano defines `Lop` too).

Both take a variable or a list (or tuple) of variables for `f`, `wrt` and `eval_points`, and answer in the
structure Theano does: `Rop` like `f`, `Lop` like `wrt`. An eval point may be a numpy array or number (converted
to the dtype of its variable); a symbolic one must have its variable's dtype and number of dimensions.
"""

from __future__ import annotations

import warnings

import numpy as np

from irtk.frontend.gradient import DisconnectedInputError
from irtk.frontend.variable import Variable


def _as_list(value) -> tuple[list, bool, bool]:
    """(the items, whether a list was given, whether a tuple was given)."""
    if isinstance(value, (list, tuple)):
        return list(value), isinstance(value, list), isinstance(value, tuple)
    return [value], False, False


def _formatted(values: list, as_list: bool, as_tuple: bool):
    """Theano's `format_as`: the results in the structure the caller gave."""
    if as_list:
        return list(values)
    if as_tuple:
        return tuple(values)
    return values[0]


def _variables(fn: str, what: str, values: list) -> list[Variable]:
    for i, v in enumerate(values):
        if not isinstance(v, Variable):
            raise TypeError(f"{fn}: {what}[{i}] must be a symbolic variable, got {type(v).__name__}")
    return values


def _eval_point(fn: str, i: int, point, like: Variable, what: str) -> Variable:
    """`point` as a tangent (or cotangent) of `like`: a constant is converted to `like`'s dtype; a symbolic one
    must have its dtype and number of dimensions, and gets its broadcastable pattern (checked when it runs)."""
    from irtk.frontend.basic import as_tensor_variable, constant
    from irtk.frontend.shapes import patternbroadcast

    if not isinstance(point, Variable):
        try:
            data = np.asarray(point, dtype=like.dtype)
        except (TypeError, ValueError) as e:
            raise TypeError(f"{fn}: eval_points[{i}] cannot be converted to {like.dtype}: {e}") from None
        point = constant(data)
    point = as_tensor_variable(point)
    if point.ndim != like.ndim:
        raise ValueError(f"{fn}: eval_points[{i}] has {point.ndim} dimension(s), {what} ({like!r}) has {like.ndim}")
    if point.dtype != like.dtype:
        raise TypeError(f"{fn}: eval_points[{i}] ({point!r}) has dtype {point.dtype}, {what} ({like!r}) has {like.dtype}; "
                        "cast one of them")
    if point.broadcastable != like.broadcastable:
        point = patternbroadcast(point, like.broadcastable)
    return point


def _depending(outputs: list[Variable], sources: list[Variable]) -> dict[int, bool]:
    """For each variable reachable from `outputs`: whether it depends on a `sources` variable (by id)."""
    memo: dict[int, bool] = {id(s): True for s in sources}
    for out in outputs:
        stack = [out]
        while stack:
            cur = stack[-1]
            if id(cur) in memo:
                stack.pop()
            elif cur.owner is None:
                memo[id(stack.pop())] = False
            elif missing := [i for i in cur.owner.inputs if id(i) not in memo]:
                stack.extend(missing)
            else:
                memo[id(stack.pop())] = any(memo[id(i)] for i in cur.owner.inputs)
    return memo


def _refuse_complex_path(fn: str, outputs: list[Variable], sources: list[Variable]) -> None:
    """A TypeError if a complex variable lies between `sources` and `outputs`: derivatives through complex values
    are not supported (as by `grad`), and treating one as a constant would give wrong results."""
    depends = _depending(outputs, sources)
    seen: set[int] = set()
    stack = list(outputs)
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        if depends.get(id(v)) and v.dtype.startswith("complex"):
            raise TypeError(f"{fn}: the result depends on a wrt variable through the complex value {v!r} ({v.dtype}); "
                            "derivatives through complex values are not supported")
        if v.owner is not None:
            stack.extend(v.owner.inputs)


_DISCONNECTED = ("raise", "warn", "ignore")


def _check_option(fn: str, name: str, value: str) -> None:
    if value not in _DISCONNECTED:
        raise ValueError(f"{fn}: {name} must be 'ignore', 'warn' or 'raise', got {value!r}")


def _disconnected(option: str, message: str) -> None:
    """Theano's handling of a disconnected variable: 'raise' (DisconnectedInputError), 'warn' or 'ignore'."""
    if option == "raise":
        raise DisconnectedInputError(message)
    if option == "warn":
        warnings.warn(message, stacklevel=3)


def _require_float(function: str, what: str, variables: list[Variable], having: str) -> None:
    """TypeError naming the first variable of `variables` that is not a float: only those carry derivatives."""
    for i, v in enumerate(variables):
        if not v.dtype.startswith("float"):
            raise TypeError(f"{function}: {what}[{i}] ({v!r}) has dtype {v.dtype}; only float variables have {having}")


def Rop(f, wrt, eval_points, disconnected_outputs: str = "raise", return_disconnected: str = "zero"):  # noqa: N802 (Theano's name)
    """The Jacobian of `f` with respect to `wrt`, times `eval_points`: `sum_j (d f / d wrt[j]) · eval_points[j]`
    for each `f`, of `f`'s type, computed by forward mode.

    An `f` that depends on no `wrt` variable is an error (DisconnectedInputError) unless `disconnected_outputs` is
    'warn' or 'ignore'; its product is then zeros (`return_disconnected='zero'`) or None ('none')."""
    fs, as_list, as_tuple = _as_list(f)
    wrt_list, _, _ = _as_list(wrt)
    points, _, _ = _as_list(eval_points)
    _check_option("Rop", "disconnected_outputs", disconnected_outputs)
    if return_disconnected not in ("zero", "none"):
        raise ValueError(f"Rop: return_disconnected must be 'zero' or 'none', got {return_disconnected!r}")
    if not fs:
        raise ValueError("Rop: f must name at least one variable")
    _variables("Rop", "f", fs)
    _variables("Rop", "wrt", wrt_list)
    if len(points) != len(wrt_list):
        raise ValueError(f"Rop: wrt has {len(wrt_list)} variable(s) but eval_points {len(points)}: one per wrt variable")
    _require_float("Rop", "wrt", wrt_list, "tangents")
    points = [_eval_point("Rop", i, p, w, f"wrt[{i}]") for i, (p, w) in enumerate(zip(points, wrt_list))]

    depends = _depending(fs, wrt_list)
    connected = [v for v in fs if depends[id(v)]]
    for i, v in enumerate(fs):
        if not depends[id(v)]:
            _disconnected(disconnected_outputs, f"Rop: f[{i}] ({v!r}) does not depend on any wrt variable")
    _refuse_complex_path("Rop", connected, wrt_list)

    products: dict[int, Variable] = {}
    if connected:
        from irtk.dialects.irtk.forward_request import RopOp, segment_sizes
        from irtk.frontend.basic import apply_n

        results = apply_n(RopOp, [*connected, *wrt_list, *points], operandSegmentSizes=segment_sizes(len(connected), len(wrt_list)))
        products = {id(v): r for v, r in zip(connected, results)}
    out = []
    for v in fs:
        if id(v) in products:
            out.append(products[id(v)])
        elif return_disconnected == "zero":
            from irtk.frontend.composite import zeros_like

            out.append(zeros_like(v))
        else:
            out.append(None)
    return _formatted(out, as_list, as_tuple)


def Lop(f, wrt, eval_points, consider_constant=None, disconnected_inputs: str = "raise"):  # noqa: N802 (Theano's name)
    """`eval_points` times the Jacobian of `f` with respect to `wrt`: for each `wrt` variable, `sum_i eval_points[i]ᵀ ·
    (d f[i] / d wrt)`, of its type, computed by reverse mode seeded with `eval_points`.

    A `wrt` variable that no `f` depends on is an error (DisconnectedInputError) unless `disconnected_inputs` is
    'warn' or 'ignore'; its product is then zeros. `consider_constant` is as for `grad`."""
    from irtk.frontend.composite import fill, zeros_like
    from irtk.frontend.gradient import grad

    _check_option("Lop", "disconnected_inputs", disconnected_inputs)
    fs, _, _ = _as_list(f)
    points, _, _ = _as_list(eval_points)
    wrt_list, as_list, as_tuple = _as_list(wrt)
    if not fs:
        raise ValueError("Lop: f must name at least one variable")
    _variables("Lop", "f", fs)
    _variables("Lop", "wrt", wrt_list)
    if len(points) != len(fs):
        raise ValueError(f"Lop: f has {len(fs)} variable(s) but eval_points {len(points)}: one per f variable")
    _require_float("Lop", "f", fs, "gradients")
    _require_float("Lop", "wrt", wrt_list, "gradients")
    points = [_eval_point("Lop", i, p, v, f"f[{i}]") for i, (p, v) in enumerate(zip(points, fs))]

    connected = []
    for j, w in enumerate(wrt_list):
        depends = _depending(fs, [w])
        if any(depends[id(v)] for v in fs):
            connected.append(w)
        else:
            _disconnected(disconnected_inputs, f"Lop: no f depends on wrt[{j}] ({w!r})")
    _refuse_complex_path("Lop", fs, wrt_list)

    gradients: dict[int, Variable] = {}
    if connected:
        known: dict[Variable, Variable] = {}
        for v, p in zip(fs, points):  # the seeds: the adjoint reaching f[i] from above is eval_points[i]
            # Broadcast to f (a run-time check of its shape), so that the seed knows every static size f's IR type
            # knows (a constant in f can fix some), as a known gradient must.
            p = fill(v, p)
            known[v] = known[v] + p if v in known else p
        results = grad(None, connected, consider_constant=consider_constant, disconnected_inputs=disconnected_inputs,
                       known_grads=known)
        gradients = {id(w): g for w, g in zip(connected, results)}
    return _formatted([gradients[id(w)] if id(w) in gradients else zeros_like(w) for w in wrt_list], as_list, as_tuple)


__all__ = ["Rop", "Lop"]
