"""The cache stays under its size limit by evicting least recently used entries, and `python -m irtk.cache`
shows, checks and clears it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cache_helpers import entry_file, fresh_constant, scalar_kernel

from irtk.cache import main
from irtk.flags import Config, config
from irtk.runtime import build_shared_object, lowering_cache
from irtk.runtime.cache_eviction import enforce_size_limit, scan


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IRTK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IRTK_VERBOSE", raising=False)
    return tmp_path / "cache"


def age(source: str, seconds: float) -> None:
    """Make the entry of `source` look last used `seconds` ago."""
    then = time.time() - seconds
    os.utime(entry_file(source, ".json"), (then, then))


def test_least_recently_used_entries_are_evicted_past_the_limit(monkeypatch, cache):
    first, second, third = (scalar_kernel(fresh_constant()) for _ in range(3))
    build_shared_object(first)
    entry_size = scan(cache).size
    build_shared_object(second)
    age(first, 200)
    age(second, 100)
    build_shared_object(first)  # a hit: now the most recently used of the two
    monkeypatch.setattr(config, "cache_max_size", int(2.5 * entry_size))
    build_shared_object(third)  # three entries do not fit: the least recently used one goes
    assert not entry_file(second, ".so").exists() and not entry_file(second, ".lock").exists()
    assert entry_file(first, ".so").exists() and entry_file(third, ".so").exists()
    assert scan(cache).size <= 2.5 * entry_size


def test_no_limit_and_the_entry_just_built_is_kept(monkeypatch, cache):
    sources = [scalar_kernel(fresh_constant()) for _ in range(2)]
    monkeypatch.setattr(config, "cache_max_size", 0)
    for source in sources:
        build_shared_object(source)
    assert len(scan(cache).entries) == 2
    assert enforce_size_limit(cache, keep=entry_file(sources[1], "").name, limit=1) > 0
    assert [e.key for e in scan(cache).entries] == [entry_file(sources[1], "").name]


def test_lowering_entries_count_and_are_evicted_too(cache):
    lowering_cache.store("1" * 64, "// old\n" * 100)
    lowering_cache.store("2" * 64, "// new\n" * 100)
    path = cache / "lowered" / f"{'1' * 64}.cpp"
    os.utime(path, (time.time() - 100,) * 2)
    size = path.stat().st_size
    assert enforce_size_limit(cache, limit=scan(cache).size - 1) == size
    assert not path.exists() and lowering_cache.lookup("2" * 64) == "// new\n" * 100


def test_size_flag_accepts_units_and_rejects_nonsense():
    assert Config.from_flags("cache_max_size=512MiB").cache_max_size == 512 << 20
    assert Config.from_flags("cache_max_size=2G,compile_timeout=30").compile_timeout == 30.0
    assert Config.from_flags("cache_lock_timeout=0.5").cache_lock_timeout == 0.5
    with pytest.raises(ValueError, match="cache_max_size must be a number of bytes"):
        Config.from_flags("cache_max_size=lots")
    with pytest.raises(ValueError, match="compile_timeout must be a finite number not below 0"):
        Config.from_flags("compile_timeout=-3")
    assert (Config().cache_max_size, Config().cache_lock_timeout, Config().compile_timeout) == (1 << 30, 300.0, 600.0)


# ---- python -m irtk.cache ------------------------------------------------------------------------------------


def test_show_check_and_clear(cache, capsys):
    good, bad = scalar_kernel(fresh_constant()), scalar_kernel(fresh_constant())
    build_shared_object(good)
    build_shared_object(bad)
    lowering_cache.store("3" * 64, "// lowered\n")
    assert main(["show", "--entries"]) == 0
    out = capsys.readouterr().out
    assert str(cache) in out and "2 compiled kernels, 1 lowered functions" in out and "KiB of 1.0 GiB" in out

    so = entry_file(bad, ".so")
    so.write_bytes(so.read_bytes()[:100])
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"kernel entry {so.stem}: shared object does not match its manifest" in out and "3 entries" in out
    assert main(["check", "--fix"]) == 0
    assert "(removed)" in capsys.readouterr().out and not so.exists() and entry_file(good, ".so").exists()
    assert main(["check"]) == 0

    (cache / "notes.txt").write_text("mine")
    assert main(["clear"]) == 0
    out = capsys.readouterr().out
    assert "removed 2 entries" in out and "notes.txt" in out
    assert sorted(p.name for p in cache.iterdir()) == ["lowered", "notes.txt"]


def test_command_line_refuses_an_unsafe_directory(cache):
    cache.mkdir()
    cache.chmod(0o777)
    proc = subprocess.run([sys.executable, "-m", "irtk.cache", "show"], capture_output=True, text=True,
                          env={**os.environ, "IRTK_CACHE_DIR": str(cache)})
    assert proc.returncode == 2
    assert f"chmod 700 {cache}" in proc.stderr and "Traceback" not in proc.stderr
