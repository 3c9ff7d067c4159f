"""`irtk.constant`: a tensor literal, `irtk.constant dense<[1.0, 2.0]> : tensor<2xf64>`."""

from __future__ import annotations

import numpy as np
from xdsl.dialects.builtin import DenseIntOrFPElementsAttr, TensorType
from xdsl.interfaces import HasFolderInterface
from xdsl.irdl import irdl_op_definition, prop_def, result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import ConstantLike, Pure
from xdsl.utils.exceptions import VerifyException

from irtk.dialects.irtk.base import TensorOp
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type


def dense_attr(value: np.ndarray) -> DenseIntOrFPElementsAttr:
    """The dense attribute of a numpy array (a splat when all elements are equal, bit for bit: -0.0 is not 0.0)."""
    value = np.asarray(value)
    t = tensor_type(str(value.dtype), value.shape)
    flat = value.reshape(-1)
    if flat.size > 1 and flat.tobytes() == np.repeat(flat[:1], flat.size).tobytes() and not np.isnan(flat[0]).any():
        flat = flat[:1]
    if value.dtype.kind == "c":  # xDSL holds a complex element as its (re, im) pair
        data = [(float(v.real), float(v.imag)) for v in flat]
    else:
        data = [bool(v) if value.dtype == np.bool_ else v.item() for v in flat]
    if value.dtype == np.bool_:
        data = [int(v) for v in data]
    return DenseIntOrFPElementsAttr.from_list(t, data)


def dense_value(attr: DenseIntOrFPElementsAttr) -> np.ndarray:
    """The numpy array a dense attribute holds."""
    dtype = dtype_of(attr.type)
    shape = shape_of(attr.type)
    elements = attr.get_values()
    if np.dtype(dtype).kind == "c":
        elements = [complex(re, im) for re, im in elements]
    values = np.asarray(elements, dtype=dtype)
    if values.size == 1:
        return np.full(shape, values.reshape(-1)[0], dtype=dtype)
    return values.reshape(shape)


@irdl_op_definition
class ConstantOp(TensorOp, HasFolderInterface):
    """A constant tensor of static shape."""

    name = "irtk.constant"
    value = prop_def(DenseIntOrFPElementsAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ConstantLike())

    def __init__(self, value: DenseIntOrFPElementsAttr):
        super().__init__(properties={"value": value}, result_types=[value.type])

    @classmethod
    def from_array(cls, value: np.ndarray) -> ConstantOp:
        return cls(dense_attr(value))

    def verify_(self) -> None:
        if self.value.type != self.result.type:
            raise VerifyException(f"irtk.constant: value type {self.value.type} differs from result type {self.result.type}")
        dtype_of(self.result.type)

    def fold(self):
        return (self.value,)

    @property
    def array(self) -> np.ndarray:
        return dense_value(self.value)

    def is_splat_of(self, x: float) -> bool:
        values = self.value.get_values()
        return len(set(values)) == 1 and values[0] == x

    def lower(self, gb):
        """A dense `arith.constant` tensor (bufferize turns it into a global)."""
        from xdsl.dialects import arith

        return [gb.insert(arith.ConstantOp(self.value, self.result.type)).results[0]]

    def vjp(self, tb, grads):
        return []

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        start = parser.pos
        value = parser.parse_attribute()
        if not isinstance(value, DenseIntOrFPElementsAttr):
            parser.raise_error("expected a dense elements attribute, e.g. dense<1.0> : tensor<f64>", start)
        op = cls(value)
        op.attributes.update(parser.parse_optional_attr_dict())
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_attribute(self.value)
        printer.print_op_attributes(self.attributes)


register(ConstantOp, Frontend(kind="custom"))
