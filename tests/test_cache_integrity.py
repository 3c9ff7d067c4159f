"""The kernel cache loads an entry only when it is what its key says, from a directory only its owner can write.

Each test damages a real cache the way a mistake or an attacker could (entries swapped, a shared object
planted with a matching digest, a directory others may write) and checks that the right kernel runs, or
that the directory is refused with a message that says what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import numpy as np
import pytest
from cache_helpers import entry_file, fresh_constant, scalar_kernel
from conftest import needs_native

import irtk
from irtk import tensor
from irtk.runtime import STATS, CacheDirectoryError, build_shared_object, load_kernel, lowering_cache
from irtk.runtime.cache import verify_entry

SUFFIXES = (".so", ".cpp", ".json")

#: What to swap between two entries; "sidecar" is the file that vouches for the .so (the manifest).
SWAPS = {"whole-entry": (".so", ".cpp", "sidecar"), "so": (".so",), "so+sidecar": (".so", "sidecar"), "cpp": (".cpp",)}


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IRTK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IRTK_VERBOSE", raising=False)
    return tmp_path / "cache"


def swap(a: Path, b: Path) -> None:
    tmp = a.with_name("swap")
    os.replace(a, tmp)
    os.replace(b, a)
    os.replace(tmp, b)


@needs_native
def sidecar(source: str) -> Path:
    """The file that vouches for an entry's .so (the manifest; a `.sha256` digest in the first format)."""
    manifest = entry_file(source, ".json")
    return manifest if manifest.exists() else entry_file(source, ".sha256")


@needs_native
@pytest.mark.parametrize("parts", SWAPS.values(), ids=SWAPS.keys())
def test_swapped_entries_are_rebuilt_and_give_right_results(parts):
    """Before, an entry whose .so matched its own sidecar was trusted, so two swapped entries ran each
    other's code."""
    a, b = fresh_constant(), fresh_constant()
    source_a, source_b = scalar_kernel(a), scalar_kernel(b)
    build_shared_object(source_a)
    build_shared_object(source_b)
    for suffix in parts:
        if suffix == "sidecar":
            swap(sidecar(source_a), sidecar(source_b))
        else:
            swap(entry_file(source_a, suffix), entry_file(source_b, suffix))
    rebuilds = STATS.rebuilds
    assert load_kernel(source_a)(np.array(1.0))[0][()] == 1.0 + a
    assert load_kernel(source_b)(np.array(1.0))[0][()] == 1.0 + b
    assert STATS.rebuilds == rebuilds + 2


def plant(marker: Path) -> tuple[bytes, str]:
    """A shared object whose constructor creates `marker`, and the manifest of its own valid entry: what
    someone would put in place of an entry."""
    evil = scalar_kernel(-1.0, '#include <stdio.h>\n__attribute__((constructor)) static void planted(void) '
                               f'{{ FILE* f = fopen("{marker}", "w"); if (f) fclose(f); }}')
    path = build_shared_object(evil)
    manifest = path.with_suffix(".json")
    data, manifest = path.read_bytes(), manifest.read_text() if manifest.exists() else "{}"
    shutil.rmtree(path.parent)  # leave no trace of it in the cache
    return data, manifest


@needs_native
@pytest.mark.parametrize("vouching", ["digest-of-the-planted-object", "manifest-with-its-digest", "none"])
def test_planted_shared_object_is_never_loaded(tmp_path, vouching):
    """A forger who can also write a manifest that matches source and object could still plant one; that is
    why the directory must be writable by its owner alone (the tests below)."""
    constant = fresh_constant()
    source = scalar_kernel(constant)
    marker = tmp_path / "constructor-ran"
    planted, its_manifest = plant(marker)
    build_shared_object(source)
    entry_file(source, ".so").write_bytes(planted)
    if vouching == "digest-of-the-planted-object":  # what the first cache format trusted
        entry_file(source, ".json").unlink(missing_ok=True)
        entry_file(source, ".sha256").write_text(hashlib.sha256(planted).hexdigest())
    elif vouching == "manifest-with-its-digest":  # its own entry's manifest, which vouches for its bytes
        entry_file(source, ".json").write_text(its_manifest)
    else:
        entry_file(source, ".json").unlink(missing_ok=True)
        entry_file(source, ".sha256").unlink(missing_ok=True)
    assert load_kernel(source)(np.array(1.0))[0][()] == 1.0 + constant
    assert not marker.exists(), "the planted shared object was loaded: its constructor ran"


