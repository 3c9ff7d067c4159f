"""`irtk.printing` for every op: `pprint`/`pp` (infix text), `debugprint` (Theano's tree) and `pydotprint`.

Exact strings for the expressions Theano users write, and registry-wide checks, so that a new op is covered
without a change here: every elementwise op in `OPS` (tests/plugin_ops.py's plugin op included) is built and
printed, and its infix text is read back as Python to the same op; every op of any family is printed from a node
shaped by its definition alone (operand and result counts); `_custom_cases` builds the other ops in real graphs.
"""

from __future__ import annotations

import html
import io
import shutil

import numpy as np
import plugin_ops  # noqa: F401 (registers the plugin op irtk.test_cube)
import pytest
from xdsl.dialects.builtin import StringAttr
from xdsl.irdl import VarOperandDef, VarResultDef

import irtk
import irtk.tensor as T
from irtk.dialects.irtk.opdef import OPS
from irtk.frontend.basic import apply
from irtk.frontend.composite import iota
from irtk.frontend.derived import FUNCTIONS
from irtk.frontend.printing.tree import letters
from irtk.frontend.types import TensorType
from irtk.frontend.variable import Apply, Variable
from irtk.printing import debugprint, pp, pprint, pydotprint, to_dot

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


@pytest.fixture
def xy():
    return T.dvector("x"), T.dvector("y")


# ---------------------------------------------------------------- pprint


def test_pp_is_pprint() -> None:
    assert pp is pprint


