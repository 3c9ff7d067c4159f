"""From a tensor-level module to something callable: the named pipeline of a mode, then C++ or numpy.

FAST_RUN runs the `fast-run` pipeline down to loops, prints C++ and loads the compiled (cached) kernel; with the
`device=cuda` flag it runs `fast-run-cuda`, prints CUDA and compiles it with nvcc, after checking that a GPU and
its driver are there (docs/cuda.md).
FAST_COMPILE runs `fast-compile` and evaluates what is left with numpy. A user's pipeline
(`Mode(pipeline=...)`, the `pipeline` flag) replaces the mode's; it must end at the level the mode needs
(irtk/ir_level.py). With `IRTK_DUMP=<dir>`, each
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

from irtk import cycle_collection, registry
from irtk.diagnostics import OpError
from irtk.plugins import PluginError
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


def lower(module: ModuleOp, pipeline: str, dumper: StageDumper | None = None, verify_each: bool | None = None) -> ModuleOp:
    """Run `pipeline` on `module` in place, verifying the IR after every pass (`verify_each`, by default the
    `verify_passes` flag's `each`) or once at the end.

    An `OpError` (input a pass does not handle, e.g. a dtype with no lowering) reaches the caller as it is;
    anything else a pass raises, or invalid IR, is a bug in irtk and becomes a `PassError` naming the pass (for
    invalid IR found at the end: the pipeline), with the original exception chained.
    """
    if verify_each is None:
        from irtk.flags import config

        verify_each = config.verify_passes == "each"
    ctx = registry.make_context()
    if dumper:
        dumper.write("input", str(module))
    running: list[str] = []

    def after_pass(previous: ModulePass | None, m: ModuleOp, following: ModulePass | None) -> None:
        if previous is not None:
            if verify_each or following is None:
                try:
                    m.verify()
                except VerifyException as e:
                    where = f"pass '{previous.name}'" if verify_each else (
                        f"the pipeline (its last pass '{previous.name}'; IRTK_FLAGS=verify_passes=each names the "
                        "pass that broke it)")
                    raise PassError(f"internal error: the IR is not valid after {where}: {e}") from None
            if dumper:
                dumper.write(previous.name, str(m))
        running[:] = [following.name] if following else []

    try:
        passes = registry.parse_pipeline(pipeline, callback=after_pass)
    except PluginError:
        raise
    except ValueError as e:  # an unknown pass, a bad option, a plugin pass whose class has another name
        raise ValueError(f"invalid pipeline {pipeline!r}: {e}") from None
    try:
        with cycle_collection.paused():  # a third of a lowering's time, otherwise
            passes.apply(ctx, module)
    except (OpError, PassError):
        raise
    except Exception as e:
        name = running[0] if running else "?"
        raise PassError(f"internal error in pass '{name}': {type(e).__name__}: {e}") from e
    return module



def _text_without_locations(module: ModuleOp) -> str:
    """The module's text without `loc(...)`, what the lowering cache key covers. The C++ holds no location
    either (`runtime/message_table.py`), so moving the user's lines reuses the cached C++ and shared object."""
    stream = io.StringIO()
    Printer(stream=stream, print_debuginfo=False).print_op(module)
    return stream.getvalue()


def _lowering_key(module: ModuleOp, pipeline: str, target: str = "cpp") -> str | None:
    """The lowering cache's key, covering plugin code too; None (do not cache) when that code cannot be read.
    `target` (cpp, cuda) is the emitter: the same pipeline gives another source for each."""
    from irtk.runtime import lowering_cache
    from irtk.runtime.plugin_sources import outside_sources_digest

    outside = outside_sources_digest(module, pipeline)
    if outside is None:
        return None
    emitted = pipeline if target == "cpp" else f"{pipeline} --emit={target}"
    return lowering_cache.lowering_key(_text_without_locations(module), emitted, outside)


def _device() -> str:
    from irtk.flags import config

    return config.device


class PassError(DiagnosticException):
    """A pass failed in a way that is irtk's fault, not the program's: please report it."""


def compile_module(
    module: ModuleOp, mode: str, arg_names: Sequence[str], name: str = "function", pipeline: str | None = None
) -> Runner:
    """A callable taking the function's arguments as arrays and returning its results as arrays.

    `pipeline` replaces the mode's named pipeline (`fast-run`, `fast-compile`); it must reach the mode's level."""
    custom = pipeline is not None
    cuda = mode == "FAST_RUN" and _device() == "cuda"
    if cuda:  # before anything is compiled: a machine without a GPU cannot run the result (docs/cuda.md)
        from irtk.runtime.cuda_toolchain import require_gpu

        require_gpu()
    named = "fast-run-cuda" if cuda else PIPELINE_OF_MODE[mode]
    pipeline = pipeline if custom else registry.PIPELINES[named]
    dumper = make_dumper(module, name)

    def lowered() -> ModuleOp:
        result = lower(module, pipeline, dumper)
        if custom:
            from irtk.ir_level import check_level

            check_level(result, mode, pipeline)
        return result

    if mode == "FAST_COMPILE":
        from irtk.evaluator import Evaluator

        return Evaluator(lowered(), arg_names)

    from irtk.runtime import lowering_cache
    from irtk.runtime.kernel import load_kernel
    from irtk.runtime.tiered import load_tiered
    from irtk.runtime.message_table import number_ops

    toolchain = None
    if cuda:
        from irtk.runtime.cuda_toolchain import cuda_toolchain

        toolchain = cuda_toolchain()

    def load(source: str):
        if cuda:
            return load_kernel(source, list(arg_names), toolchain)
        return load_tiered(source, list(arg_names))  # the -O0 kernel first while -O3 builds, unless cached

    key = None if dumper else _lowering_key(module, pipeline, "cuda" if cuda else "cpp")
    locations = number_ops(module)  # a kernel's failed check names its op by number; this table gives its line
    kernel = lowering_cache.load_cached(key, load) if key else None  # None also when a cached source is broken
    if kernel is None:
        if cuda:
            from irtk.codegen.cuda import emit_cuda as emit
        else:
            from irtk.codegen.cpp import emit_cpp as emit

        source = emit(lowered())
        if dumper:
            dumper.write("emit-cuda" if cuda else "emit-cpp", source, ".cu" if cuda else ".cpp")
        if key:
            lowering_cache.store(key, source)
        kernel = load(source)

    def run(arrays, donated=None):
        """`donated`: arrays the caller gives up, whose buffers results may take (irtk/frontend/donation.py)."""
        try:
            return kernel(*arrays) if not donated else kernel.call_donating(arrays, donated)
        except ValueError as e:
            if type(e) is ValueError:
                raise check_failure(str(e), locations) from None
            raise

    return run
