"""The toolchain and the on-disk compile cache, through the real compiler.

What must hold: a warm cache runs no compiler, in this process or another; a corrupt or
unloadable entry is rebuilt rather than loaded; processes racing on one new source compile it
once and all succeed; compiler and toolchain failures say what went wrong and where.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import secrets
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from irtk.runtime import (
    CXX_FLAGS,
    STATS,
    CompileError,
    ToolchainError,
    abi_header,
    build_shared_object,
    cache_dir,
    cache_key,
    default_toolchain,
    load_kernel,
)
from irtk.runtime.toolchain import compiler_version

from conftest import native_available, needs_native  # tests that load what they build need the module




def scalar_kernel(constant: float) -> str:
    """A kernel returning `x + constant`; a different constant is a different source."""
    return abi_header() + r"""
#include <stdlib.h>
extern "C" const char* irtk_signature(void) { return "f64[]->f64[]"; }
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
  double* out = (double*)malloc(sizeof(double));
  *out = *(const double*)args[0].data + %r;
  results[0].data = out;
  results[0].rank = 0;
  return 0;
}
""" % constant


def fresh_constant() -> float:
    """A constant no earlier run has compiled, so the first build is a miss."""
    return float(int(secrets.token_hex(5), 16))


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IRTK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IRTK_VERBOSE", raising=False)
    return tmp_path / "cache"


def counters() -> tuple[int, int, int]:
    return STATS.hits, STATS.compiles, STATS.rebuilds


def test_cache_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("IRTK_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("IRTK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "irtk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "irtk"


def test_flags_keep_floating_point_exact():
    assert "-ffp-contract=off" in CXX_FLAGS and "-fno-fast-math" in CXX_FLAGS
    assert "-ffast-math" not in CXX_FLAGS and "-Ofast" not in CXX_FLAGS


def test_cxxflags_come_after_irtks_own_and_enter_the_key(monkeypatch):
    from irtk.flags import Config, config

    monkeypatch.setattr(config, "cxxflags", "")
    plain = default_toolchain()
    assert plain.flags == CXX_FLAGS
    monkeypatch.setattr(config, "cxxflags", "-O2 -g")
    lighter = default_toolchain()
    assert lighter.flags == (*CXX_FLAGS, "-O2", "-g")  # after -O3: the later level wins
    assert cache_key("int x;", lighter) != cache_key("int x;", plain)
    assert Config.from_flags("cxxflags=-O1 -fno-omit-frame-pointer").cxxflags == "-O1 -fno-omit-frame-pointer"


@pytest.mark.parametrize("flag", ["-ffast-math", "-Ofast", "-ffp-contract=fast", "-fno-math-errno", "-mrecip=all"])
def test_cxxflags_that_change_results_are_refused(monkeypatch, flag):
    from irtk.flags import Config, config

    with pytest.raises(ValueError, match=f"IRTK_FLAGS: cxxflags: {flag} is refused"):
        Config.from_flags(f"cxxflags=-O2 {flag}")
    monkeypatch.setattr(config, "cxxflags", flag)  # assigned by a program: refused when a compile reads it
    with pytest.raises(ValueError, match="floating-point results"):
        default_toolchain()
    with pytest.raises(ValueError, match="not a list of compiler flags"):
        Config.from_flags("cxxflags=-DNAME='unclosed")


@needs_native
def test_a_kernel_built_with_cxxflags_computes_the_same_bits(monkeypatch):
    import irtk
    from irtk import tensor
    from irtk.flags import config

    x = tensor.dvector("x")
    y = tensor.exp(x) * tensor.tanh(x) / (x + 3.0)
    values = np.linspace(-5, 5, 1001)
    results = []
    for flags in ("", "-O1 -g"):
        monkeypatch.setattr(config, "cxxflags", flags)
        results.append(irtk.function([x], y)(values))
    np.testing.assert_array_equal(results[0], results[1])


def test_key_covers_source_and_toolchain():
    toolchain = default_toolchain()
    key = cache_key("int x;", toolchain)
    assert key == cache_key("int x;", toolchain)
    assert key != cache_key("int y;", toolchain)
    assert key != cache_key("int x;", replace(toolchain, flags=(*toolchain.flags, "-g")))
    assert key != cache_key("int x;", replace(toolchain, version=toolchain.version + " patched"))
    assert key != cache_key("int x;", replace(toolchain, host="another cpu"))


def test_compiler_version_is_probed_once():
    command = default_toolchain().command
    before = compiler_version.cache_info().hits
    default_toolchain()
    assert compiler_version.cache_info().hits == before + 1
    assert compiler_version(command)  # some non-empty --version text


def test_second_build_is_a_hit(cache):
    source = scalar_kernel(fresh_constant())
    hits, compiles, _ = counters()
    path = build_shared_object(source)
    assert counters()[:2] == (hits, compiles + 1)
    assert build_shared_object(source) == path
    assert counters()[:2] == (hits + 1, compiles + 1)
    key = path.stem
    assert {p.name for p in cache.iterdir()} == {f"{key}.so", f"{key}.cpp", f"{key}.json", f"{key}.lock"}
    assert (cache / f"{key}.cpp").read_text() == source


@needs_native
def test_another_process_uses_the_cache_and_runs_no_compiler(cache, children_share_flags):
    constant = fresh_constant()
    source = scalar_kernel(constant)
    path = build_shared_object(source)
    child = (
        "import sys, numpy as np\n"
        "from irtk.runtime import STATS, load_kernel\n"
        "(y,) = load_kernel(sys.stdin.read())(np.array(1.0))\n"
        "print(STATS.compiles, STATS.hits, float(y))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", child], input=source, capture_output=True, text=True, check=True,
        env={**os.environ, "IRTK_VERBOSE": "1", "PYTHONPATH": os.pathsep.join(_import_roots())},
    )
    assert proc.stdout.split() == ["0", "1", repr(1.0 + constant)]
    assert f"irtk: cache hit {path}" in proc.stderr


@needs_native
@pytest.mark.parametrize("damage", ["truncate", "flip", "drop-sidecar"])
def test_corrupt_entry_is_rebuilt(damage):
    constant = fresh_constant()
    source = scalar_kernel(constant)
    path = build_shared_object(source)
    good = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flip":
        path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    else:
        path.with_suffix(".json").unlink()
    _, compiles, rebuilds = counters()
    assert build_shared_object(source) == path
    assert counters()[1:] == (compiles + 1, rebuilds + 1)
    assert load_kernel(source)(np.array(0.5))[0][()] == 0.5 + constant


@needs_native
def test_unloadable_entry_is_rebuilt_once():
    """A .so whose hash matches but which dlopen rejects (here: not an ELF file at all)."""
    constant = fresh_constant()
    source = scalar_kernel(constant)
    path = build_shared_object(source)
    garbage = b"this is not a shared object"
    path.write_bytes(garbage)
    manifest = json.loads(path.with_suffix(".json").read_text())
    path.with_suffix(".json").write_text(json.dumps({**manifest, "so_sha256": hashlib.sha256(garbage).hexdigest()}))
    _, compiles, rebuilds = counters()
    (y,) = load_kernel(source)(np.array(1.0))
    assert y[()] == 1.0 + constant
    assert counters()[1:] == (compiles + 1, rebuilds + 1)


def _import_roots() -> list[str]:
    """Where this process found irtk, first on the child's path: the child runs the same irtk."""
    import irtk.runtime

    root = str(Path(irtk.runtime.__file__).resolve().parents[2])
    return [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]


