"""The C++ an exported function runs: the same lowering `function` compiles, printed once for the package.

`compile_module` (irtk/compiler.py) numbers the tensor-level ops (so a failed check names its op by number, not by
the user's line), runs the fast-run pipeline and prints C++ with `emit_cpp`. This does exactly that, from the IR a
pickled function holds (`pickling.function_state`: the module `function` compiled, with its source locations), and
also returns the location table as text, so the exported module can put the user's line back into a failed
check's message without xDSL.
"""

from __future__ import annotations

from dataclasses import dataclass

from irtk import registry
from irtk.compiler import PIPELINE_OF_MODE, lower
from irtk.diagnostics import source_suffix


@dataclass(frozen=True)
class KernelSource:
    """One function's kernel: its C++ source, and per numbered op the ` (at file:line)` its failures end with."""

    cpp: str
    locations: list[str]

    @property
    def calls_blas(self) -> bool:
        """Whether the kernel calls numpy's OpenBLAS (`use-blas` rewrote a matrix product): the module must then
        load that library before its extension (see package_runtime.py)."""
        from irtk.runtime.blas_library import SYMBOL_PREFIX

        return f'extern "C" void {SYMBOL_PREFIX}cblas_' in self.cpp


def kernel_source(state: dict, blas: bool = True) -> KernelSource:
    """The kernel of the function whose pickled state is `state` (`pickling.function_state`).

    The function's own pipeline when it was compiled with one, else fast-run (also for a FAST_COMPILE function:
    an export is always compiled code). `blas=False` leaves `use-blas` out, so matrix products are loops."""
    from irtk.codegen.cpp import emit_cpp
    from irtk.frontend.pickling import parse_ir
    from irtk.runtime.message_table import number_ops

    module = parse_ir(state["ir"], state["name"])
    locations = [source_suffix(loc) for loc in number_ops(module)]
    pipeline = state.get("pipeline") if state["mode"] == "FAST_RUN" else None
    pipeline = registry.expand_pipelines(pipeline or registry.PIPELINES[PIPELINE_OF_MODE["FAST_RUN"]])
    if not blas:
        pipeline = ",".join(p for p in registry.split_pipeline(pipeline) if p.split("{", 1)[0].strip() != "use-blas")
    return KernelSource(emit_cpp(lower(module, pipeline)), locations)
