"""`pydotprint`: a picture of a graph, drawn by Graphviz's `dot`; `to_dot` gives the DOT text it draws.

Boxes are op nodes, labelled as `debugprint` labels them (`sum{0}`, `cast{float32}`); ellipses are variables:
inputs green, shared variables cyan, outputs blue. Every result of an op is drawn, used or not, and the edges
to the results of an op with several results carry the names its op declares (`value`, `index` for argmax);
edges into an op with several inputs carry the input's position.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from irtk.frontend.graph import toposort
from irtk.frontend.shared import SharedVariable
from irtk.frontend.variable import Constant, Variable
from irtk.frontend.printing.labels import apply_label, leaf_text, result_name, roots


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _variable_label(v: Variable, simple: bool) -> str:
    if isinstance(v, Constant):
        return leaf_text(v)
    if v.name:
        return v.name if simple else f"{v.name} {v.type}"
    return str(v.type)


def to_dot(obj, var_with_name_simple: bool = False) -> str:
    """The Graphviz DOT text of a variable's, a list's or a compiled Function's graph (outputs and updates)."""
    outputs, updates = roots(obj, "to_dot")
    values = [new for _, new in updates]
    nodes = toposort(outputs + values)
    ids: dict[int, str] = {}
    lines = ["digraph G {", "  graph [rankdir=TB];"]

    def var_id(v: Variable) -> str:
        if id(v) not in ids:
            ids[id(v)] = f"v{len(ids)}"
            colour = "limegreen" if v.owner is None and not isinstance(v, Constant) else "white"
            if isinstance(v, SharedVariable):
                colour = "cyan"
            if any(v is o for o in outputs):
                colour = "dodgerblue"
            label = _quoted(_variable_label(v, var_with_name_simple))
            lines.append(f"  {ids[id(v)]} [label={label}, shape=ellipse, style=filled, fillcolor={colour}];")
        return ids[id(v)]

    for i, node in enumerate(nodes):
        lines.append(f"  n{i} [label={_quoted(apply_label(node))}, shape=box, style=filled, fillcolor=gray90];")
        for position, v in enumerate(node.inputs):
            edge = f' [label="{position}"]' if len(node.inputs) > 1 else ""
            lines.append(f"  {var_id(v)} -> n{i}{edge};")
        for index, out in enumerate(node.outputs):
            which = result_name(node, index)
            edge = f" [label={_quoted(which)}]" if which is not None else ""
            lines.append(f"  n{i} -> {var_id(out)}{edge};")
    for v in outputs + values:
        var_id(v)
    for shared, new in updates:
        lines.append(f'  {var_id(new)} -> {var_id(shared)} [label="update", style=dashed, constraint=false];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def pydotprint(fct, outfile: str | Path | None = None, format: str = "png", var_with_name_simple: bool = False,
               print_output_file: bool = True, **ignored) -> Path:
    """Write a picture of `fct`'s graph with Graphviz's `dot` (PNG by default) and return its path.

    `fct`: a compiled Function, a variable or a list of variables. `format`: any output format of `dot`
    (png, svg, pdf, dot...). Theano's other layout options are accepted and ignored."""
    dot_text = to_dot(fct, var_with_name_simple)
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            "pydotprint needs the `dot` program from Graphviz, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: conda install graphviz)"
        )
    outfile = Path(outfile or f"irtk_graph.{format}")
    result = subprocess.run([dot, f"-T{format}", "-o", str(outfile)], input=dot_text, text=True, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"Graphviz dot failed to write {outfile}: {result.stderr.strip()}")
    if print_output_file:
        print("The output file is available at", outfile)
    return outfile
