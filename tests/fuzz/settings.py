"""How much the fuzz tests run: a short, reproducible run in the test suite, a long one on request.

    IRTK_FUZZ_EXAMPLES=20000 pytest -n 0 tests/fuzz      # a long run (docs/reliability.md)

The test suite's run is derandomized (the same examples every time, so CI is reproducible); a long run draws
new ones and keeps what it finds in `tests/fuzz/corpus/` (hypothesis's example database), which later runs
replay first.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

CORPUS = Path(__file__).parent / "corpus"

#: Examples per fuzz test: the suite's default, or IRTK_FUZZ_EXAMPLES for a long run.
EXAMPLES = int(os.environ.get("IRTK_FUZZ_EXAMPLES", "0") or 0)


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