def test_whole_entry_copied_under_another_key_is_rebuilt():
    """An entry is valid only under its own key: all four files of entry B renamed to A's key are refused."""
    source_a, source_b = scalar_kernel(fresh_constant()), scalar_kernel(fresh_constant())
    build_shared_object(source_a)
    build_shared_object(source_b)
    key_a = entry_file(source_a, "").name
    for suffix in SUFFIXES:
        shutil.copyfile(entry_file(source_b, suffix), entry_file(source_a, suffix))
    assert "not what its key says" in verify_entry(entry_file(source_a, "").parent, key_a)
    rebuilds = STATS.rebuilds
    build_shared_object(source_a)
    assert STATS.rebuilds == rebuilds + 1
    assert entry_file(source_a, ".cpp").read_text() == source_a
    assert verify_entry(entry_file(source_a, "").parent, key_a) is None


def test_manifest_from_another_compiler_is_rebuilt():
    """A manifest naming another compiler version does not re-derive the key: rebuilt, not trusted."""
    source = scalar_kernel(fresh_constant())
    build_shared_object(source)
    manifest_path = entry_file(source, ".json")
    manifest = json.loads(manifest_path.read_text())
    manifest["toolchain_identity"] = manifest["toolchain_identity"].replace("\n", " (another build)\n", 1)
    manifest_path.write_text(json.dumps(manifest))
    rebuilds = STATS.rebuilds
    build_shared_object(source)
    assert STATS.rebuilds == rebuilds + 1


# ---- whose directory --------------------------------------------------------------------------------------


def test_new_cache_directory_is_private_whatever_the_umask(cache):
    old = os.umask(0)
    try:
        build_shared_object(scalar_kernel(fresh_constant()))
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache / next(p.name for p in cache.iterdir() if p.suffix == ".so")).st_mode) & 0o022 == 0


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777, 0o757])
def test_directory_others_may_write_is_refused(cache, mode):
    cache.mkdir()
    cache.chmod(mode)
    with pytest.raises(CacheDirectoryError, match="may be written by other users") as info:
        build_shared_object(scalar_kernel(fresh_constant()))
    assert str(cache) in str(info.value) and f"chmod 700 {cache}" in str(info.value)
    assert "IRTK_CACHE_DIR" in str(info.value)
    assert not list(cache.iterdir())  # nothing was written into it
    with pytest.raises(CacheDirectoryError):
        lowering_cache.lookup("0" * 64)  # its C++ would be compiled and run too


def test_directory_of_another_user_is_refused(cache, monkeypatch):
    cache.mkdir(mode=0o700)
    if os.geteuid() == 0:
        os.chown(cache, 65534, 65534)  # nobody
    else:  # only root can give a directory away; pretend to be someone else instead
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache).st_uid + 1)
    with pytest.raises(CacheDirectoryError, match="belongs to another user") as info:
        build_shared_object(scalar_kernel(fresh_constant()))
    assert str(cache) in str(info.value)


def test_file_in_place_of_the_directory_is_refused(cache):
    cache.write_text("not a directory")
    with pytest.raises(CacheDirectoryError, match="is not a directory"):
        build_shared_object(scalar_kernel(fresh_constant()))


@needs_native
def test_function_reports_an_unsafe_cache_directory(cache):
    cache.mkdir()
    cache.chmod(0o777)
    x = tensor.dvector("x")
    with pytest.raises(CacheDirectoryError, match="chmod 700"):
        irtk.function([x], x * 2, mode="FAST_RUN")
