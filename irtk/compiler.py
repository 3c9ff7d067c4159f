"""From a tensor-level module to something callable: the named pipeline of a mode, then C++ or numpy.

FAST_RUN runs the `fast-run` pipeline down to loops, prints C++ and loads the compiled (cached) kernel.
FAST_COMPILE runs `fast-compile` and evaluates what is left with numpy. With `IRTK_DUMP=<dir>`, each
compilation writes its IR after every pass (`00-input.mlir`, `01-autodiff.mlir`, ...) and its C++
into `<dir>/<function>-<hash>/`, so every stage can be inspected.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.printer import Printer
from xdsl.utils.exceptions import DiagnosticException, VerifyException

from irtk import registry
from irtk.diagnostics import OpError
from irtk.runtime.failures import check_failure

PIPELINE_OF_MODE = {"FAST_RUN": "fast-run", "FAST_COMPILE": "fast-compile"}

Runner = Callable[[Sequence[np.ndarray]], Sequence[np.ndarray]]


class StageDumper:
    """Writes the module after each stage into a directory, numbered in order."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.count = 0
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, stage: str, text: str, suffix: str = ".mlir") -> None:
        (self.directory / f"{self.count:02d}-{stage}{suffix}").write_text(text)
        self.count += 1


def make_dumper(module: ModuleOp, name: str) -> StageDumper | None:
    root = os.environ.get("IRTK_DUMP")
    if not root:
        return None
    digest = hashlib.sha256(str(module).encode()).hexdigest()[:12]
    return StageDumper(Path(root) / f"{dump_name(name)}-{digest}")


def dump_name(name: object) -> str:
    """A function's name made safe as one path component: a name is the user's free text (`../../x`, `a/b`),
    and a dump must stay inside IRTK_DUMP. Kept readable: runs of other characters become `_`."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(name)).lstrip(".-")[:80]
    return safe or "function"


def lower(module: ModuleOp, pipeline: str, dumper: StageDumper | None = None) -> ModuleOp:
    """Run `pipeline` on `module` in place, verifying after every pass.

    An `OpError` (input a pass does not handle, e.g. a dtype with no lowering) reaches the caller as it is;
    anything else a pass raises, or invalid IR after a pass, is a bug in irtk and becomes a `PassError`
    naming the pass, with the original exception chained.
    """
    ctx = registry.make_context()
    if dumper:
        dumper.write("input", str(module))
    running: list[str] = []

    def after_pass(previous: ModulePass | None, m: ModuleOp, following: ModulePass | None) -> None:
        if previous is not None:
            try:
                m.verify()
            except VerifyException as e:
                raise PassError(f"internal error: the IR is not valid after pass '{previous.name}': {e}") from None
            if dumper:
                dumper.write(previous.name, str(m))
        running[:] = [following.name] if following else []

    try:
        registry.parse_pipeline(pipeline, callback=after_pass).apply(ctx, module)
    except (OpError, PassError):
        raise
    except Exception as e:
        name = running[0] if running else "?"
        raise PassError(f"internal error in pass '{name}': {type(e).__name__}: {e}") from e
    return module


def _text_with_locations(module: ModuleOp) -> str:
    """The module's text including `loc(...)`: locations end up in run-time error messages, so they are part
    of what the lowering cache must tell apart."""
    stream = io.StringIO()
    Printer(stream=stream, print_debuginfo=True).print_op(module)
    return stream.getvalue()


class PassError(DiagnosticException):
    """A pass failed in a way that is irtk's fault, not the program's: please report it."""


def compile_module(module: ModuleOp, mode: str, arg_names: Sequence[str], name: str = "function") -> Runner:
    """A callable taking the function's arguments as arrays and returning its results as arrays."""
    pipeline = registry.PIPELINES[PIPELINE_OF_MODE[mode]]
    dumper = make_dumper(module, name)
    if mode == "FAST_COMPILE":
        from irtk.evaluator import Evaluator

        return Evaluator(lower(module, pipeline, dumper), arg_names)

    from irtk.runtime import lowering_cache
    from irtk.runtime.kernel import load_kernel

    def load(source: str):
        return load_kernel(source, list(arg_names))

    key = None if dumper else lowering_cache.lowering_key(_text_with_locations(module), pipeline)
    kernel = lowering_cache.load_cached(key, load) if key else None  # None also when a cached source is broken
    if kernel is None:
        from irtk.codegen.cpp import emit_cpp

        source = emit_cpp(lower(module, pipeline, dumper))
        if dumper:
            dumper.write("emit-cpp", source, ".cpp")
        if key:
            lowering_cache.store(key, source)
        kernel = load(source)

    def run(arrays):
        try:
            return kernel(*arrays)
        except ValueError as e:
            if type(e) is ValueError:
                raise check_failure(str(e)) from None
            raise

    return run
