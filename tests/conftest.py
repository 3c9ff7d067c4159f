"""Shared pytest fixtures.

Compile cache: the tests of a run share one cache directory (all pytest-xdist workers together), so a kernel
that several tests build is compiled once; that is a quarter of the suite's compiles, and compiling is most of
its time. Sharing is safe because an entry is found only by the digest of everything that built it (the cache's
own tests prove it). A test that looks at the cache itself (what is in it, whether a call compiled) asks for
`isolated_cache`: an empty cache of its own.

Compiler flags: the suite's kernels are built at `-O0` (the `cxxflags` flag, after irtk's `-O3`), the level of the
first tier that every new function's first calls run (tiered compiles, irtk/runtime/tiered.py); it takes a third
to a sixth of the compiler time of `-O3` (`tests/test_op_families.py` and `tests/test_contractions.py`: 100 s of CPU
against 217 at `-O2`), compiling is most of the suite's time, and CI has 20 minutes on two cores. The code is the
same and the flags that fix floating-point results are irtk's own either way, so every result is the same bits
(the numerical policy). The optimized tier is still run on every CI run by the random-program test
(`tests/differential/test_programs.py` asks for `shipped_compiler_flags`: 1,000 programs of every op family), by
`tests/test_tiered_compile.py` (both tiers of the same functions, compared bit for bit), by the benchmark table's
check against numpy and by every test that runs a program in a process of its own (the seed programs among them);
the sanitizer run builds at `-O1`. `IRTK_FLAGS=cxxflags=`
(empty) runs the whole suite at the shipped flags.

Tiered compiles: the suite turns them off (`tiered_compile=off`), so that each function is built once, at the
flags above, and a test's call runs the kernel it means to test; the -O0 first tier computes the same bits
(`tests/test_tiered_compile.py`, which turns tiering on, holds it to that). Programs run in processes of their
own run as users' programs do, tiered. `IRTK_FLAGS=tiered_compile=on` runs the whole suite tiered.
"""

from __future__ import annotations

import os

import pytest


#: The `cxxflags` the suite's kernels are built with, unless IRTK_FLAGS sets it (see above).
SUITE_CXXFLAGS = "-O0"


@pytest.fixture(scope="session", autouse=True)
def suite_compiler_flags():
    from irtk.flags import config

    if "cxxflags=" not in os.environ.get("IRTK_FLAGS", ""):
        config.cxxflags = SUITE_CXXFLAGS
    if "tiered_compile=" not in os.environ.get("IRTK_FLAGS", ""):
        config.tiered_compile = "off"
    return config.cxxflags


@pytest.fixture
def shipped_compiler_flags(monkeypatch):
    """irtk's own compiler flags, with nothing added: for the tests that stand for what users run."""
    from irtk.flags import config

    monkeypatch.setattr(config, "cxxflags", "")


@pytest.fixture
def children_share_flags(monkeypatch):
    """Python processes this test starts build kernels with this process's `cxxflags`, so that they find the
    kernels it built (the flags are part of the cache key)."""
    from irtk.flags import config

    inherited = os.environ.get("IRTK_FLAGS", "")
    monkeypatch.setenv("IRTK_FLAGS", ",".join(filter(None, [inherited, f"cxxflags={config.cxxflags}"])))


@pytest.fixture(scope="session")
def shared_cache_dir(tmp_path_factory):
    """The run's shared cache: under the directory every xdist worker's temporary directory is in."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache = root / "irtk-shared-cache"
    cache.mkdir(mode=0o700, exist_ok=True)
    return cache


@pytest.fixture(autouse=True)
def compile_cache(shared_cache_dir, monkeypatch):
    monkeypatch.setenv("IRTK_CACHE_DIR", str(shared_cache_dir))
    monkeypatch.delenv("IRTK_DUMP", raising=False)
    return shared_cache_dir


@pytest.fixture
def isolated_cache(tmp_path_factory, monkeypatch):
    """An empty cache of this test's own (for tests of the cache and of when compiles happen)."""
    cache = tmp_path_factory.mktemp("irtk-cache")
    monkeypatch.setenv("IRTK_CACHE_DIR", str(cache))
    return cache


#: Tests that each keep a worker busy for half a minute or more (the sanitized op-test run over two minutes). They
#: run first: pytest-xdist hands tests out in collection order, and one of them started last would leave the other
#: workers idle until it ends.
SLOW_FIRST = (
    "tests/test_sanitizers.py::test_op_tests_pass_with_sanitized_kernels",
    "tests/test_export.py",
    "tests/differential/test_programs.py",
    "tests/test_op_families.py::test_reduction",
    "tests/test_benchmarks.py",
)


def _start_rank(item) -> int:
    return next((rank for rank, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix)), len(SLOW_FIRST))


def pytest_configure(config):
    """Compile irtk's modules to bytecode once, in the run's first process: the many Python processes tests start
    (irtk-opt, programs, children sharing the cache) would otherwise each compile them again where Python may not
    write bytecode itself (PYTHONDONTWRITEBYTECODE=1, as in some CI images)."""
    if not hasattr(config, "workerinput"):  # the xdist controller, or a run without xdist
        import compileall

        compileall.compile_dir(os.path.join(os.path.dirname(os.path.dirname(__file__)), "irtk"), quiet=1, workers=0)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_start_rank)  # stable: the rest keep their order


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
