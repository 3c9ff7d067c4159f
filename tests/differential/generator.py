"""Hypothesis strategies for random irtk programs, built together with their numpy reference.

A program draws a "universe" shape (rank up to 3, sizes 0 to 4); each input's shape is a suffix of it, some
dimensions broadcastable (static size 1), so most pairs of values broadcast together. Then it applies a few ops,
each to values that meet its preconditions, which the generator checks on the reference arrays it computes as it
goes: a reduction with max or argmax never meets an empty axis, an integer power never a negative exponent, a
float is cast to an integer only when it is finite and in range, and ops whose result a last-bit difference
could flip (comparisons, roundings, casts to integers) only see values numpy and irtk compute bit for bit.

Values mix ordinary numbers with special ones (0, -0.0, inf, nan, huge, tiny and subnormal, halves for
rounding, integer extremes that overflow). Each step's irtk type is checked against the reference at once, so a
wrong dtype rule or static shape is reported at the step that made it.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from . import reference
from .build import build, source
from .ops import OPS, SMOOTH, BY_NAME, OpSpec
from .program import Program, Step, Value

DTYPES = ["float64", "float32", "int64", "int32", "int8", "uint8", "bool"]
SIZES = [2, 3, 1, 2, 3, 4, 0]


class GenerationFailure(AssertionError):
    """irtk refused, or typed differently from numpy, a step that numpy accepts."""


def specials(dtype: np.dtype) -> list:
    if dtype.kind == "f":
        huge, tiny = (1e300, 5e-324) if dtype.itemsize == 8 else (1e30, 1e-45)
        return [0.0, -0.0, np.inf, -np.inf, np.nan, huge, -huge, tiny, -tiny, 1e-310 if dtype.itemsize == 8 else 1e-40,
                0.5, -0.5, 1.5, -2.5, 1.0, -1.0]
    if dtype.kind == "b":
        return [False, True]
    info = np.iinfo(dtype)
    return [info.min, info.max, 0, 1, info.max - 1, info.min + 1, -1 if dtype.kind == "i" else 2]


def array(rng: np.random.Generator, dtype: str, shape: tuple, special_rate: float, smooth: bool) -> np.ndarray:
    dt = np.dtype(dtype)
    if smooth:
        return rng.uniform(-1.0, 1.0, shape).astype(dt)
    if dt.kind == "f":
        plain = rng.uniform(-3, 3, shape) if rng.random() < 0.5 else rng.integers(-8, 9, shape) / 2
    elif dt.kind == "b":
        plain = rng.random(shape) < 0.5
    else:
        plain = rng.integers(0 if dt.kind == "u" else -5, 6, shape)
    out = np.asarray(plain).astype(dt)
    pick = rng.random(shape) < special_rate
    if pick.any():
        out[pick] = rng.choice(np.array(specials(dt), dtype=dt), size=int(pick.sum()))
    return out


def broadcastable_together(values: list[Value]) -> bool:
    """Theano's rule on run-time shapes: sizes agree, or the one that differs is statically broadcastable."""
    rank = max(v.ref.ndim for v in values)
    padded = [((True,) * (rank - v.ref.ndim) + v.var.broadcastable, (1,) * (rank - v.ref.ndim) + v.ref.shape) for v in values]
    return all(len({s[d] for b, s in padded if not (b[d] and s[d] == 1)}) <= 1 for d in range(rank))


def usable(v: Value, spec: OpSpec) -> bool:
    transcendental = not spec.exact and spec.family in ("unary", "binary")
    return (v.ref.dtype.kind in spec.kinds and (spec.continuous or v.exact or v.ref.dtype.kind != "f")
            and not (transcendental and v.narrow))


