"""Name → factory tables for every dialect, pass and named pipeline irtk knows.

Everything here is lazy: a factory imports its module only when the dialect or pass is first used,
so that `import irtk` and `irtk-opt --help` stay fast (loading all of xDSL's dialects eagerly costs
over a second). `irtk-opt` and the frontend both read these tables, so a pipeline string means the
same thing in both places.

Plugins add to these tables, by `--load-plugin` (irtk/tools/plugins.py) or as installed packages with an
`irtk.plugins` entry point (irtk/plugins.py). Installed plugins are looked for only when a name is not in the
tables yet, or when everything is listed: the lookups below (`has_name`, `pass_factory`, `expand_pipelines`,
the dialects of `make_context`) do that, so callers should use them rather than test `name in PASSES`.
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


def lazy(module: str, name: str) -> Callable[[], object]:
    """A factory returning `module`.`name`, imported when first called: what a plugin gives `register_pass` and
    `register_dialect`, so that registering imports nothing and `irtk-opt --help` describes the pass from its
    source file."""
    return _attr(module, name)


#: Dialects registered in every irtk context: irtk's own and the upstream ones it lowers through.
DIALECTS: dict[str, Callable[[], Dialect]] = {
    "builtin": _attr("xdsl.dialects.builtin", "Builtin"),
    "func": _attr("xdsl.dialects.func", "Func"),
    # xDSL's arith and math with the upstream ops it lacks (arith.remf, math.erfc) added
    "arith": _attr("irtk.dialects.upstream.arith", "Arith"),
    "math": _attr("irtk.dialects.upstream.math", "Math"),
    # xDSL's complex, its arithmetic without folders (numpy's formulas are irtk's; see upstream/complex.py)
    "complex": _attr("irtk.dialects.upstream.complex", "Complex"),
    # xDSL's, with the custom syntax of the ops it prints only generically (irtk/dialects/upstream/)
    "scf": _attr("irtk.dialects.upstream.scf", "Scf"),
    "memref": _attr("irtk.dialects.upstream.memref", "MemRef"),
    "cf": _attr("irtk.dialects.upstream.cf", "Cf"),
    "tensor": _attr("irtk.dialects.upstream.tensor", "Tensor"),
    "linalg": _attr("irtk.dialects.upstream.linalg", "Linalg"),
    "irtk": _attr("irtk.dialects.irtk", "IRTK"),
    "irtk_ext": _attr("irtk.dialects.structured_ext", "IRTK_EXT"),
    "irtk_blas": _attr("irtk.dialects.blas", "IRTK_BLAS"),
}

#: Passes by their irtk-opt flag. Each irtk pass lives in irtk/passes/<flag with _>.py.
PASSES: dict[str, Callable[[], type[ModulePass]]] = {
    "canonicalize": _attr("irtk.passes.canonicalize", "Canonicalize"),
    "stabilize": _attr("irtk.passes.stabilize", "Stabilize"),
    "cse": _attr("xdsl.transforms.common_subexpression_elimination", "CommonSubexpressionElimination"),
    "dce": _attr("xdsl.transforms.dead_code_elimination", "DeadCodeElimination"),
    "autodiff": _attr("irtk.passes.autodiff", "Autodiff"),
    "use-blas": _attr("irtk.passes.use_blas", "UseBlas"),
    "lower-to-structured": _attr("irtk.passes.lower_to_structured", "LowerToStructured"),
    "fuse": _attr("irtk.passes.fuse", "Fuse"),
    "elementwise-in-place": _attr("irtk.passes.elementwise_in_place", "ElementwiseInPlace"),
    "bufferize": _attr("irtk.passes.bufferize", "Bufferize"),
    "lower-to-loops": _attr("irtk.passes.lower_to_loops", "LowerToLoops"),
    "fuse-outer-loops": _attr("irtk.passes.fuse_outer_loops", "FuseOuterLoops"),
    "forward-stores": _attr("irtk.passes.forward_stores", "ForwardStores"),
    "tile": _attr("irtk.passes.tile", "Tile"),
    "gpu-map": _attr("irtk.passes.gpu_map", "GpuMap"),
}

#: Named pipelines: a name that stands for a pass list, usable wherever a pass name is.
PIPELINES: dict[str, str] = {
    # To the structured level: the FAST_COMPILE evaluator runs its generics with numpy.
    "fast-compile": "stabilize,autodiff,canonicalize,lower-to-structured",
    # Down to loops over memrefs, ready for emit-cpp.
    "fast-run": "stabilize,autodiff,canonicalize,cse,use-blas,lower-to-structured,fuse,canonicalize,elementwise-in-place,bufferize,lower-to-loops,cse,canonicalize,fuse-outer-loops,forward-stores",
    # fast-run for the CUDA target (docs/cuda.md): no BLAS calls (the GPU path has no cuBLAS yet), and the parallel
    # loops that can run on a GPU marked as kernels, ready for emit-cuda.
    "fast-run-cuda": "stabilize,autodiff,canonicalize,cse,lower-to-structured,fuse,canonicalize,elementwise-in-place,bufferize,lower-to-loops,cse,canonicalize,gpu-map",
}

#: What each named pipeline above is for, one line each (docs/passes.md is generated from both tables).
PIPELINE_DOCS: dict[str, str] = {
    "fast-compile": "FAST_COMPILE: down to the structured level, whose generics the evaluator runs with numpy "
                    "(`irtk/evaluator/`).",
    "fast-run": "FAST_RUN: down to loops over memrefs, printed as C++ (`--emit=cpp`); matrix products become BLAS "
                "calls.",
    "fast-run-cuda": "FAST_RUN with `device=cuda`: `fast-run` without `use-blas` (no cuBLAS yet), then `gpu-map`; "
                     "printed as CUDA (`--emit=cuda`) and built by nvcc (`docs/cuda.md`).",
}


#: irtk's own names (plugins' are added to the tables above); irtk's sources digest already covers their code.
BUILTIN_PASSES = frozenset(PASSES)
BUILTIN_PIPELINES = frozenset(PIPELINES)
BUILTIN_DIALECTS = frozenset(DIALECTS)


def make_context(*, allow_unregistered: bool = False) -> Context:
    """A Context with every irtk dialect registered (loaded lazily on first use)."""
    from irtk.dialects.string_literal_lexing import install as install_linear_string_lexing

    install_linear_string_lexing()  # every irtk parse goes through a context made here (not at import: --help)
    from xdsl.context import Context

    return Context(allow_unregistered=allow_unregistered, _registered_dialects=_Dialects(DIALECTS))


class _Dialects(dict):
    """A context's table of registered dialects that, asked for a name it lacks, looks among the installed
    plugins (once per process) before answering: so input using a plugin's dialect parses without any flag."""

    def __contains__(self, name: object) -> bool:
        if dict.__contains__(self, name):
            return True
        if isinstance(name, str) and name not in DIALECTS:
            discover_plugins()
        if name in DIALECTS:
            self[name] = DIALECTS[name]
            return True
        return False


