"""A shape whose element count does not fit in 64 bits is a clean error, never a crash. Compiled code used to
multiply the sizes in int64, which wrapped (2^32 * 2^32 is 0): it allocated a tiny buffer, then its loops wrote
past it. Each program runs in a subprocess, so a regression shows as a failed test, not a crashed test run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import MODES

PROGRAM = textwrap.dedent(
    """
    import sys
    import irtk
    from irtk import tensor as T

    n, m = T.lscalars("n", "m")
    outer = irtk.function([n, m], T.zeros((n, m), dtype="int8") + 1, mode=sys.argv[1])
    try:
        outer(2**32, 2**32)
    except ValueError as e:
        print("ValueError:", e)
    """
)


@pytest.mark.parametrize("mode", MODES)
def test_an_element_count_beyond_int64_is_a_value_error(mode: str, tmp_path) -> None:
    env = {**os.environ, "IRTK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ValueError:" in done.stdout
    if mode == "FAST_RUN":
        assert "the number of elements does not fit in 64 bits" in done.stdout
