"""Theano's random streams: `RandomStreams` (`theano.tensor.shared_randomstreams`) and `MRG_RandomStreams`
(`theano.sandbox.rng_mrg`), on irtk's counter-based generator.

    srng = RandomStreams(seed=234)
    rv_u = srng.uniform((2, 2))
    f = function([], rv_u)                          # a new draw at every call
    g = function([], rv_u, no_default_updates=True) # the same draw at every call
    rv_u + rv_u - 2 * rv_u                          # zeros: one variable is one draw per call

Each draw (`uniform`, `normal`, ...) gets a state of its own: a shared int64 pair (key, counter), its key derived
from the stream's seed and the draw's number, its counter at 0. The draw is `irtk.random_uniform` or
`irtk.random_normal` of that state (Philox4x32-10, computed inside the generated code); the state's
`default_update` adds 1 to the counter, and `function` applies default updates unless told not to, so each call
draws new numbers, the same ones in FAST_RUN and FAST_COMPILE. `seed(n)` resets every state of the stream.
"""

from __future__ import annotations

import numpy as np

from irtk.dialects.irtk.random import RandomNormalOp, RandomUniformOp
from irtk.dialects.irtk.syntax import int_list_attr
from irtk.dialects.irtk.types import element_type, is_float, upcast
from irtk.frontend import basic
from irtk.frontend.basic import as_tensor_variable, cast, constant, elementwise_apply
from irtk.frontend.constructors import _shape, _shape_sequence
from irtk.frontend.shared import SharedVariable, shared
from irtk.frontend.variable import Variable

#: Theano's default seed of a stream made without one.
DEFAULT_SEED = 12345
_MASK64 = (1 << 64) - 1


