"""`Mode`: Theano's mode object (`theano.Mode(linker='py')`), mapped onto irtk's two modes.

Theano programs pass `mode=` either a name or a `Mode(linker, optimizer)`; names work as they are, and a
`Mode` is for programs that build one. What decides irtk's mode is the linker: Theano's 'py' linker ran
Python implementations without a C compiler, which is FAST_COMPILE here; every other linker compiled C,
which is FAST_RUN. The optimizer is accepted and ignored: irtk runs the same passes for either choice,
so the results do not depend on it.
"""

from __future__ import annotations

#: Theano 1.0's linkers.
LINKERS = ("py", "c", "c|py", "c|py_nogc", "vm", "vm_nogc", "cvm", "cvm_nogc")


class Mode:
    """`function(..., mode=Mode(linker='py'))`: FAST_COMPILE for the 'py' linker, FAST_RUN for the others."""

    def __init__(self, linker: str | None = None, optimizer="default"):
        if linker is not None and linker not in LINKERS:
            raise ValueError(f"Mode: linker must be one of {', '.join(LINKERS)}, not {linker!r}")
        self.linker = linker or "cvm"
        self.optimizer = optimizer

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
        return f"Mode(linker={self.linker!r}, optimizer={self.optimizer!r})"