def discover_plugins() -> None:
    """Load every installed plugin (once per process), so that the tables hold everything: for a name not found,
    and for listings (`--help`, `--list-passes`). Raises irtk.plugins.PluginError naming a plugin that fails."""
    from irtk import plugins

    plugins.discover()


def has_name(name: str) -> bool:
    """Whether `name` is a registered pass or named pipeline, looking among installed plugins if not yet known."""
    if name not in PASSES and name not in PIPELINES:
        discover_plugins()
    return name in PASSES or name in PIPELINES


def pass_factory(name: str) -> Callable[[], type[ModulePass]] | None:
    """The factory of pass `name` (installed plugins included), or None."""
    return PASSES[name] if has_name(name) and name in PASSES else None


def expand_pipelines(spec: str, _within: tuple[str, ...] = ()) -> str:
    """Replace each named pipeline in a comma-separated pass list by the passes it stands for."""
    out = []
    for p in split_pipeline(spec):
        if not has_name(p.split("{", 1)[0].strip()):
            out.append(p)  # PassPipeline.parse_spec reports the unknown name
        elif p in PIPELINES:
            if p in _within:
                raise ValueError(f"named pipeline '{p}' contains itself: {' -> '.join((*_within, p))}")
            out.append(expand_pipelines(PIPELINES[p], (*_within, p)))
        else:
            out.append(p)
    return ",".join(out)


