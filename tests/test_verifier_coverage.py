"""Every error message the dialects give for bad IR has a `--verify-diagnostics` case in filecheck/dialect/.

The messages are read from the sources, not listed by hand, so a new check cannot land without a test: an AST walk
over irtk/dialects/ collects the message of every `raise TypeError(...)`, `raise VerifyException(...)`,
`raise ParseError(...)` and `parser.raise_error(...)`, and the strings returned by the `*_problem` functions
(the reasons the verifiers of `irtk.grad`, `irtk.rop` and `irtk.jacobian` put after their op's name). An f-string
becomes a template: its literal parts, with a wildcard for each `{...}` (a module-level string constant such as
`SEGMENTS` is filled in; `{a if c else b}` of two strings makes two templates). A template is covered when some
`expected-error` text in filecheck/dialect/*.mlir can be part of a message it produces and matches all of its literal
text, or enough of it to name it (an expectation may stop before the message ends).

A message that textual IR cannot produce (the parser or an earlier check always refuses first) or that is not a
verifier error at all (raised while an op builds its structured form, or by a Python-side builder) is in
`NOT_FROM_TEXTUAL_IR`, each with the reason; an entry there that no longer names a message fails too.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DIALECTS = REPO / "irtk" / "dialects"
CASES = REPO / "filecheck" / "dialect"

#: The exceptions a dialect raises for bad IR, and the position of the message among their arguments
#: (`ParseError(span, msg)`).
_EXCEPTIONS = {"TypeError": 0, "VerifyException": 0, "ParseError": 1}
_WILD = object()  # a `{...}` of an f-string: any text

_IRDL_OPERANDS = "IRDL's operand definitions refuse a wrong operand count (or a non-tensor operand) first"
_IRDL_PROPERTY = "IRDL refuses an op without this property (or with one of another kind) first"
_BUILDER_ONLY = ("the type rule of a request op serves `TensorBuilder.build_n` only; its verifier checks the "
                 "segments through IRDL and its own checks")
_STRUCTURED_FORM = ("raised while the structured form is built, not by the verifier; the type rule chose a dtype "
                    "for which it cannot happen")

#: Message templates (as `Template.text` shows them: `{}` for each placeholder) that no `.mlir` case can reach,
#: with the reason.
NOT_FROM_TEXTUAL_IR: dict[str, str] = {
    "{}: operands must be tensors, got {}": _IRDL_OPERANDS,
    "{}: expected a value operand": _IRDL_OPERANDS,
    "{}: expected the diagonal operand k": _IRDL_OPERANDS,
    "{}: expected start, stop and step, got {} operand(s)": _IRDL_OPERANDS,
    "{}: expected the operand to reshape": _IRDL_OPERANDS,
    "{}: expected the state operand": _IRDL_OPERANDS,
    "{}: expected the tensor to index": _IRDL_OPERANDS,
    "irtk.dot: expected 2 operands, got {}": _IRDL_OPERANDS,
    "{}: expected the result's static sizes as the `static_shape` property": _IRDL_PROPERTY,
    "{}: expected the result's element type as the `dtype` property": _IRDL_PROPERTY,
    "{}: expected the `{}` property (an array<i64>)": _IRDL_PROPERTY,
    'irtk.contract: needs a string property \'spec\' such as "ij,jk->ik"': _IRDL_PROPERTY,
    "irtk.grad: needs the property operandSegmentSizes (the numbers of cost, known, gradient and wrt operands)":
        _BUILDER_ONLY,
    "irtk.grad: operandSegmentSizes {} does not fit {} operands": _BUILDER_ONLY,
    "irtk.rop: needs the property operandSegmentSizes (the numbers of f, wrt and tangent operands)": _BUILDER_ONLY,
    "irtk.rop: operandSegmentSizes {} does not fit {} operands": _BUILDER_ONLY,
    "irtk.cast: the result dtype must be given (use TensorBuilder.cast)":
        "`irtk.cast` has its own verifier (the result type names the dtype); its type rule only refuses a builder "
        "that does not give the dtype",
    "{}: its body computes {}, its type rule says {}": _STRUCTURED_FORM,
    "true division needs a floating-point dtype, got {}": _STRUCTURED_FORM,
    "{}: the C library function takes floats, not {}": _STRUCTURED_FORM,
    "complex numbers are not ordered: no `{}` for {}":
        _STRUCTURED_FORM + " (an ordering of complex operands is refused as 'not defined for complex operands')",
    "{} is not defined for complex operands ({}); complex functions: {}":
        _STRUCTURED_FORM + " (an op without a complex body refuses complex operands in its type rule)",
    "{}: dimension {} of the values has size {}, the indexed shape {}":
        "raised while the structured form is built; the type rule refuses different static sizes first",
    "irtk does not support dtype {}; supported: {}":
        "dtype names come from Python callers and from `irtk.dtype` function attributes, which the C++ emitter and "
        "the evaluator read, not the verifier",
    "irtk.dtype = {} does not name a dtype whose signless type is {}":
        "`irtk.dtype` function attributes are read by the C++ emitter and the evaluator, not the verifier",
}


@dataclass(frozen=True)
class Template:
    """One message as the source writes it: literal text with wildcards, and where it is."""

    parts: tuple  # str or _WILD, in order
    where: str  # path:line

    @property
    def text(self) -> str:
        return "".join("{}" if p is _WILD else p for p in self.parts)

    @property
    def literal_size(self) -> int:
        return sum(len(_core(p)) for p in self.parts if p is not _WILD)

    def matched_literal(self, expected: str) -> int:
        """How many of the template's literal characters `expected` matches when it is read as a substring of
        a message the template produces, with any text around it (verifiers put the op's name before it);
        -1 when it cannot be one. An NFA over the template's characters, entered anywhere, in which a
        wildcard consumes any text; each state keeps the most literal characters matched on the way to it."""
        tokens = [_WILD, *(c for p in self.parts for c in ([_WILD] if p is _WILD else p)), _WILD]

        def closure(states: dict[int, int]) -> dict[int, int]:
            out = dict(states)
            for s, n in states.items():  # a wildcard may also consume nothing
                while s < len(tokens) and tokens[s] is _WILD:
                    s += 1
                    out[s] = max(out.get(s, -1), n)
            return out

        states = closure({s: 0 for s in range(len(tokens) + 1)})
        for ch in expected:
            step: dict[int, int] = {}
            for s, n in states.items():
                if s < len(tokens) and tokens[s] is _WILD:
                    step[s] = max(step.get(s, -1), n)
                elif s < len(tokens) and tokens[s] == ch:
                    step[s + 1] = max(step.get(s + 1, -1), n + 1)
            states = closure(step)
            if not states:
                return -1
        return max(states.values())

    @functools.cached_property
    def needed(self) -> int:
        return min(_ENOUGH, self.literal_size)

    @functools.cached_property
    def grams(self) -> tuple[int, frozenset[str]]:
        """(n, the n-grams of the literal parts), where n is the length of the longest run of matched literal
        characters at the least: the `needed` characters come in at most one run per literal part."""
        literals = [p for p in self.parts if p is not _WILD]
        n = max(1, -(-self.needed // len(literals)))
        return n, frozenset(p[i:i + n] for p in literals for i in range(len(p) - n + 1))

    def covered_by(self, expected: str) -> bool:
        """`expected` could come from this template and names it: it matches all of the template's literal text,
        or at least `_ENOUGH` characters of it (an expected text may stop before the message ends)."""
        n, grams = self.grams
        if not any(expected[i:i + n] in grams for i in range(len(expected) - n + 1)):
            return False  # too little of the literal text, without running the NFA
        return self.matched_literal(expected) >= self.needed


#: Literal characters that identify a message.
_ENOUGH = 24


def _core(literal: str) -> str:
    """A literal part without the punctuation and spaces at its ends, which an expected text may cut off."""
    return literal.strip(" :;,.()'`#")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _parts(node: ast.expr, module) -> list[tuple] | None:
    """The literal parts of a message expression, one tuple per message it can be (a `{a if c else b}` of two
    strings is two messages); None when it is not built from string literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value,)]
    if isinstance(node, ast.JoinedStr):
        alternatives: list[tuple] = [()]
        for value in node.values:
            choices = [(_WILD,)]
            if isinstance(value, ast.Constant):
                choices = [(value.value,)]
            elif value.format_spec is None and value.conversion == -1:
                inner = value.value
                if isinstance(inner, ast.Name) and isinstance(getattr(module, inner.id, None), str):
                    choices = [(getattr(module, inner.id),)]  # a named string constant, e.g. SEGMENTS
                elif isinstance(inner, ast.IfExp):
                    branches = [_parts(inner.body, module), _parts(inner.orelse, module)]
                    if None not in branches:
                        choices = [b for branch in branches for b in branch]
            alternatives = [a + c for a in alternatives for c in choices]
        return alternatives
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left, module), _parts(node.right, module)
        return None if left is None or right is None else [a + b for a in left for b in right]
    return None


