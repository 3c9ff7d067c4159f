"""Every op family against numpy, in both modes, bit for bit between them.

For each elementwise op in the registry (`opdef.OPS`, frontend kind "elementwise"; new ops are picked up
automatically and fail until they get an oracle below), one function applies the op to operands of each dtype
of each family its dtype rule accepts (floats: float32 and float64; integers: int8, int32, int64 and bool;
unsigned integers: uint8, uint32 and uint64),
and is called on several inputs: random values in the op's domain broadcast as a (n, 1) column against a (1, m) row
(size-1 static dimensions in the tensor types), size-0 dimensions, and a table of special values (NaN, the
infinities, signed zeros, halves; the integer extremes, zero divisors). FAST_RUN (compiled C++) must give the
very bits of FAST_COMPILE (the numpy evaluator), and both must agree with numpy: within a tolerance of a
float64 oracle for float results, exactly (numpy's own integer semantics) for integer and boolean results.

The reductions (sum, prod, max, min, all, any, argmax, argmin) are checked the same way over several axes of
2-D and 3-D inputs, including NaN and ties (the first occurrence wins, as in numpy).

FAST_RUN compiles several ops' functions side by side in one module (`GROUP_SIZE`): a C++ compile costs
about half a second even for one op, and one module per op would take well over a minute.
"""

from __future__ import annotations

import math
import zlib
from concurrent.futures import Future
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pytest
import scipy.special
from conftest import MODES
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Region
from xdsl.rewriter import InsertPoint

import irtk.dialects.irtk  # noqa: F401 (defines the built-in ops)
from irtk.compiler import compile_module
from irtk.dialects.irtk.builder import TensorBuilder
from irtk.dialects.irtk.opdef import OPS
from irtk.dialects.irtk.reduction import AllOp, AnyOp, ArgmaxOp, ArgminOp, MaxOp, MinOp, ProdOp, SumOp
from irtk.dialects.irtk.types import dtype_of, shape_of, tensor_type

# ---------------------------------------------------------------- the oracle table


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


_erf = np.vectorize(math.erf, otypes=[np.float64])


@dataclass(frozen=True)
class Oracle:
    """numpy's meaning of an op: `fn` on the operands, the domain each operand is drawn from, and an absolute
    tolerance that replaces the usual one (for approximations)."""

    fn: Callable
    domains: tuple[str, ...] | None = None  # one per operand; None: "real" for every operand
    atol: float | None = None


