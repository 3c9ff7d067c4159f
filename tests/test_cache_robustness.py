"""The compile cache never hangs and never fails because of what happens to its directory.

Each test does for real what a user's machine can do: delete the cache in the middle of a compile, leave a
FIFO where an entry belongs, stop the process that holds a lock, run a compiler that never returns, kill
a compile. Every wait is bounded (`deadline` fails a test that would hang instead of hanging the run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from cache_helpers import alive, compiler_wrapper, deadline, entry_file, fresh_constant, kill_quietly, scalar_kernel
from conftest import needs_native

import irtk
from irtk import tensor
from irtk.flags import config
from irtk.runtime import STATS, CacheWarning, CompileTimeout, build_shared_object, cache_dir, lowering_cache
from irtk.runtime.cache_files import remove_stale_temporaries, temporary_name


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IRTK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IRTK_VERBOSE", raising=False)
    return tmp_path / "cache"


# ---- the directory deleted during a compile --------------------------------------------------------------


@needs_native
@pytest.mark.parametrize("when", ["before", "after"])
def test_function_survives_the_cache_being_deleted_during_its_compile(tmp_path, monkeypatch, cache, when):
    """The compiler (a wrapper around the real one) deletes the whole cache directory once, before or after it
    compiles: the compile starts over and the function works."""
    marker = tmp_path / "deleted-once"
    remove = f'if [ ! -e "{marker}" ]; then touch "{marker}"; rm -rf "{cache}"; fi'
    wrapper = compiler_wrapper(tmp_path / "cxx", before=remove if when == "before" else "",
                               after=remove if when == "after" else "")
    monkeypatch.setenv("IRTK_CXX", wrapper)
    retries, constant = STATS.retries, fresh_constant()
    x = tensor.dvector("x")
    f = irtk.function([x], x * 2.0 + constant, mode="FAST_RUN")
    assert marker.exists() and STATS.retries == retries + 1
    np.testing.assert_array_equal(f(np.arange(3.0)), np.arange(3.0) * 2.0 + constant)
    assert cache.is_dir()


# ---- things that are not regular files -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".so", ".json", ".cpp", ".lock"])
def test_fifo_in_place_of_an_entry_file_does_not_hang(suffix):
    source = scalar_kernel(fresh_constant())
    build_shared_object(source)
    path = entry_file(source, suffix)
    path.unlink()
    os.mkfifo(path)
    retries = STATS.retries
    with deadline(10):
        rebuilt = build_shared_object(source)
        assert build_shared_object(source) == rebuilt  # rebuilt over the FIFO, then a hit
    assert STATS.retries == retries
    assert path.is_file() or suffix == ".lock" and path.exists()


def test_fifo_in_place_of_a_lowering_entry_does_not_hang():
    key = "0" * 64
    lowering_cache.store(key, "// some C++\n")
    path = cache_dir() / "lowered" / f"{key}.cpp"
    path.unlink()
    os.mkfifo(path)
    with deadline(10):
        assert lowering_cache.lookup(key) is None
        lowering_cache.store(key, "// some C++\n")
        assert lowering_cache.lookup(key) == "// some C++\n"


def test_link_in_place_of_an_entry_file_is_not_followed(tmp_path):
    source = scalar_kernel(fresh_constant())
    so = build_shared_object(source)
    elsewhere = tmp_path / "elsewhere.so"
    elsewhere.write_bytes(so.read_bytes())
    so.unlink()
    so.symlink_to(elsewhere)
    rebuilds = STATS.rebuilds
    assert build_shared_object(source) == so
    assert STATS.rebuilds == rebuilds + 1 and not so.is_symlink()


# ---- a lock whose holder is stopped ---------------------------------------------------------------------

HOLD_AND_STOP = """
import fcntl, os, signal, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
os.kill(os.getpid(), signal.SIGSTOP)
"""


def test_lock_held_by_a_stopped_process_times_out_with_a_message(monkeypatch, cache):
    source = scalar_kernel(fresh_constant())
    build_shared_object(source)
    entry_file(source, ".so").unlink()  # so the next build must take the lock
    holder = subprocess.Popen([sys.executable, "-c", HOLD_AND_STOP, str(entry_file(source, ".lock"))],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(config, "cache_lock_timeout", 1.0)
        start = time.monotonic()
        with deadline(60), pytest.warns(CacheWarning, match="waited 1 s for the lock .*cache_lock_timeout"):
            path = build_shared_object(source)
        assert 1.0 <= time.monotonic() - start < 30
        assert path.is_file()
    finally:
        kill_quietly(holder.pid)
        holder.wait()


# ---- a compiler that never returns, and a killed compile -----------------------------------------------------


def test_compiler_that_never_returns_is_killed_with_everything_it_started(tmp_path, monkeypatch, cache):
    pids = tmp_path / "pids"
    wrapper = compiler_wrapper(tmp_path / "cxx", before=f'sleep 1000 & echo $! > "{pids}"; echo $$ >> "{pids}"; wait')
    monkeypatch.setenv("IRTK_CXX", wrapper)
    monkeypatch.setattr(config, "compile_timeout", 1.0)
    source = scalar_kernel(fresh_constant())
    with deadline(60), pytest.raises(CompileTimeout, match="(?s)did not finish within 1 s .*compile_timeout"):
        build_shared_object(source)
    for pid in map(int, pids.read_text().split()):
        assert not alive(pid), "a process the compiler started is still running"
    assert not [p for p in cache.iterdir() if p.suffix in (".so", ".tmp")]


KILLED_COMPILE = """
import sys
from irtk.runtime import build_shared_object
build_shared_object(sys.stdin.read())
"""


def test_killed_compile_leaves_nothing_the_next_start_does_not_clean(tmp_path, cache):
    """A compile killed mid-way (SIGKILL: no cleanup runs) leaves its temporary output; the next process's first
    compile removes it, since the process named in its name is gone."""
    started = tmp_path / "started"
    wrapper = compiler_wrapper(tmp_path / "cxx", before=f'touch "$out"; echo $$ > "{started}"; sleep 1000')
    child = subprocess.Popen([sys.executable, "-c", KILLED_COMPILE], stdin=subprocess.PIPE, text=True,
                             env={**os.environ, "IRTK_CXX": wrapper})
    child.stdin.write(scalar_kernel(fresh_constant()))
    child.stdin.close()
    try:
        with deadline(60):
            while not started.exists() or not started.read_text().strip():
                time.sleep(0.05)
        leftovers = [p for p in cache.iterdir() if p.name.endswith(".tmp")]
        assert leftovers, "the compile should have started writing its output"
    finally:
        child.kill()
        child.wait()
        if started.exists() and started.read_text().strip():
            kill_quietly(-int(started.read_text()))  # the compiler runs in a session of its own
    assert not alive(child.pid)
    build_shared_object(scalar_kernel(fresh_constant()))  # this process's first compile in this cache
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]


def test_stale_temporaries_are_removed_by_age_or_dead_writer(cache):
    cache.mkdir(mode=0o700)
    now = time.time()
    mine = temporary_name(cache / "a.so")  # this process: alive
    dead = cache / mine.name.replace(f".{os.getpid()}.", f".{_dead_pid()}.")
    foreign_old = cache / ".b.so.otherhost.123.abcd1234.tmp"
    foreign_new = cache / ".c.so.otherhost.123.abcd1234.tmp"
    for path in (mine, dead, foreign_old, foreign_new):
        path.write_bytes(b"partial")
    os.utime(foreign_old, (now - 7200, now - 7200))
    assert remove_stale_temporaries(cache, max_age=3600) == 2
    assert sorted(p.name for p in cache.iterdir()) == sorted([mine.name, foreign_new.name])


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid
