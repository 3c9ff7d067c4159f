"""Random streams: Philox4x32-10 bit for bit, Theano's RandomStreams behaviour, and the distributions' statistics.

The generator is checked against a plain-Python Philox4x32-10 that is itself checked against the published
known-answer vectors (Random123's kat_vectors); the draws must be the very bits that reference gives, in both
modes. Theano's tutorial behaviour follows: a draw changes at every call, not with `no_default_updates`, is one
value within a call, and `seed` restarts it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import MODES

import irtk
from irtk import tensor as T
from irtk.frontend.random_streams import MRG_RandomStreams, stream_key
from irtk.sandbox.rng_mrg import MRG_RandomStreams as SandboxMRG
from irtk.tensor.shared_randomstreams import RandomStreams

MASK32 = 0xFFFFFFFF


def philox_reference(counter: tuple[int, int, int, int], key: tuple[int, int]) -> tuple[int, int, int, int]:
    """Philox4x32-10 in plain Python integers."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for r in range(10):
        if r:
            k0, k1 = (k0 + 0x9E3779B9) & MASK32, (k1 + 0xBB67AE85) & MASK32
        p0, p1 = 0xD2511F53 * c0, 0xCD9E8D57 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & MASK32, p1 & MASK32, ((p0 >> 32) ^ c3 ^ k1) & MASK32, p0 & MASK32
    return c0, c1, c2, c3


def test_reference_matches_the_published_vectors() -> None:
    assert philox_reference((0, 0, 0, 0), (0, 0)) == (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)
    assert philox_reference((MASK32,) * 4, (MASK32, MASK32)) == (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)
    assert philox_reference((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0)) == (
        0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)


def reference_words(key: int, counter: int, element: int) -> tuple[int, int, int, int]:
    key &= (1 << 64) - 1
    return philox_reference((element & MASK32, element >> 32, counter & MASK32, counter >> 32), (key & MASK32, key >> 32))


def reference_uniform(key: int, counter: int, n: int, dtype: str) -> np.ndarray:
    out = []
    for i in range(n):
        w = reference_words(key, counter, i)
        out.append(((w[0] >> 5) * 2**26 + (w[1] >> 6)) * 2.0**-53 if dtype == "float64" else (w[0] >> 8) * 2.0**-24)
    return np.array(out, dtype=dtype)