class ProgramBuilder:
    def __init__(self, draw, label: str, smooth: bool):
        self.draw, self.smooth = draw, smooth
        self.program = Program(label)
        self.rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        self.special_rate = 0.0 if smooth else draw(st.sampled_from([0.0, 0.15, 0.5]))

    # ---------------------------------------------------------------- values

    def name(self) -> str:
        return f"{self.program.label}_{len(self.program.values)}"

    def add_input(self, universe: tuple, dtype: str) -> None:
        draw = self.draw
        rank = draw(st.integers(0, len(universe)))
        pattern = tuple(draw(st.sampled_from([False, False, False, True])) for _ in range(rank))
        shape = tuple(1 if b else n for b, n in zip(pattern, universe[len(universe) - rank:]))
        from irtk import tensor as T

        name = self.name()
        v = Value(T.TensorType(dtype, pattern)(name), array(self.rng, dtype, shape, self.special_rate, self.smooth), name,
                  narrow=dtype == "bool")
        self.program.inputs.append(v)
        self.program.values.append(v)

    def constant(self, dtype: np.dtype) -> int:
        value = array(self.rng, str(dtype), (), self.special_rate, self.smooth)
        return self.apply("constant", (), {"value": value}, exact=True, smooth=True)

    def constant_at(self, i: int) -> bool:
        k = i - len(self.program.inputs)
        return k >= 0 and self.program.steps[k].op == "constant"

    def zero(self, i: int) -> bool:
        """Whether value i is a constant zero."""
        return self.constant_at(i) and not self.program.values[i].ref.any()

    def pick(self, candidates: list[int]) -> int | None:
        return self.draw(st.sampled_from(candidates)) if candidates else None

    def candidates(self, spec: OpSpec, test=lambda v: True) -> list[int]:
        return [i for i, v in enumerate(self.program.values) if usable(v, spec) and test(v)]

    # ---------------------------------------------------------------- applying a step

    def apply(self, op: str, args: tuple, params: dict, exact: bool | None = None, smooth: bool | None = None) -> int:
        prog, spec = self.program, BY_NAME.get(op)
        operands = [prog.values[i] for i in args]
        step = Step(op, tuple(args), params, "")
        name = self.name()
        step.text = source(step, name, [v.name for v in operands])
        ref = reference.evaluate(op, [v.ref for v in operands], params)
        try:
            var = build(step, [v.var for v in operands])
        except Exception as e:
            raise GenerationFailure(self.failure(step, f"irtk refused the step: {type(e).__name__}: {e}")) from e
        if var.dtype != str(ref.dtype) or var.ndim != ref.ndim or any(
                b and n != 1 for b, n in zip(var.broadcastable, ref.shape)):
            raise GenerationFailure(self.failure(
                step, f"irtk types {name} as {var.dtype}{var.broadcastable}, numpy gives {ref.dtype}{ref.shape}"))
        integral = ref.dtype.kind != "f" and all(v.ref.dtype.kind != "f" for v in operands)
        exact_result = all(v.exact for v in operands) and (integral or (spec.exact if exact is None else exact))
        value = Value(var, ref, name,
                      exact=exact_result,
                      loose=any(v.loose for v in operands) or (not exact_result and "float32" in (
                          str(ref.dtype), *(str(v.ref.dtype) for v in operands))),
                      blas=any(v.blas for v in operands) or op == "dot",
                      smooth=all(v.smooth for v in operands) and (spec.smooth if smooth is None else smooth),
                      narrow=ref.dtype.kind == "b" or (op in ("clip", "sgn") and ref.dtype.kind in "iu")
                      or (op in ("cast", "neg", "abs", "dimshuffle", "subtensor", "reshape") and operands[0].narrow)
                      or (ref.dtype.kind in "iu" and spec is not None and spec.exact and operands
                          and all(v.narrow or self.constant_at(i) for v, i in zip(operands, args))))
        prog.steps.append(step)
        prog.values.append(value)
        return len(prog.values) - 1

    def failure(self, step: Step, why: str) -> str:
        prog = self.program
        saved = list(prog.steps)
        prog.steps.append(step)
        text = prog.snippet().split("arrays = ")[0]
        prog.steps[:] = saved
        return f"{why}\n--- program ---\n{text}"

    # ---------------------------------------------------------------- one random step

    def step(self, spec: OpSpec) -> None:
        getattr(self, f"_{spec.family}")(spec)

    def _unary(self, spec):
        if (a := self.pick(self.candidates(spec))) is not None:
            self.apply(spec.name, (a,), {})

    def _partner(self, spec, values, test=lambda v: True) -> int | None:
        """A value that broadcasts with `values`, or a new scalar constant of the first one's dtype."""
        if self.draw(st.sampled_from([False, False, True])) and values[0].ref.dtype.kind in spec.kinds:
            return self.constant(values[0].ref.dtype)
        return self.pick(self.candidates(spec, lambda v: test(v) and broadcastable_together([*values, v])))

    def _binary(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        va = self.program.values[a]
        if (b := self._partner(spec, [va])) is None:
            return
        vb = self.program.values[b]
        if spec.name == "pow" and np.result_type(va.ref, vb.ref).kind in "iu" and not (vb.ref >= 0).all():
            return
        if spec.name in ("and_", "or_", "xor") and np.result_type(va.ref, vb.ref).kind == "f":
            return
        if spec.name == "mul" and np.result_type(va.ref, vb.ref).kind == "f" and (self.zero(a) or self.zero(b)):
            return  # canonicalize rewrites `0 * x` to 0, dropping the NaN of 0 * inf (irtk/dialects/irtk/identities.py)
        self.apply(spec.name, (a, b), {})

    def _switch(self, spec):
        if (c := self.pick(self.candidates(spec))) is None:
            return
        vc = self.program.values[c]
        anything = OpSpec("any", "", "biuf")
        if (a := self.pick(self.candidates(anything, lambda v: broadcastable_together([vc, v])))) is None:
            return
        va = self.program.values[a]
        if (b := self.pick(self.candidates(anything, lambda v: broadcastable_together([vc, va, v])))) is not None:
            self.apply("switch", (c, a, b), {})

    def _clip(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        kind = self.program.values[a].ref.dtype.kind
        low = self.draw(st.sampled_from([0, 1, 2] if kind == "u" else [-1, 0, -3]))
        high = low + self.draw(st.sampled_from([0, 1, 2, 4]))
        if kind == "f":
            low, high = low - 0.5, high + 0.25
        dtype = self.program.values[a].ref.dtype.type  # numpy scalars keep x's dtype (Python numbers autocast)
        self.apply("clip", (a,), {"min_value": dtype(low), "max_value": dtype(high)}, smooth=False)

    def _cast(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        x = self.program.values[a].ref
        dtype = np.dtype(self.draw(st.sampled_from(DTYPES)))
        if x.dtype.kind == "f" and dtype.kind in "iu":
            info = np.iinfo(dtype)
            if not (np.isfinite(x).all() and (x >= info.min).all() and (x < info.max).all()):
                return
        self.apply("cast", (a,), {"dtype": str(dtype)})

    def _axes(self, x: np.ndarray, single: bool):
        if x.ndim == 0 or self.draw(st.booleans()):
            return None
        if single:
            return (self.draw(st.integers(0, x.ndim - 1)),)
        chosen = [d for d in range(x.ndim) if self.draw(st.booleans())]
        return tuple(chosen) or (x.ndim - 1,)

    def _reduce(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        x = self.program.values[a].ref
        axis = self._axes(x, single=spec.name in ("argmax", "argmin"))
        reduced = x.shape if axis is None else [x.shape[d] for d in axis]
        if spec.name in ("max", "min", "argmax", "argmin") and 0 in reduced:
            return
        self.apply(spec.name, (a,), {"axis": axis, "keepdims": self.draw(st.booleans())})

    def _cumulative(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        x = self.program.values[a].ref
        axis = None if x.ndim == 0 or self.draw(st.booleans()) else self.draw(st.integers(0, x.ndim - 1))
        self.apply(spec.name, (a,), {"axis": axis})

    def _softmax(self, spec):
        if (a := self.pick(self.candidates(spec, lambda v: v.ref.ndim >= 1))) is None:
            return
        self.apply(spec.name, (a,), {"axis": self.draw(st.integers(0, self.program.values[a].ref.ndim - 1))})

    def _dimshuffle(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        v = self.program.values[a]
        kept = [d for d in range(v.ref.ndim) if not (v.var.broadcastable[d] and self.draw(st.booleans()))]
        pattern: list = list(self.draw(st.permutations(kept)))
        for _ in range(self.draw(st.integers(0, max(0, min(2, 3 - len(pattern)))))):
            pattern.insert(self.draw(st.integers(0, len(pattern))), "x")
        self.apply("dimshuffle", (a,), {"pattern": tuple(pattern)})

    def _subtensor(self, spec):
        if (a := self.pick(self.candidates(spec, lambda v: v.ref.ndim >= 1))) is None:
            return
        x = self.program.values[a].ref
        key = []
        for n in x.shape[: self.draw(st.integers(1, x.ndim))]:
            if n > 0 and self.draw(st.integers(0, 3)) == 0:
                key.append(self.draw(st.integers(-n, n - 1)))
                continue
            bound = st.one_of(st.none(), st.integers(-n - 1, n + 1))
            key.append(slice(self.draw(bound), self.draw(bound), self.draw(st.sampled_from([None, 1, 2, -1, -2, 3]))))
        self.apply("subtensor", (a,), {"key": tuple(key)})

    def _reshape(self, spec):
        if (a := self.pick(self.candidates(spec))) is None:
            return
        total = self.program.values[a].ref.size
        rank = self.draw(st.integers(0 if total == 1 else 1, 3))
        shape, left = [], total
        for d in range(rank - 1):
            divisors = [k for k in range(1, 5) if left % k == 0] if left else [0, 1, 2, 3]
            shape.append(self.draw(st.sampled_from(divisors)))
            left = left // shape[-1] if shape[-1] else 0
        if rank:
            shape.append(left if (total or 0 in shape) else 0)
            if total and self.draw(st.booleans()):
                shape[self.draw(st.integers(0, rank - 1))] = -1
        if not total and rank and 0 not in shape:
            return
        self.apply("reshape", (a,), {"newshape": tuple(shape)})

    def _dot(self, spec):
        def matrixlike(v):
            return v.ref.ndim in (1, 2) and v.ref.dtype.kind != "b"

        if (a := self.pick(self.candidates(spec, matrixlike))) is None:
            return
        va = self.program.values[a]
        m, bm = va.ref.shape[-1], va.var.broadcastable[-1]
        if (b := self.pick(self.candidates(spec, lambda v: matrixlike(v) and v.ref.shape[0] == m
                                            and v.var.broadcastable[0] == bm))) is not None:
            self.apply("dot", (a, b), {})


@st.composite
def programs(draw, label: str = "p", smooth: bool = False, max_steps: int = 5, without: tuple = ()) -> Program:
    """A random program: 1-3 inputs, 1-`max_steps` ops, 1-2 outputs. `smooth`: float64 inputs in [-1, 1] and
    differentiable ops only, for the gradient check. `without`: ops not to use."""
    b = ProgramBuilder(draw, label, smooth)
    universe = tuple(draw(st.sampled_from(SIZES)) for _ in range(draw(st.integers(0, 3))))
    dtypes = ["float64"] if smooth else DTYPES
    for _ in range(draw(st.integers(1, 3))):
        b.add_input(universe, draw(st.sampled_from(dtypes)))
    ops = [op for op in (SMOOTH if smooth else OPS) if op.name not in without]
    for _ in range(draw(st.integers(1, max_steps))):
        b.step(draw(st.sampled_from(ops)))
    prog = b.program
    made = list(range(len(prog.inputs), len(prog.values)))
    if not made:
        made = [b.apply("neg" if prog.inputs[0].ref.dtype.kind != "b" else "invert", (0,), {})]
    prog.outputs = sorted({made[-1], draw(st.sampled_from(made))})
    return prog
