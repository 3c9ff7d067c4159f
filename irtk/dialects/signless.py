"""Signless integers below the tensor level, and the dtypes a function still owes its caller.

The irtk dialect types a uint8 tensor `tensor<?xui8>`, because its ops' type rules need the signedness (uint8
meets int8 as int16). Below it, MLIR's way holds: integers are signless (`tensor<?xi8>`, `memref<?xi8>`), and
signedness lives only in the choice of op (`divui`, `cmpi ult`, `uitofp`), which each op's structured form
picks from its irtk-level dtypes while it is lowered. `lower-to-structured` then erases the signedness from
every type (`to_signless`), so that `linalg.generic` bodies, whose block arguments are signless, match their
operands' element types, and every later level is plain MLIR.

Only the caller still needs to know: a uint8 function must refuse an int8 array and return uint8 arrays. So
each function argument and result whose type lost its signedness carries the attribute `irtk.dtype` with the
numpy dtype it had (`func.func @main(%x: tensor<?xi8> {irtk.dtype = "uint8"}) -> (tensor<?xi8> {irtk.dtype =
"uint8"})`): an ordinary discardable attribute, which keeps the IR valid for any MLIR tool, and which only the
two ends of a call read (the C++ entry point's signature, `irtk.codegen.cpp.signature`, and the FAST_COMPILE
evaluator's argument checks and results, both through `boundary_types`). Passes keep it, since they change a
function's types in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import arith, func
from xdsl.dialects.builtin import (
    ArrayAttr,
    DenseIntOrFPElementsAttr,
    DictionaryAttr,
    FunctionType,
    IntegerAttr,
    IntegerType,
    MemRefType,
    ModuleOp,
    Signedness,
    StringAttr,
    TensorType,
)
from xdsl.ir import Attribute
from xdsl.rewriter import Rewriter

from irtk.dialects.irtk.types import dtype_of, element_type

#: The argument or result attribute naming the numpy dtype of a value whose type is signless.
DTYPE_ATTR = "irtk.dtype"


def signless_type(t: Attribute) -> Attribute:
    """`t` with an unsigned integer type (or element type) made signless: `ui8` is `i8`, `tensor<?xui8>` is
    `tensor<?xi8>`; any other type as it is."""
    if isinstance(t, IntegerType):
        return IntegerType(t.width.data) if t.signedness.data != Signedness.SIGNLESS else t
    if isinstance(t, (TensorType, MemRefType)):
        element = signless_type(t.element_type)
        return t if element == t.element_type else _with_element(t, element)
    return t


def to_signless(module: ModuleOp) -> None:
    """Make every type in `module` signless: values, constants and function types. A function's argument or
    result that changes type gets `irtk.dtype` with its former dtype."""
    for op in module.walk():
        for result in list(op.results):
            if signless_type(result.type) != result.type:
                Rewriter.replace_value_with_new_type(result, signless_type(result.type))
        for region in op.regions:
            for block in region.blocks:
                for arg in list(block.args):
                    if signless_type(arg.type) != arg.type:
                        Rewriter.replace_value_with_new_type(arg, signless_type(arg.type))
        if isinstance(op, arith.ConstantOp):
            _constant_to_signless(op)
        elif isinstance(op, func.FuncOp):
            _function_to_signless(op)


def _constant_to_signless(op: arith.ConstantOp) -> None:
    value = op.value
    if isinstance(value, DenseIntOrFPElementsAttr) and signless_type(value.type) != value.type:
        op.value = DenseIntOrFPElementsAttr(signless_type(value.type), value.data)  # the same bytes
    elif isinstance(value, IntegerAttr) and signless_type(value.type) != value.type:
        width = value.type.width.data
        bits = value.value.data & ((1 << width) - 1)
        op.value = IntegerAttr(bits, signless_type(value.type))


def _function_to_signless(op: func.FuncOp) -> None:
    inputs, outputs = op.function_type.inputs.data, op.function_type.outputs.data
    if all(signless_type(t) == t for t in (*inputs, *outputs)):
        return
    op.arg_attrs = _marked(op.arg_attrs, inputs)
    op.res_attrs = _marked(op.res_attrs, outputs)
    op.function_type = FunctionType.from_lists([signless_type(t) for t in inputs], [signless_type(t) for t in outputs])


def _marked(attrs: ArrayAttr[DictionaryAttr] | None, types: Sequence[Attribute]) -> ArrayAttr[DictionaryAttr] | None:
    """The argument (or result) attributes, with `irtk.dtype` on each whose type becomes signless."""
    if attrs is None and all(signless_type(t) == t for t in types):
        return None
    dicts = list(attrs.data) if attrs is not None else [DictionaryAttr({}) for _ in types]
    out = []
    for d, t in zip(dicts, types):
        entries = dict(d.data)
        if signless_type(t) != t:
            entries[DTYPE_ATTR] = StringAttr(dtype_of(_element(t)))
        out.append(DictionaryAttr(entries))
    return ArrayAttr(out)


def _element(t: Attribute) -> Attribute:
    return t.element_type if isinstance(t, (TensorType, MemRefType)) else t


def boundary_types(function: func.FuncOp) -> tuple[list[Attribute], list[Attribute]]:
    """The function's argument and result types as its caller sees them: a type marked with `irtk.dtype`
    has that dtype's element type back (`memref<?xi8> {irtk.dtype = "uint8"}` is `memref<?xui8>`)."""
    inputs, outputs = function.function_type.inputs.data, function.function_type.outputs.data
    return _with_dtypes(inputs, function.arg_attrs), _with_dtypes(outputs, function.res_attrs)


def _with_dtypes(types: Sequence[Attribute], attrs: ArrayAttr[DictionaryAttr] | None) -> list[Attribute]:
    if attrs is None:
        return list(types)
    out = []
    for t, d in zip(types, attrs.data):
        dtype = d.data.get(DTYPE_ATTR)
        if dtype is None:
            out.append(t)
            continue
        element = element_type(dtype.data) if isinstance(dtype, StringAttr) else None
        if element is None or signless_type(element) != _element(t):
            raise TypeError(f"{DTYPE_ATTR} = {dtype} does not name a dtype whose signless type is {_element(t)}")
        out.append(_with_element(t, element))
    return out


def _with_element(t: Attribute, element: Attribute) -> Attribute:
    """A tensor or memref type like `t` with another element type (a scalar type: that type)."""
    if isinstance(t, TensorType):
        return TensorType(element, t.get_shape(), t.encoding)
    if isinstance(t, MemRefType):
        return MemRefType(element, t.get_shape(), t.layout, t.memory_space)
    return element
