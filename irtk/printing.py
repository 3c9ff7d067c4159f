"""Pictures and text of symbolic graphs: `pydotprint` (Graphviz PNG) and `debugprint` (indented text).

Both accept a compiled `Function` (its outputs and updates are shown) or variables.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from irtk.frontend.graph import toposort
from irtk.frontend.shared import SharedVariable
from irtk.frontend.variable import Apply, Constant, Variable


def _roots(obj) -> tuple[list[Variable], list[Variable]]:
    """(outputs, update values) of a Function, or the given variables."""
    from irtk.frontend.function import Function

    if isinstance(obj, Function):
        return list(obj.outputs), [new for _, new in obj.updates]
    if isinstance(obj, Variable):
        return [obj], []
    return list(obj), []


def _variable_label(v: Variable, simple: bool) -> str:
    if isinstance(v, Constant):
        return repr(v)
    if v.name:
        return v.name if simple else f"{v.name} {v.type}"
    return str(v.type)


def _apply_label(node: Apply) -> str:
    props = {k: v for k, v in node.properties.items()}
    if "dtype" in props:
        return f"cast{{{props['dtype']}}}"
    for key in ("axes", "pattern"):
        if key in props:
            values = ["x" if p == -1 else str(p) for p in props[key].get_values()]
            return f"{node.op_name}{{{','.join(values)}}}"
    return node.op_name


def to_dot(obj, var_with_name_simple: bool = False) -> str:
    """The Graphviz DOT text of a graph: boxes for ops, ellipses for variables (inputs green, outputs blue)."""
    outputs, updates = _roots(obj)
    nodes = toposort(outputs + updates)
    ids: dict[int, str] = {}
    lines = ["digraph G {", '  graph [rankdir=TB];']

    def var_id(v: Variable) -> str:
        if id(v) not in ids:
            ids[id(v)] = f"v{len(ids)}"
            colour = "limegreen" if v.owner is None and not isinstance(v, Constant) else "white"
            if isinstance(v, SharedVariable):
                colour = "cyan"
            if any(v is o for o in outputs):
                colour = "dodgerblue"
            label = _variable_label(v, var_with_name_simple).replace('"', '\\"')
            lines.append(f'  {ids[id(v)]} [label="{label}", shape=ellipse, style=filled, fillcolor={colour}];')
        return ids[id(v)]

    for i, node in enumerate(nodes):
        lines.append(f'  n{i} [label="{_apply_label(node)}", shape=box, style=filled, fillcolor=gray90];')
        for position, v in enumerate(node.inputs):
            edge = f' [label="{position}"]' if len(node.inputs) > 1 else ""
            lines.append(f"  {var_id(v)} -> n{i}{edge};")
        for out in node.outputs:
            lines.append(f"  n{i} -> {var_id(out)};")
    for v in outputs:
        var_id(v)
    lines.append("}")
    return "\n".join(lines) + "\n"


def pydotprint(fct, outfile: str | Path | None = None, format: str = "png", var_with_name_simple: bool = False,
               print_output_file: bool = True, **ignored) -> Path:
    """Write a picture of `fct`'s graph with Graphviz's `dot` (PNG by default) and return its path."""
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            "pydotprint needs the `dot` program from Graphviz, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: conda install graphviz)"
        )
    outfile = Path(outfile or f"irtk_graph.{format}")
    result = subprocess.run([dot, f"-T{format}", "-o", str(outfile)], input=to_dot(fct, var_with_name_simple),
                            text=True, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"Graphviz dot failed to write {outfile}: {result.stderr.strip()}")
    if print_output_file:
        print("The output file is available at", outfile)
    return outfile


def debugprint(obj, file=None, print_type: bool = False) -> str:
    """Print (and return) an indented text view of the graph, one line per op or variable."""
    outputs, updates = _roots(obj)
    lines: list[str] = []
    seen: dict[int, str] = {}

    def show(v: Variable, depth: int) -> None:
        pad = " |" * depth
        suffix = f" {v.type}" if print_type else ""
        if v.owner is None:
            lines.append(f"{pad}{_variable_label(v, True)}{suffix}")
            return
        node = v.owner
        tag = seen.get(id(node))
        if tag is not None:
            lines.append(f"{pad}{_apply_label(node)} [{tag}] ...")
            return
        tag = seen[id(node)] = f"id {chr(ord('A') + len(seen) % 26)}{len(seen) // 26 or ''}"
        name = f" '{v.name}'" if v.name else ""
        lines.append(f"{pad}{_apply_label(node)} [{tag}]{name}{suffix}")
        for i in node.inputs:
            show(i, depth + 1)

    for v in outputs:
        show(v, 0)
    for v in updates:
        lines.append("update:")
        show(v, 1)
    text = "\n".join(lines) + "\n"
    (file or sys.stdout).write(text)
    return text


__all__ = ["pydotprint", "debugprint", "to_dot", "Sequence"]
