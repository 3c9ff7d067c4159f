"""xDSL's `arith` dialect with what irtk adds: `arith.remf`, which xDSL 0.74 lacks (the C library's `fmod`: the
remainder with the dividend's sign, from which numpy's float `%` and `//` are built exactly), and the custom
syntax of ops xDSL prints only generically.

`arith.remf` is the upstream MLIR op with the same name, syntax and meaning, so IR that uses it still goes
through `mlir-opt`.
"""

from __future__ import annotations

from xdsl.dialects.arith import Arith as _XdslArith
from xdsl.dialects.arith import FloatingPointLikeBinaryOperation
from xdsl.irdl import irdl_op_definition, traits_def
from xdsl.traits import Pure

from irtk.dialects.upstream.extend import extended


@irdl_op_definition
class RemFOp(FloatingPointLikeBinaryOperation):
    """`arith.remf`: the floating-point remainder of `lhs / rhs` with the sign of `lhs` (C's `fmod`)."""

    name = "arith.remf"
    traits = traits_def(Pure())


Arith = extended(_XdslArith, RemFOp)
