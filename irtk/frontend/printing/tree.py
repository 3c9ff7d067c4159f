"""`debugprint`: a graph as an indented tree, in Theano's format.

    add [id A] ''
     |x [id B]
     |mul [id C] ''
       |y [id D]
       |TensorConstant{2.0} [id E]

One line per variable: an op's result shows the op's label (`sum{1}`, `cast{float32}`; a result of an op with
several results adds the name its op declares, `argmax{1}.index`), an id and the variable's name in quotes; an
input or a constant shows itself and an id. Ids are letters (A ... Z, BA, BB, ...) given in printing order to
each op node and each input, so a sub-graph used twice is printed once and then referred to: its second
occurrence is the same line without the inputs below it. Both results of one node share the node's id.
"""

from __future__ import annotations

import sys

from irtk.frontend.variable import Variable
from irtk.frontend.printing.labels import apply_label, leaf_text, result_name, roots


def letters(number: int) -> str:
    """Theano's id for the `number`-th node: base-26 digits written with the letters A-Z."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text = chr(ord("A") + digit) + text
        if number == 0:
            return text


class _Tree:
    """The lines of several trees, which share their ids (a node printed under one output is referred to
    under the next)."""

    def __init__(self, print_type: bool, depth: int, stop_on_name: bool):
        self.print_type, self.depth, self.stop_on_name = print_type, depth, stop_on_name
        self.ids: dict[int, str] = {}
        self.lines: list[str] = []

    def add(self, root: Variable) -> None:
        # (variable, its line's prefix, its inputs' prefix, level), depth first; iterative, so a deep graph
        # does not exhaust Python's stack
        stack: list[tuple[Variable, str, str, int]] = [(root, "", "", 0)]
        while stack:
            v, prefix, inner, level = stack.pop()
            key = id(v.owner if v.owner is not None else v)
            seen = key in self.ids
            if not seen:
                self.ids[key] = letters(len(self.ids))
            typed = f" <{v.type}>" if self.print_type else ""
            if v.owner is None:
                self.lines.append(f"{prefix}{leaf_text(v)} [id {self.ids[key]}]{typed}")
                continue
            node = v.owner
            which = result_name(node, v.index)
            label = apply_label(node) + (f".{which}" if which is not None else "")
            self.lines.append(f"{prefix}{label} [id {self.ids[key]}]{typed} '{v.name or ''}'")
            if seen or (0 <= self.depth <= level + 1) or (self.stop_on_name and v.name and level > 0):
                continue
            last = len(node.inputs) - 1
            for i in range(last, -1, -1):
                stack.append((node.inputs[i], inner + " |", inner + ("  " if i == last else " |"), level + 1))


def debugprint(obj, file=None, print_type: bool = False, depth: int = -1, stop_on_name: bool = False) -> str:
    """Print the tree of a variable, a list of variables or a compiled Function (its outputs, then each update's
    new value under an `update of <shared>:` line), and return the text.

    `file`: a stream to write to (default stdout), or `'str'` to only return the text (Theano's convention).
    `print_type`: add each variable's type. `depth`: print only this many levels (-1: all).
    `stop_on_name`: do not print what a named variable below the top is computed from.
    """
    outputs, updates = roots(obj, "debugprint")
    if file != "str" and file is not None and not hasattr(file, "write"):
        raise TypeError(f"debugprint: file must be a stream with write(), 'str' or None, got {type(file).__name__}")
    tree = _Tree(print_type, depth, stop_on_name)
    for v in outputs:
        tree.add(v)
    for shared, new in updates:
        tree.lines.append(f"update of {leaf_text(shared)}:")
        tree.add(new)
    text = "".join(line + "\n" for line in tree.lines)
    if file != "str":
        (file or sys.stdout).write(text)
    return text