def stream_key(seed: int, draw: int) -> int:
    """The Philox key of a stream's `draw`-th variable: SplitMix64 of the seed and the draw's number, so that
    nearby seeds and draws get unrelated keys (as an int64)."""
    z = (int(seed) + (draw + 1) * 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    z ^= z >> 31
    return z - (1 << 64) if z >= 1 << 63 else z


def _op(name: str, *operands) -> Variable:
    from irtk.dialects.irtk.opdef import op_named

    return elementwise_apply(op_named(name), *operands)


class RandomStreams:
    """A source of random variables, Theano's `RandomStreams(seed)`."""

    def __init__(self, seed: int | None = None):
        self.default_instance_seed = DEFAULT_SEED if seed is None else _check_seed(seed)
        #: (state, its update) for every draw so far, as Theano's `state_updates`
        self.state_updates: list[tuple[SharedVariable, Variable]] = []

    def seed(self, seed: int | None = None) -> None:
        """Start every draw of this stream afresh from `seed` (the stream's own seed when None)."""
        self.default_instance_seed = self.default_instance_seed if seed is None else _check_seed(seed)
        for k, (state, _) in enumerate(self.state_updates):
            state.set_value(np.array([stream_key(self.default_instance_seed, k), 0], dtype=np.int64))

    def updates(self) -> list[tuple[SharedVariable, Variable]]:
        return list(self.state_updates)

    # ---- distributions
    def uniform(self, size=(), low=0.0, high=1.0, ndim=None, dtype=None) -> Variable:
        """Draws from the uniform distribution on [low, high)."""
        low, high = as_tensor_variable(low), as_tensor_variable(high)
        dtype = self._float_dtype("uniform", dtype, low, high)
        u = self._draw(RandomUniformOp, "uniform", size, ndim, dtype)
        low, high = cast(low, dtype), cast(high, dtype)
        return _carrying_state(_op("add", low, _op("mul", u, _op("sub", high, low))), u)

    def normal(self, size=(), avg=0.0, std=1.0, ndim=None, dtype=None) -> Variable:
        """Draws from the normal distribution of mean `avg` and standard deviation `std`."""
        avg, std = as_tensor_variable(avg), as_tensor_variable(std)
        dtype = self._float_dtype("normal", dtype, avg, std)
        z = self._draw(RandomNormalOp, "normal", size, ndim, dtype)
        return _carrying_state(_op("add", cast(avg, dtype), _op("mul", z, cast(std, dtype))), z)

    def binomial(self, size=(), n=1, p=0.5, ndim=None, dtype="int64") -> Variable:
        """Draws from the binomial distribution: successes in `n` trials (a Python int) of probability `p`."""
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 0:
            raise TypeError(f"binomial: n must be a non-negative int (the number of trials), got {n!r:.40}")
        p = as_tensor_variable(p)
        wide = "float64" if p.dtype == "float64" else self._float_dtype("binomial", None, p)
        sizes = list(_shape_sequence("binomial", size))
        trials = self._draw(RandomUniformOp, "binomial", [*sizes, int(n)], None, wide)
        below = cast(_op("lt", trials, basic.dimshuffle(cast(p, wide), *range(p.ndim), "x")), "int64")
        return _carrying_state(cast(basic.sum(below, axis=-1), str(np.dtype(dtype))), trials)

    def random_integers(self, size=(), low=0, high=1, ndim=None, dtype="int64") -> Variable:
        """Integers drawn uniformly from [low, high], both included."""
        low, high = as_tensor_variable(low), as_tensor_variable(high)
        u = self._draw(RandomUniformOp, "random_integers", size, ndim, "float64")
        span = _op("add", _op("sub", cast(high, "float64"), cast(low, "float64")), 1.0)
        return _carrying_state(cast(_op("add", cast(low, "float64"), _op("floor", _op("mul", u, span))), str(np.dtype(dtype))), u)

    # ---- the draws
    def _float_dtype(self, name: str, dtype, *params: Variable) -> str:
        """The draw's dtype: `dtype`, else config.floatX upcast with the parameters' float dtypes."""
        from irtk.flags import config

        if dtype is not None:
            dtype = str(np.dtype(dtype))
            if not is_float(dtype):
                raise TypeError(f"{name}: dtype must be float32 or float64, got {dtype}")
            return dtype
        floats = [p.dtype for p in params if is_float(p.dtype)]
        return upcast(config.floatX, *floats)

    def _draw(self, op: type, name: str, size, ndim, dtype: str) -> Variable:
        sizes = _shape_sequence(name, () if size is None else size)
        if ndim is not None and ndim != len(sizes):
            raise ValueError(f"{name}: ndim={ndim} does not match the size {tuple(sizes)!r}")
        static, operands = _shape(name, sizes)
        k = len(self.state_updates)
        state = shared(np.array([stream_key(self.default_instance_seed, k), 0], dtype=np.int64), name=f"rng_state_{k}")
        update = _op("add", state, constant(np.array([0, 1], dtype=np.int64)))
        state.default_update = update
        self.state_updates.append((state, update))
        out = basic.apply(op, [state, *operands], static_shape=int_list_attr(static), dtype=element_type(dtype))
        out.rng = state  # Theano's handle on a random variable's state: rv.rng.get_value(), set_value(...)
        out.update = (state, update)
        return out


class MRG_RandomStreams(RandomStreams):  # noqa: N801 (Theano's name)
    """Theano's `MRG_RandomStreams`: the same streams; float draws default to config.floatX."""

    def uniform(self, size=None, low=0.0, high=1.0, ndim=None, dtype=None, nstreams=None) -> Variable:
        return super().uniform(_mrg_size("uniform", size), low, high, ndim, _floatx(dtype))

    def normal(self, size=None, avg=0.0, std=1.0, ndim=None, dtype=None, nstreams=None, **kwargs) -> Variable:
        return super().normal(_mrg_size("normal", size), avg, std, ndim, _floatx(dtype))

    def binomial(self, size=None, n=1, p=None, ndim=None, dtype="int64", nstreams=None) -> Variable:
        if p is None:
            raise TypeError("binomial: p must be given")
        return super().binomial(_mrg_size("binomial", size), n, p, ndim, dtype)


def _carrying_state(result: Variable, draw: Variable) -> Variable:
    """`result` (made from `draw`) with the draw's `rng` (its state) and `update`, as Theano's random variables."""
    if result is not draw:
        result.rng, result.update = draw.rng, draw.update
    return result


def _mrg_size(name: str, size):
    if size is None:
        raise TypeError(f"{name}: MRG_RandomStreams needs the size of the draw")
    return size


def _floatx(dtype):
    from irtk.flags import config

    return config.floatX if dtype is None else dtype


def _check_seed(seed) -> int:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"a random stream's seed must be an int, got {type(seed).__name__} {seed!r:.40}")
    return int(seed)


__all__ = ["RandomStreams", "MRG_RandomStreams", "stream_key", "DEFAULT_SEED"]