def _merge(parts: tuple) -> tuple:
    out: list = []
    for p in parts:
        if p is _WILD and out and out[-1] is _WILD:
            continue
        if p is not _WILD and out and out[-1] is not _WILD:
            out[-1] += p
        elif p != "":
            out.append(p)
    return tuple(out)


def _message_nodes(tree: ast.AST):
    """The message expressions of a module: raised errors, parser errors and `*_problem` reasons."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if isinstance(func, ast.Name) and func.id in _EXCEPTIONS and len(node.exc.args) > _EXCEPTIONS[func.id]:
                yield node.exc.args[_EXCEPTIONS[func.id]]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "raise_error":
            if node.args:
                yield node.args[0]
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_problem"):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    yield inner.value


def message_templates() -> list[Template]:
    """Every message template in irtk/dialects/, with literal text, in source order."""
    found = []
    for path in sorted(DIALECTS.rglob("*.py")):
        module = importlib.import_module(_module_name(path))
        for node in _message_nodes(ast.parse(path.read_text(), str(path))):
            alternatives = _parts(node, module)
            if alternatives is None:
                continue  # a forwarded message (`str(e)`, a variable): its origin is collected where it is written
            for parts in map(_merge, alternatives):
                if any(p is not _WILD and _core(p) for p in parts):  # not only `{e}`-like forwarding
                    found.append(Template(parts, f"{path.relative_to(REPO)}:{node.lineno}"))
    return found


_EXPECTED = re.compile(r"expected-error(?:-re)?[ \t]*(?:@(?:[+-]\d+|above|below|unknown))?[ \t]*\{\{(.*)\}\}")


@functools.cache
def expected_errors() -> tuple[str, ...]:
    """The text of every `expected-error` annotation in filecheck/dialect/*.mlir (`-re` regexes read as text)."""
    texts = []
    for path in sorted(CASES.glob("*.mlir")):
        texts += [m.group(1) for m in _EXPECTED.finditer(path.read_text())]
    return tuple(texts)


def uncovered(templates: list[Template], texts: tuple[str, ...]) -> list[Template]:
    """The templates no expected text covers (for a report: `python -c` over this module)."""
    return [t for t in templates if not any(t.covered_by(e) for e in texts)]


TEMPLATES = message_templates()


def test_messages_are_found():
    """The walk sees the type rules, the custom verifiers, the parsers and the `*_problem` reasons, with named
    constants filled in and conditional parts split (a guard against a walk that finds too little)."""
    texts = {t.text for t in TEMPLATES}
    assert "{}: result type {} does not match the inferred type {}" in texts
    assert "{}: operands have different ranks {}; insert irtk.dimshuffle first" in texts
    assert "expected {} operand type(s), got {}" in texts
    assert "only float values have tangents, got {}" in texts
    assert "irtk.rop: operandSegmentSizes {} does not fit {} operands" in texts
    assert {"{}: on tensors it returns its outs type", "{}: on buffers it has no result"} <= texts
    assert len(TEMPLATES) > 100


def test_matching_rule():
    """An expectation covers a template when it can be part of the message and names enough of it."""
    (template,) = [t for t in TEMPLATES if t.text == "{}: operands and outs must all be tensors or all memrefs, got {}"]
    assert template.covered_by("irtk_blas.gemm: operands and outs must all be tensors or all memrefs, got tensor<f64>")
    assert template.covered_by("'irtk_blas.gemm' op irtk_blas.gemm: operands and outs must all be tensors")
    assert template.covered_by("operands and outs must all be tensors or all memrefs")  # cut at both ends
    assert not template.covered_by("irtk_blas.gemm: operands and outs must have one element type, f32 or f64")
    assert not template.covered_by("tensors or all")  # part of it, but too little to name it
    (short,) = {t for t in TEMPLATES if t.text == "expected {} types: {}"}
    assert short.covered_by("expected 2 types: the cost's, then one per wrt value")
    assert not short.covered_by("expected a dense elements attribute, e.g. dense<1.0> : tensor<f64>")


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.text not in NOT_FROM_TEXTUAL_IR], ids=lambda t: t.where)
def test_message_has_a_verify_diagnostics_case(template: Template):
    texts = expected_errors()
    assert any(template.covered_by(e) for e in texts), (
        f"{template.where}: no `expected-error` in filecheck/dialect/*.mlir produces {template.text!r}; add a case "
        "(or, if textual IR cannot reach it, an entry with the reason in NOT_FROM_TEXTUAL_IR)"
    )


def test_allow_list_names_real_messages():
    texts = {t.text for t in TEMPLATES}
    assert sorted(set(NOT_FROM_TEXTUAL_IR) - texts) == []


def test_allow_list_holds_no_covered_message():
    """A message that got a case leaves the list."""
    listed = [t for t in TEMPLATES if t.text in NOT_FROM_TEXTUAL_IR]
    assert [t.text for t in listed if t not in uncovered(listed, expected_errors())] == []
