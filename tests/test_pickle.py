"""Compiled functions pickle as Theano's do: the tensor IR as text plus the inputs, outputs and shared variables,
compiled again on unpickling (through the caches), in this process or a new one, in both modes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import cloudpickle
import numpy as np
import pytest
from conftest import MODES, needs_native

import irtk as theano
from irtk import In, tensor
from irtk.frontend.basic import apply
from irtk.frontend.pickling import RestoreError
from irtk.runtime.lowering_cache import irtk_sources_digest
from irtk.tensor.shared_randomstreams import RandomStreams

REPO = Path(__file__).resolve().parent.parent


def linear_step(mode: str):
    """One SGD step of a linear model: two shared variables updated, two outputs, a default and a keyword."""
    x = tensor.dvector("x")
    target = tensor.dscalar("target")
    W = theano.shared(np.array([0.1, 0.25, 0.15, 0.3]), "W")
    b = theano.shared(np.float64(0.5), "b")
    y = (x * W).sum() + b
    cost = tensor.sqr(target - y)
    gW, gb = tensor.grad(cost, [W, b])
    updates = [(W, W - 0.01 * gW), (b, b - 0.01 * gb)]
    f = theano.function([x, In(target, value=100.0)], [y, cost], updates=updates, mode=mode, name="step")
    return f, W, b


def seed_training(mode: str):
    """examples/training.py's graph: the seed program's gradient step on a shared weight vector."""
    x = tensor.fvector("x")
    target = tensor.fscalar("target")
    W = theano.shared(np.asarray([0.1, 0.25, 0.15, 0.3]), "W")
    y = (x * W).sum()
    cost = tensor.sqr(target - y)
    gradients = tensor.grad(cost, [W])
    f = theano.function([x, target], y, updates=[(W, W - (0.1 * gradients[0]))], mode=mode)
    return f, W


def run_python(script: str, *args: str, cache: Path, extra_path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, IRTK_CACHE_DIR=str(cache), IRTK_VERBOSE="1")
    env.pop("IRTK_DUMP", None)
    env.pop("PYTHONPATH", None)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args], env=env, capture_output=True, text=True, cwd="/",
        timeout=300,
    )


# ---- in this process


@pytest.mark.parametrize("mode", MODES)
def test_round_trip_gives_the_same_outputs_and_linked_shared_variables(mode: str) -> None:
    f, W, b = linear_step(mode)
    f([1.0, 1.0, 1.0, 1.0])
    g, W2, b2 = pickle.loads(pickle.dumps((f, W, b)))
    assert W2 is not W and W2.name == "W" and b2.name == "b"
    np.testing.assert_array_equal(W2.get_value(), W.get_value())
    assert b2.get_value() == b.get_value() and b2.get_value().dtype == np.float64
    assert g.signature.shared == [W2, b2] and g.signature.updated == [W2, b2]
    assert g.mode == mode and g.name == "step" and g.tensor_ir == f.tensor_ir
    calls = [(([1.0, 2.0, 3.0, 4.0],), {}), (([1.0, 2.0, 3.0, 4.0], 3.0), {}), ((), {"x": [0.5] * 4, "target": -1})]
    for args, kwargs in calls:
        expected, got = f(*args, **kwargs), g(*args, **kwargs)
        for e, o in zip(expected, got):
            np.testing.assert_array_equal(o, e)
            assert o.dtype == e.dtype
        np.testing.assert_array_equal(W2.get_value(), W.get_value())
        np.testing.assert_array_equal(b2.get_value(), b.get_value())


@pytest.mark.parametrize("mode", MODES)
def test_a_function_pickled_alone_brings_copies_of_its_shared_variables(mode: str) -> None:
    f, W, b = linear_step(mode)
    before = W.get_value()
    g = cloudpickle.loads(cloudpickle.dumps(f))
    W2, b2 = g.signature.shared
    np.testing.assert_array_equal(W2.get_value(), before)
    g([1.0, 1.0, 1.0, 1.0])
    np.testing.assert_array_equal(W.get_value(), before)  # the original is not the copy
    assert not np.array_equal(W2.get_value(), before)
    f([1.0, 1.0, 1.0, 1.0])
    np.testing.assert_array_equal(W.get_value(), W2.get_value())


@pytest.mark.parametrize("mode", MODES)
def test_functions_pickled_together_share_their_shared_variables(mode: str) -> None:
    f, W, b = linear_step(mode)
    read = theano.function([], W.sum() + b, mode=mode)
    f2, read2 = pickle.loads(pickle.dumps([f, read]))
    assert read2.signature.shared[0] is f2.signature.shared[0]
    f2([1.0, 2.0, 3.0, 4.0])
    f([1.0, 2.0, 3.0, 4.0])
    assert read2() == read()


@pytest.mark.parametrize("mode", MODES)
def test_seed_training_pickled_mid_training_continues_identically(mode: str) -> None:
    reference, W_ref = seed_training(mode)
    expected = [reference([1.0, 1.0, 1.0, 1.0], 100.0) for _ in range(10)]

    f, W = seed_training(mode)
    got = [f([1.0, 1.0, 1.0, 1.0], 100.0) for _ in range(4)]
    f, W = pickle.loads(pickle.dumps((f, W)))
    got += [f([1.0, 1.0, 1.0, 1.0], 100.0) for _ in range(6)]
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(W.get_value(), W_ref.get_value())
    np.testing.assert_allclose(W.get_value(), [24.89999746, 25.04999746, 24.94999746, 25.09999746], rtol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_an_unpickled_function_copies_and_pickles_again(mode: str) -> None:
    f, W, b = linear_step(mode)
    g, W2, b2 = pickle.loads(pickle.dumps((f, W, b)))
    h, W3, b3 = pickle.loads(pickle.dumps((g, W2, b2)))
    assert h.tensor_ir == f.tensor_ir
    np.testing.assert_array_equal(h([1.0, 2.0, 3.0, 4.0])[0], f([1.0, 2.0, 3.0, 4.0])[0])
    np.testing.assert_array_equal(W3.get_value(), W.get_value())

    frozen = pickle.loads(pickle.dumps(h.copy(delete_updates=True)))
    kept = frozen.signature.shared[0].get_value()
    frozen([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(frozen.signature.shared[0].get_value(), kept)

    other = theano.shared(np.ones(4), "other")
    swapped, other2 = pickle.loads(pickle.dumps((f.copy(swap={W: other}), other)))
    swapped([1.0, 2.0, 3.0, 4.0])
    assert not np.array_equal(other2.get_value(), np.ones(4))
    np.testing.assert_array_equal(other.get_value(), np.ones(4))


@pytest.mark.parametrize("mode", MODES)
def test_random_streams_continue_where_they_were(mode: str) -> None:
    srng = RandomStreams(seed=234)
    draw = theano.function([], srng.uniform((3,)), mode=mode)
    draw()
    copy = pickle.loads(pickle.dumps(draw))
    state = copy.signature.shared[0]
    assert state.default_update is not None  # a new function from the state still advances it
    for _ in range(2):
        np.testing.assert_array_equal(copy(), draw())


@pytest.mark.parametrize("mode", MODES)
def test_a_givens_only_graph_pickles(mode: str) -> None:
    x = tensor.dvector("x")
    z = tensor.dvector("z")
    f = theano.function([x], z * 2, givens={z: x + 1}, mode=mode)
    g = pickle.loads(pickle.dumps(f))
    np.testing.assert_array_equal(g([1.0, 2.0]), [4.0, 6.0])


def test_arguments_are_checked_as_before() -> None:
    f, W, b = linear_step("FAST_COMPILE")
    g = pickle.loads(pickle.dumps(f))
    with pytest.raises(TypeError, match="unexpected keyword argument 'y'"):
        g([1.0] * 4, y=2)
    with pytest.raises(TypeError, match=r"argument 0 \('x'\)"):
        g("not numbers")


# ---- in a new process


LOAD_AND_CALL = """
    import pickle, sys
    with open(sys.argv[1], "rb") as fh:
        f, W = pickle.load(fh)
    outputs = [f([1.0, 1.0, 1.0, 1.0], 100.0) for _ in range(6)]
    from irtk.runtime.lowering_cache import irtk_sources_digest
    with open(sys.argv[2], "wb") as fh:
        pickle.dump((outputs, W.get_value(), f.mode, irtk_sources_digest()), fh)
