"""A random program: its symbolic inputs with their arrays, the steps that built it, and its numpy reference.

Each value carries the irtk variable and the array numpy computes for it, so the generator knows every run-time
shape and value while it builds (it only applies an op where its preconditions hold), and the comparison knows
what to expect. A program prints itself as a runnable snippet (`Program.snippet`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Value:
    var: object  # the irtk Variable
    ref: np.ndarray  # what numpy computes
    name: str
    #: Every op since the inputs is exactly rounded (IEEE arithmetic, data movement, comparisons), so numpy and
    #: compiled code agree bit for bit; transcendental functions, float sums and products are not.
    exact: bool = True
    #: A matrix product on the way: FAST_RUN may call BLAS, so the two modes may differ in the last bits.
    blas: bool = False
    #: The op is smooth (differentiable) everywhere it is applied: the gradient check may use this value.
    smooth: bool = True
    #: The compiler can know every value it may hold (a boolean, a small clipped integer): GCC then evaluates a
    #: C library function of it at compile time, correctly rounded, where glibc's own result may be 1 ulp off
    #: (see test_regressions.py, the cosh test); transcendental functions skip such values until that is fixed.
    narrow: bool = False
    #: A float32 op that is not exactly rounded on the way: even a float64 result is only float32-close.
    loose: bool = False


@dataclass
class Step:
    """One op applied to earlier values: replaying the steps on other variables rebuilds the program."""

    op: str
    args: tuple[int, ...]
    params: dict
    text: str  # the irtk source of this step, for the snippet


class Program:
    """Not a dataclass: hypothesis prints a dataclass field by field, and a program prints as one line."""

    def __init__(self, label: str):
        self.label = label
        self.inputs: list[Value] = []
        self.values: list[Value] = []  # inputs first, then one per step
        self.steps: list[Step] = []
        self.outputs: list[int] = []  # indices into values

    def output_values(self) -> list[Value]:
        return [self.values[i] for i in self.outputs]

    def __repr__(self) -> str:  # hypothesis prints every drawn program; the failing one prints its snippet
        return f"<program {self.label}: {len(self.inputs)} inputs, {len(self.steps)} steps>"

    def snippet(self) -> str:
        """Runnable source that rebuilds this program, runs it in both modes and prints the numpy reference."""
        lines = ["import numpy as np", "import irtk", "from irtk import tensor as T", ""]
        for v in self.inputs:
            lines.append(f"{v.name} = T.TensorType({v.var.dtype!r}, {v.var.broadcastable!r})({v.name!r})")
        lines += [s.text for s in self.steps]
        args = ", ".join(v.name for v in self.inputs)
        outs = ", ".join(self.values[i].name for i in self.outputs)
        lines.append(f"arrays = [{', '.join(array_source(v.ref) for v in self.inputs)}]")
        lines.append("for mode in ('FAST_COMPILE', 'FAST_RUN'):")
        lines.append(f"    f = irtk.function([{args}], [{outs}], mode=mode, on_unused_input='ignore')")
        lines.append("    print(mode, f(*arrays))")
        lines.append(f"# numpy reference: {[self.values[i].ref for i in self.outputs]!r}")
        return "\n".join(lines)


def array_source(a: np.ndarray) -> str:
    """`a` as Python source (NaN and infinities spelled so that the snippet runs)."""
    def lit(x) -> str:
        if isinstance(x, float):
            if np.isnan(x):
                return "np.nan"
            if np.isinf(x):
                return "np.inf" if x > 0 else "-np.inf"
        return repr(x)

    flat = ", ".join(lit(x) for x in a.ravel().tolist())
    return f"np.array([{flat}], dtype={str(a.dtype)!r}).reshape({a.shape!r})"