ORACLES: dict[str, Oracle] = {
    "add": Oracle(np.add),
    "sub": Oracle(np.subtract),
    "mul": Oracle(np.multiply),
    "div": Oracle(np.true_divide, ("real", "divisor")),
    "int_div": Oracle(np.floor_divide, ("real", "divisor")),
    "mod": Oracle(np.mod, ("real", "divisor")),
    "pow": Oracle(np.power, ("base", "exponent")),
    "neg": Oracle(np.negative),
    "sqr": Oracle(np.square),
    "abs": Oracle(np.abs),
    "sgn": Oracle(np.sign),
    "maximum": Oracle(np.maximum),
    "minimum": Oracle(np.minimum),
    "lt": Oracle(np.less),
    "gt": Oracle(np.greater),
    "le": Oracle(np.less_equal),
    "ge": Oracle(np.greater_equal),
    "eq": Oracle(np.equal),
    "neq": Oracle(np.not_equal),
    "and": Oracle(np.bitwise_and),
    "or": Oracle(np.bitwise_or),
    "xor": Oracle(np.bitwise_xor),
    "invert": Oracle(np.invert),
    "switch": Oracle(np.where, ("condition", "real", "real")),
    "isnan": Oracle(np.isnan),
    "isinf": Oracle(np.isinf),
    "exp": Oracle(np.exp),
    "exp2": Oracle(np.exp2),
    "expm1": Oracle(np.expm1),
    "log": Oracle(np.log, ("positive",)),
    "log2": Oracle(np.log2, ("positive",)),
    "log10": Oracle(np.log10, ("positive",)),
    "log1p": Oracle(np.log1p, ("above_minus_one",)),
    "sqrt": Oracle(np.sqrt, ("positive",)),
    "sin": Oracle(np.sin),
    "cos": Oracle(np.cos),
    "tan": Oracle(np.tan),
    "arcsin": Oracle(np.arcsin, ("unit",)),
    "arccos": Oracle(np.arccos, ("unit",)),
    "arctan": Oracle(np.arctan),
    "sinh": Oracle(np.sinh),
    "cosh": Oracle(np.cosh),
    "tanh": Oracle(np.tanh),
    "arcsinh": Oracle(np.arcsinh),
    "arccosh": Oracle(np.arccosh, ("at_least_one",)),
    "arctanh": Oracle(np.arctanh, ("open_unit",)),
    "erf": Oracle(_erf),
    "erfc": Oracle(scipy.special.erfc),
    # ops that change only gradients are the identity on values
    "zero_grad": Oracle(lambda x: x),
    "disconnected_grad": Oracle(lambda x: x),
    "grad_clip": Oracle(lambda x, low, high: np.broadcast_arrays(x, low, high)[0]),
    "gamma": Oracle(scipy.special.gamma),
    # C99's lgamma (what Theano's compiled gammaln calls too) gives +inf at -inf, where scipy gives -inf
    "gammaln": Oracle(lambda x: np.where(np.isneginf(x), np.inf, scipy.special.gammaln(x))),
    "psi": Oracle(scipy.special.psi),
    "floor": Oracle(np.floor),
    "ceil": Oracle(np.ceil),
    "trunc": Oracle(np.trunc),
    "round_half_to_even": Oracle(np.round),
    "round_half_away_from_zero": Oracle(lambda x: x if x.dtype.kind in "biu" else np.sign(x) * np.floor(np.abs(x) + 0.5)),
    "arctan2": Oracle(np.arctan2),
    "sigmoid": Oracle(_sigmoid),
    "ultra_fast_sigmoid": Oracle(_sigmoid, atol=0.03),
    "softplus": Oracle(lambda x: np.logaddexp(0.0, x)),  # log1p(exp(x)), without its overflow for large x
    # the parts of complex numbers, on real operands (complex ones: tests/test_complex.py)
    "real": Oracle(np.real),
    "imag": Oracle(np.imag),
    "conj": Oracle(np.conjugate),
    "angle": Oracle(np.angle),
}

#: Registered elementwise ops that are not functions of their operands' values alone.
NOT_COVERED = {"cast", "broadcast"}

#: irtk's own elementwise ops (plugins' and test-defined ops are registered too, by other test modules, in any order)
ELEMENTWISE = [name for name, entry in OPS.items()
               if entry.frontend.kind == "elementwise" and name not in NOT_COVERED and entry.op.__module__.startswith("irtk.")]

FAMILIES = {"float": ("float32", "float64"), "int": ("int8", "int32", "int64", "bool"), "uint": ("uint8", "uint32", "uint64")}


def arity(name: str) -> int:
    return OPS[name].op.DEFINITION.arity


def accepts(name: str, dtype: str) -> bool:
    """Whether the op's dtype rule takes `arity` operands of `dtype` (it raises TypeError otherwise)."""
    try:
        OPS[name].op.dtype_rule([dtype] * arity(name))
    except TypeError:
        return False
    return True


# ---------------------------------------------------------------- inputs


