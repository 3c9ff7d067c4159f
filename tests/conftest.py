"""Shared pytest fixtures: every test gets its own compile cache, so tests never see each other's kernels."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("irtk-cache")
    monkeypatch.setenv("IRTK_CACHE_DIR", str(cache))
    monkeypatch.delenv("IRTK_DUMP", raising=False)
    return cache


def native_available() -> bool:
    try:
        import irtk._native  # noqa: F401
    except ImportError:
        return False
    return True


#: For tests that need the compiled runtime module.
needs_native = pytest.mark.skipif(not native_available(), reason="irtk._native is not built (pip install -e .)")

#: Both modes when the native runtime is built, FAST_COMPILE alone otherwise.
MODES = ["FAST_COMPILE", pytest.param("FAST_RUN", marks=needs_native)]
