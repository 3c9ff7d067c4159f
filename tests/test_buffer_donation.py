"""Buffer donation (irtk/frontend/donation.py): an update is written into the buffer of a shared variable's value
two calls old when nothing else holds it, never into anything a caller can see, and a failed call changes nothing."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from conftest import needs_native

import irtk
from irtk import tensor

pytestmark = needs_native

SHAPE = (64, 48)


def address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


def make_step(mode="FAST_RUN"):
    """Two updates of elementwise arithmetic (exact against numpy) and an output that reads both."""
    rng = np.random.default_rng(0)
    W = irtk.shared(rng.standard_normal(SHAPE), name="W")
    b = irtk.shared(rng.standard_normal(SHAPE[1]), name="b")
    x = tensor.dmatrix("x")
    out = (W * x).max()
    step = irtk.function([x], out, updates=[(W, W - 0.125 * (W * x - 1.0)), (b, b * 0.5 + 0.25)], mode=mode)
    return step, W, b


def reference_step(w, b, x):
    return (w * x).max(), w - 0.125 * (w * x - 1.0), b * 0.5 + 0.25


def test_an_update_reuses_the_buffer_of_the_value_two_calls_old() -> None:
    step, W, b = make_step()
    x = np.full(SHAPE, 0.5)
    addresses = []
    for _ in range(8):
        step(x)
        addresses.append((address(W.get_value(borrow=True)), address(b.get_value(borrow=True))))
    # From the third call on the buffers alternate: a value lives where the value two calls before it lived.
    for k in range(2, 8):
        assert addresses[k] == addresses[k - 2]
        assert addresses[k][0] != addresses[k - 1][0]


def test_results_stay_exact_over_many_steps() -> None:
    step, W, b = make_step()
    w, bv = W.get_value(), b.get_value()
    rng = np.random.default_rng(1)
    for _ in range(50):
        x = rng.standard_normal(SHAPE)
        out = step(x)
        want_out, w, bv = reference_step(w, bv, x)
        assert out == want_out
        np.testing.assert_array_equal(W.get_value(borrow=True), w)
        np.testing.assert_array_equal(b.get_value(borrow=True), bv)


def test_a_borrowed_value_is_never_overwritten() -> None:
    step, W, b = make_step()
    x = np.full(SHAPE, 0.25)
    for _ in range(3):
        step(x)
    held = W.get_value(borrow=True)
    kept = held.copy()
    view = b.get_value(borrow=True)[1:]  # a view holds its base
    kept_view = view.copy()
    for _ in range(6):
        step(x)
        assert address(W.get_value(borrow=True)) != address(held)
    np.testing.assert_array_equal(held, kept)
    np.testing.assert_array_equal(view, kept_view)


def test_a_value_given_with_set_value_borrow_is_never_written() -> None:
    step, W, _ = make_step()
    x = np.full(SHAPE, 0.75)
    for _ in range(3):
        step(x)
    y = tensor.dmatrix("y")
    mine = irtk.function([y], y * 2.0)(np.full(SHAPE, 0.5))  # a kernel result, the kind that could be donated
    W.set_value(mine, borrow=True)
    for _ in range(4):
        step(x)
        np.testing.assert_array_equal(mine, np.ones(SHAPE))
    _, want, _ = reference_step(np.ones(SHAPE), np.zeros(SHAPE[1]), x)
    W.set_value(mine, borrow=True)
    step(x)
    np.testing.assert_array_equal(W.get_value(borrow=True), want)


def test_two_shared_variables_with_one_value_keep_it() -> None:
    """A value two shared variables hold (a kernel result, which could be donated) is not donated when one of
    them is updated."""
    A = irtk.shared(np.zeros(6), name="A")
    B = irtk.shared(np.zeros(6), name="B")
    step = irtk.function([], [], updates=[(A, A + 1.0)])
    for _ in range(3):
        step()
    B.set_value(A.get_value(borrow=True), borrow=True)
    for _ in range(4):
        step()
    np.testing.assert_array_equal(B.get_value(borrow=True), np.full(6, 3.0))
    np.testing.assert_array_equal(A.get_value(borrow=True), np.full(6, 7.0))


@pytest.mark.parametrize(
    "bad",
    [np.full((3, 3), 0.5), np.full(SHAPE[0], 0.5), np.full(SHAPE, 0.5 + 1j)],
    ids=["size mismatch in the kernel", "wrong rank", "complex for float"],
)
def test_a_failed_call_leaves_shared_values_and_spares_sound(bad) -> None:
    step, W, b = make_step()
    x = np.full(SHAPE, 0.5)
    for _ in range(4):
        step(x)
    before = W.get_value(), b.get_value()
    spares = len(step._spares)
    with pytest.raises((TypeError, ValueError)):
        step(bad)
    np.testing.assert_array_equal(W.get_value(borrow=True), before[0])
    np.testing.assert_array_equal(b.get_value(borrow=True), before[1])
    assert len(step._spares) == spares
    w, bv = before
    for _ in range(4):
        step(x)
        _, w, bv = reference_step(w, bv, x)
    np.testing.assert_array_equal(W.get_value(borrow=True), w)
    np.testing.assert_array_equal(b.get_value(borrow=True), bv)


def test_a_check_failing_after_the_update_is_computed_changes_nothing() -> None:
    """The kernel may already have written the update into a spare when an index check fails."""
    W = irtk.shared(np.zeros(1000), name="W")
    v, i = tensor.dvector("v"), tensor.lscalar("i")
    step = irtk.function([v, i], (W + 1.0)[i] + v[i], updates=[(W, W + 1.0)])
    for _ in range(4):
        step(np.ones(5), 2)
    with pytest.raises(Exception):
        step(np.ones(5), 7)
    np.testing.assert_array_equal(W.get_value(borrow=True), np.full(1000, 4.0))
    for k in range(3):
        assert step(np.ones(5), 1) == 4.0 + k + 2.0  # outputs read the values from before the call
    np.testing.assert_array_equal(W.get_value(borrow=True), np.full(1000, 7.0))


def test_user_arrays_offered_to_a_kernel_are_ignored() -> None:
    """Only whole kernel results are taken: an array numpy owns, or a slice, is never written."""
    x = tensor.dvector("x")
    double = irtk.function([x], x * 2.0)
    mine = np.arange(8.0)
    result = double._run([np.ones(8)])[0]
    part = result[:]
    offered = [mine, part]
    (out,) = double._run([np.ones(8)], offered)
    np.testing.assert_array_equal(mine, np.arange(8.0))
    np.testing.assert_array_equal(part, np.full(8, 2.0))
    assert not np.shares_memory(out, mine) and not np.shares_memory(out, result)


def test_fast_compile_has_no_donation_and_the_same_results() -> None:
    fast, W1, b1 = make_step()
    slow, W2, b2 = make_step("FAST_COMPILE")
    assert slow._spares is None
    x = np.full(SHAPE, 0.5)
    for _ in range(5):
        assert fast(x) == slow(x)
    np.testing.assert_array_equal(W1.get_value(borrow=True), W2.get_value(borrow=True))
    np.testing.assert_array_equal(b1.get_value(borrow=True), b2.get_value(borrow=True))


def test_copies_and_unpickled_functions_start_without_spares() -> None:
    step, W, _ = make_step()
    x = np.full(SHAPE, 0.5)
    for _ in range(3):
        step(x)
    assert len(step._spares) > 0
    copy = step.copy()
    assert copy._spares is not step._spares and len(copy._spares) == 0
    restored = pickle.loads(pickle.dumps(step))
    assert len(restored._spares) == 0
    restored_W = restored.signature.updated[0]
    w = restored_W.get_value()
    restored(x)
    _, want, _ = reference_step(w, np.zeros(SHAPE[1]), x)
    np.testing.assert_array_equal(restored_W.get_value(borrow=True), want)


def test_calls_from_several_threads_never_share_a_buffer() -> None:
    """Calls run at once (the GIL is released): each takes its own spares, so every value stays whole. Updates
    of calls that overlap may be lost (each reads the value from before it), as without donation."""
    C = irtk.shared(np.zeros(200_000), name="C")
    step = irtk.function([], [], updates=[(C, C + 1.0)])

    def run(_):
        for _ in range(25):
            step()
            value = C.get_value(borrow=True)
            assert value.min() == value.max()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(run, range(4)))
    value = C.get_value(borrow=True)
    # The last call to finish sets the value; it may have read an old one (a call that overlapped the others
    # from its start), so all that is certain is a whole number of steps between 1 and all 100.
    assert value.min() == value.max() and value[0] == int(value[0]) and 1 <= value[0] <= 100
