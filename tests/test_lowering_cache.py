"""The lowering cache: a function compiled once is not lowered again, and a corrupt entry is rebuilt."""

from __future__ import annotations

import numpy as np
from conftest import needs_native

import irtk
import irtk.compiler
from irtk import tensor
from irtk.runtime import lowering_cache

pytestmark = needs_native


def make_function():
    x = tensor.dvector("x")
    return irtk.function([x], (x * 2.0).sum(), mode="FAST_RUN")


def test_second_compile_skips_the_pipeline(monkeypatch) -> None:
    assert make_function()(np.arange(3.0)) == 6.0

    def no_lowering(*args, **kwargs):
        raise AssertionError("the pipeline ran although the lowering cache holds this function")

    monkeypatch.setattr(irtk.compiler, "lower", no_lowering)
    assert make_function()(np.arange(4.0)) == 12.0


def test_corrupt_entry_is_ignored_and_rewritten(isolated_cache) -> None:
    make_function()
    (entry,) = (isolated_cache / "lowered").glob("*.cpp")
    entry.write_text(entry.read_text()[:-40])  # truncated
    assert lowering_cache.lookup(entry.stem) is None
    assert make_function()(np.arange(3.0)) == 6.0
    assert lowering_cache.lookup(entry.stem) is not None


def test_key_covers_the_ir_and_the_pipeline() -> None:
    a = lowering_cache.lowering_key("func.func @f()", "fast-run")
    assert a == lowering_cache.lowering_key("func.func @f()", "fast-run")
    assert a != lowering_cache.lowering_key("func.func @g()", "fast-run")
    assert a != lowering_cache.lowering_key("func.func @f()", "fast-run,tile{sizes=8}")
