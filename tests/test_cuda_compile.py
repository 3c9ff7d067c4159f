"""The CUDA target without a GPU: the CUDA source of every op family and of the seed programs compiles with nvcc,
and `device=cuda` on a machine without a GPU stops at `function` with an error naming what is missing.

Each program is built by the frontend, lowered with the `fast-run-cuda` pipeline (`gpu-map` marks its kernels),
printed by `emit_cuda` and compiled by the nvcc toolchain (`cuda_toolchain.py`: the flags and architectures of a
real build) into a shared object that the native runtime then loads, as FAST_RUN does with device=cuda. Running
the kernels needs a GPU; these tests never do (docs/cuda.md). Compiles run two at a time; a test's program is
compiled once per test session. Without nvcc the compile tests are skipped.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pytest

import irtk
from irtk import registry, tensor as T
from irtk.codegen.cuda import emit_cuda
from irtk.compiler import lower
from irtk.frontend.graph import build_module
from irtk.runtime.cuda_toolchain import NoCudaDevice, architecture_flags, cuda_toolchain, find_nvcc
from irtk.runtime.toolchain import ToolchainError


def _nvcc_missing() -> str | None:
    try:
        find_nvcc()
    except ToolchainError as e:
        return str(e)
    return None


needs_nvcc = pytest.mark.skipif(_nvcc_missing() is not None, reason=f"no nvcc: {_nvcc_missing()}")


# ---------------------------------------------------------------- the programs: (inputs, outputs, updates)


def elementwise():
    x, y = T.dmatrices("x", "y")
    f = T.fvector("f")
    i, j = T.ivector("i"), T.ivector("j")
    arithmetic = [x + y, x - y, x * y, x / y, -x, abs(x), x ** y, T.maximum(x, y), T.clip(x, 0.0, 1.0), f * f + f]
    math = [T.exp(x), T.log(x), T.tanh(f), T.sin(x), T.sqrt(x), T.erf(x), T.gammaln(x), T.log1p(f), T.expm1(x)]
    logic = [T.switch(T.lt(x, y), x, y), T.and_(T.eq(i, j), T.gt(i, 0)), T.or_(i, j), T.bitwise_and(i, j)]
    integers = [T.int_div(i, j), T.mod(i, j), T.cast(x, "int32"), T.cast(i, "float32")]
    return [x, y, f, i, j], arithmetic + math + logic + integers, []


def reductions():
    x = T.dmatrix("x")
    f = T.fmatrix("f")
    b = T.bmatrix("b")
    outputs = [x.sum(), x.sum(axis=1), x.prod(axis=0), x.max(), x.min(axis=1), T.argmax(x, axis=1), x.mean(), f.sum(),
               T.any(b, axis=0), T.all(b)]
    return [x, f, b], outputs, []


def contractions():
    """Matrix, matrix-vector and vector products, tensordot, batched_dot, outer: loops (no BLAS on the GPU path)."""
    a, b = T.dmatrices("a", "b")
    v, w = T.dvectors("v", "w")
    c, d = T.dtensor3("c"), T.dtensor3("d")
    outputs = [T.dot(a, b), T.dot(a, v), T.dot(v, w), T.tensordot(c, a, axes=[[2], [0]]), T.batched_dot(c, d),
               T.outer(v, w)]
    return [a, b, v, w, c, d], outputs, []


def indexing():
    x = T.dmatrix("x")
    v = T.dvector("v")
    k = T.lvector("k")
    outputs = [x[1:-1, ::2], x[k], v[k], T.inc_subtensor(x[k], 1.0), T.set_subtensor(v[2:], 0.0), x[:, 0] + v[1]]
    return [x, v, k], outputs, []


def softmax():
    x = T.dmatrix("x")
    f = T.fmatrix("f")
    return [x, f], [T.nnet.softmax(x), T.nnet.softmax(f)], []


def cumulative():
    x = T.dmatrix("x")
    v = T.fvector("v")
    return [x, v], [T.cumsum(x, axis=0), T.cumsum(x, axis=1), T.cumprod(v), T.cumsum(v)], []


def sorting():
    x = T.dmatrix("x")
    v = T.ivector("v")
    return [x, v], [T.sort(x, axis=1), T.argsort(x, axis=0), T.sort(v)], []


def seed_scalar_addition():
    a, b = T.dscalar(), T.dscalar()
    return [a, b], [a + b], []


def seed_matrix_product():
    a, b = T.dmatrix(), T.dmatrix()
    return [a, b], [T.dot(a, b)], []


def seed_training():
    x = T.fvector("x")
    target = T.fscalar("target")
    W = irtk.shared(np.asarray([0.1, 0.25, 0.15, 0.3]), "W")
    y = (x * W).sum()
    cost = T.sqr(target - y)
    gradients = T.grad(cost, [W])
    return [x, target], [y], [(W, W - (0.1 * gradients[0]))]


PROGRAMS = {
    "elementwise": elementwise,
    "reductions": reductions,
    "contractions": contractions,
    "indexing": indexing,
    "softmax": softmax,
    "cumulative": cumulative,
    "sorting": sorting,
    "seed-scalar-addition": seed_scalar_addition,
    "seed-matrix-product": seed_matrix_product,
    "seed-training": seed_training,
}


def cuda_source(name: str) -> str:
    inputs, outputs, updates = PROGRAMS[name]()
    module, _ = build_module(inputs, outputs, updates)
    return emit_cuda(lower(module, registry.PIPELINES["fast-run-cuda"]))


class Compiles:
    """Each program's source, and its shared object compiled by nvcc in the background, two at a time (each
    nvcc run costs seconds; the tests ask for them in order, so the first one waits the least)."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self.pool = ThreadPoolExecutor(2)
        self.objects: dict[str, Future] = {}

    def start_all(self) -> None:
        for name in PROGRAMS:
            self.sources[name] = cuda_source(name)
            self.objects[name] = self.pool.submit(self._build, name)

    def _build(self, name: str):
        from irtk.runtime.cache import build_shared_object

        return build_shared_object(self.sources[name], toolchain=cuda_toolchain())


