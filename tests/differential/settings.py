"""How many random programs a run tries, and hypothesis's settings for reproducible runs.

CI runs `IRTK_DIFFERENTIAL_EXAMPLES` programs (default 1000) with fixed seeds, so every run tries the same
programs; set it higher for a longer search (docs/reliability.md). The programs are split into `SHARDS` tests
with seeds of their own, so that pytest-xdist spreads them over the cores.
"""

from __future__ import annotations

import math
import os

from hypothesis import HealthCheck, Phase, settings

#: Programs per compiled function: one compile per mode for the whole batch.
BATCH = 50
SHARDS = 4


def examples() -> int:
    return int(os.environ.get("IRTK_DIFFERENTIAL_EXAMPLES", "1000"))


def batches_per_shard() -> int:
    return max(1, math.ceil(examples() / (BATCH * SHARDS)))


def reproducible(max_examples: int) -> settings:
    """Fixed by the `@seed` each test gives; no example database, so no run depends on an earlier one."""
    return settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
