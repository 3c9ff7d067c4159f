"""How much the fuzz tests run: a short, reproducible run in the test suite, a long one on request.

    IRTK_FUZZ_EXAMPLES=1000000 IRTK_FUZZ_SECONDS=1800 pytest -n 0 tests/fuzz   # a long run (docs/reliability.md)

The test suite's run is derandomized (the same examples every time, so CI is reproducible); a long run draws
new ones and keeps what it finds in `tests/fuzz/corpus/` (hypothesis's example database), which later runs
replay first.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

CORPUS = Path(__file__).parent / "corpus"

#: Examples per fuzz test: the suite's default, or IRTK_FUZZ_EXAMPLES for a long run.
EXAMPLES = int(os.environ.get("IRTK_FUZZ_EXAMPLES", "0") or 0)
#: A long run's time budget per fuzz test, in seconds (IRTK_FUZZ_SECONDS): past it, examples are skipped.
SECONDS = float(os.environ.get("IRTK_FUZZ_SECONDS", "0") or 0)

_started: dict[str, float] = {}


_examples: dict[str, int] = {}


def out_of_time(test: str) -> bool:
    """Counts an example of `test`; once `test` has used up its IRTK_FUZZ_SECONDS, ends the run (the test is then
    reported as skipped, with how many examples ran and for how long: none of them failed)."""
    import pytest

    started = _started.setdefault(test, time.monotonic())
    _examples[test] = _examples.get(test, 0) + 1
    elapsed = time.monotonic() - started
    if SECONDS > 0 and elapsed > SECONDS:
        pytest.skip(f"{test}: the time budget is spent: {_examples[test]} examples in {elapsed:.0f} s, none failed")
    return False


def fuzz_settings(default_examples: int):
    """Hypothesis settings for one fuzz test: `default_examples` in the suite, derandomized; IRTK_FUZZ_EXAMPLES
    examples drawn afresh, with the corpus as database, in a long run."""
    long_run = EXAMPLES > 0
    return settings(
        max_examples=EXAMPLES if long_run else default_examples,
        derandomize=not long_run,
        database=DirectoryBasedExampleDatabase(str(CORPUS)) if long_run else None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