@pytest.fixture(scope="module")
def compiles(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("IRTK_CACHE_DIR", str(tmp_path_factory.mktemp("cuda-cache")))
    built = Compiles()
    built.start_all()
    yield built
    built.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


# ---------------------------------------------------------------- nvcc compiles every program


@needs_nvcc
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_cuda_source_compiles_with_nvcc_and_loads(name: str, compiles) -> None:
    source = compiles.sources[name]
    assert 'extern "C" IRTK_EXPORT int irtk_entry(' in source and "irtk_signature" in source
    path = compiles.objects[name].result()
    from irtk.runtime.kernel import native_module

    kernel = native_module().Kernel(path, None)  # loads without a GPU: the CUDA runtime is linked statically
    assert kernel is not None


@needs_nvcc
@pytest.mark.parametrize(
    "name, kernels",
    [("elementwise", 20), ("reductions", 8), ("contractions", 6), ("indexing", 4), ("softmax", 2), ("seed-training", 2)],
)
def test_the_parallel_loops_become_kernels(name: str, kernels: int, compiles) -> None:
    """The loops that can run on a GPU do (at least this many kernels), and each kernel is launched."""
    source = compiles.sources[name]
    defined = re.findall(r"__global__ void __launch_bounds__\(IRTK_CUDA_THREADS\) (irtk_kernel_\d+)\(", source)
    assert len(defined) >= kernels, f"{name}: only {len(defined)} kernels"
    for kernel in defined:
        assert f"{kernel}<<<" in source


@needs_nvcc
def test_no_blas_on_the_gpu_path(compiles) -> None:
    assert "cblas" not in compiles.sources["contractions"] and "irtk_gemm" not in compiles.sources["contractions"]


# ---------------------------------------------------------------- flags, and a machine without a GPU


def test_architecture_flags() -> None:
    assert architecture_flags("sm_90") == (
        "-gencode", "arch=compute_90,code=sm_90", "-gencode", "arch=compute_90,code=compute_90"
    )
    assert architecture_flags("sm_90+sm_80") == (
        "-gencode", "arch=compute_80,code=sm_80", "-gencode", "arch=compute_90,code=sm_90",
        "-gencode", "arch=compute_90,code=compute_90",
    )
    with pytest.raises(ValueError, match="cuda_arch must be sm_<number>"):
        architecture_flags("compute_90")


def test_cuda_arch_flag_is_checked_and_in_the_toolchain_identity(monkeypatch) -> None:
    from irtk.flags import Config, config

    with pytest.raises(ValueError, match="IRTK_FLAGS: cuda_arch must be sm_<number>"):
        Config.from_environment({"IRTK_FLAGS": "cuda_arch=90"})
    assert Config.from_environment({"IRTK_FLAGS": "device=cuda,cuda_arch=sm_80+sm_90"}).cuda_arch == "sm_80+sm_90"
    if _nvcc_missing() is None:
        monkeypatch.setattr(config, "cuda_arch", "sm_80")
        identity = cuda_toolchain().identity
        assert "arch=compute_80,code=sm_80" in identity and "--fmad=false" in identity and "nvcc" in identity


def _gpu_is_usable() -> bool:
    from irtk.runtime import cuda_toolchain as toolchain

    try:
        toolchain.require_gpu()
    except NoCudaDevice:
        return False
    return True


@pytest.mark.skipif(_gpu_is_usable(), reason="this machine has a usable GPU")
def test_device_cuda_without_a_gpu_is_a_clear_error(monkeypatch) -> None:
    from irtk.flags import config
    from irtk.runtime import STATS

    monkeypatch.setattr(config, "device", "cuda")
    monkeypatch.setattr(config, "mode", "FAST_RUN")
    x = T.dvector("x")
    compiles_before = STATS.compiles
    with pytest.raises(RuntimeError, match=r"device=cuda: no CUDA (driver \(libcuda\.so\.1 not found|device)") as info:
        irtk.function([x], x * 2)
    assert "device=cpu" in str(info.value)
    assert STATS.compiles == compiles_before, "nothing is compiled before the check"


def test_device_cpu_is_the_default_and_fast_compile_ignores_device(monkeypatch) -> None:
    from irtk.flags import Config, config

    assert Config.from_environment({}).device == "cpu"
    monkeypatch.setattr(config, "device", "cuda")
    x = T.dvector("x")
    f = irtk.function([x], x * 2, mode="FAST_COMPILE")  # the numpy evaluator: no device involved
    assert np.array_equal(f([1.0, 2.0]), [2.0, 4.0])
