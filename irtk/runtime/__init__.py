"""Runtime: find the C++ toolchain, cache compiled kernels on disk, load and call them.

`load_kernel(source, arg_names)` is the one call most code needs. `Kernel` (the native class from
`irtk._native`) is imported on first use, so importing this package needs neither numpy nor the
compiled module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from irtk.runtime.cache import STATS, CacheStats, build_shared_object, cache_dir, cache_key
from irtk.runtime.cache_files import CacheDirectoryError, CacheWarning
from irtk.runtime.kernel import load_kernel, native_module
from irtk.runtime.toolchain import (
    CXX_FLAGS,
    CompileError,
    CompileTimeout,
    Toolchain,
    ToolchainError,
    default_toolchain,
)

if TYPE_CHECKING:
    from irtk._native import Kernel

__all__ = [
    "ABI_HEADER",
    "CXX_FLAGS",
    "STATS",
    "CacheDirectoryError",
    "CacheStats",
    "CacheWarning",
    "CompileError",
    "CompileTimeout",
    "Kernel",
    "Toolchain",
    "ToolchainError",
    "abi_header",
    "build_shared_object",
    "cache_dir",
    "cache_key",
    "default_toolchain",
    "load_kernel",
    "native_module",
]

#: The kernel ABI header, shipped inside the package.
ABI_HEADER: Path = Path(__file__).with_name("irtk_abi.h")


def abi_header() -> str:
    """The text of irtk_abi.h. A kernel source starts with it (instead of an #include), so the
    source is self-contained and its cache key changes whenever the ABI does."""
    return ABI_HEADER.read_text()


def __getattr__(name: str) -> object:
    if name == "Kernel":
        return native_module().Kernel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
