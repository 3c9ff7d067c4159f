"""Random programs at the loop level, lowered and run by MLIR 22's own tools, against numpy (mlir_runner.py).

irtk's loop-level IR is what its C++ emitter and evaluator trust; here mlir-opt-22 verifies it and gives it
MLIR's meaning, and mlir-runner-22 runs it. Matrix products are left out: FAST_RUN calls BLAS for them, which
the JIT-compiled module cannot. Skipped without the tools, failed without them under CI.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st

from . import mlir_runner
from .generator import programs
from .settings import reproducible

#: Significant digits printMemrefF64 prints: six.
PRINTED_RTOL = 2e-5


@pytest.fixture(scope="module", autouse=True)
def tools() -> None:
    reason = mlir_runner.tools_missing()
    if reason and os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI is set: the loop-level check must run in CI")
    if reason:
        pytest.skip(reason)


def mismatch(printed: np.ndarray, expected: np.ndarray) -> str | None:
    if printed.shape != expected.shape:
        return f"MLIR prints shape {printed.shape}, numpy gives {expected.shape}"
    finite = np.isfinite(expected)
    scale = float(np.max(np.abs(expected[finite]), initial=0.0))
    same_specials = (np.isnan(printed) == np.isnan(expected)).all() and (printed[np.isinf(expected)] == expected[np.isinf(expected)]).all()
    with np.errstate(invalid="ignore"):
        close = np.abs(printed - expected) <= PRINTED_RTOL * (np.abs(expected) + scale)
    if same_specials and (close | ~finite).all():
        return None
    return f"MLIR prints {printed!r}, numpy gives {expected!r}"


def failures(batch, workdir) -> list[str]:
    text, _, expected = mlir_runner.loop_module(batch)
    try:
        printed = mlir_runner.run(text, workdir)
    except RuntimeError as e:
        if len(batch) == 1:
            return [f"{batch[0].label}: {e}\n{batch[0].snippet()}"]
        return [why for p in batch for why in failures([p], workdir)] or [f"the batch fails, no program alone: {e}"]
    assert len(printed) == len(expected), f"{len(printed)} arrays printed for {len(expected)} outputs"
    owners = [p for p in batch for _ in p.outputs]
    return [f"output {k} of {owners[k].label}: {why}\n{owners[k].snippet()}"
            for k, (got, want) in enumerate(zip(printed, expected)) if (why := mismatch(got, want))]


@seed(22)
@settings(reproducible(3), phases=[Phase.explicit, Phase.generate])  # a failure names its programs: no shrinking
@given(batch=st.lists(programs("m", without=("dot",)), min_size=20, max_size=20))
def test_programs_at_the_loop_level_through_mlir(batch, tmp_path_factory) -> None:
    """The first example is hypothesis's simplest (all zeros); the others are random."""
    for k, p in enumerate(batch):
        p.label = f"m{k}"
    found = failures(batch, tmp_path_factory.mktemp("mlir"))
    assert not found, "\n\n".join(found)
