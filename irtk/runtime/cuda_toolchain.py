"""nvcc, which turns an emitted CUDA source into a shared object, and the check that a GPU is there to run it.

The toolchain is a `Toolchain` like the C++ one (`toolchain.py`), so the kernel cache (`cache.py`) keys, stores,
verifies and locks CUDA entries exactly as it does C++ ones: its identity (the nvcc command, `nvcc --version`,
the flags with the architectures) is part of every key, so changing the architectures or upgrading CUDA builds
new objects.

Floating point: `--fmad=false` stops nvcc from contracting `a*b+c` into one fused multiply-add (the device's
default), the C++ target's `-ffp-contract=off`: a kernel computes the IR's operations, each rounded, so a GPU
gives the CPU's bits for + - * / and irtk_math.h's functions. No `--use_fast_math`, ever. `-x cu` because the
cache stores every source as `<key>.cpp`; `--expt-relaxed-constexpr` lets device code call the `constexpr`
functions of the standard library the shared helpers use (`std::numeric_limits<T>::infinity()`).

Architectures: the `cuda_arch` flag (`IRTK_FLAGS=cuda_arch=sm_90`, several joined with `+`: `sm_80+sm_90`) gives
machine code for each and PTX for the newest, which the driver compiles for newer GPUs. Default: sm_90 + PTX.
nvcc links the CUDA runtime statically, so a kernel loads without a GPU; it needs the driver (libcuda.so.1)
only when it runs.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import re
import shutil

from irtk.runtime.toolchain import Toolchain, ToolchainError, compiler_version

#: Flags for every CUDA kernel. No --use_fast_math, ever: see the module docstring.
NVCC_FLAGS: tuple[str, ...] = (
    "-x", "cu",
    "-O3",
    "-std=c++17",
    "-shared",
    "-Xcompiler", "-fPIC",
    "--fmad=false",
    "--expt-relaxed-constexpr",
)

DEFAULT_ARCH = "sm_90"

_ARCH = re.compile(r"sm_(\d+[a-z]?)")


def architecture_flags(arch: str) -> tuple[str, ...]:
    """`-gencode` flags for `arch` (`sm_90`, or several joined with `+`): machine code for each, PTX for the last
    after sorting. Raises ValueError for anything else."""
    names = [a.strip() for a in arch.split("+") if a.strip()]
    if not names or any(_ARCH.fullmatch(a) is None for a in names):
        raise ValueError(f"cuda_arch must be sm_<number> (e.g. sm_90), several joined with '+', not {arch!r}")
    numbers = sorted(dict.fromkeys(_ARCH.fullmatch(a).group(1) for a in names), key=lambda n: (int(n.rstrip("abcdefghijklmnopqrstuvwxyz")), n))
    flags: list[str] = []
    for n in numbers:
        flags += ["-gencode", f"arch=compute_{n},code=sm_{n}"]
    newest = numbers[-1]
    return (*flags, "-gencode", f"arch=compute_{newest},code=compute_{newest}")


def find_nvcc() -> tuple[str, ...]:
    """nvcc: `IRTK_NVCC` if set, else `nvcc` on PATH, else `$CUDA_HOME/bin/nvcc` or /usr/local/cuda/bin/nvcc."""
    configured = os.environ.get("IRTK_NVCC", "").strip()
    candidates = [configured] if configured else ["nvcc"]
    if not configured:
        home = os.environ.get("CUDA_HOME") or os.environ.get("CUDA_PATH") or "/usr/local/cuda"
        candidates.append(os.path.join(home, "bin", "nvcc"))
    for candidate in candidates:
        resolved = shutil.which(candidate)
        if resolved is not None:
            return (resolved,)
    where = f"IRTK_NVCC={configured!r} is not an executable" if configured else "no nvcc on PATH or in $CUDA_HOME/bin"
    raise ToolchainError(f"{where}: device=cuda needs the CUDA toolkit's nvcc (install it, or point IRTK_NVCC at it)")


def cuda_arch() -> str:
    from irtk.flags import config

    return config.cuda_arch


def cuda_toolchain() -> Toolchain:
    """The nvcc toolchain for this process, with the `cuda_arch` flag's architectures."""
    command = find_nvcc()
    return Toolchain(
        command=command,
        version=compiler_version(command),
        flags=(*NVCC_FLAGS, *architecture_flags(cuda_arch())),
        host=f"{platform.system()} {platform.machine()}",  # the host code is built for the machine, not -march=native
    )


class NoCudaDevice(RuntimeError):
    """device=cuda, but no GPU can run a kernel here: the message names what is missing."""


@functools.lru_cache(maxsize=1)
def _gpu_problem() -> str | None:
    try:
        driver = ctypes.CDLL("libcuda.so.1")
    except OSError as e:
        return f"no CUDA driver (libcuda.so.1 not found: {e})"
    status = driver.cuInit(0)
    if status != 0:
        return f"no CUDA device (the CUDA driver's cuInit failed with error {status}{_driver_error(driver, status)})"
    count = ctypes.c_int(0)
    status = driver.cuDeviceGetCount(ctypes.byref(count))
    if status != 0:
        return f"no CUDA device (cuDeviceGetCount failed with error {status}{_driver_error(driver, status)})"
    if count.value == 0:
        return "no CUDA device (the CUDA driver is installed but reports no GPU)"
    return None


def _driver_error(driver, status: int) -> str:
    text = ctypes.c_char_p()
    try:
        if driver.cuGetErrorName(status, ctypes.byref(text)) == 0 and text.value:
            return f", {text.value.decode()}"
    except (AttributeError, OSError):
        pass
    return ""


def require_gpu() -> None:
    """Raises NoCudaDevice (a RuntimeError) unless the CUDA driver loads and reports at least one GPU."""
    problem = _gpu_problem()
    if problem is not None:
        raise NoCudaDevice(f"device=cuda: {problem}; run on a machine with an NVIDIA GPU and its driver, or use device=cpu")
