"""Scalar arithmetic by dtype: the building blocks that lowerings put inside `linalg.generic` bodies.

One function per operation picks the arith/math op for a dtype (`addf` for floats, `addi` for
integers, ...), so that op families describe their scalar semantics once, independent of dtype.
"""

from __future__ import annotations

from xdsl.builder import Builder
from xdsl.dialects import arith
from xdsl.dialects.builtin import FloatAttr, IntegerAttr, IntegerType, Signedness
from xdsl.ir import SSAValue

from irtk.dialects.irtk.types import element_type, is_float

#: The signless integer type that arith computes on for a (possibly unsigned) dtype.
_WIDTH = {"bool": 1, "int8": 8, "int16": 16, "int32": 32, "int64": 64,
          "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64}


def scalar_type(dtype: str):
    """The arith type of a dtype: signless integers (signedness lives in the choice of op)."""
    if dtype in _WIDTH:
        return IntegerType(_WIDTH[dtype])
    return element_type(dtype)


def _unsigned(dtype: str) -> bool:
    return dtype.startswith("uint") or dtype == "bool"


def constant(b: Builder, value: float | int, dtype: str) -> SSAValue:
    t = scalar_type(dtype)
    attr = FloatAttr(float(value), t) if is_float(dtype) else IntegerAttr(int(value), t)
    return b.insert(arith.ConstantOp(attr, t)).result


def cast(b: Builder, x: SSAValue, src: str, dst: str) -> SSAValue:
    """Convert a scalar from dtype `src` to dtype `dst` with numpy's `astype` semantics."""
    if src == dst:
        return x
    t = scalar_type(dst)
    if is_float(src) and is_float(dst):
        op = arith.ExtFOp(x, t) if _bits(dst) > _bits(src) else arith.TruncFOp(x, t)
    elif is_float(dst):
        op = arith.UIToFPOp(x, t) if _unsigned(src) else arith.SIToFPOp(x, t)
    elif dst == "bool":
        zero = constant(b, 0, src)
        pred = "une" if is_float(src) else "ne"
        op = arith.CmpfOp(x, zero, pred) if is_float(src) else arith.CmpiOp(x, zero, pred)
    elif is_float(src):
        op = arith.FPToUIOp(x, t) if _unsigned(dst) else arith.FPToSIOp(x, t)
    elif _bits(dst) > _bits(src):
        op = arith.ExtUIOp(x, t) if _unsigned(src) else arith.ExtSIOp(x, t)
    elif _bits(dst) < _bits(src):
        op = arith.TruncIOp(x, t)
    else:
        return x  # same width, signedness only: the bits are unchanged
    return b.insert(op).results[0]


def _bits(dtype: str) -> int:
    return _WIDTH.get(dtype) or {"float32": 32, "float64": 64}[dtype]


def add(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    """`x + y`; for booleans numpy's `+` is logical or."""
    if dtype == "bool":
        return b.insert(arith.OrIOp(x, y)).result
    return b.insert(arith.AddfOp(x, y) if is_float(dtype) else arith.AddiOp(x, y)).result


def sub(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    return b.insert(arith.SubfOp(x, y) if is_float(dtype) else arith.SubiOp(x, y)).result


def mul(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    """`x * y`; for booleans numpy's `*` is logical and."""
    if dtype == "bool":
        return b.insert(arith.AndIOp(x, y)).result
    return b.insert(arith.MulfOp(x, y) if is_float(dtype) else arith.MuliOp(x, y)).result


def div(b: Builder, x: SSAValue, y: SSAValue, dtype: str) -> SSAValue:
    if not is_float(dtype):
        raise TypeError(f"true division needs a floating-point dtype, got {dtype}")
    return b.insert(arith.DivfOp(x, y)).result


def neg(b: Builder, x: SSAValue, dtype: str) -> SSAValue:
    if is_float(dtype):
        return b.insert(arith.NegfOp(x)).result
    return sub(b, constant(b, 0, dtype), x, dtype)


__all__ = ["scalar_type", "constant", "cast", "add", "sub", "mul", "div", "neg", "Signedness"]