def _build_in_child(source: str, barrier) -> tuple[str, int]:
    barrier.wait()  # release all children at once, to race on the lock
    path = build_shared_object(source)
    return str(path), STATS.compiles


def test_concurrent_processes_compile_once(cache, children_share_flags):
    source = scalar_kernel(fresh_constant())
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no counters inherited
    n = 6
    with ctx.Manager() as manager:
        barrier = manager.Barrier(n)
        with ctx.Pool(n) as pool:
            outcomes = pool.starmap(_build_in_child, [(source, barrier)] * n)
    paths = {p for p, _ in outcomes}
    assert len(paths) == 1
    assert sum(compiles for _, compiles in outcomes) == 1
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary files left
    hits, compiles, _ = counters()
    assert build_shared_object(source) == Path(paths.pop())
    assert counters()[:2] == (hits + 1, compiles)


def test_compile_error_shows_stderr_and_kept_source(cache):
    source = abi_header() + "\nthis is not C++;\n"
    with pytest.raises(CompileError) as info:
        build_shared_object(source)
    error = info.value
    assert error.source_path.read_text() == source
    assert str(error.source_path) in str(error) and "error" in error.stderr
    assert error.stderr.rstrip() in str(error)
    assert not list(cache.glob("*.so"))  # nothing half-built is left to be loaded


def test_source_must_be_str():
    with pytest.raises(TypeError, match="source must be a str of C\\+\\+ code, got bytes"):
        build_shared_object(b"int x;")


def test_missing_compiler_named_by_irtk_cxx(monkeypatch):
    monkeypatch.setenv("IRTK_CXX", "/nonexistent/c++")
    with pytest.raises(ToolchainError, match="IRTK_CXX='/nonexistent/c\\+\\+'"):
        build_shared_object(scalar_kernel(1.0))


def test_no_compiler_on_path_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.delenv("IRTK_CXX", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolchainError, match="install a C\\+\\+17 compiler"):
        default_toolchain()


@needs_native
def test_irtk_cxx_may_be_a_wrapper_command(monkeypatch):
    compiler = default_toolchain().command[0]
    monkeypatch.setenv("IRTK_CXX", f"env {compiler}")
    toolchain = default_toolchain()
    assert toolchain.command[1:] == (compiler,)
    constant = fresh_constant()
    assert load_kernel(scalar_kernel(constant))(np.array(1.0))[0][()] == 1.0 + constant


# ---- entries that cannot be read --------------------------------------------------------------------


def entry_path(source: str, suffix: str) -> Path:
    return cache_dir() / f"{cache_key(source, default_toolchain())}{suffix}"


