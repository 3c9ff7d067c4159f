"""Philox4x32-10, the counter-based random number generator behind `irtk.random`, as scalar body code.

A counter-based generator is a pure function from (key, counter) to random bits (Salmon et al., "Parallel
Random Numbers: As Easy as 1, 2, 3", SC 2011): element i of a draw needs no state from element i - 1, so a
draw is one parallel `linalg.generic` (one thread or GPU lane per element), the compiled code and the numpy
evaluator compute the same bits, and a stream advances by incrementing a counter, never by running a
generator forward. Philox4x32-10 maps a 128-bit counter and a 64-bit key to 128 bits in ten rounds of two
32x32->64-bit multiplications; it passes TestU01's BigCrush.

Words are int64 scalars holding values in [0, 2**32): a 32x32-bit product fits in 64 bits (signless `muli`
wraps, so its unsigned reading is exact), and the high half is a logical shift. The constants are the
published ones (Random123's `philox4x32`).
"""

from __future__ import annotations

from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder

MULTIPLIERS = (0xD2511F53, 0xCD9E8D57)
KEY_INCREMENTS = (0x9E3779B9, 0xBB67AE85)  # the golden ratio and sqrt(3) - 1, as 32-bit fractions
ROUNDS = 10
MASK32 = 0xFFFFFFFF


def split64(s: ScalarBuilder, x: Scalar) -> tuple[Scalar, Scalar]:
    """The low and high 32-bit words of an int64 (read as unsigned)."""
    return s.bitwise_and(x, s.like(MASK32, x)), s.shift_right_logical(x, 32)


def philox4x32(s: ScalarBuilder, counter: list[Scalar], key: list[Scalar]) -> list[Scalar]:
    """The four 32-bit output words (int64 in [0, 2**32)) for a counter of four words and a key of two."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    mask = s.like(MASK32, c0)
    m0, m1 = (s.like(m, c0) for m in MULTIPLIERS)
    w0, w1 = (s.like(w, c0) for w in KEY_INCREMENTS)
    for r in range(ROUNDS):
        if r:
            k0 = s.bitwise_and(s.add(k0, w0), mask)
            k1 = s.bitwise_and(s.add(k1, w1), mask)
        lo0, hi0 = split64(s, s.mul(m0, c0))
        lo1, hi1 = split64(s, s.mul(m1, c2))
        c0, c1, c2, c3 = (
            s.bitwise_xor(s.bitwise_xor(hi1, c1), k0),
            lo1,
            s.bitwise_xor(s.bitwise_xor(hi0, c3), k1),
            lo0,
        )
    return [c0, c1, c2, c3]


def unit_interval(s: ScalarBuilder, high: Scalar, low: Scalar, dtype: str) -> Scalar:
    """A uniform value in [0, 1) from two 32-bit words: 53 random bits for float64, 24 for float32 (every
    value a multiple of 2**-53 or 2**-24, exactly representable)."""
    if dtype == "float64":
        bits = s.add(s.shift_left(s.shift_right_logical(high, 5), 26), s.shift_right_logical(low, 6))
        return s.mul(s.cast(bits, "float64"), s.const(2.0**-53, "float64"))
    bits = s.shift_right_logical(high, 8)
    return s.mul(s.cast(bits, "float32"), s.const(2.0**-24, "float32"))


def uniform(s: ScalarBuilder, words: list[Scalar], dtype: str) -> Scalar:
    return unit_interval(s, words[0], words[1], dtype)


def normal(s: ScalarBuilder, words: list[Scalar], dtype: str) -> Scalar:
    """A standard normal value by the Box-Muller transform of two uniforms: sqrt(-2 log u1) cos(2 pi u2), with
    u1 in (0, 1] so that the logarithm is finite."""
    u1 = s.sub(s.const(1.0, dtype), unit_interval(s, words[0], words[1], dtype))
    u2 = unit_interval(s, words[2], words[3], dtype)
    radius = s.sqrt(s.mul(s.const(-2.0, dtype), s.log(u1)))
    return s.mul(radius, s.cos(s.mul(s.const(6.283185307179586, dtype), u2)))


DISTRIBUTIONS = {"uniform": uniform, "normal": normal}
