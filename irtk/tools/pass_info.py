"""What `--list-passes` and `--help` say about each pass: its summary and its options (name, type, default).

Both are derived from the pass class itself: the summary is the first line of its docstring, the options are
its dataclass fields, and an option's help is the docstring entry `field_name: text` (continued on the lines
indented deeper). `--list-passes` imports each class and reads it (`from_class`). `--help` must not import xDSL
(start-up time), so it reads the same facts from the class's source with `ast` (`from_source`), for every pass
whose registry factory says where its class lives; tests/test_irtk_opt_cli.py checks that both readings agree.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import inspect
import os
import re
from dataclasses import dataclass

from irtk import registry

#: Summaries for passes whose class has no docstring (xDSL's).
FALLBACK_SUMMARIES = {
    "cse": "Eliminate common subexpressions.",
    "dce": "Erase ops whose results are unused and that have no side effects.",
}
#: A docstring line documenting option `field_name` (the dataclass field's name): `field_name: text`.
OPTION_LINE = re.compile(r"^\s*([a-z_][a-z0-9_]*):\s+(.*)$")


@dataclass(frozen=True)
class OptionInfo:
    name: str  # as the pipeline spells it: max-iterations
    type: str
    default: str
    help: str = ""


@dataclass(frozen=True)
class PassInfo:
    name: str
    summary: str
    options: tuple[OptionInfo, ...] = ()


def class_docstring(cls) -> str:
    """The pass class's own docstring, cleaned; empty for a class without one."""
    doc = inspect.cleandoc(cls.__dict__.get("__doc__") or "")
    if doc.startswith(f"{cls.__name__}("):  # the signature @dataclass writes for a class without a docstring
        return ""
    return doc


def from_class(name: str, cls) -> PassInfo:
    doc = class_docstring(cls)
    helps = _option_helps(doc)
    options = tuple(
        OptionInfo(f.name.replace("_", "-"), _type_text(f.type), _value_text(_default(f)), helps.get(f.name, ""))
        for f in dataclasses.fields(cls)
        if f.init and f.name != "name"
    )
    return PassInfo(name, _summary(doc) or FALLBACK_SUMMARIES.get(name, ""), options)


def from_source(name: str, module: str, attr: str) -> PassInfo | None:
    """The same facts read from the source of `module`.`attr`, without importing it; None when not found."""
    path = _module_path(module)
    if path is None:
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Parsing only the class's own lines keeps --help fast: whole pass modules take ~10 ms each.
    start = re.search(rf"^class {re.escape(attr)}\b.*$", text, re.MULTILINE)
    if start is None:
        return None
    end = re.compile(r"^\S", re.MULTILINE).search(text, start.end() + 1)
    try:
        cls = ast.parse(text[start.start() : end.start() if end else len(text)]).body[0]
    except SyntaxError:
        return None
    doc = ast.get_docstring(cls) or ""
    helps = _option_helps(doc)
    options = []
    for node in cls.body:
        if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
            continue
        kind = ast.unparse(node.annotation)
        if kind.startswith(("ClassVar", "typing.ClassVar")) or node.value is None:
            continue
        try:
            default = _value_text(ast.literal_eval(_named_constant(text, node.value)))
        except ValueError:
            default = ast.unparse(node.value)
        field = node.target.id
        options.append(OptionInfo(field.replace("_", "-"), kind, default, helps.get(field, "")))
    return PassInfo(name, _summary(doc) or FALLBACK_SUMMARIES.get(name, ""), tuple(options))


def _named_constant(text: str, value: ast.expr, depth: int = 0) -> ast.expr:
    """A default written as a module constant's name (`limit: int = DEFAULT_LIMIT`): the literal that constant is
    assigned, in this module or in the module it is imported from (`from irtk.passes.x import DEFAULT_LIMIT`);
    anything else as it is."""
    if not isinstance(value, ast.Name) or depth > 2:
        return value
    name = re.escape(value.id)
    assigned = re.search(rf"^{name}\s*(?::[^=\n]*)?=\s*(.+)$", text, re.MULTILINE)
    if assigned is not None:
        try:
            return _named_constant(text, ast.parse(assigned.group(1), mode="eval").body, depth + 1)
        except SyntaxError:
            return value
    imported = re.search(rf"^from\s+([\w.]+)\s+import\s+(?:[^\n]*[\s,(])?{name}\b", text, re.MULTILINE)
    path = _module_path(imported.group(1)) if imported else None
    if path is None:
        return value
    with open(path, encoding="utf-8") as f:
        return _named_constant(f.read(), value, depth + 1)


def describe(name: str, *, load: bool) -> PassInfo:
    """`name`'s PassInfo: from its class when `load`, else from its source (just the name if not found)."""
    factory = registry.PASSES[name]
    if load:
        return from_class(name, factory())
    if isinstance(factory, type):
        return from_class(name, factory)
    where = getattr(factory, "source", None)
    found = from_source(name, *where) if where else None
    return found or PassInfo(name, "(see --list-passes)")


def format_info(info: PassInfo, indent: str = "  ") -> list[str]:
    lines = [f"{indent}{info.name:<22} {info.summary}".rstrip()]
    for o in info.options:
        text = f"{indent}  {o.name}={o.type} (default {o.default})"
        lines.append(f"{text:<56} {o.help}".rstrip() if o.help else text)
    return lines


def _summary(doc: str) -> str:
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _option_helps(doc: str) -> dict[str, str]:
    return {name: " ".join(text.split()) for name, text, _ in option_entries(doc)}


def option_entries(doc: str) -> list[tuple[str, str, list[int]]]:
    """The docstring's `field_name: text` entries: (field_name, text, the indices of the lines it spans). An entry
    continues on the lines indented deeper than its first line."""
    lines = doc.splitlines()
    entries, i = [], 0
    while i < len(lines):
        m = OPTION_LINE.match(lines[i])
        if m is None:
            i += 1
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        span, text = [i], m.group(2)
        i += 1
        while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > indent:
            span.append(i)
            text += " " + lines[i].strip()
            i += 1
        entries.append((m.group(1), text, span))
    return entries


def _default(f) -> object:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def _value_text(value: object) -> str:
    """A value as a pipeline string spells it: true, -1, normal, 4,4."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(_value_text(v) for v in value) or "empty"
    return "none" if value is None else str(value)


def _type_text(kind: object) -> str:
    if isinstance(kind, str):
        return kind
    if isinstance(kind, type) and not getattr(kind, "__args__", None):
        return kind.__name__
    return str(kind).replace("typing.", "")


def _module_path(module: str) -> str | None:
    """The file of `module`, found without importing it or its packages (xDSL's `__init__` is not cheap)."""
    top, *rest = module.split(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return spec.origin if spec and not rest else None
    for base in spec.submodule_search_locations:
        path = os.path.join(base, *rest)
        for candidate in (path + ".py", os.path.join(path, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    return None
