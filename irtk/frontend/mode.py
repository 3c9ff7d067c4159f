"""`Mode`: Theano's mode object (`theano.Mode(linker='py')`), mapped onto irtk's two modes.

Theano programs pass `mode=` either a name or a `Mode(linker, optimizer)`; names work as they are, and a
`Mode` is for programs that build one. What decides irtk's mode is the linker: Theano's 'py' linker ran
Python implementations without a C compiler, which is FAST_COMPILE here; every other linker compiled C,
which is FAST_RUN. The optimizer is accepted and ignored: irtk runs the same passes for either choice,
so the results do not depend on it.

irtk's own addition is `pipeline=`: the pass pipeline to run instead of the mode's named one (`fast-run` or
`fast-compile`), e.g. a plugin's pass before irtk's: `Mode(pipeline="toy-fuse-mul-add,fast-run")`. It must still
end where the mode needs the IR: at loops for FAST_RUN, at the structured level for FAST_COMPILE
(`Mode(linker="py", pipeline="toy-fuse-mul-add,fast-compile")`); `irtk/compiler.py` checks that. The
`pipeline` flag (`IRTK_FLAGS=pipeline=...`) does the same for every function whose mode names no pipeline.
"""

from __future__ import annotations

#: Theano 1.0's linkers.
LINKERS = ("py", "c", "c|py", "c|py_nogc", "vm", "vm_nogc", "cvm", "cvm_nogc")


class Mode:
    """`function(..., mode=Mode(linker='py'))`: FAST_COMPILE for the 'py' linker, FAST_RUN for the others."""

    def __init__(self, linker: str | None = None, optimizer="default", *, pipeline: str | None = None):
        if linker is not None and linker not in LINKERS:
            raise ValueError(f"Mode: linker must be one of {', '.join(LINKERS)}, not {linker!r}")
        self.linker = linker or "cvm"
        self.optimizer = optimizer
        self.pipeline = None if pipeline is None else check_pipeline(pipeline, "Mode")

    @property
    def name(self) -> str:
        """The irtk mode this stands for (what `function` reads)."""
        return "FAST_COMPILE" if self.linker == "py" else "FAST_RUN"

    # Theano programs adjust a mode's optimizer this way; irtk's passes are fixed, so the mode is unchanged.
    def including(self, *tags: str) -> Mode:
        return self

    def excluding(self, *tags: str) -> Mode:
        return self

    def requiring(self, *tags: str) -> Mode:
        return self

    def __repr__(self) -> str:
        extra = f", pipeline={self.pipeline!r}" if self.pipeline is not None else ""
        return f"Mode(linker={self.linker!r}, optimizer={self.optimizer!r}{extra})"


def check_pipeline(pipeline: object, where: str) -> str:
    """`pipeline` stripped, once every pass and named pipeline it names is known (plugins' included): a typo
    is reported where the mode is made, not when a function first compiles. Options are checked later."""
    from irtk import registry

    if not isinstance(pipeline, str) or not pipeline.strip():
        raise ValueError(f"{where}: pipeline must be a non-empty pass list such as 'my-pass,fast-run', not {pipeline!r}")
    for part in registry.split_pipeline(pipeline):
        name = part.split("{", 1)[0].strip()
        if not registry.has_name(name):
            raise ValueError(f"{where}: pipeline {pipeline!r} names '{name}', which is not a registered pass or "
                             "named pipeline (irtk-opt --list-passes lists them, installed plugins' included)")
    return pipeline.strip()