@pytest.mark.parametrize(
    "build,theano,minimal",
    [
        (lambda x, y: x * y + 2.0, "((x * y) + TensorConstant{2.0})", "x * y + TensorConstant{2.0}"),
        (lambda x, y: x * (y + 2.0), "(x * (y + TensorConstant{2.0}))", "x * (y + TensorConstant{2.0})"),
        (lambda x, y: x - (y - x), "(x - (y - x))", "x - (y - x)"),
        (lambda x, y: (x - y) - x, "((x - y) - x)", "x - y - x"),
        (lambda x, y: x / y // 2, "((x / y) // TensorConstant{2})", "x / y // TensorConstant{2}"),
        (lambda x, y: x % y, "(x % y)", "x % y"),
        (lambda x, y: x ** 2, "(x ** TensorConstant{2})", "x ** TensorConstant{2}"),
        (lambda x, y: (x ** y) ** 2, "((x ** y) ** TensorConstant{2})", "(x ** y) ** TensorConstant{2}"),
        (lambda x, y: x ** (y ** 2), "(x ** (y ** TensorConstant{2}))", "x ** y ** TensorConstant{2}"),
        (lambda x, y: -x, "(-x)", "-x"),
        (lambda x, y: (-x) ** 2, "((-x) ** TensorConstant{2})", "(-x) ** TensorConstant{2}"),
        (lambda x, y: -(x + y), "(-(x + y))", "-(x + y)"),
        (lambda x, y: 2 - x, "(TensorConstant{2} - x)", "TensorConstant{2} - x"),
        (lambda x, y: x < y, "(x < y)", "x < y"),
        (lambda x, y: (x <= y) & (x >= y), "((x <= y) & (x >= y))", "(x <= y) & (x >= y)"),
        (lambda x, y: (x > y) | ~(x < y) ^ (y > x), "((x > y) | ((~(x < y)) ^ (y > x)))", "(x > y) | ~(x < y) ^ (y > x)"),
        (lambda x, y: T.eq(x, y), "eq(x, y)", "eq(x, y)"),
        (lambda x, y: T.neq(x, y), "neq(x, y)", "neq(x, y)"),
        (lambda x, y: abs(x - y), "abs((x - y))", "abs(x - y)"),
        (lambda x, y: T.tanh(x) ** 2, "(tanh(x) ** TensorConstant{2})", "tanh(x) ** TensorConstant{2}"),
        (lambda x, y: T.switch(x < y, x, 0.5), "switch((x < y), x, TensorConstant{0.5})",
         "switch(x < y, x, TensorConstant{0.5})"),
        (lambda x, y: T.maximum(x, y), "maximum(x, y)", "maximum(x, y)"),
        (lambda x, y: T.nnet.sigmoid(x), "sigmoid(x)", "sigmoid(x)"),
        (lambda x, y: T.cast(x, "float32"), "cast{float32}(x)", "cast{float32}(x)"),
        (lambda x, y: T.dot(x, y), "dot(x, y)", "dot(x, y)"),
        (lambda x, y: T.sum(x * y), "sum((x * y), axis=[0])", "sum(x * y, axis=[0])"),
        (lambda x, y: x.dimshuffle(0, "x"), "DimShuffle{0,x}(x)", "DimShuffle{0,x}(x)"),
        (lambda x, y: (x + y).dimshuffle("x", 0), "(x + y)", "x + y"),
    ],
)
def test_pprint_writes_theano_infix(xy, build, theano: str, minimal: str) -> None:
    x, y = xy
    assert pprint(build(x, y)) == theano
    assert pprint(build(x, y), minimal_parentheses=True) == minimal


def test_pprint_of_matrices_reductions_and_several_results() -> None:
    x, W = T.dmatrix("x"), T.dmatrix("W")
    assert pp(T.sum(x, axis=1)) == "sum(x, axis=[1])"
    assert pp(x.sum()) == "sum(x, axis=[0, 1])"
    assert pp(T.dot(x, W) + 1.0) == "(dot(x, W) + TensorConstant{1.0})"
    assert pp(x.T) == "x.T"
    assert pp((x + W).T) == "(x + W).T"
    assert pp(x.dimshuffle(1, "x", 0)) == "DimShuffle{1,x,0}(x)"
    assert pp(T.argmax(x, axis=1)) == "argmax(x, axis=[1]).index"
    value, index = T.max_and_argmax(x, axis=1)
    assert pp([value, index]) == "argmax(x, axis=[1]).value\nargmax(x, axis=[1]).index"
    assert pp(T.max(x, axis=0)) == "max(x, axis=[0])"
    assert pp(T.nnet.softmax(x)) == (
        "(exp((x - DimShuffle{0,x}(max(x, axis=[1])))) / "
        "DimShuffle{0,x}(sum(exp((x - DimShuffle{0,x}(max(x, axis=[1])))), axis=[1])))"
    )
    assert pp(T.grad(T.sum(x * W), W)) == "grad(sum((x * W), axis=[0, 1]), W)"
    g = T.grad(T.sum(x * W), [x, W])
    assert pp(g[1]) == "grad(sum((x * W), axis=[0, 1]), x, W)[1]"


def test_pprint_names_and_constants(xy) -> None:
    x, y = xy
    z = x + y
    z.name = "z"
    assert pp(z * z) == "(z * z)"  # a named variable inside the graph prints as its name
    assert pp(z) == "(x + y)"  # the variable asked for prints as its expression
    assert pp(T.dvector() + x) == "(<TensorType(float64, vector)> + x)"
    assert pp(x + np.array([1.0, 2.0, 3.0])) == "(x + TensorConstant{[1. 2. 3.]})"
    assert pp(x + np.ones(4)) == "(x + TensorConstant{(4,) of 1.0})"
    assert pp(x + np.arange(100.0)) == "(x + TensorConstant{[ 0. 1. 2.... 98. 99.]})"
    assert pp(x + T.constant(3.0, name="three")) == "(x + three)"
    assert pp(T.constant(np.int8(5))) == "TensorConstant{5}"
    assert pp(T.lvector("i") & True) == "(i & TensorConstant{True})"


def test_pprint_of_a_function_shows_outputs_and_updates(xy) -> None:
    x, _ = xy
    W = irtk.shared(np.zeros(3), "W")
    f = irtk.function([x], [(x * W).sum(), x.max()], updates=[(W, W + x)], mode="FAST_COMPILE")
    assert pp(f) == "sum((x * W), axis=[0])\nmax(x, axis=[0])\nW <- (W + x)"


def test_pprint_of_a_deep_graph_does_not_recurse() -> None:
    x = T.dscalar("x")
    v = x
    for _ in range(3000):
        v = v + 1.0
    text = pp(v, minimal_parentheses=True)
    assert text == "x" + " + TensorConstant{1.0}" * 3000


@pytest.mark.parametrize("bad", [3, "x", None, [T.dscalar("x"), 2.0]])
def test_printers_refuse_what_is_not_a_graph(bad) -> None:
    for printer in (pprint, debugprint, to_dot):
        with pytest.raises(TypeError, match=f"{printer.__name__}: "):
            printer(bad)


# ---------------------------------------------------------------- debugprint


def test_debugprint_writes_theano_tree(xy, capsys) -> None:
    x, y = xy
    text = debugprint(x + x * 2.0)
    assert text == (
        "add [id A] ''\n"
        " |x [id B]\n"
        " |mul [id C] ''\n"
        "   |x [id B]\n"
        "   |TensorConstant{2.0} [id D]\n"
    )
    assert capsys.readouterr().out == text  # stdout by default


def test_debugprint_refers_to_a_shared_sub_graph(xy) -> None:
    x, y = xy
    s = x * y
    s.name = "s"
    text = debugprint([s + T.exp(s), s], file="str")
    assert text == (
        "add [id A] ''\n"
        " |mul [id B] 's'\n"
        " | |x [id C]\n"
        " | |y [id D]\n"
        " |exp [id E] ''\n"
        "   |mul [id B] 's'\n"
        "mul [id B] 's'\n"
    )


def test_debugprint_types_results_and_options(capsys) -> None:
    x = T.dmatrix("x")
    value, index = T.max_and_argmax(x, axis=1)
    out = io.StringIO()
    text = debugprint([index, value], file=out, print_type=True)
    assert out.getvalue() == text == (
        "argmax{1}.index [id A] <TensorType(int64, vector)> ''\n"
        " |x [id B] <TensorType(float64, matrix)>\n"
        "argmax{1}.value [id A] <TensorType(float64, vector)> ''\n"
    )
    assert debugprint(T.cast(x.T, "int32"), file="str") == (
        "cast{int32} [id A] ''\n"
        " |dimshuffle{1,0} [id B] ''\n"
        "   |x [id C]\n"
    )
    deep = T.exp(T.tanh(T.sin(x)))
    assert debugprint(deep, file="str", depth=2) == "exp [id A] ''\n |tanh [id B] ''\n"
    named = T.sin(x)
    named.name = "h"
    assert debugprint(T.exp(named), file="str", stop_on_name=True) == "exp [id A] ''\n |sin [id B] 'h'\n"
    assert capsys.readouterr().out == ""  # file='str' only returns the text
    with pytest.raises(TypeError, match="debugprint: file"):
        debugprint(x, file=3)


def test_debugprint_of_a_function_shows_updates(xy) -> None:
    x, _ = xy
    W = irtk.shared(np.zeros(3), "W")
    f = irtk.function([x], (x * W).sum(), updates=[(W, W - x)], mode="FAST_COMPILE")
    assert debugprint(f, file="str") == (
        "sum{0} [id A] ''\n"
        " |mul [id B] ''\n"
        "   |x [id C]\n"
        "   |W [id D]\n"
        "update of W:\n"
        "sub [id E] ''\n"
        " |W [id D]\n"
        " |x [id C]\n"
    )


def test_ids_count_in_letters() -> None:
    assert [letters(n) for n in (0, 1, 25, 26, 27, 26 * 26)] == ["A", "B", "Z", "BA", "BB", "BAA"]


def test_debugprint_gives_ids_past_z() -> None:
    v = T.dscalar("x")
    for _ in range(30):
        v = T.exp(v)
    lines = debugprint(v, file="str").splitlines()
    assert lines[26].endswith("exp [id BA] ''") and lines[-1].endswith("x [id BE]")


# ---------------------------------------------------------------- pydotprint


def test_to_dot_draws_both_results_of_argmax() -> None:
    x = T.dmatrix("x")
    text = to_dot(T.argmax(x, axis=1), var_with_name_simple=True)
    assert 'label="argmax{1}"' in text
    assert text.count("n0 -> ") == 2 and '[label="value"]' in text and '[label="index"]' in text


@needs_dot
def test_pydotprint_writes_every_format(tmp_path, capsys) -> None:
    x = T.dmatrix("x")
    W = irtk.shared(np.zeros((2, 2)), "W")
    f = irtk.function([x], T.max_and_argmax(T.dot(x, W), axis=1), updates=[(W, W + x)], mode="FAST_COMPILE")
    png = pydotprint(f, outfile=tmp_path / "f.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "The output file is available at" in capsys.readouterr().out
    svg = pydotprint(f, outfile=tmp_path / "f.svg", format="svg", print_output_file=False).read_text()
    for label in ("dot", "argmax{1}", "value", "index", "add", "update"):
        assert f">{label}</text>" in svg
    with pytest.raises(RuntimeError, match="Graphviz dot failed"):
        pydotprint(f, outfile=tmp_path / "f.nope", format="nope", print_output_file=False)


# ---------------------------------------------------------------- every op in the registry


def _elementwise_cases():
    return [(name, entry) for name, entry in OPS.items() if entry.frontend.kind == "elementwise"]


def _build_elementwise(entry):
    """The op applied to variables `a`, `b`, ... of the first dtype its type rule accepts."""
    arity = entry.op.DEFINITION.arity
    function = FUNCTIONS[entry.frontend.names[0]]
    for dtype in ("float64", "int64", "bool"):
        operands = [T.vector(name, dtype=dtype) for name in "abc"[:arity]]
        try:
            return function(*operands), operands
        except TypeError:
            continue
    raise AssertionError(f"{entry.op.name}: no dtype builds it")


@pytest.mark.parametrize("name,entry", _elementwise_cases(), ids=[name for name, _ in _elementwise_cases()])
def test_every_elementwise_op_prints_as_python_that_rebuilds_it(name: str, entry) -> None:
    out, operands = _build_elementwise(entry)
    assert out.owner.op is entry.op
    namespace = {**FUNCTIONS, **{v.name: v for v in operands}}
    for minimal in (False, True):
        text = pp(out, minimal_parentheses=minimal)
        rebuilt = eval(text, {"__builtins__": {"abs": abs}}, namespace)  # noqa: S307 (the text is the printer's)
        assert rebuilt.owner.op is entry.op, text
        assert all(a is b for a, b in zip(rebuilt.owner.inputs, operands, strict=True)), text
    if not entry.frontend.methods:  # no Python operator: a call of its first frontend name
        assert pp(out) == f"{entry.frontend.names[0]}({', '.join(v.name for v in operands)})"
    assert debugprint(out, file="str").splitlines()[0] == f"{name} [id A] ''"
    assert f'label="{name}"' in to_dot(out)


def test_the_plugin_op_prints_like_a_builtin_one() -> None:
    x = T.dvector("x")
    out = FUNCTIONS["test_cube"](x)
    assert pp(out + 1.0) == "(test_cube(x) + TensorConstant{1.0})"
    assert debugprint(out, file="str") == "test_cube [id A] ''\n |x [id B]\n"
    assert 'label="test_cube"' in to_dot(out)


def _custom_cases():
    x, y, m = T.dvector("x"), T.dvector("y"), T.dmatrix("m")
    cases = {
        "cast": (T.cast(x, "int32"), "cast{int32}(x)", "cast{int32}"),
        "broadcast": (T.fill(m, 2.0), "broadcast(TensorConstant{2.0}, m)", "broadcast"),
        "dimshuffle": (m.dimshuffle(1, 0, "x"), "DimShuffle{1,0,x}(m)", "dimshuffle{1,0,x}"),
        "dot": (T.dot(m, x), "dot(m, x)", "dot"),
        "sum": (T.sum(m, axis=0), "sum(m, axis=[0])", "sum{0}"),
        "prod": (T.prod(m, axis=1), "prod(m, axis=[1])", "prod{1}"),
        "max": (T.max(m, axis=(0, 1)), "max(m, axis=[0, 1])", "max{0,1}"),
        "min": (T.min(x), "min(x, axis=[0])", "min{0}"),
        "all": (T.all(x < y), "all((x < y), axis=[0])", "all{0}"),
        "any": (T.any(m, axis=1), "any(m, axis=[1])", "any{1}"),
        "argmax": (T.argmax(m, axis=0), "argmax(m, axis=[0]).index", "argmax{0}"),
        "argmin": (T.argmin(m, axis=1), "argmin(m, axis=[1]).index", "argmin{1}"),
        "count": (T.count(m, axis=1), "count(m, axis=[1])", "count{1}"),
        "iota": (iota(m, 1), "iota(m, axis=[1])", "iota{1}"),
    }
    if "contract" in OPS:  # einsum-like contractions: a string property prints as a keyword
        out = apply(OPS["contract"].op, [m, x], spec=StringAttr("ij,j->i"))
        cases["contract"] = (out, "contract(m, x, spec='ij,j->i')", "contract{ij,j->i}")
    return cases


def _synthetic(op: type) -> Apply:
    """A node of `op` with as many operands and results as its definition declares (two for a variadic one)
    and no properties: enough to print, whatever the op's type rule would ask of a real graph."""
    definition = op.get_irdl_definition()
    arity = sum(2 if isinstance(d, VarOperandDef) else 1 for _, d in definition.operands)
    results = sum(2 if isinstance(d, VarResultDef) else 1 for _, d in definition.results)
    node = Apply(op, [T.dvector(name) for name in "abcdefgh"[:arity]])
    node.outputs.extend(Variable(TensorType("float64", (False,)), owner=node, index=i) for i in range(results))
    return node


@pytest.mark.parametrize("name", list(OPS))
def test_every_registered_op_prints_its_name_and_every_result(name: str) -> None:
    """Every op, whatever its family, reaches the printers' generic path: they need nothing from it but its
    definition. (Ops spelled as Python operators are checked above, by reading their text back.)"""
    node = _synthetic(OPS[name].op)
    operands = ", ".join(v.name for v in node.inputs)
    declared = [n for n, _ in OPS[name].op.get_irdl_definition().results]
    several = len(node.outputs) > 1
    for i, out in enumerate(node.outputs):
        suffix = (f".{declared[i]}" if len(declared) == len(node.outputs) else f"[{i}]") if several else ""
        if OPS[name].frontend.kind != "elementwise":
            assert pp(out) == f"{name}({operands}){suffix}"
        tree = debugprint(out, file="str").splitlines()
        assert tree[0] == f"{name}{suffix.replace('[', '.').rstrip(']')} [id A] ''"
        assert len(tree) == 1 + len(node.inputs)
    dot = to_dot(node.outputs)
    assert f'label="{name}"' in dot and dot.count("n0 -> ") == len(node.outputs)


@pytest.mark.parametrize("name", sorted(_custom_cases()))
def test_every_other_op_prints(name: str) -> None:
    out, text, label = _custom_cases()[name]
    assert out.owner.op is OPS[name].op
    assert pp(out) == text
    suffix = ".index" if name.startswith("arg") else ""
    assert debugprint(out, file="str").splitlines()[0].startswith(f"{label}{suffix} [id A]")
    assert f'label="{label}"' in to_dot(out)


@needs_dot
def test_pydotprint_draws_every_registered_op(tmp_path) -> None:
    outs = [out for name in OPS for out in _synthetic(OPS[name].op).outputs]
    outs += [_build_elementwise(entry)[0] for _, entry in _elementwise_cases()]
    outs += [out for out, _, _ in _custom_cases().values()]
    picture = pydotprint(outs, outfile=tmp_path / "all.svg", format="svg", print_output_file=False)
    svg = html.unescape(picture.read_text())
    labels = list(OPS) + [label for _, _, label in _custom_cases().values()]
    assert [label for label in labels if f">{label}</text>" not in svg] == []
