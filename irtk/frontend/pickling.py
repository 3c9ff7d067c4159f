"""Pickling compiled functions and shared variables, as Theano's functions pickle.

    s = pickle.dumps((f, W))        # in one process
    f, W = pickle.loads(s)          # in another: f compiles again (or loads its kernel from the cache)
    f(x_value)                      # same outputs; its updates go to this W

A function is pickled as what it takes to compile and call it again, never as compiled code: the tensor-level
IR as text (the `func.func @main` that `function` compiled, with its source locations, so run-time errors still
point at the user's code), the mode, the input names, types and `In` options (defaults, strict, downcast,
keywords), the number and types of the outputs, and the shared variables it reads and updates, in argument
order. Unpickling parses that text and hands it to `compile_module`, as `function` does: in FAST_RUN, a warm
cache (`IRTK_CACHE_DIR`) finds the lowered C++ and the compiled kernel; an empty one lowers and compiles.

Shared variables are pickled as objects, so pickle keeps their identity: pickling `(f, g, W)` in one call gives
an `f` and a `g` that read and update the one `W` that comes back with them; pickling `f` alone brings copies of
its shared variables, with their values (`f.signature.shared`). A shared variable is its value, name, type and
`default_update` (a random stream's counter step).

What does not come back: the symbolic graph. An unpickled function's `inputs` and `outputs` are free variables of
the same types and names (the IR is `f.tensor_ir`), so it calls, copies (`copy(swap=..., delete_updates=...)`)
and pickles again exactly as before, but `debugprint(f)` shows those variables rather than the graph.

What is refused, with a `RestoreError` that says why: a pickle of another format version, and IR that does not
parse in the unpickling process. An op defined outside irtk (a plugin's `elementwise(...)`) is recorded by the
module that defines it, and that module is imported before parsing; a plugin that is not importable there, or
an op defined in a script's `__main__`, cannot be restored.
"""

from __future__ import annotations

import importlib
import io
from typing import TYPE_CHECKING

import numpy as np
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import ParseError

from irtk.frontend.shared import SharedVariable
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Variable
from irtk.registry import make_context
from irtk.tools.located_parser import LocatedParser
from irtk.tools.source import SourceFile

if TYPE_CHECKING:
    from xdsl.dialects.builtin import ModuleOp

    from irtk.frontend.function import Function

#: The layout of a pickled function's state; a pickle of another layout is refused rather than misread.
FORMAT = 1


class RestoreError(ValueError):
    """A pickled function that cannot be compiled again in this process (the message says why)."""


# ---- shared variables


def shared_state(shared: SharedVariable) -> dict:
    """A shared variable's picklable state: plain Python and numpy values, plus its `default_update` graph."""
    state = {"name": shared.name, "value": shared.get_value(borrow=True), "broadcastable": shared.broadcastable}
    update = getattr(shared, "default_update", None)
    if update is not None:
        state["default_update"] = update
    return state


def restore_shared(shared: SharedVariable, state: dict) -> None:
    """Fill an unpickled shared variable; its value is checked against its type as `set_value` checks it."""
    value = np.asarray(state["value"])
    Variable.__init__(shared, TensorType(str(value.dtype), state["broadcastable"]), name=state["name"])
    shared._value = shared.type.filter(value, shared._label())
    if "default_update" in state:
        shared.default_update = state["default_update"]


# ---- functions


def function_state(f: Function) -> dict:
    """What it takes to compile `f` again and call it exactly as before: no xDSL object, no kernel."""
    text = getattr(f, "_ir_text", None)
    if text is not None:  # an unpickled function (or a copy of one): its IR is all there is
        ir, op_modules, shared, updated = text, f._op_modules, f.signature.shared, f.signature.updated
    else:
        from irtk.frontend.graph import build_module

        # The same module `function` compiled (building is deterministic and cheap next to compiling); for a
        # copy, the module of what the copy computes, in the order its shared variables are passed.
        module, signature = build_module(f.inputs, f.outputs, f.updates, f.givens)
        ir, op_modules = ir_text(module), external_op_modules(module)
        shared, updated = signature.shared, signature.updated
    return {
        "format": FORMAT,
        "name": f.name,
        "mode": f.mode,
        "pipeline": f.pipeline,
        "ir": ir,
        "op_modules": op_modules,
        "inputs": [(v.dtype, v.broadcastable, v.name) for v in f.inputs],
        "outputs": [(v.dtype, v.broadcastable, v.name) for v in f.outputs],
        "single_output": f.single_output,
        "shared": list(shared),
        "updated": list(updated),
        "allow_input_downcast": f.allow_input_downcast,
        "downcast": list(f._downcast),
        "strict": list(f._strict),
        "defaults": [_encode_default(d) for d in f._defaults],
        "keywords": dict(f._keywords),
    }


