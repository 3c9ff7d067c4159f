"""Random programs give the same bits in FAST_RUN and FAST_COMPILE, and numpy's values (tests/differential).

Each hypothesis example is a batch of `BATCH` independent programs compiled as one function per mode. A failing
batch is traced to the program that fails; while hypothesis shrinks, that program is tried alone first, so each
shrinking step costs one small compile, and the report ends with the shrunk program as a runnable snippet.
"""

from __future__ import annotations

import pytest
from conftest import native_available
from hypothesis import given, note, seed
from hypothesis import strategies as st

from .batch import find_failure
from .generator import programs
from .settings import BATCH, SHARDS, batches_per_shard, reproducible

MODES = ["FAST_COMPILE", "FAST_RUN"] if native_available() else ["FAST_COMPILE"]


class ProgramFailure(AssertionError):
    """A program whose results differ between the modes or from numpy, or that raised."""


def shard(number: int):
    """The hypothesis test of one shard, and the count of programs it ran."""
    suspects: list[str] = []  # the last failing program's label: tried alone first while hypothesis shrinks
    ran = [0]

    @seed(number)
    @reproducible(batches_per_shard())
    @given(st.data())
    def check_batches(data) -> None:
        batch = [data.draw(programs(f"p{i}"), label=f"program {i}") for i in range(BATCH)]
        suspect = [p for p in batch if p.label in suspects]
        failure = (find_failure(suspect, MODES) if suspect else None) or find_failure(batch, MODES)
        ran[0] += len(batch)
        if failure is not None:
            suspects[:] = [p.label for p in failure.programs]
            note(failure.report())
            raise ProgramFailure(failure.report())

    return check_batches, ran


@pytest.mark.parametrize("number", range(SHARDS))
def test_random_programs(number: int, shipped_compiler_flags) -> None:
    """Built with irtk's own compiler flags, where the rest of the suite adds `-O2` (tests/conftest.py)."""
    check_batches, ran = shard(number)
    check_batches()
    # hypothesis silently drops an example that overruns its buffer: make sure none was
    assert ran[0] >= batches_per_shard() * BATCH, f"only {ran[0]} programs ran"


@seed(7)
@reproducible(3)
@given(program=programs("s"))
def test_a_program_prints_as_a_runnable_snippet(program, capsys) -> None:
    """What a failure prints is a program that runs as it is, in both modes."""
    if not native_available():
        pytest.skip("the snippet runs FAST_RUN, which needs irtk._native")
    exec(compile(program.snippet(), "<snippet>", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in printed] == ["FAST_COMPILE", "FAST_RUN"]
