"""`x.shape`: Theano's shape vector — one int64 vector variable — that still knows its sizes one by one.

In Theano `x.shape` is a vector: `x.shape + 1`, `tensor.prod(x.shape)` and `x.shape[::-1]` are vector arithmetic
and indexing. Programs also use it as a sequence of sizes: `x.shape[0]`, `zeros(x.shape)`, `x.reshape((x.shape[0],
-1))`, `n, m = x.shape`. So the shape is an ordinary int64 vector in the graph (its sizes stacked), which also keeps
its sizes as scalar variables (`components`): indexing it with an int or a slice, iterating over it, taking its
`len()`, and passing it where a shape is expected use those directly, so a static size stays a constant that folds
and no gather is computed to read one back.
"""

from __future__ import annotations

import numpy as np

from irtk.frontend.variable import Variable


def shape_vector(x: Variable) -> Variable:
    """x's sizes as an int64 vector variable that remembers them one by one."""
    from irtk.frontend.basic import constant, count

    return with_components([count(x, axis=d) for d in range(x.ndim)], constant(np.zeros(0, dtype=np.int64)))


def with_components(sizes: list[Variable], empty: Variable | None = None) -> Variable:
    """The vector stacking `sizes` (int64 scalars), which keeps them as its `components`."""
    from irtk.frontend.basic import constant
    from irtk.frontend.shapes import stack

    vector = stack(sizes) if sizes else (empty if empty is not None else constant(np.zeros(0, dtype=np.int64)))
    vector.components = tuple(sizes)
    return vector


def components(value) -> tuple | None:
    """The sizes of a shape vector, or None for any other value."""
    return getattr(value, "components", None) if isinstance(value, Variable) else None


def getitem(vector: Variable, key):
    """`x.shape[k]` (a size) and `x.shape[a:b]` (a shape vector) from the components; None for other keys."""
    sizes = components(vector)
    if isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_)):
        if not -len(sizes) <= key < len(sizes):
            raise IndexError(f"shape index {int(key)} is out of range for a {len(sizes)}-d tensor")
        return sizes[int(key)]
    if isinstance(key, slice) and all(v is None or isinstance(v, (int, np.integer)) for v in (key.start, key.stop, key.step)):
        return with_components(list(sizes[key]))
    return None


__all__ = ["components", "getitem", "shape_vector", "with_components"]
