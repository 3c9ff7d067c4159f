"""Name → factory tables for every dialect, pass and named pipeline irtk knows.

Everything here is lazy: a factory imports its module only when the dialect or pass is first used,
so that `import irtk` and `irtk-opt --help` stay fast (loading all of xDSL's dialects eagerly costs
over a second). `irtk-opt` and the frontend both read these tables, so a pipeline string means the
same thing in both places.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xdsl.context import Context
    from xdsl.ir import Dialect
    from xdsl.passes import ModulePass, PassPipeline


def _attr(module: str, name: str) -> Callable[[], object]:
    factory = lambda: getattr(import_module(module), name)  # noqa: E731
    factory.source = (module, name)  # lets `irtk-opt --help` describe a pass from its source, without importing it
    return factory


#: Dialects registered in every irtk context: irtk's own and the upstream ones it lowers through.
DIALECTS: dict[str, Callable[[], Dialect]] = {
    "builtin": _attr("xdsl.dialects.builtin", "Builtin"),
    "func": _attr("xdsl.dialects.func", "Func"),
    # xDSL's arith and math with the upstream ops it lacks (arith.remf, math.erfc) added
    "arith": _attr("irtk.dialects.upstream", "Arith"),
    "math": _attr("irtk.dialects.upstream", "Math"),
    # xDSL's complex, its arithmetic without folders (numpy's formulas are irtk's; see upstream.py)
    "complex": _attr("irtk.dialects.upstream", "Complex"),
    "scf": _attr("xdsl.dialects.scf", "Scf"),
    "memref": _attr("xdsl.dialects.memref", "MemRef"),
    "cf": _attr("xdsl.dialects.cf", "Cf"),
    "tensor": _attr("xdsl.dialects.tensor", "Tensor"),
    "linalg": _attr("xdsl.dialects.linalg", "Linalg"),
    "irtk": _attr("irtk.dialects.irtk", "IRTK"),
    "irtk_ext": _attr("irtk.dialects.structured_ext", "IRTK_EXT"),
}

#: Passes by their irtk-opt flag. Each irtk pass lives in irtk/passes/<flag with _>.py.
PASSES: dict[str, Callable[[], type[ModulePass]]] = {
    "canonicalize": _attr("irtk.passes.canonicalize", "Canonicalize"),
    "stabilize": _attr("irtk.passes.stabilize", "Stabilize"),
    "cse": _attr("xdsl.transforms.common_subexpression_elimination", "CommonSubexpressionElimination"),
    "dce": _attr("xdsl.transforms.dead_code_elimination", "DeadCodeElimination"),
    "autodiff": _attr("irtk.passes.autodiff", "Autodiff"),
    "lower-to-structured": _attr("irtk.passes.lower_to_structured", "LowerToStructured"),
    "fuse": _attr("irtk.passes.fuse", "Fuse"),
    "bufferize": _attr("irtk.passes.bufferize", "Bufferize"),
    "lower-to-loops": _attr("irtk.passes.lower_to_loops", "LowerToLoops"),
    "tile": _attr("irtk.passes.tile", "Tile"),
}

#: Named pipelines: a name that stands for a pass list, usable wherever a pass name is.
PIPELINES: dict[str, str] = {
    # To the structured level: the FAST_COMPILE evaluator runs its generics with numpy.
    "fast-compile": "stabilize,autodiff,canonicalize,lower-to-structured",
    # Down to loops over memrefs, ready for emit-cpp.
    "fast-run": "stabilize,autodiff,canonicalize,cse,lower-to-structured,fuse,canonicalize,bufferize,lower-to-loops,cse,canonicalize",
}


def make_context(*, allow_unregistered: bool = False) -> Context:
    """A Context with every irtk dialect registered (loaded lazily on first use)."""
    from xdsl.context import Context

    ctx = Context(allow_unregistered=allow_unregistered)
    for name, factory in DIALECTS.items():
        ctx.register_dialect(name, factory)
    return ctx


def expand_pipelines(spec: str) -> str:
    """Replace each named pipeline in a comma-separated pass list by the passes it stands for."""
    parts = [p.strip() for p in _split_top_level(spec) if p.strip()]
    return ",".join(expand_pipelines(PIPELINES[p]) if p in PIPELINES else p for p in parts)


def _split_top_level(spec: str) -> list[str]:
    """Split on commas that are not inside a pass's `{...}` options."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(spec):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(spec[start:i])
            start = i + 1
    parts.append(spec[start:])
    return parts


def parse_pipeline(spec: str, callback=None) -> PassPipeline:
    """A PassPipeline for a pass-list string, with named pipelines expanded.

    Raises ValueError for an unknown pass or a bad option, ArgSpecParseError for bad syntax.
    """
    from xdsl.passes import PassPipeline

    return PassPipeline.parse_spec(dict(PASSES), expand_pipelines(spec), callback=callback)


def register_pass(name: str, factory: Callable[[], type[ModulePass]] | type[ModulePass]) -> None:
    """Make a pass usable by name in every pipeline string, without editing this file.

    `factory` is the pass class or, to keep start-up fast, a function returning it. Names are unique across
    passes and named pipelines, so a plugin can never silently change what an existing name means.
    """
    if name in PASSES or name in PIPELINES:
        raise ValueError(f"pass '{name}' is already registered")
    PASSES[name] = factory if not isinstance(factory, type) else (lambda: factory)


def register_dialect(name: str, factory: Callable[[], Dialect] | Dialect) -> None:
    """Make a dialect known to every context built by `make_context`, without editing this file.

    `factory` is the Dialect or, to keep start-up fast, a function returning it. An existing name is an error,
    for the same reason as in `register_pass`.
    """
    if name in DIALECTS:
        raise ValueError(f"dialect '{name}' is already registered")
    DIALECTS[name] = factory if callable(factory) else (lambda: factory)
