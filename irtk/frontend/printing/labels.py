"""What every printer calls the parts of a graph: an op node's label, its properties as Python values, the
name of one of several results, a constant's compact text, and the roots of what was asked for.

All of it is read from the ops' own definitions (their names, properties and declared results), never from a
list of ops, so that an op registered later — a plugin's too — prints like a built-in one.
"""

from __future__ import annotations

import numpy as np

from irtk.frontend.variable import Apply, Constant, Variable


def op_name(node: Apply) -> str:
    """The op's name without the dialect prefix: `add`, `argmax`, `dimshuffle`."""
    return node.op.name.removeprefix("irtk.")


def property_value(key: str, value):
    """A property as a Python value: integer lists as lists (`'x'` for a dimshuffle's new axis), names as str."""
    if hasattr(value, "get_values"):  # DenseArrayBase: axes, pattern
        values = [int(v) for v in value.get_values()]
        return ["x" if v == -1 else v for v in values] if key == "pattern" else values
    for data in (value, getattr(value, "data", None), getattr(getattr(value, "value", None), "data", None)):
        if isinstance(data, (str, int, float, bool, list, tuple)):  # a Python value, StringAttr, IntegerAttr
            return data
    return str(value)


def properties(node: Apply) -> dict[str, object]:
    # (operandSegmentSizes only tells the IR how a request's operands group: not worth printing)
    return {key: property_value(key, value) for key, value in node.properties.items() if key != "operandSegmentSizes"}


def _brief(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def apply_label(node: Apply) -> str:
    """The op and its properties in braces, Theano's `Op{props}` form: `sum{0}`, `dimshuffle{x,0}`,
    `cast{float32}`; several properties are named: `op{axes=0,1; mode=fast}`."""
    props = properties(node)
    if not props:
        return op_name(node)
    if len(props) == 1:
        return f"{op_name(node)}{{{_brief(next(iter(props.values())))}}}"
    return f"{op_name(node)}{{{'; '.join(f'{k}={_brief(v)}' for k, v in props.items())}}}"


def result_name(node: Apply, index: int) -> str | None:
    """How to tell result `index` of a node with several results apart: the name its op declares for it
    (`value`, `index` for argmax), or its position where the op declares a variable number of results."""
    if len(node.outputs) <= 1:
        return None
    try:
        declared = [name for name, _ in node.op.get_irdl_definition().results]
    except AttributeError:
        declared = []
    if len(declared) == len(node.outputs):
        return declared[index]
    return str(index)


def constant_text(c: Constant) -> str:
    """Theano's `TensorConstant{...}`: the value of a one-element constant (whatever the number of dimensions it
    was given to broadcast with), `shape of value` for a uniform array, else the array's text, shortened."""
    if c.name:
        return c.name
    data = c.data
    if data.size == 1:
        text = str(data.reshape(())[()])
    elif data.size > 1 and bool(np.all(data == data.flat[0])):
        text = f"{data.shape} of {data.flat[0]}"
    else:
        text = " ".join(str(data).split())
        if len(text) > 20:
            text = text[:10] + ".." + text[-10:]
    return f"TensorConstant{{{text}}}"


def leaf_text(v: Variable) -> str:
    """A variable shown by itself: its name, a constant's value, or `<type>` for an unnamed input."""
    if isinstance(v, Constant):
        return constant_text(v)
    return v.name or f"<{v.type}>"


def roots(obj, caller: str) -> tuple[list[Variable], list[tuple[Variable, Variable]]]:
    """(outputs, (shared variable, new value) updates) of a compiled Function, or the given variables."""
    from irtk.frontend.function import Function

    if isinstance(obj, Function):
        return list(obj.outputs), list(obj.updates)
    if isinstance(obj, Variable):
        return [obj], []
    if isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            if not isinstance(v, Variable):
                raise TypeError(f"{caller}: element {i} is a {type(v).__name__}, not a symbolic variable")
        return list(obj), []
    raise TypeError(f"{caller}: expected a variable, a list of variables or a compiled Function, got {type(obj).__name__}")