def restore_function(f: Function, state: dict) -> None:
    """Compile an unpickled function again from its IR text (through the caches) and set its attributes."""
    from irtk.compiler import compile_module
    from irtk.frontend.function import _label, argument_names, conversions
    from irtk.frontend.graph import GraphSignature

    name = state.get("name", "function") if isinstance(state, dict) else "function"
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        found = state.get("format") if isinstance(state, dict) else type(state).__name__
        raise RestoreError(
            f"cannot unpickle function {name!r}: it was pickled in format {found!r}, and this irtk reads format "
            f"{FORMAT}; pickle it again with this version of irtk"
        )
    for module_name in state["op_modules"]:
        try:
            importlib.import_module(module_name)
        except ImportError as e:
            raise RestoreError(
                f"cannot unpickle function {name!r}: its ops are defined in module {module_name!r}, which cannot be "
                f"imported here ({e}); make it importable (e.g. on PYTHONPATH) before unpickling"
            ) from None
    module = parse_ir(state["ir"], name)
    f.name = name
    f.mode = state["mode"]
    f.pipeline = state.get("pipeline")
    f.inputs = [TensorType(dtype, b)(n) for dtype, b, n in state["inputs"]]
    f.single_output = state["single_output"]
    f.outputs = [Variable(TensorType(dtype, b), name=n) for dtype, b, n in state["outputs"]]
    shared, updated = list(state["shared"]), list(state["updated"])
    f.updates = [(s, Variable(s.type)) for s in updated]
    f.givens = {}
    f.allow_input_downcast = state["allow_input_downcast"]
    f.signature = GraphSignature(f.inputs, shared, f.outputs, updated)
    f.tensor_ir = str(module)
    f._ir_text = state["ir"]
    f._op_modules = list(state["op_modules"])
    f._labels = [_label(v, i) for i, v in enumerate(f.inputs)]
    f._downcast = list(state["downcast"])
    f._strict = list(state["strict"])
    f._conversions = conversions(f)
    f._defaults = [_decode_default(d) for d in state["defaults"]]
    f._keywords = dict(state["keywords"])
    f._run = compile_module(module, f.mode, argument_names(f.inputs, shared), f.name, f.pipeline)


def ir_text(module: ModuleOp) -> str:
    """The module's text with every location, so that parsing it gives back the same module: the lowering
    cache's key and run-time error messages both include locations."""
    stream = io.StringIO()
    Printer(stream=stream, print_debuginfo=True).print_op(module)
    return stream.getvalue()


def parse_ir(text: str, name: str) -> ModuleOp:
    """Parse a pickled function's IR, as printed by `ir_text`; a `RestoreError` if this process cannot."""
    try:
        return _ExactParser(make_context(), SourceFile(f"<pickled function {name!r}>", text)).parse_module()
    except ParseError as e:
        reason = e.msg
    except Exception as e:  # an attribute's constructor rejecting what it read: the text is not irtk's
        reason = f"{type(e).__name__}: {e}"
    raise RestoreError(
        f"cannot unpickle function {name!r}: its IR does not parse in this process: {reason}; an op defined "
        f"outside irtk must be importable here (and not defined in a script's __main__)"
    )


def external_op_modules(module: ModuleOp) -> list[str]:
    """The modules defining the module's ops that irtk does not define itself (a plugin's ops): importing them
    registers those ops, so the unpickling process imports them before it parses, as pickle imports classes."""
    found: dict[str, None] = {}
    for op in module.walk():
        name = type(op).__module__
        if name.partition(".")[0] not in ("irtk", "xdsl", "__main__", "builtins"):
            found[name] = None
    return list(found)


class _ExactParser(LocatedParser):
    """irtk's parser (it reads a NaN's bit pattern in a `dense<...>` back as a NaN, and names unknown ops)
    without the location it gives each op the text leaves unlocated: a pickled function's text locates every
    op itself, `loc(unknown)` included, and must come back exactly as it was printed."""

    def parse_operation(self):
        return Parser.parse_operation(self)

    def parse_module(self, allow_implicit_module: bool = True):
        return Parser.parse_module(self, allow_implicit_module)


def _encode_default(default) -> tuple[bool, object]:
    from irtk.frontend.function import _MISSING

    return (False, None) if default is _MISSING else (True, default)


def _decode_default(encoded: tuple[bool, object]):
    from irtk.frontend.function import _MISSING

    has_default, value = encoded
    return value if has_default else _MISSING
