"""exp, expm1, log, log1p and tanh in emitted C++: calls of `irtk_math.h`, which a kernel embeds when it needs it.

Why not `std::exp`: the C library's functions are opaque scalar calls, so a loop that calls one cannot be
vectorized; `irtk_math.h` (irtk/runtime/include) implements these five for float and double as branch-free
inline code that g++ vectorizes, within 1 ulp (tanh: 1.5). The FAST_COMPILE evaluator computes them with the
same header, compiled into `irtk._native` with the kernels' floating-point flags, so both modes give the same
bits. The header's text goes into a module's source only when the module calls one of them: its 300 lines
would otherwise lengthen every compile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from xdsl.dialects import math
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation

from irtk.codegen.scalars import is_float
from irtk.dialects.op_lookup import entry_for

if TYPE_CHECKING:
    from irtk.codegen.cstyle import CStylePrinter

#: The header, shipped inside the package next to irtk_abi.h.
MATH_HEADER: Path = Path(__file__).parent.parent / "runtime" / "include" / "irtk_math.h"

#: The math ops `irtk_math.h` implements, by the name of their C function (the header's is `irtk_` + it).
VECTOR_MATH: dict[type[Operation], str] = {
    math.ExpOp: "exp",
    math.ExpM1Op: "expm1",
    math.LogOp: "log",
    math.Log1pOp: "log1p",
    math.TanhOp: "tanh",
}


def math_header() -> str:
    """The text of irtk_math.h."""
    return MATH_HEADER.read_text()


def calls_vector_math(op: Operation) -> bool:
    """Whether `op` is printed as a call of `irtk_math.h`: one of its functions on f32 or f64."""
    return entry_for(VECTOR_MATH, op) is not None and is_float(op.results[0].type)


def uses_vector_math(module: ModuleOp) -> bool:
    """Whether any op of `module` calls `irtk_math.h`, so that its source needs the header."""
    return any(calls_vector_math(op) for op in module.walk())


def vector_math_call(function: str) -> Callable[[CStylePrinter, Operation, list[str]], str]:
    """The expression printer of `function`: `irtk_exp(x)` on f32/f64 (the overload of x's type), the
    target's `<cmath>` function otherwise."""

    def render(p: CStylePrinter, op: Operation, a: list[str]) -> str:
        name = f"irtk_{function}" if calls_vector_math(op) else p.math_function(function)
        return f"{name}({', '.join(a)})"

    return render
