"""`--verify-diagnostics`: check the errors produced against `expected-error` annotations in the input.

The annotation syntax is mlir-opt's, so tests read the same in both tools:

    %r = arith.addi %a, %b : f32   // expected-error {{same line}}
    // expected-error @+1 {{on the next line}}            (also @-N, @+N)
    // expected-error @below {{next line without an annotation}}
    // expected-error @above {{previous line without an annotation}}
    // expected-error-re {{literal text {{[0-9]+}} more}}   (regexes inside inner {{ }}, as in FileCheck)

`expected-warning`, `expected-note` and `expected-remark` are read too; irtk-opt produces only errors, so
they are reported as never produced. An expected message matches a produced one on the same line of this
file whose text contains it; `@unknown` matches errors located nowhere in this file (an op whose location
is another file, say `loc("model.py":3:1)`). Every produced error must be expected and every expectation met; what is wrong is reported
as `FILE:LINE:COL: error: ...` like any other diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from irtk.tools.diagnostics import Diagnostic
from irtk.tools.split_input import Chunk

_ANNOTATION = re.compile(
    r"expected-(?P<kind>error|warning|note|remark)(?P<re>-re)?[ \t]*"
    r"(?:@(?P<where>[+-]\d+|above|below|unknown))?[ \t]*\{\{(?P<msg>.*)\}\}"
)


@dataclass
class Expectation:
    """One annotation: a `kind` diagnostic on `line` of the input (0: @unknown) whose message contains `text`."""

    kind: str
    text: str
    is_regex: bool
    line: int
    col: int
    annotation_line: int
    met: bool = False

    def matches(self, diag: Diagnostic, filename: str) -> bool:
        line = diag.line if diag.located and diag.file == filename else 0
        if diag.severity != self.kind or line != self.line:
            return False
        if self.is_regex:
            return re.search(_regex(self.text), diag.message) is not None
        return self.text in diag.message


def _regex(text: str) -> str:
    """An `-re` expectation as a Python regex: `{{...}}` parts are regexes, the rest is literal."""
    parts = re.split(r"\{\{(.*?)\}\}", text)
    return "".join(part if i % 2 else re.escape(part) for i, part in enumerate(parts))


def parse_expectations(chunk: Chunk) -> list[Expectation]:
    """The annotations in a chunk, with the absolute line each one refers to."""
    lines = chunk.text.split("\n")
    annotated = [_ANNOTATION.search(line) is not None for line in lines]
    found = []
    for index, line in enumerate(lines):
        for match in _ANNOTATION.finditer(line):
            target = _target_line(match.group("where"), index, annotated)
            found.append(
                Expectation(
                    kind=match.group("kind"),
                    text=match.group("msg"),
                    is_regex=match.group("re") is not None,
                    line=0 if target is None else target + 1 + chunk.line_offset,
                    col=match.start() + 1,
                    annotation_line=index + 1 + chunk.line_offset,
                )
            )
    return found


def _target_line(where: str | None, index: int, annotated: list[bool]) -> int | None:
    """0-based chunk line an annotation on line `index` refers to; None for @unknown."""
    if where is None:
        return index
    if where == "unknown":
        return None
    if where in ("below", "above"):
        step = 1 if where == "below" else -1
        target = index + step
        while 0 <= target < len(annotated) and annotated[target]:
            target += step
        return target
    return index + int(where)


def check(expectations: list[Expectation], produced: list[Diagnostic], filename: str) -> list[Diagnostic]:
    """The problems found: produced errors nobody expected, then expectations that were not met."""
    problems = []
    for diag in produced:
        expectation = next((e for e in expectations if not e.met and e.matches(diag, filename)), None)
        if expectation is not None:
            expectation.met = True
        else:
            problems.append(
                Diagnostic(f"unexpected {diag.severity}: {diag.message}", diag.file, diag.line, diag.col)
            )
    for e in expectations:
        if not e.met:
            problems.append(
                Diagnostic(f'expected {e.kind} "{e.text}" was not produced', filename, e.annotation_line, e.col)
            )
    return problems
