"""Which level of the lowering a module has reached, so that a pipeline that stops short fails clearly.

A mode's own pipeline always ends where the mode needs the IR: FAST_RUN prints loops as C++, the FAST_COMPILE
evaluator runs the structured level. A user's pipeline (`Mode(pipeline=...)`, the `pipeline` flag) may end
anywhere; without this check a pipeline missing `lower-to-loops` would fail inside the C++ emitter with a message
about some op it cannot print, far from the cause.

The levels, from docs/architecture.md:
- tensor: irtk ops (or a plugin's ops on tensors) remain;
- structured: linalg, irtk_ext, tensor and scf ops on tensors;
- bufferized: linalg or irtk_ext ops on memrefs;
- loop: scf, memref, arith, math, func, cf (and `irtk_blas` calls on memrefs) only.
"""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp, TensorType

LEVELS = ("tensor", "structured", "bufferized", "loop")
#: Dialects with ops on tensors below the tensor level (anything else on tensors is a tensor-level op).
_STRUCTURED_DIALECTS = {"builtin", "func", "arith", "math", "complex", "scf", "cf", "tensor", "linalg", "irtk_ext",
                        "irtk_blas", "bufferization", "memref"}
#: The level each mode's compilation needs.
NEEDED = {"FAST_RUN": "loop", "FAST_COMPILE": "structured"}


def level_of(module: ModuleOp) -> tuple[str, str | None]:
    """(the lowest level `module` is entirely below, the name of an op that keeps it at that level or None)."""
    structured = bufferized = None
    for op in module.walk():
        if op is module:
            continue
        dialect = op.name.split(".", 1)[0]
        on_tensors = any(isinstance(v.type, TensorType) for v in (*op.operands, *op.results)) or any(
            isinstance(a.type, TensorType) for r in op.regions for b in r.blocks for a in b.args
        )
        if dialect == "irtk" or (on_tensors and dialect not in _STRUCTURED_DIALECTS):
            return "tensor", op.name
        if on_tensors:
            structured = structured or op.name
        elif dialect in ("linalg", "irtk_ext"):
            bufferized = bufferized or op.name
    if structured:
        return "structured", structured
    if bufferized:
        return "bufferized", bufferized
    return "loop", None


def check_level(module: ModuleOp, mode: str, pipeline: str) -> None:
    """Raise ValueError unless `pipeline` left `module` at the level `mode` needs, saying where it stopped."""
    needed = NEEDED[mode]
    level, op_name = level_of(module)
    if level == needed:
        return
    where = f"the {level} level" + (f" ({op_name} remains)" if op_name else "")
    if LEVELS.index(level) < LEVELS.index(needed):
        end = "'fast-run' (or 'lower-to-structured,bufferize,lower-to-loops')" if mode == "FAST_RUN" else \
            "'fast-compile' (or 'lower-to-structured')"
        raise ValueError(f"pipeline {pipeline!r} stops at {where}, but {mode} needs the {needed} level: end the "
                         f"pipeline with {end}")
    raise ValueError(f"pipeline {pipeline!r} goes on to {where}, but {mode} evaluates the {needed} level (its "
                     "last pass should be lower-to-structured, as in 'fast-compile'); for loops, use FAST_RUN")