def reference_normal(key: int, counter: int, n: int) -> np.ndarray:
    out = []
    for i in range(n):
        w = reference_words(key, counter, i)
        u1 = 1.0 - ((w[0] >> 5) * 2**26 + (w[1] >> 6)) * 2.0**-53
        u2 = ((w[2] >> 5) * 2**26 + (w[3] >> 6)) * 2.0**-53
        out.append(math.sqrt(-2.0 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return np.array(out)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_uniform_draws_are_philox_bit_for_bit(mode: str, dtype: str) -> None:
    srng = RandomStreams(seed=2024)
    u = srng.uniform((4, 5), dtype=dtype)
    f = irtk.function([], u, mode=mode)
    key = stream_key(2024, 0)
    first, second = f(), f()
    assert first.dtype == dtype and first.shape == (4, 5)
    np.testing.assert_array_equal(first.ravel(), reference_uniform(key, 0, 20, dtype))
    np.testing.assert_array_equal(second.ravel(), reference_uniform(key, 1, 20, dtype))  # the counter advanced


@pytest.mark.parametrize("mode", MODES)
def test_normal_draws_are_box_muller_of_philox(mode: str) -> None:
    srng = RandomStreams(seed=7)
    f = irtk.function([], srng.normal((3, 4)), mode=mode)
    np.testing.assert_allclose(f().ravel(), reference_normal(stream_key(7, 0), 0, 12), rtol=1e-13, atol=1e-15)


def test_fast_run_and_fast_compile_draw_the_same_sequence() -> None:
    draws = {}
    for mode in ("FAST_COMPILE", "FAST_RUN"):
        srng = RandomStreams(seed=99)
        out = [srng.uniform((3,)), srng.normal((2, 2), avg=1.0, std=2.0, dtype="float32"), srng.binomial((5,), p=0.3),
               srng.random_integers((4,), low=-3, high=3)]
        f = irtk.function([], out, mode=mode)
        draws[mode] = [f() for _ in range(3)]
    for a, b in zip(draws["FAST_COMPILE"], draws["FAST_RUN"]):
        for x, y in zip(a, b):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes()


@pytest.mark.parametrize("mode", MODES)
def test_theano_tutorial_random_streams(mode: str) -> None:
    """The guide's "Using Random Numbers" example, unchanged."""
    srng = RandomStreams(seed=234)
    rv_u = srng.uniform((2, 2))
    rv_n = srng.normal((2, 2))
    f = irtk.function([], rv_u, mode=mode)
    g = irtk.function([], rv_n, no_default_updates=True, mode=mode)  # not updating rv_n.rng
    nearly_zeros = irtk.function([], rv_u + rv_u - 2 * rv_u, mode=mode)
    f_val0, f_val1 = f(), f()
    assert not np.array_equal(f_val0, f_val1)  # different numbers from each call
    g_val0, g_val1 = g(), g()
    np.testing.assert_array_equal(g_val0, g_val1)  # the same numbers every time
    np.testing.assert_allclose(nearly_zeros(), np.zeros((2, 2)), atol=1e-15)
    # seeding the stream restarts every draw: f's first value comes back
    srng.seed(234)
    np.testing.assert_array_equal(f(), f_val0)
    srng.seed(902340)
    assert not np.array_equal(f(), f_val0)
    # a state can be saved and restored through rv.rng
    saved = rv_u.rng.get_value()
    a = f()
    rv_u.rng.set_value(saved)
    np.testing.assert_array_equal(f(), a)


@pytest.mark.parametrize("mode", MODES)
def test_separate_draws_differ_and_one_variable_is_one_draw(mode: str) -> None:
    srng = RandomStreams(seed=1)
    a, b = srng.uniform((1000,)), srng.uniform((1000,))
    x, y, z = irtk.function([], [a, b, a], mode=mode)()
    assert not np.array_equal(x, y)
    np.testing.assert_array_equal(x, z)


@pytest.mark.parametrize("mode", MODES)
def test_distribution_statistics(mode: str) -> None:
    n = 200_000
    srng = MRG_RandomStreams(seed=3)
    outs = [srng.uniform((n,), low=-1.0, high=3.0), srng.normal((n,), avg=2.0, std=0.5),
            srng.binomial((n,), p=0.25, dtype="int8"), srng.binomial((n,), n=4, p=0.5),
            srng.random_integers((n,), low=-2, high=2)]
    u, z, b, b4, k = irtk.function([], outs, mode=mode)()
    se = 5 / math.sqrt(n)  # five standard errors of a mean of unit variance
    assert u.dtype == np.float64 and u.min() >= -1.0 and u.max() < 3.0
    assert abs(u.mean() - 1.0) < 4 * se / math.sqrt(3) * 2 and abs(u.var() - 16 / 12) < 0.02
    assert abs(z.mean() - 2.0) < 0.5 * se and abs(z.std() - 0.5) < 0.005
    assert b.dtype == np.int8 and set(np.unique(b)) == {0, 1} and abs(b.mean() - 0.25) < se
    assert b4.dtype == np.int64 and set(np.unique(b4)) == {0, 1, 2, 3, 4} and abs(b4.mean() - 2.0) < 2 * se
    assert set(np.unique(k)) == {-2, -1, 0, 1, 2} and abs(k.mean()) < 2 * se * math.sqrt(2)
    # uniform bits: every one of 16 equal bins gets its share
    counts = np.bincount(((u + 1.0) * 4).astype(int), minlength=16)
    assert counts.min() > n / 16 * 0.97 and counts.max() < n / 16 * 1.03


@pytest.mark.parametrize("mode", MODES)
def test_symbolic_size_and_float32(mode: str) -> None:
    rows = T.lscalar("rows")
    srng = SandboxMRG(seed=5)
    irtk.config.floatX, saved = "float32", irtk.config.floatX
    try:
        u = srng.uniform((rows, 3))
    finally:
        irtk.config.floatX = saved
    f = irtk.function([rows], u, mode=mode)
    assert f(4).shape == (4, 3) and f(4).dtype == np.float32
    assert f(0).shape == (0, 3)
    with pytest.raises(ValueError, match="negative"):
        f(-1)


@pytest.mark.parametrize("mode", MODES)
def test_gradients_flow_to_the_parameters(mode: str) -> None:
    """normal(avg, std) = avg + std * z: d/d avg of the sum is the number of draws, d/d std the sum of z."""
    avg, std = T.dscalar("avg"), T.dscalar("std")
    srng = RandomStreams(seed=11)
    draw = srng.normal((50,), avg=avg, std=std)
    cost = T.sum(draw)
    g_avg, g_std = irtk.grad(cost, [avg, std])
    f = irtk.function([avg, std], [draw, g_avg, g_std], mode=mode, no_default_updates=True)
    x, da, ds = f(1.5, 2.0)
    assert da == 50.0
    np.testing.assert_allclose(ds, np.sum((x - 1.5) / 2.0), rtol=1e-12)


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(TypeError, match="seed"):
        RandomStreams(seed=1.5)
    srng = RandomStreams(seed=1)
    with pytest.raises(TypeError, match="dtype"):
        srng.uniform((2,), dtype="int32")
    with pytest.raises(TypeError, match="n must be"):
        srng.binomial((2,), n=-1)
    with pytest.raises(ValueError, match="negative"):
        srng.uniform((-2,))
    with pytest.raises(TypeError, match="size"):
        MRG_RandomStreams(seed=1).normal()


@pytest.mark.parametrize("mode", MODES)
def test_a_draw_read_transposed_keeps_its_bits(mode: str) -> None:
    """Fused into a consumer that reads it transposed, a draw still numbers its elements by its own row-major order."""
    srng = RandomStreams(seed=21)
    x = T.dmatrix("x")
    f = irtk.function([x], srng.uniform((3, 4)).T * x, mode=mode)
    expected = reference_uniform(stream_key(21, 0), 0, 12, "float64").reshape(3, 4).T * 2.0
    np.testing.assert_array_equal(f(np.full((4, 3), 2.0)), expected)