def make_directory_at(path: Path) -> None:
    (path / "inside").mkdir(parents=True)
    (path / "inside" / "file").write_text("debris")


@pytest.mark.parametrize("suffix", [".so", ".json", ".cpp", ".lock"])
def test_directory_in_place_of_an_entry_file_is_replaced(cache, suffix):
    """A directory where the entry's .so, sidecar, source or lock file belongs is debris: the entry is
    compiled (or rebuilt) as if it were missing or corrupt, never a traceback."""
    constant = fresh_constant()
    source = scalar_kernel(constant)
    if suffix in (".so", ".json"):
        build_shared_object(source)
        entry_path(source, suffix).unlink()
    cache.mkdir(exist_ok=True)
    make_directory_at(entry_path(source, suffix))
    _, compiles, _ = counters()
    path = build_shared_object(source)
    assert counters()[1] == compiles + 1
    for file_suffix in (".so", ".json", ".cpp", ".lock"):
        assert entry_path(source, file_suffix).is_file(), file_suffix
    assert build_shared_object(source) == path
    assert counters()[1] == compiles + 1  # now a hit
    if native_available():
        assert load_kernel(source)(np.array(1.0))[0][()] == 1.0 + constant


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(5, "Input/output error")])
@pytest.mark.parametrize("suffix", [".so", ".json", ".cpp"])
def test_unreadable_entry_is_rebuilt(monkeypatch, error, suffix):
    """An entry file that cannot be read (no permission, an I/O error) counts as corrupt: it is rebuilt.
    (Simulated: tests may run as root, who can read anything.)"""
    source = scalar_kernel(fresh_constant())
    path = build_shared_object(source)
    unreadable = entry_path(source, suffix)
    real_open = os.open

    def failing_open(file, flags, *args, **kwargs):
        if Path(file) == unreadable and not flags & (os.O_WRONLY | os.O_RDWR):
            raise error
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    _, compiles, rebuilds = counters()
    assert build_shared_object(source) == path
    assert counters()[1:] == (compiles + 1, rebuilds + 1)


def test_unopenable_lock_file_does_not_stop_a_compile(monkeypatch):
    source = scalar_kernel(fresh_constant())
    real_open = os.open

    def no_lock(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_lock)
    assert build_shared_object(source).is_file()


# ---- the lowering cache -------------------------------------------------------------------------------

LOWERED_KEY = "0" * 64


def test_lowering_entry_that_is_a_directory_is_a_miss_and_is_replaced():
    from irtk.runtime import lowering_cache

    path = cache_dir() / "lowered" / f"{LOWERED_KEY}.cpp"
    make_directory_at(path)
    assert lowering_cache.lookup(LOWERED_KEY) is None
    lowering_cache.store(LOWERED_KEY, "// some C++\n")
    assert lowering_cache.lookup(LOWERED_KEY) == "// some C++\n"


@pytest.mark.parametrize(
    "error", [PermissionError(13, "Permission denied"), IsADirectoryError(21, "Is a directory"), OSError(5, "EIO")]
)
def test_unreadable_lowering_entry_is_a_miss(monkeypatch, error):
    from irtk.runtime import lowering_cache

    lowering_cache.store(LOWERED_KEY, "// some C++\n")
    real_open = os.open

    def failing(file, *args, **kwargs):
        if Path(file).parent.name == "lowered":
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)
    assert lowering_cache.lookup(LOWERED_KEY) is None


def test_lowering_entry_that_does_not_compile_is_evicted(cache):
    """An entry whose sha256 header matches but whose C++ is broken: `load_cached` evicts it and reports a
    miss (the caller lowers again), instead of every later call raising CompileError."""
    from irtk.runtime import lowering_cache

    lowering_cache.store(LOWERED_KEY, abi_header() + "\nthis is not C++;\n")
    assert lowering_cache.lookup(LOWERED_KEY) is not None
    assert lowering_cache.load_cached(LOWERED_KEY, build_shared_object) is None
    assert lowering_cache.lookup(LOWERED_KEY) is None
    assert not (cache / "lowered" / f"{LOWERED_KEY}.cpp").exists()
    good = scalar_kernel(fresh_constant())
    lowering_cache.store(LOWERED_KEY, good)
    assert lowering_cache.load_cached(LOWERED_KEY, build_shared_object) == build_shared_object(good)
    assert lowering_cache.load_cached("1" * 64, build_shared_object) is None  # no entry
    lowering_cache.evict("1" * 64)  # evicting nothing is fine


@needs_native
def test_function_with_a_broken_lowering_entry_is_lowered_again(cache):
    import irtk
    from irtk import tensor
    from irtk.runtime import lowering_cache

    def make():
        x = tensor.dvector("x")
        return irtk.function([x], (x * 3.0).sum(), mode="FAST_RUN")

    assert make()(np.arange(3.0)) == 9.0
    (entry,) = (cache / "lowered").glob("*.cpp")
    lowering_cache.store(entry.stem, abi_header() + "\nthis is not C++;\n")
    assert make()(np.arange(4.0)) == 18.0
    assert "this is not C++" not in lowering_cache.lookup(entry.stem)
