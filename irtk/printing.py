"""Text and pictures of symbolic graphs, as Theano's `theano.printing`:

- `pprint` / `pp`: one infix expression, `((x * y) + TensorConstant{2.0})`;
- `debugprint`: an indented tree, with ids that show where a sub-graph is shared;
- `pydotprint` / `to_dot`: a Graphviz picture, or the DOT text it is drawn from.

Each accepts a variable, a list of variables or a compiled `Function` (its outputs and updates). What an op is
called and how it prints comes from the op registry (see `irtk/frontend/printing/`), so every registered op —
a plugin's too — prints without a change to the printers.
"""

from __future__ import annotations

import shutil  # noqa: F401 (pydotprint finds Graphviz's `dot` through it: `irtk.printing.shutil.which`)

from irtk.frontend.printing.graphviz import pydotprint, to_dot
from irtk.frontend.printing.infix import pp, pprint
from irtk.frontend.printing.tree import debugprint

__all__ = ["pprint", "pp", "debugprint", "pydotprint", "to_dot"]
