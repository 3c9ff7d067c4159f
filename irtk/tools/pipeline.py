"""Turn a pipeline string into steps to run, or into a diagnostic that points into the string.

The syntax is mlir-opt's: `builtin.module(canonicalize, func.func(cse, tile{sizes=4,4}))`. An element is a
pass with optional `{key=value ...}` options, a named pipeline of `irtk.registry.PIPELINES`, or an op name
followed by a parenthesised list (a nested pipeline, run on each op of that name directly inside the
current one; `any(...)` matches every op). A string that is one `builtin.module(...)` (or `any(...)`) is
anchored at the input module; a bare list (`-p canonicalize,cse`) is too.

Options are checked one by one, so an error points at the option at fault and names the pass, the option
and the valid ones. Errors are reported as `<pass-pipeline>:1:COL: error: ...` with the string and a
caret, as mlir-opt does for its pipelines.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass

from irtk import registry
from irtk.plugins import PluginError
from irtk.tools.diagnostics import DiagnosticError, at
from irtk.tools.source import SourceFile

NAME = "<pass-pipeline>"
#: Anchors that stand for the input module when they wrap the whole string.
ROOT_ANCHORS = ("builtin.module", "any")
_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_ARGSPEC_POSITION = re.compile(r":(\d+):(\d+)\n")
#: The named pipelines being expanded, outermost first (a pipeline that contains itself is an error).
_EXPANDING: list[str] = []


@dataclass(frozen=True)
class PassStep:
    """One pass to run on the current op."""

    pass_: object

    @property
    def name(self) -> str:
        return self.pass_.name

    @property
    def label(self) -> str:
        """The pass as a pipeline spells it, with its non-default options."""
        return pass_label(self.pass_)


@dataclass(frozen=True)
class Nest:
    """Steps to run on each op named `anchor` (any op for `any`) directly inside the current op."""

    anchor: str
    steps: tuple

    @property
    def label(self) -> str:
        return f"{self.anchor}({','.join(s.label for s in self.steps)})"


def build_pipeline(spec: str, source: SourceFile | None = None, base: int = 0) -> tuple:
    """The steps `spec` describes, in order; raises DiagnosticError for any problem.

    `source` and `base` say where `spec` sits in the text errors are shown against (by default, `spec`)."""
    if not spec.strip():
        return ()
    source = source or SourceFile(NAME, spec)
    parser = _Parser(spec, source, base)
    items = parser.parse_list(0, closing=None)[0]
    if len(items) == 1 and isinstance(items[0], Nest) and items[0].anchor in ROOT_ANCHORS:
        return items[0].steps
    return tuple(items)


def pass_label(p) -> str:
    """`p` as a pipeline spells it, with its non-default options: `canonicalize{max-iterations=3}`."""
    try:
        from xdsl.utils.arg_spec import ArgSpec

        spec = p.pipeline_pass_spec()
        return str(ArgSpec(spec.name, {k.replace("_", "-"): v for k, v in spec.parameters.items()}))
    except Exception:
        return p.name


def flatten(steps) -> list[PassStep]:
    """Every PassStep in `steps`, nested ones included, in order."""
    found: list[PassStep] = []
    for step in steps:
        found += flatten(step.steps) if isinstance(step, Nest) else [step]
    return found


class _Parser:
    def __init__(self, text: str, source: SourceFile, base: int):
        self.text, self.source, self.base = text, source, base

    def error(self, pos: int, message: str) -> DiagnosticError:
        return DiagnosticError(at(self.source, self.base + pos, message))

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        return pos

    def parse_list(self, pos: int, closing: str | None) -> tuple[list, int]:
        items: list = []
        pos = self.skip(pos)
        if closing and pos < len(self.text) and self.text[pos] == closing:
            return items, pos + 1
        while True:
            new, pos = self.parse_element(self.skip(pos))
            items += new
            pos = self.skip(pos)
            if pos < len(self.text) and self.text[pos] == ",":
                pos += 1
                continue
            if closing is None and pos >= len(self.text):
                return items, pos
            if closing is not None and pos < len(self.text) and self.text[pos] == closing:
                return items, pos + 1
            if pos >= len(self.text):
                raise self.error(pos, f"invalid pass pipeline: expected ',' or '{closing}' before the end")
            expected = "','" if closing is None else f"',' or '{closing}'"
            raise self.error(pos, f"invalid pass pipeline: expected {expected} here")

    def parse_element(self, pos: int) -> tuple[list, int]:
        match = _NAME.match(self.text, pos)
        if match is None:
            raise self.error(pos, "invalid pass pipeline: Expected pass name here")
        name, end = match.group(), match.end()
        if end < len(self.text) and self.text[end] == "(":
            steps, end = self.parse_list(end + 1, closing=")")
            return [Nest(name, tuple(steps))], end
        options, options_at = None, end
        if end < len(self.text) and self.text[end] == "{":
            close = self._matching_brace(end)
            options, end = self.text[end + 1 : close], close + 1
        return list(self.build(name, pos, options, options_at + 1)), end

    def _matching_brace(self, pos: int) -> int:
        depth, quoted = 0, False
        for i in range(pos, len(self.text)):
            ch = self.text[i]
            if ch == '"' and self.text[i - 1] != "\\":
                quoted = not quoted
            elif not quoted and ch == "{":
                depth += 1
            elif not quoted and ch == "}":
                depth -= 1
                if depth == 0:
                    return i
        raise self.error(pos, "invalid pass pipeline: '{' is never closed")

    def build(self, name: str, pos: int, options: str | None, options_at: int) -> tuple:
        try:
            known = registry.has_name(name)  # looks among installed plugins for a name not yet registered
        except PluginError as exc:
            raise self.error(pos, str(exc)) from None
        if name in registry.PIPELINES:
            if options is not None:
                raise self.error(pos, f"named pipeline '{name}' takes no options")
            if name in _EXPANDING:
                raise self.error(pos, f"named pipeline '{name}' contains itself: {' -> '.join((*_EXPANDING, name))}")
            _EXPANDING.append(name)
            try:
                return build_pipeline(registry.PIPELINES[name])
            finally:
                _EXPANDING.pop()
        if not known:
            close = difflib.get_close_matches(name, [*registry.PASSES, *registry.PIPELINES], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise self.error(pos, f"'{name}' does not refer to a registered pass or pass pipeline{hint}")
        try:
            cls = registry.PASSES[name]()
        except Exception as exc:  # the pass's module failed to import
            raise self.error(pos, f"pass '{name}' could not be loaded: {exc}") from None
        return (PassStep(_OptionParser(self, cls, name, pos).make(options or "", options_at)),)


class _OptionParser:
    """`pass{key=value ...}` → an instance of the pass class, each option checked on its own."""

    def __init__(self, parser: _Parser, cls, name: str, pos: int):
        self.parser, self.cls, self.name, self.pos = parser, cls, name, pos
        self.fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.name != "name"}

    def make(self, text: str, at_: int):
        from xdsl.utils.arg_spec import ArgSpec, parse_spec
        from xdsl.utils.exceptions import ArgSpecParseError

        spelled = f"{self.name}{{{text}}}"
        try:
            parameters = parse_spec(spelled).parameters
        except ArgSpecParseError as exc:
            found = _ARGSPEC_POSITION.search(str(exc))
            col = int(found.group(2)) - 1 if found else 0
            message = str(exc).rstrip().splitlines()[-1].strip()
            raise self.parser.error(max(at_, at_ + col - len(self.name) - 1), f"invalid pass pipeline: {message}")
        offsets = _key_offsets(text)
        checked: dict[str, tuple] = {}
        for key, values in parameters.items():
            where = at_ + offsets.get(key, 0)
            field = self.fields.get(key.replace("-", "_"))
            if field is None:
                raise self.parser.error(where, self._unknown(key))
            if not values and _is_bool(field):  # `pass{flag}` means flag=true, as in mlir-opt
                values = (True,)
            try:
                self.cls.from_spec(ArgSpec(self.name, {key: values}))
            except (ValueError, TypeError) as exc:
                raise self.parser.error(where, self._bad_value(key, values, field, exc)) from None
            checked[key] = values
        try:
            return self.cls.from_spec(ArgSpec(self.name, checked))
        except (ValueError, TypeError) as exc:
            raise self.parser.error(self.pos, f"invalid options for pass '{self.name}': {exc}") from None

    def _valid(self) -> str:
        names = [f.name.replace("_", "-") for f in self.fields.values()]
        return f"its options are {', '.join(names)}" if names else "it takes no options"

    def _unknown(self, key: str) -> str:
        close = difflib.get_close_matches(key, [f.replace("_", "-") for f in self.fields], n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"pass '{self.name}' has no option '{key}'; {hint}{self._valid()}"

    def _bad_value(self, key: str, values: tuple, field, exc: Exception) -> str:
        from xdsl.utils.arg_spec import ArgSpec

        shown = str(ArgSpec("", {key: values}))[1:-1]
        why = str(exc)
        if why.startswith("Incompatible types"):
            why = f"expected {option_type(field)}"
        return f"invalid value for option '{key}' of pass '{self.name}' ({shown}): {why}"


def option_type(field) -> str:
    """A field's type as written in its class (`int`, `tuple[int, ...]`)."""
    kind = field.type
    if isinstance(kind, str):
        return kind
    return getattr(kind, "__name__", None) if isinstance(kind, type) else str(kind).replace("typing.", "")


def _is_bool(field) -> bool:
    return field.type in (bool, "bool")


def _key_offsets(text: str) -> dict[str, int]:
    """The offset in `text` (the inside of `{...}`) of each option's key."""
    offsets, i, at_start, quoted = {}, 0, True, False
    while i < len(text):
        ch = text[i]
        if quoted:
            quoted = not (ch == '"' and text[i - 1] != "\\")
        elif ch == '"':
            quoted = True
        elif ch.isspace():
            at_start = True
        elif at_start and (match := _NAME.match(text, i)):
            offsets.setdefault(match.group(), i)
            i, at_start = match.end(), False
            continue
        else:
            at_start = False
        i += 1
    return offsets
