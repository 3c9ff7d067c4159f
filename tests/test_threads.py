"""Parallel loops on several threads: the same bits whatever the thread count, failures as a sequential run
reports them, and the `threads` flag.

The thread count of a call comes from `irtk._native.set_threads` (what the `threads` flag resolves to when a
function is made), so one process can call the same kernel with 1 and with 2 threads and compare.
"""

from __future__ import annotations

import numpy as np
import pytest

import irtk
import irtk.tensor as T
from irtk import _native
from irtk.flags import Config, thread_count


@pytest.fixture
def threads():
    """Runs a callable with a given thread count, restoring the count afterwards."""
    before = _native.threads()

    def run(count, fn, *args):
        _native.set_threads(count)
        try:
            return fn(*args)
        finally:
            _native.set_threads(before)

    return run


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    assert a.tobytes() == b.tobytes()


def test_elementwise_chain_is_the_same_with_one_and_two_threads(threads):
    x, y, z = T.dvectors("x", "y", "z")
    f = irtk.function([x, y, z], T.exp(x) * y + T.tanh(z) * 0.5 - x * x)
    rng = np.random.default_rng(0)
    args = [rng.standard_normal(300_001) * 10 for _ in range(3)]
    one, two = threads(1, f, *args), threads(2, f, *args)
    same_bits(one, two)
    np.testing.assert_allclose(one, np.exp(args[0]) * args[1] + np.tanh(args[2]) * 0.5 - args[0] ** 2, rtol=1e-12)


def test_row_reductions_and_softmax_are_the_same_with_one_and_two_threads(threads):
    m = T.dmatrix("m")
    f = irtk.function([m], [T.nnet.softmax(m), m.sum(axis=1), m.max(axis=0), T.dot(m, m.T).sum()])
    rng = np.random.default_rng(1)
    data = rng.standard_normal((513, 301)) * 100
    for one, two in zip(threads(1, f, data), threads(2, f, data)):
        same_bits(one, two)


def test_a_long_fused_chain_on_a_short_vector_runs_on_threads_by_its_body_weight(threads):
    """10,000 elements are under the thread threshold as elements, but a fused chain of 400 ops makes each element
    50 units of work (one per 8 arithmetic ops): the nest is threaded, and gives the same bits either way."""
    from xdsl.parser import Parser

    from irtk.codegen.cpp import emit_cpp
    from irtk.codegen.threads import OPS_PER_WORK_UNIT
    from irtk.compiler import lower
    from irtk.registry import PIPELINES, make_context

    x = T.dvector("x")
    y = x
    for i in range(400):
        y = y * 0.999 if i % 2 == 0 else y + 0.002
    f = irtk.function([x], y)
    source = emit_cpp(lower(Parser(make_context(), f.tensor_ir).parse_module(), PIPELINES["fast-run"]))
    assert f"irtk_element_count({{{400 // OPS_PER_WORK_UNIT}}})" in source
    data = np.random.default_rng(3).standard_normal(10_000)
    one, two = threads(1, f, data), threads(2, f, data)
    same_bits(one, two)
    expected = data.copy()
    for i in range(400):
        expected = expected * 0.999 if i % 2 == 0 else expected + 0.002
    np.testing.assert_array_equal(one, expected)


def test_an_integer_matrix_op_is_the_same_with_one_and_two_threads(threads):
    a = T.lmatrix("a")
    f = irtk.function([a], (a * 3 + a.T) // 7)
    data = np.arange(700 * 700, dtype=np.int64).reshape(700, 700) - 12345
    same_bits(threads(1, f, data), threads(2, f, data))
    np.testing.assert_array_equal(threads(2, f, data), (data * 3 + data.T) // 7)


CHECKED_LOOP = """
func.func @main(%x: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %minus_one = arith.constant -1.0 : f64
  %minus_two = arith.constant -2.0 : f64
  %n = memref.dim %x, %c0 : memref<?xf64>
  %out = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %v = memref.load %x[%i] : memref<?xf64>
    %not_one = arith.cmpf one, %v, %minus_one : f64
    cf.assert %not_one, "found -1"
    %not_two = arith.cmpf one, %v, %minus_two : f64
    cf.assert %not_two, "found -2"
    %w = arith.mulf %v, %v : f64
    memref.store %w, %out[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return %out : memref<?xf64>
}
"""


def test_a_failure_inside_a_threaded_loop_is_the_one_a_sequential_run_meets_first(threads):
    from xdsl.parser import Parser

    from irtk.codegen.cpp import emit_cpp
    from irtk.registry import make_context
    from irtk.runtime.kernel import load_kernel

    source = emit_cpp(Parser(make_context(), CHECKED_LOOP).parse_module())
    assert "IRTK_PARALLEL_FOR" in source
    kernel = load_kernel(source)
    data = np.ones(400_000)
    data[123_456] = -1.0  # the failure a sequential run meets first, in an early block
    data[200_001] = -2.0  # a later one, at the start of the second thread's blocks: met first in time
    for count in (1, 2, 2, 2):
        with pytest.raises(ValueError, match="^found -1$"):
            threads(count, kernel, data)
    data[123_456] = 3.0
    data[200_001] = 4.0
    (result,) = threads(2, kernel, data)
    np.testing.assert_array_equal(result, data**2)


def test_the_threads_flag():
    assert Config.from_flags("threads=3").threads == 3
    assert Config.from_flags("threads=0").threads == 0
    for bad in ("threads=two", "threads=1.5", "threads=-1"):
        with pytest.raises(ValueError, match="threads"):
            Config.from_flags(bad)
    assert thread_count() >= 1


def test_the_flag_reaches_the_kernels_when_a_function_is_made(monkeypatch):
    before = _native.threads()
    try:
        monkeypatch.setattr(irtk.config, "threads", 3)
        x = T.dvector("x")
        irtk.function([x], x + 1)
        assert _native.threads() == 3
    finally:
        _native.set_threads(before)
    with pytest.raises(ValueError, match="at least 1"):
        _native.set_threads(0)


WAIT_POLICY_PROBE = """
import os, numpy as np, irtk, irtk.tensor as T
x = T.dvector("x")
f = irtk.function([x], x * 2.0, mode="FAST_RUN")
assert f(np.ones(3)).tolist() == [2.0, 2.0, 2.0]
print(os.environ.get("OMP_WAIT_POLICY"))
"""


@pytest.mark.parametrize(("preset", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_threads_sleep_when_idle_unless_the_user_chose(tmp_path, preset, expected):
    """The first kernel sets OMP_WAIT_POLICY=PASSIVE before OpenMP starts (spinning OpenMP threads took the cores
    OpenBLAS's threads needed: W6 ran 5x slower), and leaves a policy the user set as it is."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if preset is not None:
        env["OMP_WAIT_POLICY"] = preset
    done = subprocess.run([sys.executable, "-c", WAIT_POLICY_PROBE], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
