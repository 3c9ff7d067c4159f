"""Random draws: `irtk.random_uniform` (uniform on [0, 1)) and `irtk.random_normal` (standard normal).

    %u = irtk.random_uniform %state, %n : tensor<2xi64>, tensor<i64> -> tensor<?x3xf64>

`state` holds the stream's key and counter (two int64s). Element i of the result (i counts the elements in
row-major order) is computed from Philox4x32-10 (`philox.py`) of the 128-bit counter (i, state[1]) under the
64-bit key state[0], so a draw is a pure function of the state and the shape: it is one parallel generic, it is
the same in compiled code and in the evaluator, and a stream advances by incrementing state[1] (the frontend's
`RandomStreams` does that after each call, as Theano's default updates do). Sizes are given as by the
constructors (`constructors.py`): static in the result type, or one 0-d integer operand per `?`.

The draws are standard; the frontend makes `uniform(low, high)`, `normal(avg, std)`, `binomial` and
`random_integers` from them with ordinary elementwise ops, through which gradients flow to the parameters.

The ops are not `Pure`: two draws with equal operands are still two draws, and CSE must not merge them.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects import arith, tensor
from xdsl.dialects.builtin import IndexType, TensorType
from xdsl.irdl import irdl_op_definition, operand_def, prop_def, traits_def, var_operand_def
from xdsl.ir import TypeAttribute

from irtk.dialects.irtk import philox
from irtk.dialects.irtk.constructors import ConstructorOp, ConstructorPatterns
from irtk.dialects.irtk.generic_builder import PARALLEL
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type

#: The state of a stream: its key and its counter (`tensor<?xi64>` is accepted too, and checked when it runs).
STATE_TYPE = tensor_type("int64", (2,))


class RandomOp(ConstructorOp):
    """Base of the random draws: a state operand, the size operands, and the distribution's name."""

    state = operand_def(TensorType)
    sizes = var_operand_def(TensorType)
    dtype = prop_def(TypeAttribute)
    traits = traits_def(ConstructorPatterns())  # not Pure: see the module's docstring
    HAS_DTYPE: ClassVar[bool] = True
    DISTRIBUTION: ClassVar[str]

    @classmethod
    def infer_type(cls, operand_types, properties):
        if not operand_types:
            raise TypeError(f"{cls.name}: expected the state operand")
        state, *sizes = operand_types
        if dtype_of(state) != "int64" or shape_of(state) not in ((2,), (None,)):
            raise TypeError(f"{cls.name}: the state must be {STATE_TYPE} (key and counter), got {state}")
        shape = cls.checked_sizes(properties, sizes)
        dtype = dtype_of(properties["dtype"])
        if not is_float(dtype):
            raise TypeError(f"{cls.name}: draws are float32 or float64, not {dtype}")
        return tensor_type(dtype, shape)

    def size_operands(self):
        return list(self.sizes)

    def operands_with_sizes(self, sizes):
        return [self.state, *sizes]

    def lower(self, gb):
        sizes = self.result_sizes(gb)
        rank = len(sizes)
        if shape_of(self.state.type) == (None,):  # a shared variable's type: its size is checked when it runs
            gb.assert_equal(gb.dim(self.state, 0), 2, f"{self.name}: the state must hold 2 values (key and counter){self.where()}")
        # the key and the counter, and each loop's stride in the row-major element number
        index = IndexType()
        words = []
        for k in (0, 1):
            position = gb.insert(arith.ConstantOp.from_int_and_width(k, index)).results[0]
            words.append(gb.insert(tensor.ExtractOp(self.state, [position], self.state.type.element_type)).results[0])
        strides = [gb.index(1)]
        for size in reversed(sizes[1:]):
            strides.insert(0, gb.insert(arith.MuliOp(strides[0], gb.index(size))).results[0])
        inputs = [(w, []) for w in words] + [(stride, []) for stride in strides]
        init = gb.empty(self.result.type, sizes)
        dtype = dtype_of(self.result.type)
        draw = philox.DISTRIBUTIONS[self.DISTRIBUTION]

        def body(b, args, out):
            s = ScalarBuilder(b)
            key, counter = Scalar(args[0], "int64"), Scalar(args[1], "int64")
            element = s.const(0, "int64")
            for d in range(rank):
                i = s.index_to_int64(Scalar(gb.loop_index(b, d), "index"))
                element = s.add(element, s.mul(i, s.index_to_int64(Scalar(args[2 + d], "index"))))
            bits = philox.philox4x32(s, [*philox.split64(s, element), *philox.split64(s, counter)], list(philox.split64(s, key)))
            return draw(s, bits, dtype).value

        return [gb.generic(inputs, init, list(range(rank)), [PARALLEL] * rank, body)]

    def vjp(self, tb, grads):
        return [None] * len(self.operands)


@irdl_op_definition
class RandomUniformOp(RandomOp):
    """Independent draws from the uniform distribution on [0, 1) (53 random bits for float64, 24 for float32)."""

    name = "irtk.random_uniform"
    DISTRIBUTION: ClassVar[str] = "uniform"


@irdl_op_definition
class RandomNormalOp(RandomOp):
    """Independent draws from the standard normal distribution (Box-Muller on two uniforms)."""

    name = "irtk.random_normal"
    DISTRIBUTION: ClassVar[str] = "normal"


register(RandomUniformOp, Frontend(kind="custom"))
register(RandomNormalOp, Frontend(kind="custom"))

__all__ = ["RandomOp", "RandomUniformOp", "RandomNormalOp", "STATE_TYPE"]