def draw(rng: np.random.Generator, domain: str, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    """Random values of `dtype` in `domain` (where the op is defined, away from its edges)."""
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.startswith("int"):
        low, high = {
            "real": (-9, 9), "divisor": (-3, 3), "base": (-3, 3), "exponent": (0, 4), "positive": (1, 9),
            "above_minus_one": (0, 9), "unit": (-1, 1), "open_unit": (0, 0), "at_least_one": (1, 9),
            "condition": (-1, 1),
        }[domain]
        return rng.integers(low, high + 1, shape).astype(dtype)
    if dtype.startswith("uint"):  # numpy's own semantics: `-` and `neg` wrap around
        low, high = {
            "real": (0, 18), "divisor": (0, 3), "base": (0, 3), "exponent": (0, 4), "positive": (1, 9),
            "above_minus_one": (0, 9), "unit": (0, 1), "open_unit": (0, 0), "at_least_one": (1, 9),
            "condition": (0, 1),
        }[domain]
        return rng.integers(low, high + 1, shape).astype(dtype)
    if domain in ("real", "exponent"):
        values = 2.0 * rng.standard_normal(shape)
    elif domain == "condition":
        values = rng.integers(-1, 2, shape).astype(np.float64)
    elif domain == "divisor":  # away from 0, either sign
        values = rng.choice([-1.0, 1.0], shape) * rng.uniform(0.5, 3.0, shape)
    else:
        low, high = {"positive": (0.1, 10.0), "base": (0.1, 3.0), "above_minus_one": (-0.9, 5.0), "unit": (-0.99, 0.99),
                     "open_unit": (-0.99, 0.99), "at_least_one": (1.0, 10.0)}[domain]
        values = rng.uniform(low, high, shape)
    return values.astype(dtype)


FLOAT_SPECIALS = [np.nan, -np.inf, -2.5, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 1.5, 2.5, np.inf]


def specials(dtype: str, domain: str) -> np.ndarray:
    """A row of edge values of `dtype` (pow's integer exponents stay non-negative, as numpy demands)."""
    if dtype == "bool":
        return np.array([False, True])
    if dtype.startswith("int"):
        info = np.iinfo(dtype)
        if domain == "exponent":
            return np.array([0, 1, 2, 3, 7], dtype)
        return np.array([info.min, info.min + 1, -7, -2, -1, 0, 1, 2, 7, info.max], dtype)
    if dtype.startswith("uint"):
        info = np.iinfo(dtype)
        if domain == "exponent":  # the largest ones too: they would read negative as signed
            return np.array([0, 1, 2, 3, 7, info.max // 2 + 1, info.max], dtype)
        return np.array([0, 1, 2, 7, 128, info.max // 2, info.max // 2 + 1, info.max - 1, info.max], dtype)
    return np.array(FLOAT_SPECIALS, dtype)


def operand_shape(position: int, n_operands: int) -> tuple[int | None, ...]:
    """Static shapes: binary and ternary ops broadcast a column against a row (size-1 static dimensions)."""
    if n_operands == 1:
        return (None, None)
    return [(None, 1), (1, None), (None, None)][position]


def runtime_shapes(n_operands: int, rows: int, cols: int) -> list[tuple[int, int]]:
    if n_operands == 1:
        return [(rows, cols)]
    return [(rows, 1), (1, cols), (rows, cols)][:n_operands]


# ---------------------------------------------------------------- building and running


def build(arg_types: Sequence, body: Callable) -> ModuleOp:
    """`func.func @main(args) { return body(tb, *args) }`."""
    block = Block(arg_types=list(arg_types))
    tb = TensorBuilder(InsertPoint.at_end(block))
    results = list(body(tb, *block.args))
    block.add_op(func.ReturnOp(*results))
    main = func.FuncOp("main", (list(arg_types), [r.type for r in results]), Region(block))
    module = ModuleOp([main])
    module.verify()
    return module


#: A function's argument types and its body `body(tb, *args) -> results`.
Parts = tuple[list, Callable]

#: Every function this file runs, by key (an op, or a special check): a factory of its parts, in order of
#: registration. Tests ask the `kernels` fixture for a key's runners.
MODULES: dict[str, Callable[[], Parts]] = {}

#: Keys compiled together, as one function: a C++ compile costs about half a second however small the
#: kernel, so one module per op would take minutes. Each key keeps its own arguments and results.
GROUP_SIZE = {"reduce": 4, "other": 8}


def module_of(key: str):
    """Register the decorated parts factory under `key`."""

    def register(factory: Callable[[], Parts]) -> Callable[[], Parts]:
        MODULES[key] = factory
        return factory

    return register


def groups() -> list[list[str]]:
    """The keys, in chunks of consecutive keys of one kind (new ops join the last chunk of their kind)."""
    chunks: list[list[str]] = []
    for kind, size in GROUP_SIZE.items():
        keys = [k for k in MODULES if k.startswith("reduce-") == (kind == "reduce")]
        chunks += [keys[i:i + size] for i in range(0, len(keys), size)]
    return chunks


@dataclass
class Group:
    """One compiled function holding several keys' functions side by side."""

    keys: list[str]
    parts: dict[str, Parts]
    module: ModuleOp
    args: dict[str, slice]  # the key's arguments among the group's
    results: dict[str, slice]

    @classmethod
    def build(cls, keys: list[str]) -> Group:
        parts = {k: MODULES[k]() for k in keys}
        all_types, args, results, counts = [], {}, {}, {}
        for k in keys:
            args[k] = slice(len(all_types), len(all_types) + len(parts[k][0]))
            all_types += parts[k][0]

        def body(tb, *values):
            out = []
            for k in keys:
                mine = list(parts[k][1](tb, *values[args[k]]))
                results[k] = slice(len(out), len(out) + len(mine))
                out += mine
            return out

        return cls(keys, parts, build(all_types, body), args, results)

    def runner(self, compiled, key: str):
        """`compiled` (the group's runner) as a function of `key`'s arguments alone: the other keys get empty
        arrays (every dynamic dimension 0)."""
        types = [t for k in self.keys for t in self.parts[k][0]]

        def run_key(arrays):
            full = [np.zeros([0 if d is None else d for d in shape_of(t)], dtype_of(t)) for t in types]
            full[self.args[key]] = list(arrays)
            return list(compiled(full))[self.results[key]]

        return run_key


class Kernels:
    """The runners of the keys: FAST_RUN ones compiled once per group (into this file's own compile cache),
    FAST_COMPILE ones once per key; a failure to compile fails every test that asks for the runner."""

    def __init__(self, cache_dir):
        self.cache_dir = cache_dir
        self.groups: dict[tuple[str, str], Group] = {}  # (key, mode) -> its group
        self.compiled: dict[tuple[int, str], Future] = {}

    def _compile(self, group: Group, mode: str):
        names = [f"a{i}" for i in range(sum(len(group.parts[k][0]) for k in group.keys))]
        return compile_module(group.module.clone(), mode, names, name="-".join(group.keys[:1]))

    def _group(self, key: str, mode: str) -> Group:
        """FAST_RUN compiles keys in groups; FAST_COMPILE, which compiles nothing, runs each key alone (running a
        group would evaluate every key's ops for each test)."""
        if (key, mode) not in self.groups:
            if mode == "FAST_RUN":
                keys = next(g for g in groups() if key in g)
                group = Group.build(keys)
                self.groups.update({(k, mode): group for k in keys})
            else:
                self.groups[(key, mode)] = Group.build([key])
        return self.groups[(key, mode)]

    def _runner(self, key: str, mode: str):
        group = self._group(key, mode)
        slot = (id(group), mode)
        if slot not in self.compiled:
            self.compiled[slot] = Future()
            try:
                with pytest.MonkeyPatch.context() as patch:
                    patch.setenv("IRTK_CACHE_DIR", str(self.cache_dir))
                    self.compiled[slot].set_result(self._compile(group, mode))
            except Exception as e:  # noqa: BLE001 (raised again by .result() in every test of the group)
                self.compiled[slot].set_exception(e)
        return group.runner(self.compiled[slot].result(), key)

    def __call__(self, key: str, mode: str):
        """(the runner of `mode`, and with FAST_RUN the FAST_COMPILE runner it must agree with bit for bit)."""
        if mode == "FAST_COMPILE":
            return self._runner(key, mode), None
        return self._runner(key, mode), self._runner(key, "FAST_COMPILE")


@pytest.fixture(scope="module")
def kernels(tmp_path_factory) -> Kernels:
    return Kernels(tmp_path_factory.mktemp("op-families-cache"))


def mismatched_bits(r: np.ndarray, e: np.ndarray) -> np.ndarray:
    """The flat indices where two results differ in their bits; any NaN matches any NaN (when two NaNs meet,
    as in `nan + -nan`, which one survives is up to the C++ compiler's operand order)."""
    width = max(r.itemsize, 1)
    differ = (np.frombuffer(r.tobytes(), np.uint8).reshape(-1, width) != np.frombuffer(e.tobytes(), np.uint8).reshape(-1, width)).any(-1)
    if r.dtype.kind == "f":
        differ &= ~(np.isnan(r) & np.isnan(e)).reshape(-1)
    return np.flatnonzero(differ)


def run(runner, reference, args: Sequence[np.ndarray], what: str) -> list[np.ndarray]:
    """The results of `runner` on `args`, after checking they are the very bits of `reference`'s."""
    with np.errstate(all="ignore"):
        results = [np.asarray(r) for r in runner(list(args))]
        if reference is not None:
            expected = [np.asarray(r) for r in reference(list(args))]
            for i, (r, e) in enumerate(zip(results, expected, strict=True)):
                assert r.dtype == e.dtype and r.shape == e.shape, f"{what} result {i}: {r.dtype}{r.shape} vs {e.dtype}{e.shape}"
                bad = mismatched_bits(r, e)
                assert not bad.size, (
                    f"{what} result {i}: FAST_RUN and FAST_COMPILE differ in the bits at flat indices {bad.tolist()}: "
                    f"{r.reshape(-1)[bad].tolist()} vs {e.reshape(-1)[bad].tolist()}; args {[a.tolist() for a in args]}")
    return results


def float_tolerance(dtype: str) -> tuple[float, float]:
    return (1e-5, 1e-5) if dtype == "float32" else (1e-12, 1e-12)


def integer_oracle(fn: Callable, operands: Sequence[np.ndarray]) -> np.ndarray:
    """numpy on the operands as they are; for a bool loop numpy lacks (`sign`), on int8 instead."""
    try:
        return np.asarray(fn(*operands))
    except TypeError:
        return np.asarray(fn(*[o.astype(np.int8) for o in operands]))


def check_against_numpy(name: str, result: np.ndarray, operands: Sequence[np.ndarray], what: str) -> None:
    oracle = ORACLES[name]
    with np.errstate(all="ignore"):
        if result.dtype.kind == "f":
            # computed in float64, then rounded to the result dtype: exp(127.0) overflows in float32 as it should
            expected = np.asarray(oracle.fn(*[o.astype(np.float64) for o in operands]), dtype=np.float64)
            expected = expected.astype(result.dtype).astype(np.float64)
            rtol, atol = float_tolerance(str(result.dtype))
            if oracle.atol is not None:
                rtol, atol = 0.0, oracle.atol
            assert result.shape == expected.shape, f"{what}: shape {result.shape}, expected {expected.shape}"
            np.testing.assert_allclose(result.astype(np.float64), expected, rtol=rtol, atol=atol, equal_nan=True,
                                       err_msg=f"{what}: inputs {[o.tolist() for o in operands]}")
        else:
            expected = integer_oracle(oracle.fn, operands)
            assert result.shape == expected.shape, f"{what}: shape {result.shape}, expected {expected.shape}"
            np.testing.assert_array_equal(result, expected.astype(result.dtype),
                                          err_msg=f"{what}: inputs {[o.tolist() for o in operands]}")


# ---------------------------------------------------------------- elementwise ops


def test_every_elementwise_op_has_an_oracle() -> None:
    missing = [name for name in ELEMENTWISE if name not in ORACLES]
    assert not missing, f"elementwise ops without a numpy oracle in {__name__}.ORACLES: {missing}"
    stale = [name for name in ORACLES if name not in ELEMENTWISE]
    assert not stale, f"oracles of ops that are not registered elementwise ops: {stale}"


def test_every_elementwise_op_accepts_some_dtype() -> None:
    for name in ELEMENTWISE:
        assert any(accepts(name, d) for family in FAMILIES.values() for d in family), name


def accepted_dtypes(name: str) -> list[str]:
    """The dtypes of every family that the op's dtype rule takes."""
    return [d for family in FAMILIES.values() for d in family if accepts(name, d)]


def elementwise_module(name: str) -> Parts:
    """One function per op (a C++ compile costs about half a second, however small): `op(a, b)` for each
    dtype the op takes, a (?, 1) column against a (1, ?) row (a (?, ?) matrix third), or one (?, ?) operand."""
    dtypes, n, op = accepted_dtypes(name), arity(name), OPS[name].op
    arg_types = [tensor_type(d, operand_shape(i, n)) for d in dtypes for i in range(n)]
    return arg_types, lambda tb, *args: [tb.build(op, list(args[k * n:(k + 1) * n])) for k in range(len(dtypes))]


for _name in ELEMENTWISE:
    module_of(_name)(lambda name=_name: elementwise_module(name))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise(name: str, mode: str, kernels) -> None:
    assert name in ORACLES, f"irtk.{name} has no numpy oracle in ORACLES"
    dtypes = accepted_dtypes(name)
    n = arity(name)
    domains = ORACLES[name].domains or ("real",) * n
    op = OPS[name].op
    runner, reference = kernels(name, mode)
    rng = np.random.default_rng(zlib.crc32(name.encode()))

    cases = []  # (what, {dtype: operands})
    for rows, cols in [(3, 4), (1, 5), (0, 4), (3, 0)]:
        cases.append((f"random {rows}x{cols}", {
            d: [draw(rng, domains[i], d, s) for i, s in enumerate(runtime_shapes(n, rows, cols))] for d in dtypes}))
    special = {}
    for d in dtypes:
        rows = specials(d, domains[0])
        cols = specials(d, domains[min(1, n - 1)])
        if n == 1:
            special[d] = [rows.reshape(1, -1)]
        else:
            grid = [rows.reshape(-1, 1), cols.reshape(1, -1)]
            if n == 3:
                grid.append(np.resize(specials(d, domains[2]), (len(rows), len(cols))))
            special[d] = grid[:n]
    cases.append(("special values", special))

    for what, operands in cases:
        args = [a for d in dtypes for a in operands[d]]
        results = run(runner, reference, args, f"{name} {what}")
        for d, result in zip(dtypes, results, strict=True):
            _, result_dtype = op.dtype_rule([d] * n)
            assert str(result.dtype) == result_dtype, f"{name}({d}): dtype {result.dtype}, its rule says {result_dtype}"
            check_against_numpy(name, result, operands[d], f"{mode} {name}({d}) {what}")


#: (op, operand dtype): the op's dtype rule must refuse these, as numpy does for most of them
REFUSED = [("sub", "bool"), ("neg", "bool"), ("abs", "bool"), ("int_div", "bool"), ("mod", "bool"), ("pow", "bool"),
           ("and", "float32"), ("or", "float64"), ("xor", "float32"), ("invert", "float64")]


@pytest.mark.parametrize("name,dtype", REFUSED)
def test_dtype_rule_refuses(name: str, dtype: str) -> None:
    n = arity(name)
    with pytest.raises(TypeError):
        build([tensor_type(dtype, (None,))] * n, lambda tb, *args: [tb.build(OPS[name].op, list(args))])


@pytest.mark.parametrize("name,dtype", [("add", "bool"), ("mul", "bool"), ("and", "bool"), ("invert", "int8"),
                                        ("floor", "int32"), ("exp", "int8"), ("lt", "bool"), ("sgn", "int64")])
def test_dtype_rule_accepts(name: str, dtype: str) -> None:
    assert accepts(name, dtype)


DIVISION_DTYPES = ["int8", "int32", "int64"]


@module_of("division")
def division_module() -> Parts:
    def body(tb, *args):
        out = []
        for k in range(len(DIVISION_DTYPES)):
            out += [tb.int_div(args[2 * k], args[2 * k + 1]), tb.mod(args[2 * k], args[2 * k + 1])]
        return out

    return [tensor_type(d, (None,)) for d in DIVISION_DTYPES for _ in range(2)], body


@pytest.mark.parametrize("mode", MODES)
def test_integer_division_by_zero_is_zero(mode: str, kernels) -> None:
    """`x // 0` and `x % 0` give 0 for integers, as numpy does (no trap); INT_MIN // -1 wraps like numpy."""
    dtypes = DIVISION_DTYPES
    runner, reference = kernels("division", mode)
    operands = []
    for d in dtypes:
        low = np.iinfo(d).min
        operands += [np.array([7, -7, 0, low, low, 7, -7], d), np.array([0, 0, 0, 0, -1, -2, 2], d)]
    results = run(runner, reference, operands, "division by zero")
    for k, d in enumerate(dtypes):
        x, y = operands[2 * k], operands[2 * k + 1]
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(results[2 * k], np.floor_divide(x, y), err_msg=f"{d} //")
            np.testing.assert_array_equal(results[2 * k + 1], np.mod(x, y), err_msg=f"{d} %")
        assert results[2 * k][:3].tolist() == [0, 0, 0] and results[2 * k + 1][:3].tolist() == [0, 0, 0]


NAN_OPS = ["lt", "gt", "le", "ge", "eq", "neq", "maximum", "minimum"]


@module_of("nan")
def nan_module() -> Parts:
    def body(tb, *args):
        out = []
        for k in range(len(FAMILIES["float"])):
            x, y = args[2 * k], args[2 * k + 1]
            out += [tb.build(OPS[n].op, [x, y]) for n in NAN_OPS] + [tb.isnan(x)]
        return out

    return [tensor_type(d, (None,)) for d in FAMILIES["float"] for _ in range(2)], body


@pytest.mark.parametrize("mode", MODES)
def test_nan_in_comparisons_and_extrema(mode: str, kernels) -> None:
    """NaN: comparisons false (`!=` true), maximum/minimum NaN, isnan true; for float32 and float64."""
    names, dtypes = NAN_OPS, FAMILIES["float"]
    runner, reference = kernels("nan", mode)
    x = np.array([np.nan, 1.0, np.nan, -np.inf, np.nan])
    y = np.array([1.0, np.nan, np.nan, np.nan, -np.inf])
    operands = [a.astype(d) for d in dtypes for a in (x, y)]
    results = run(runner, reference, operands, "NaN")
    per = len(names) + 1
    for k, d in enumerate(dtypes):
        for j, n in enumerate(names):
            got = results[k * per + j]
            if n in ("maximum", "minimum"):
                assert np.isnan(got).all(), f"{n}({d}) {got}"
            else:
                assert got.tolist() == [n == "neq"] * 5, f"{n}({d}) {got}"
        assert results[k * per + len(names)].tolist() == [True, False, True, False, True]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_floor_division_like_numpy(mode: str, dtype: str) -> None:
    """numpy's float `//` and `%` come from fmod, not from floor(x / y): the quotient where x / y rounds up
    to an integer, infinite operands, zero divisors and the signs of zero results, bit for bit."""
    module = build([tensor_type(dtype, (None,))] * 2, lambda tb, x, y: [tb.int_div(x, y), tb.mod(x, y)])
    runner = compile_module(module, mode, ["x", "y"])
    x = np.array([1.0, np.inf, -1.0, 1.0, -0.0, 0.0, 5.0, -5.0, 7.5, -7.5, 0.3, 1.0, np.nan], dtype)
    y = np.array([0.1, 2.0, np.inf, -np.inf, 3.0, -3.0, 0.0, 0.0, -2.0, 2.0, 0.1, np.nan, 1.0], dtype)
    q, r = runner([x, y])
    with np.errstate(all="ignore"):
        expected_q, expected_r = np.floor_divide(x, y), np.mod(x, y)
    np.testing.assert_array_equal(q, expected_q)
    np.testing.assert_array_equal(np.signbit(q), np.signbit(expected_q))
    np.testing.assert_array_equal(r, expected_r)
    np.testing.assert_array_equal(np.signbit(r), np.signbit(expected_r))


# ---------------------------------------------------------------- reductions

REDUCTIONS = {"sum": SumOp, "prod": ProdOp, "max": MaxOp, "min": MinOp, "all": AllOp, "any": AnyOp,
              "argmax": ArgmaxOp, "argmin": ArgminOp}
AXES = {2: [[0], [1], [0, 1]], 3: [[0], [1], [0, 1], [0, 2]]}  # [0, 2]: argmax's flat index over apart axes
REDUCTION_DTYPES = ("float32", "float64", "int8", "bool", "uint8", "uint64")


def reduce_numpy(name: str, x: np.ndarray, axes: list[int]) -> list[np.ndarray]:
    """numpy's reduction over `axes`; the argument reductions flatten the reduced axes in row-major order."""
    axes_t = tuple(axes)
    if name in ("argmax", "argmin"):
        kept = [d for d in range(x.ndim) if d not in axes]
        moved = np.transpose(x, kept + list(axes)).reshape([x.shape[d] for d in kept] + [-1])
        fn = np.argmax if name == "argmax" else np.argmin
        index = fn(moved, axis=-1)
        value = np.take_along_axis(moved, index[..., None], axis=-1)[..., 0]
        return [value, index.astype(np.int64)]
    if name in ("sum", "prod"):
        dtype = {"f": np.float64, "u": np.uint64}.get(x.dtype.kind, np.int64)  # sum_dtype's accumulators
        return [getattr(np, name)(x.astype(dtype), axis=axes_t)]
    fn = {"max": np.max, "min": np.min, "all": np.all, "any": np.any}[name]
    return [fn(x, axis=axes_t)]


def reduction_inputs(rng: np.random.Generator, dtype: str, name: str):
    """(what, x2, x3) cases: random values (many ties for integers), NaN in several places, size 0."""
    def rand(shape):
        if dtype == "bool":
            return rng.integers(0, 2, shape).astype(bool)
        if dtype.startswith("int"):
            return rng.integers(-3 if name == "prod" else -9, 4 if name == "prod" else 10, shape).astype(dtype)
        if dtype.startswith("uint"):  # the largest values too: a sum or product of uint8 wraps in uint64 only
            values = rng.integers(0, 4 if name == "prod" else 10, shape).astype(dtype)
            values.reshape(-1)[::5] = np.iinfo(dtype).max
            return values
        return rng.standard_normal(shape).astype(dtype)

    cases = [("random", rand((3, 4)), rand((2, 3, 4)))]
    if dtype.startswith("float"):
        nan = np.nan
        x2 = np.array([[1.0, nan, 5.0, nan], [nan, 2.0, nan, 9.0], [3.0, 3.0, -1.0, 3.0]], dtype)
        x3 = rand((2, 3, 4))
        x3[0, 1, 2] = x3[1, 2, 0] = x3[1, 0, 3] = x3[1, 2, 3] = nan
        x3[0, 2, :] = 4.0  # ties
        cases.append(("ties and NaN", x2, x3))
    else:
        cases.append(("ties and NaN", np.ones((3, 4), dtype), np.zeros((2, 3, 4), dtype)))
    if name in ("sum", "prod", "all", "any"):  # numpy refuses the others over empty axes
        cases.append(("size 0", rand((0, 4)), rand((2, 0, 3))))
    return cases


def reduction_module(name: str) -> Parts:
    """One function per reduction: over each of `AXES`, of a 2-D and a 3-D input of each dtype."""
    op = REDUCTIONS[name]
    arg_types = [tensor_type(d, (None,) * rank) for d in REDUCTION_DTYPES for rank in (2, 3)]

    def body(tb, *args):
        out = []
        for x in args:
            for axes in AXES[len(x.type.get_shape())]:
                out += tb.reduce(op, x, axes)
        return out

    return arg_types, body


for _name in REDUCTIONS:
    module_of(f"reduce-{_name}")(lambda name=_name: reduction_module(name))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction(name: str, mode: str, kernels) -> None:
    dtypes = REDUCTION_DTYPES
    runner, reference = kernels(f"reduce-{name}", mode)
    rng = np.random.default_rng(zlib.crc32(f"reduce-{name}".encode()))
    per_result = 2 if name in ("argmax", "argmin") else 1
    cases = {d: reduction_inputs(rng, d, name) for d in dtypes}
    for c, (what, *_) in enumerate(cases[dtypes[0]]):
        inputs = {d: {2: cases[d][c][1], 3: cases[d][c][2]} for d in dtypes}
        args = [inputs[d][rank] for d in dtypes for rank in (2, 3)]
        results = iter(run(runner, reference, args, f"{name} {what}"))
        for d in dtypes:
            for rank in (2, 3):
                x = inputs[d][rank]
                for axes in AXES[rank]:
                    got = [next(results) for _ in range(per_result)]
                    expected = reduce_numpy(name, x, axes)
                    label = f"{mode} {name}({d}, rank {rank}, axes {axes}) {what}"
                    for g, e in zip(got, expected, strict=True):
                        assert g.shape == e.shape, f"{label}: shape {g.shape}, expected {e.shape}"
                        if g.dtype.kind == "f":
                            rtol, atol = float_tolerance(str(g.dtype))
                            np.testing.assert_allclose(g.astype(np.float64), e.astype(np.float64), rtol=rtol, atol=atol,
                                                       equal_nan=True, err_msg=f"{label}: x = {x.tolist()}")
                        else:
                            np.testing.assert_array_equal(g, e.astype(g.dtype), err_msg=f"{label}: x = {x.tolist()}")
                        if name in ("max", "min", "all", "any", "argmax", "argmin"):
                            assert str(g.dtype) == str(e.dtype), f"{label}: dtype {g.dtype}, numpy {e.dtype}"
