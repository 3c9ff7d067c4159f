"""From C++ source to a callable kernel: the compile cache plus the native loader.

Why a separate step from the cache: a cached object can pass every check of its entry (its key, its
digests) and still fail to load (a shared library it needs was removed, the file system lies). Loading is where that shows,
so loading is where the one retry lives: rebuild the entry, load again, and let a second failure
propagate.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from irtk.runtime.cache import build_shared_object, cached_shared_object
from irtk.runtime.cache_files import verbose_log

if TYPE_CHECKING:
    from irtk._native import Kernel
    from irtk.runtime.toolchain import Toolchain


def native_module():
    """`irtk._native`, with a message that says how to build it when it is missing."""
    try:
        from irtk import _native
    except ImportError as e:
        raise ImportError(
            "irtk._native, irtk's compiled runtime module, is not importable; build it by installing "
            "irtk: 'pip install .' or 'pip install -e .' in the irtk source tree"
        ) from e
    return _native


def openmp_waits_passively() -> None:
    """Make the OpenMP runtime's idle threads sleep instead of spinning, unless the user chose (OMP_WAIT_POLICY).

    Called before the first kernel loads the runtime, which reads the setting once, when it starts. Why: a kernel's
    parallel loops and the BLAS calls between them run on two thread pools, OpenMP's and OpenBLAS's, and on a
    machine with a core per thread each pool's spinning threads take the cores the other one needs: W6
    (benchmarks/workloads.py), which alternates gemm calls and parallel nests, ran 32 ms per step with spinning
    OpenMP threads and 6.2 ms with sleeping ones; workloads without BLAS calls measured the same either way
    (docs/performance.md). A process that loaded an OpenMP runtime before irtk's first kernel keeps its policy."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def load_kernel(
    source: str, arg_names: Sequence[str] | None = None, toolchain: Toolchain | None = None, *, compile: bool = True
) -> Kernel | None:
    """Compile `source` (or reuse its cached shared object) and load it as an `irtk._native.Kernel`; with
    `compile=False`, None instead of compiling when the cache has no valid object for it.

    `toolchain`: the compiler (default: the C++ one; a CUDA source gives nvcc's, `cuda_toolchain.py`).

    `arg_names`, one per kernel argument, name the arguments in call errors. Raises what
    `build_shared_object` raises for a source that does not compile, OSError when the rebuilt
    object still cannot be loaded, and ValueError/TypeError for a bad signature or `arg_names`."""
    from irtk.flags import number_flag, thread_count

    native = native_module()
    openmp_waits_passively()
    # The flags as they are when a function is made, as Theano read its flags.
    native.set_threads(thread_count())
    native.set_temporaries_limit(int(number_flag("temporaries_limit")))
    kernel_class = native.Kernel
    path = build_shared_object(source, toolchain=toolchain) if compile else cached_shared_object(source, toolchain)
    if path is None:
        return None
    try:
        return kernel_class(path, arg_names)
    except OSError as first_failure:
        verbose_log(f"cannot load {path} ({first_failure}); rebuilding it once")
        rebuilt = build_shared_object(source, force=True, toolchain=toolchain)
        try:
            return kernel_class(rebuilt, arg_names)
        except OSError as e:
            raise e from first_failure
