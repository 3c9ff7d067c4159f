"""Running many random programs in one compiled function, and finding the one that fails.

One kernel per program would cost a C++ compile each (about half a second); one `irtk.function` whose inputs
and outputs are those of fifty independent programs costs one compile per mode. A value mismatch names its
output and so its program at once; an exception (a pass that fails, a run-time check that should not) is
traced to one program by running halves of the batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import irtk

from .compare import mismatch_between_modes, mismatch_with_reference
from .program import Program


@dataclass
class Failure:
    programs: list[Program]  # the culprit, or the whole batch when no program fails alone
    message: str

    def report(self) -> str:
        parts = [self.message]
        if len(self.programs) > 1:
            parts.append(f"({len(self.programs)} programs fail together, none alone; all of them follow)")
        parts += [f"--- {p.label} ---\n{p.snippet()}" for p in self.programs]
        return "\n".join(parts)


def run(programs: list[Program], mode: str) -> list[np.ndarray]:
    inputs = [v.var for p in programs for v in p.inputs]
    arrays = [v.ref for p in programs for v in p.inputs]
    outputs = [p.values[i].var for p in programs for i in p.outputs]
    with np.errstate(all="ignore"):
        f = irtk.function(inputs, outputs, mode=mode, on_unused_input="ignore")
        return f(*arrays)


def find_failure(programs: list[Program], modes: list[str]) -> Failure | None:
    """The first program whose results differ between the modes or from numpy, or that raises."""
    try:
        results = {mode: run(programs, mode) for mode in modes}
    except Exception as e:  # noqa: BLE001 (any exception is a finding; bisect to find whose)
        if len(programs) == 1:
            return Failure(programs, f"{type(e).__name__}: {e}")
        half = len(programs) // 2
        return (find_failure(programs[:half], modes) or find_failure(programs[half:], modes)
                or Failure(programs, f"the batch raises {type(e).__name__}: {e}"))
    k = 0
    for p in programs:
        for name, value in ((p.values[i].name, p.values[i]) for i in p.outputs):
            got = {mode: results[mode][k] for mode in modes}
            k += 1
            for mode in modes:
                if why := mismatch_with_reference(got[mode], value.ref, value.exact, value.loose):
                    return Failure([p], f"{name} in {mode}: {why}")
            if len(modes) == 2 and (why := mismatch_between_modes(got[modes[1]], got[modes[0]], value.blas)):
                return Failure([p], f"{name}: {why}")
    return None
