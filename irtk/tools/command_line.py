"""mlir-opt's command-line conventions, turned into what argparse and pipeline.py understand.

mlir-opt (LLVM's option parser) treats `-split-input-file` and `--split-input-file` alike, and takes every
registered pass as a flag of its own (`--canonicalize`, `--tile=sizes=4,4`, `-cse`), run in command-line
order. `normalize` rewrites single-dash long options into argparse's double-dash form, and
`take_pass_flags` removes the pass flags from the argument list and spells them as a pipeline string.
"""

from __future__ import annotations

from collections.abc import Iterable

from irtk import registry


def normalize(argv: list[str], long_options: Iterable[str]) -> list[str]:
    """`-name` / `-name=value` → `--name` / `--name=value` for every known long option and every pass.

    Anything else is left alone: short options (`-o FILE`, `-p X`, `-ofile`), `-` (stdin), file names."""
    known = {o[2:] for o in long_options if o.startswith("--")}
    out = []
    for i, arg in enumerate(argv):
        if arg == "--":  # everything after it is a file name
            return out + argv[i:]
        name = arg.split("=", 1)[0][1:]
        if arg.startswith("-") and not arg.startswith("--") and (name in known or _is_pass(name)):
            arg = "-" + arg
        out.append(arg)
    return out


def take_pass_flags(argv: list[str], long_options: Iterable[str] = ()) -> tuple[list[str], str, list[str]]:
    """(argv without the pass flags, the pipeline they spell, the flags as given).

    `--tile=sizes=4,4` becomes `tile{sizes=4,4}`; the value may also be written in braces, `--tile={sizes=4,4}`.
    `long_options` (irtk-opt's own) are never passes, so they need no look-up among installed plugins."""
    own = {o[2:] for o in long_options if o.startswith("--")}
    rest, elements, flags = [], [], []
    for i, arg in enumerate(argv):
        if arg == "--":
            rest += argv[i:]
            break
        name, eq, value = arg[2:].partition("=")
        if not arg.startswith("--") or name in own or not _is_pass(name):
            rest.append(arg)
            continue
        flags.append(arg)
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        elements.append(f"{name}{{{value}}}" if eq else name)
    return rest, ",".join(elements), flags


def _is_pass(name: str) -> bool:
    """Whether `name` is a pass or named pipeline. Only a word that could be one (`-o`, `-p` cannot: single
    letters) makes irtk look among installed plugins for it."""
    if name in registry.PASSES or name in registry.PIPELINES:
        return True
    return len(name) > 1 and registry.has_name(name)


def parse_bool(text: str) -> bool:
    """An LLVM-style boolean option value: true/false, 1/0 (also yes/no, on/off)."""
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ValueError(text)


parse_bool.__name__ = "boolean (true or false)"  # argparse names the type in its error message
