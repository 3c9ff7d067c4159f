"""The ops random programs use: what operands each takes and what the comparison may assume of its result.

`exact`: the op is exactly rounded (IEEE arithmetic, comparisons, data movement), so numpy and irtk agree bit
for bit when its operands do. `continuous`: the op may take operands that are only close to numpy's (a
comparison, a rounding or a cast to an integer may not: a last-bit difference can flip its result), so such ops
only see exact operands. `smooth`: differentiable wherever the gradient programs apply it.
"""

from __future__ import annotations

from dataclasses import dataclass

FLOATS = "f"
NUMBERS = "iuf"
ANY = "biuf"
INTEGRAL = "biu"


@dataclass(frozen=True)
class OpSpec:
    name: str
    family: str  # unary, binary, switch, clip, cast, reduce, cumulative, softmax, dimshuffle, subtensor, reshape, dot
    kinds: str  # dtype kinds accepted for (the first) operand
    exact: bool = True
    continuous: bool = True
    smooth: bool = False


def _unary(names, kinds, **flags):
    return [OpSpec(n, "unary", kinds, **flags) for n in names.split()]


def _binary(names, kinds, **flags):
    return [OpSpec(n, "binary", kinds, **flags) for n in names.split()]


OPS: list[OpSpec] = [
    *_binary("add sub mul", NUMBERS, smooth=True),
    *_binary("maximum minimum", ANY),
    *_binary("true_div", NUMBERS),
    *_binary("lt gt le ge eq neq", ANY, continuous=False),
    *_binary("and_ or_ xor", INTEGRAL),
    *_binary("int_div mod", NUMBERS, exact=False, continuous=False),
    *_binary("pow arctan2", NUMBERS, exact=False),
    *_unary("neg sqr", NUMBERS, smooth=True),
    *_unary("abs", NUMBERS),
    *_unary("sqrt", ANY),
    *_unary("sgn floor ceil trunc round_half_to_even round_half_away_from_zero", NUMBERS, continuous=False),
    *_unary("isnan isinf", ANY, continuous=False),
    *_unary("invert", INTEGRAL),
    *_unary("exp tanh sin cos arctan sigmoid softplus erf", ANY, exact=False, smooth=True),
    *_unary("exp2 expm1 log log2 log10 log1p tan arcsin arccos sinh cosh arcsinh arccosh arctanh erfc gammaln",
            ANY, exact=False),
    OpSpec("switch", "switch", ANY, continuous=False),
    OpSpec("clip", "clip", NUMBERS),
    OpSpec("cast", "cast", ANY, continuous=False),
    OpSpec("sum", "reduce", ANY, exact=False, smooth=True),
    OpSpec("mean", "reduce", ANY, exact=False, smooth=True),
    OpSpec("prod", "reduce", ANY, exact=False, smooth=True),
    OpSpec("max", "reduce", ANY),
    OpSpec("min", "reduce", ANY),
    OpSpec("all", "reduce", ANY, continuous=False),
    OpSpec("any", "reduce", ANY, continuous=False),
    OpSpec("argmax", "reduce", NUMBERS, continuous=False),
    OpSpec("argmin", "reduce", NUMBERS, continuous=False),
    OpSpec("cumsum", "cumulative", ANY, exact=False, smooth=True),
    OpSpec("cumprod", "cumulative", ANY, exact=False, smooth=True),
    OpSpec("softmax", "softmax", FLOATS, exact=False, smooth=True),
    OpSpec("logsoftmax", "softmax", FLOATS, exact=False, smooth=True),
    OpSpec("dimshuffle", "dimshuffle", ANY, smooth=True),
    OpSpec("subtensor", "subtensor", ANY, smooth=True),
    OpSpec("reshape", "reshape", ANY, smooth=True),
    OpSpec("dot", "dot", NUMBERS, exact=False, smooth=True),
]

BY_NAME = {op.name: op for op in OPS}
SMOOTH = [op for op in OPS if op.smooth]
