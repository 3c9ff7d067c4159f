"""Scalar functions of the C math library that no MLIR op names (`tgamma`, `lgamma`), called the MLIR way.

A body calls one as `func.call @lgamma(%x) : (f64) -> f64` (`@lgammaf` for f32, as the C library spells
it), and the module declares it: `func.func private @lgamma(f64) -> f64`. That is how MLIR code reaches the C
library, so the IR stays valid for `mlir-opt` and links against libm when MLIR's own tools run it. The C++
emitter prints the call as a call of the C function; the FAST_COMPILE evaluator calls the same function
through `irtk.evaluator.libm`.

Bodies are built before their generic is placed in a module, so the call is made first (`call`) and the
declaration added once the module is complete (`declare_c_functions`, which `lower-to-structured` runs).
"""

from __future__ import annotations

from xdsl.builder import Builder
from xdsl.dialects import func
from xdsl.dialects.builtin import Float32Type, Float64Type, ModuleOp, f32, f64
from xdsl.ir import SSAValue

#: The C functions a body may call, by their double-precision name, with their number of arguments.
C_FUNCTIONS: dict[str, int] = {"tgamma": 1, "lgamma": 1}


def c_name(function: str, dtype: str) -> str:
    """The C library's name of `function` for `dtype`: `lgamma` for float64, `lgammaf` for float32."""
    if function not in C_FUNCTIONS:
        raise KeyError(f"{function} is not a known C library function")
    return function + ("f" if dtype == "float32" else "")


def double_name(symbol: str) -> str | None:
    """`lgamma` for `@lgamma` and `@lgammaf`; None for a symbol that is no known C library function."""
    if symbol in C_FUNCTIONS:
        return symbol
    if symbol.endswith("f") and symbol[:-1] in C_FUNCTIONS:
        return symbol[:-1]
    return None


def is_c_declaration(function: func.FuncOp) -> bool:
    """A body-less private `func.func` declaring a known C library function with its C signature."""
    name = function.sym_name.data
    base = double_name(name)
    if base is None or function.body.blocks:
        return False
    element = f32 if name != base else f64
    ftype = function.function_type
    return list(ftype.inputs.data) == [element] * C_FUNCTIONS[base] and list(ftype.outputs.data) == [element]


def call(b: Builder, function: str, args: list[SSAValue], dtype: str) -> SSAValue:
    """`function(args...)` for float32/float64 scalars, as a `func.call` of the C library function."""
    if dtype not in ("float32", "float64"):
        raise TypeError(f"{function}: the C library function takes floats, not {dtype}")
    element = f32 if dtype == "float32" else f64
    return b.insert(func.CallOp(c_name(function, dtype), args, [element])).results[0]


def declare_c_functions(module: ModuleOp) -> None:
    """Add a private declaration for every C library function that a `func.call` in `module` names and the
    module does not define yet."""
    defined = {op.sym_name.data for op in module.ops if isinstance(op, func.FuncOp)}
    needed: dict[str, Float32Type | Float64Type] = {}
    for op in module.walk():
        if isinstance(op, func.CallOp):
            symbol = op.callee.string_value()
            base = double_name(symbol)
            if base is not None and symbol not in defined:
                needed[symbol] = f32 if symbol != base else f64
    for symbol, element in sorted(needed.items()):
        module.body.block.add_op(func.FuncOp.external(symbol, [element] * C_FUNCTIONS[double_name(symbol)], [element]))


__all__ = ["C_FUNCTIONS", "c_name", "double_name", "is_c_declaration", "call", "declare_c_functions"]
