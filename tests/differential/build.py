"""A program's steps as irtk calls: building the graph, and the same call as source text for the snippet.

Both come from one table, so the snippet a failure prints is exactly the graph that failed.
"""

from __future__ import annotations

from irtk import tensor as T

from .ops import BY_NAME
from .program import Program, Step, array_source


def call(op: str, params: dict) -> tuple[str, str]:
    """(callee, extra arguments) of a step: `T.sum(x, axis=(0,), keepdims=False)` is ("T.sum", "axis=(0,), ...")."""
    family = BY_NAME[op].family if op in BY_NAME else op
    if family in ("unary", "binary", "switch"):
        return f"T.{op}", ""
    if family in ("reduce", "cumulative", "softmax", "clip", "cast", "reshape", "dot"):
        target = f"T.nnet.{op}" if family == "softmax" else f"T.{op}"
        return target, ", ".join(f"{k}={v!r}" for k, v in params.items())
    raise ValueError(f"no call form for {op}")


def build(step: Step, operands: list) -> object:
    """The irtk variable of one step, from the variables of its operands."""
    p = step.params
    if step.op == "constant":
        return T.constant(p["value"])
    if step.op == "dimshuffle":
        return operands[0].dimshuffle(*p["pattern"])
    if step.op == "subtensor":
        return operands[0][p["key"]]
    callee, _ = call(step.op, p)
    fn = T.nnet if callee.startswith("T.nnet.") else T
    return getattr(fn, callee.rsplit(".", 1)[1])(*operands, **p)


def source(step: Step, name: str, operand_names: list[str]) -> str:
    p = step.params
    if step.op == "constant":
        return f"{name} = T.constant({array_source(p['value'])})"
    if step.op == "dimshuffle":
        return f"{name} = {operand_names[0]}.dimshuffle({', '.join(map(repr, p['pattern']))})"
    if step.op == "subtensor":
        return f"{name} = {operand_names[0]}[{_key_source(p['key'])}]"
    callee, extra = call(step.op, p)
    return f"{name} = {callee}({', '.join(operand_names + ([extra] if extra else []))})"


def _key_source(key: tuple) -> str:
    def part(k):
        if isinstance(k, slice):
            return ":".join("" if v is None else str(v) for v in (k.start, k.stop, k.step))
        return str(k)

    return ", ".join(part(k) for k in key) + ("," if len(key) == 1 else "")


def replay(program: Program, inputs: list) -> list:
    """The program's outputs rebuilt on other input variables (each given the original's broadcast pattern)."""
    values = [T.patternbroadcast(v, orig.var.broadcastable) for v, orig in zip(inputs, program.inputs, strict=True)]
    for step in program.steps:
        values.append(build(step, [values[i] for i in step.args]))
    return [values[i] for i in program.outputs]
