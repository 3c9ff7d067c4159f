"""Binding a call's arguments to a function's inputs, as Theano bound them: positional arguments first, then
keywords by input name, then the default values of `In(x, value=...)` for the rest.

Why a module of its own, importing nothing: a compiled function (`Function._bind`, irtk/frontend/function.py) and a
module written by `irtk.export` (which copies this file, unchanged, into its package and must import without irtk)
bind arguments by the same rules and fail with the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: The value of an argument not given, and the default of an input that has none.
MISSING = object()


def bind_arguments(
    name: str, labels: Sequence[str], keywords: Mapping[str, int], defaults: Sequence, args: tuple, kwargs: dict
) -> list:
    """One value per input of the function `name`, whose inputs are labelled `labels` in messages ("argument 0
    ('x')"); `keywords` maps each name a keyword may use to its input's index (-1: two inputs have that name);
    `defaults` holds each input's default value or MISSING. A TypeError when the arguments do not bind."""
    n = len(labels)
    if len(args) > n:
        raise TypeError(f"{name} takes {n} argument(s), got {len(args)}")
    values = list(args) + [MISSING] * (n - len(args))
    for key, value in kwargs.items():
        i = keywords.get(key)
        if i is None:
            named = sorted(k for k, j in keywords.items() if j >= 0)
            known = f"its inputs are named {', '.join(map(repr, named))}" if named else "no input has a name"
            raise TypeError(f"{name} got an unexpected keyword argument {key!r}; {known}")
        if i < 0:
            raise TypeError(f"{name}: more than one input is named {key!r}; pass it by position")
        if values[i] is not MISSING:
            raise TypeError(f"{name} got multiple values for {labels[i]} (keyword {key!r})")
        values[i] = value
    for i, value in enumerate(values):
        if value is MISSING:
            if defaults[i] is MISSING:
                raise TypeError(
                    f"{name} takes {n} argument(s), got {len(args) + len(kwargs)}: {labels[i]} is "
                    f"missing and has no default value"
                )
            values[i] = defaults[i]
    return values
