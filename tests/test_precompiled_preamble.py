"""The kernels' common preamble read from a precompiled header (`irtk/runtime/precompiled_preamble.py`): GCC really
uses it, results are the same bits without it, and whatever happens to it, a kernel still compiles."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import irtk
from irtk import tensor
from irtk.flags import config
from irtk.runtime import precompiled_preamble
from irtk.runtime.cache_eviction import scan
from irtk.runtime.precompiled_preamble import guard, guarded_block, include_flags, verify_preamble
from irtk.runtime.toolchain import Toolchain, default_toolchain, run_with_timeout

GCC = precompiled_preamble._is_gcc(default_toolchain())
needs_gcc = pytest.mark.skipif(not GCC, reason="precompiled preambles are read by GCC only")


def _program(offset: float):
    """A kernel calling vector math (exp, tanh): the preamble then holds irtk_math.h too."""
    x = tensor.dvector("x")
    return irtk.function([x], tensor.exp(x) * 0.5 + tensor.tanh(x) - offset)


def _headers(cache: Path) -> list[Path]:
    return sorted((cache / "preamble").glob("*.h"))


def _stored_sources(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.cpp"), key=lambda p: p.stat().st_mtime)


def test_guard_marks_the_block_a_source_starts_with():
    block = guard("int a;\n#define B 1\n")
    assert guarded_block(block + "int main() {}\n") == block
    assert guarded_block("int x;\n" + block) is None
    assert guard("int a;") != guard("int b;")  # named after the text: a header never stands in for another


def test_the_emitted_preamble_is_shared_by_kernels_with_the_same_needs(isolated_cache):
    x = tensor.dvector("x")
    blocks = []
    for output in (tensor.exp(x) + 1.0, tensor.tanh(x) * x, x * 2.0):  # the last: no vector math, a smaller preamble
        irtk.function([x], output)
        blocks.append(guarded_block(_stored_sources(isolated_cache)[-1].read_text()))
    assert None not in blocks
    assert blocks[0] == blocks[1] != blocks[2]


@needs_gcc
def test_gcc_reads_the_precompiled_header(isolated_cache):
    f = _program(0.25)
    f(np.zeros(3))
    [header] = _headers(isolated_cache)
    assert verify_preamble(header) is None
    [source] = _stored_sources(isolated_cache)
    toolchain = default_toolchain()
    command = [*toolchain.command, *toolchain.flags, "-H", "-include", str(header), "-fsyntax-only", str(source)]
    returncode, _, stderr = run_with_timeout(command, 300)
    assert returncode == 0, stderr
    # `-H` lists what the compile read: `!` marks a precompiled header used, `x` one found but refused.
    assert f"! {header}.gch" in stderr.splitlines()[0], stderr[:2000]


@needs_gcc
def test_one_header_serves_every_kernel_of_a_toolchain(isolated_cache):
    _program(1.0)(np.zeros(2))
    [header] = _headers(isolated_cache)
    built = Path(f"{header}.gch").stat().st_mtime_ns
    _program(2.0)(np.zeros(2))
    assert _headers(isolated_cache) == [header]
    assert Path(f"{header}.gch").stat().st_mtime_ns == built
    assert len(_stored_sources(isolated_cache)) == 2


@needs_gcc
def test_same_bits_with_and_without_the_header(isolated_cache, monkeypatch):
    data = np.random.default_rng(3).uniform(-30.0, 30.0, 10_001)
    with_header = _program(0.125)(data)
    assert _headers(isolated_cache)
    monkeypatch.setattr(config, "precompiled_preamble", "off")
    monkeypatch.setattr(config, "cxxflags", config.cxxflags + " -g")  # another key: compiled again, on its own
    without = _program(0.125)(data)
    assert len(_stored_sources(isolated_cache)) == 2
    np.testing.assert_array_equal(with_header.view(np.int64), without.view(np.int64))


@needs_gcc
def test_a_damaged_header_is_rebuilt(isolated_cache):
    _program(3.0)(np.zeros(2))
    [header] = _headers(isolated_cache)
    gch = Path(f"{header}.gch")
    data = bytearray(gch.read_bytes())
    data[len(data) // 2] ^= 0xFF
    gch.write_bytes(bytes(data))
    assert verify_preamble(header) == "precompiled header does not match its manifest"
    precompiled_preamble._VERIFIED.clear()  # a new process
    np.testing.assert_allclose(_program(4.0)(np.array([0.5])), np.exp(0.5) * 0.5 + np.tanh(0.5) - 4.0, rtol=1e-15)
    assert verify_preamble(header) is None


def test_a_compile_that_fails_with_the_header_runs_again_without(isolated_cache, monkeypatch):
    monkeypatch.setattr(
        precompiled_preamble, "include_flags", lambda *args: ("-include", str(isolated_cache / "vanished.h"))
    )
    np.testing.assert_array_equal(_program(5.0)(np.zeros(2)), np.full(2, 0.5 - 5.0))


def test_no_header_for_other_compilers_a_small_cache_or_the_flag_off(isolated_cache, monkeypatch):
    monkeypatch.setattr(config, "precompiled_preamble", "off")
    _program(6.0)
    [stored] = _stored_sources(isolated_cache)
    source = stored.read_text()
    gcc = default_toolchain()
    clang = Toolchain(gcc.command, "clang version 17.0.6\nTarget: x86_64-pc-linux-gnu", gcc.flags, gcc.host)
    assert include_flags(source, clang, isolated_cache) == ()
    assert include_flags("int main() {}\n", gcc, isolated_cache) == ()  # no guarded preamble
    assert include_flags(source, gcc, isolated_cache) == ()  # the flag is off
    monkeypatch.setattr(config, "precompiled_preamble", "on")
    monkeypatch.setattr(config, "cache_max_size", 64 << 20)
    assert include_flags(source, gcc, isolated_cache) == ()
    assert not (isolated_cache / "preamble").exists()


@needs_gcc
def test_the_cache_command_lists_checks_and_clears_headers(isolated_cache):
    _program(7.0)(np.zeros(2))
    kinds = [entry.kind for entry in scan(isolated_cache).entries]
    assert kinds.count("preamble") == 1 and not scan(isolated_cache).other
    [header] = _headers(isolated_cache)
    header.write_text(header.read_text() + "int planted;\n")

    def cache_command(*args):
        return subprocess.run([sys.executable, "-m", "irtk.cache", *args], capture_output=True, text=True)

    checked = cache_command("check")
    assert checked.returncode == 1 and "header does not match its manifest" in checked.stdout
    assert "1 precompiled preambles" in cache_command("show").stdout
    cache_command("clear")
    assert not _headers(isolated_cache) and not list((isolated_cache / "preamble").iterdir())


@needs_gcc
def test_a_header_planted_with_a_matching_manifest_is_rebuilt(isolated_cache):
    _program(8.0)(np.zeros(2))
    [header] = _headers(isolated_cache)
    planted = header.read_text().replace("namespace {", "namespace { int planted_by_someone;", 1)
    header.write_text(planted)
    manifest_path = header.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text())
    manifest["header_sha256"] = hashlib.sha256(planted.encode()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    assert verify_preamble(header) is None  # the manifest vouches for it; the key does not
    precompiled_preamble._VERIFIED.clear()  # a new process
    np.testing.assert_array_equal(_program(9.0)(np.zeros(2)), np.full(2, 0.5 - 9.0))
    assert "planted_by_someone" not in header.read_text()