"""


@pytest.mark.parametrize("mode", MODES)
def test_a_new_process_continues_training_with_an_empty_and_a_warm_cache(mode: str, tmp_path: Path, isolated_cache: Path,
                                                                         children_share_flags) -> None:
    reference, W_ref = seed_training(mode)
    expected = [reference([1.0, 1.0, 1.0, 1.0], 100.0) for _ in range(10)]
    f, W = seed_training(mode)
    for _ in range(4):
        f([1.0, 1.0, 1.0, 1.0], 100.0)
    (tmp_path / "f.pkl").write_bytes(pickle.dumps((f, W)))

    empty = tmp_path / "empty-cache"
    for cache in (empty, isolated_cache):  # the warm one has the kernel this process compiled
        result = run_python(LOAD_AND_CALL, str(tmp_path / "f.pkl"), str(tmp_path / "out.pkl"), cache=cache)
        assert result.returncode == 0, result.stderr
        outputs, W_value, got_mode, digest = pickle.loads((tmp_path / "out.pkl").read_bytes())
        assert got_mode == mode
        np.testing.assert_array_equal(outputs, expected[4:])
        np.testing.assert_array_equal(W_value, W_ref.get_value())
        if mode == "FAST_RUN":
            assert ("compiled" in result.stderr) == (cache == empty), result.stderr
            if digest == irtk_sources_digest():  # (irtk's sources are part of the lowering cache's key)
                assert ("lowering cache hit" in result.stderr) == (cache != empty), result.stderr


@needs_native
def test_plugin_ops_are_imported_by_their_module(tmp_path: Path) -> None:
    from plugin_ops import CubeOp

    x = tensor.dvector("x")
    f = theano.function([x], apply(CubeOp, [x]).sum(), mode="FAST_RUN")
    (tmp_path / "f.pkl").write_bytes(pickle.dumps(f))
    script = """
        import pickle, sys
        f = pickle.loads(open(sys.argv[1], "rb").read())
        print(repr(float(f([1.0, 2.0]))))
    """
    ok = run_python(script, str(tmp_path / "f.pkl"), cache=tmp_path / "c", extra_path=str(REPO / "tests"))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "9.0"
    missing = run_python(script, str(tmp_path / "f.pkl"), cache=tmp_path / "c")
    assert missing.returncode != 0
    assert "RestoreError" in missing.stderr and "'plugin_ops'" in missing.stderr


# ---- what is refused


def test_refuses_another_format_and_ir_that_does_not_parse() -> None:
    f, W, b = linear_step("FAST_COMPILE")
    assert b"xdsl" not in pickle.dumps((f, W, b))  # text, numbers and arrays: no xDSL object, no kernel
    state = f.__getstate__()

    for bad, message in [
        (dict(state, format=99), "pickled in format 99"),
        (dict(state, ir=state["ir"].replace("irtk.mul", "irtk.no_such_op")), "unknown operation 'irtk.no_such_op'"),
        (dict(state, op_modules=["no_such_plugin_module"]), "module 'no_such_plugin_module'"),
    ]:
        with pytest.raises(RestoreError, match=message):
            pickle.loads(pickle.dumps(f)).__setstate__(bad)


@pytest.mark.parametrize("mode", MODES)
def test_unaligned_arrays_are_copied_before_a_kernel_sees_them(mode: str) -> None:
    """Arrays unpickled out of band (as Dask sends them) can start at any byte: arguments and `set_value` copy them."""
    raw = bytearray(8 * 4 + 1)
    unaligned = np.frombuffer(raw, dtype=np.float64, count=4, offset=1)
    unaligned[...] = [1.0, 2.0, 3.0, 4.0]
    assert not unaligned.flags.aligned
    f, W, b = linear_step(mode)
    W.set_value(unaligned)
    assert W.get_value(borrow=True).flags.aligned
    np.testing.assert_array_equal(f(unaligned)[0], 1 + 4 + 9 + 16 + 0.5)
