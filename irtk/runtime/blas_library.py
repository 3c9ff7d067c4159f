"""The BLAS that FAST_RUN kernels call: numpy's own bundled OpenBLAS, found when the program runs.

Why numpy's: it is always there when irtk is (irtk needs numpy), it is a tuned, multithreaded OpenBLAS, and
using it adds no dependency. numpy's Linux wheels ship it as `numpy.libs/libscipy_openblas64_-<hash>.so`: an
ILP64 build (every integer argument is int64) whose symbols carry a prefix and a suffix so that they cannot
clash with another BLAS in the process (`scipy_cblas_dgemm64_` for `cblas_dgemm`). The hash changes with
each numpy release, so the file is looked up from `numpy.__file__`, never named in advance.

`blas_library()` is None when that library is absent (a numpy built against another BLAS, a platform other
than Linux) or lacks a routine irtk calls; then the `use-blas` pass rewrites nothing and kernels are plain
loops. Otherwise it gives what the linker needs (`link_arguments`), which enters the toolchain's identity and
so the kernel cache's key: a numpy upgrade (a new file) compiles kernels again.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: The symbols of numpy's ILP64 OpenBLAS: `cblas_dgemm` is `scipy_cblas_dgemm64_`.
SYMBOL_PREFIX = "scipy_"
SYMBOL_SUFFIX = "64_"
#: The CBLAS routines kernels call (see irtk/codegen/blas_calls.py).
ROUTINES = ("cblas_sgemm", "cblas_dgemm", "cblas_sgemv", "cblas_dgemv")
#: The file name numpy's wheels give the library, up to its hash.
FILE_PATTERN = "libscipy_openblas64_*.so"


def symbol(routine: str) -> str:
    """The exported name of a CBLAS routine: `cblas_dgemm` -> `scipy_cblas_dgemm64_`."""
    return f"{SYMBOL_PREFIX}{routine}{SYMBOL_SUFFIX}"


@dataclass(frozen=True)
class BlasLibrary:
    """A shared library exporting every routine of ROUTINES under `symbol()`'s names."""

    path: Path

    @property
    def link_arguments(self) -> tuple[str, ...]:
        """What follows the source file on the compiler's command line. `--as-needed` records the library as a
        dependency only of kernels that call it; the run path lets the loader find it without LD_LIBRARY_PATH
        (numpy has usually loaded it already, and the loader then reuses that copy: the same soname)."""
        directory = os.fspath(self.path.parent)
        return ("-Wl,--as-needed", f"-L{directory}", f"-l:{self.path.name}", f"-Wl,-rpath,{directory}")


@functools.lru_cache(maxsize=None)
def blas_library() -> BlasLibrary | None:
    """numpy's bundled OpenBLAS, or None when there is none that irtk can call (see the module docstring)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import numpy
    except ImportError:
        return None
    folder = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for candidate in sorted(folder.glob(FILE_PATTERN)):
        if _exports_routines(candidate):
            return BlasLibrary(candidate)
    return None


def _exports_routines(path: Path) -> bool:
    try:
        library = ctypes.CDLL(os.fspath(path))
    except OSError:
        return False
    return all(hasattr(library, symbol(r)) for r in ROUTINES)


def link_arguments() -> tuple[str, ...]:
    """The BLAS link arguments for every kernel, or () without a BLAS."""
    library = blas_library()
    return library.link_arguments if library is not None else ()