def split_pipeline(spec: str) -> list[str]:
    """The elements of a comma-separated pass list (`tile{sizes=4,4}` is one), stripped, empty ones dropped."""
    return [p.strip() for p in _split_top_level(spec) if p.strip()]


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

    `factory` is the pass class or, to keep start-up fast, a function returning it. The class's `name` must be
    `name` (irtk-opt and IRTK_DUMP name a pass by its class, pipelines by the registered name): a class is
    checked now, a factory's class when it is first resolved, with the same ValueError. Names are unique across
    passes and named pipelines, so a plugin can never silently change what an existing name means.
    """
    _check_new_name(name, "pass")
    if isinstance(factory, type):
        _check_pass_name(name, factory)
        PASSES[name] = lambda: factory
    elif callable(factory):
        PASSES[name] = _checked_factory(name, factory)
    else:
        raise TypeError(f"register_pass('{name}', ...): expected a ModulePass class or a function returning one, "
                        f"not {type(factory).__name__}")


def register_pipeline(name: str, spec: str) -> None:
    """Make `name` stand for the pass list `spec` (`"toy-fuse-mul-add,fast-run"`) wherever a pass name may appear.

    The names in `spec` are looked up when the pipeline is used, so a plugin may register a pipeline before the
    passes it lists."""
    _check_new_name(name, "pipeline")
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"register_pipeline('{name}', ...): the pipeline must be a non-empty pass list string, "
                         f"not {spec!r}")
    PIPELINES[name] = spec.strip()


def register_dialect(name: str, factory: Callable[[], Dialect] | Dialect) -> None:
    """Make a dialect known to every context built by `make_context`, without editing this file.

    `factory` is the Dialect or, to keep start-up fast, a function returning it. An existing name is an error,
    for the same reason as in `register_pass`.
    """
    if name in DIALECTS:
        raise ValueError(f"dialect '{name}' is already registered")
    DIALECTS[name] = factory if callable(factory) else (lambda: factory)


def _check_new_name(name: str, kind: str) -> None:
    if not isinstance(name, str) or not name or not all(c.isalnum() or c in "-_." for c in name):
        raise ValueError(f"invalid {kind} name {name!r}: use letters, digits, '-', '_' and '.'")
    if name in PASSES or name in PIPELINES:
        taken = "a pass" if name in PASSES else "a named pipeline"
        raise ValueError(f"cannot register {kind} '{name}': '{name}' is already registered, as {taken}")


def _check_pass_name(name: str, cls: object) -> None:
    """The class registered as pass `name` must be a pass whose `name` is `name`."""
    where = f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', repr(cls))}"
    if not isinstance(cls, type) or not hasattr(cls, "apply"):
        raise ValueError(f"pass '{name}' is registered with {where}, which is not a pass class (a ModulePass)")
    if getattr(cls, "name", None) != name:
        raise ValueError(f"pass '{name}' is registered with class {where}, whose name is {getattr(cls, 'name', None)!r}; "
                         f"they must agree: set `name = \"{name}\"` in the class or register it under its name")


def _checked_factory(name: str, factory: Callable[[], type[ModulePass]]) -> Callable[[], type[ModulePass]]:
    """`factory`, with its class checked (`_check_pass_name`) the first time it is resolved."""
    resolved: list[type[ModulePass]] = []

    def checked() -> type[ModulePass]:
        if not resolved:
            cls = factory()
            _check_pass_name(name, cls)
            resolved.append(cls)
        return resolved[0]

    if hasattr(factory, "source"):
        checked.source = factory.source
    return checked
