"""The work irtk-opt does for one input: parse, verify, run passes (verifying after each), print.

Each stage turns whatever goes wrong into a located Diagnostic (see diagnostics.py), so that one bad input
never ends in a Python traceback. With `--split-input-file` every chunk is processed alone; a failed chunk
prints nothing and the others go on, as in mlir-opt. With `--verify-diagnostics` the errors of each chunk
are matched against its `expected-error` annotations instead of being printed.

Errors are of two kinds. A DiagnosticException from a pass (irtk's OpError, xDSL's VerifyException) is the
pass's verdict on its input and is printed as `pass 'NAME' failed: ...`. Any other exception from a pass or
the C++ emitter (KeyError, ValueError, AssertionError, ...) is a bug in that code, whatever the input, and
is printed as `internal error in pass 'NAME': TYPE: ...` with a note saying so; both are located at the
best op found (see locations.py), and `--show-traceback` adds the traceback of the second kind.
"""

from __future__ import annotations

import re
import sys
import traceback
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import IO

from irtk.tools.diagnostics import Diagnostic, DiagnosticError
from irtk.tools.expected_diagnostics import check, parse_expectations
from irtk.tools.source import SourceFile
from irtk.tools.split_input import MARKER, Chunk, split_input
from irtk.tools.timing import Timer

TOO_DEEP = "IR nested too deeply to process (Python recursion limit reached)"


@dataclass
class Options:
    """What to do with each input; mirrors the command line."""

    passes: tuple = ()  # pipeline.py's steps: PassStep and Nest
    emit: str = "mlir"
    print_generic: bool = False
    print_debuginfo: bool = False
    print_ir_before_all: bool = False
    print_ir_after_all: bool = False
    print_ir_after_change: bool = False
    verify_each: bool = True
    allow_unregistered: bool = False
    split_input_file: bool = False
    verify_diagnostics: bool = False
    show_traceback: bool = False
    timer: Timer | None = None  # --time-passes: where the times go


@dataclass
class Driver:
    options: Options
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)

    def __post_init__(self) -> None:
        from irtk.registry import make_context

        self.ctx = make_context(allow_unregistered=self.options.allow_unregistered)

    def run(self, source: SourceFile) -> tuple[str, bool]:
        """The output text for `source` and whether every chunk succeeded (or met its expectations)."""
        chunks = split_input(source.text) if self.options.split_input_file else [Chunk(source.text, 0)]
        outputs, ok = [], True
        for chunk in chunks:
            try:
                outputs.append(self.process(source, chunk))
                produced = []
            except DiagnosticError as exc:
                outputs.append("")
                produced = [exc.diagnostic]
            if self.options.verify_diagnostics:
                produced = check(parse_expectations(chunk), produced, source.name)
            for diag in produced:
                self.report(diag, source)
            ok = ok and not produced
        return f"{MARKER}\n".join(outputs), ok

    def report(self, diag: Diagnostic, source: SourceFile | None = None) -> None:
        print(diag.format({source.name: source} if source else None), file=self.stderr)

    def process(self, source: SourceFile, chunk: Chunk) -> str:
        """Parse, verify, transform and print one chunk; raise DiagnosticError on the first problem."""
        with self._timer("parser", "Parser"):
            module = self._parse(source, chunk)
            self._verify(module, source, chunk, after=None)
        self._run_steps(self.options.passes, module, source, chunk, self.options.timer)
        with self._timer("output", "Output"):
            if self.options.emit in ("cpp", "cuda"):
                return self._emit_source(module, source, chunk)
            return self._print_ir(module, source, chunk)

    def _timer(self, key, name: str, parent: Timer | None = None):
        parent = parent or self.options.timer
        return parent.child(key, name).measure() if parent is not None else nullcontext()

    def _run_steps(self, steps, op, source: SourceFile, chunk: Chunk, timer: Timer | None) -> None:
        """Run pipeline steps on `op`: a pass on `op` itself, a nested pipeline on each op it anchors on."""
        from irtk.tools.pipeline import Nest

        for step in steps:
            if isinstance(step, Nest):
                nested = timer.child(id(step), f"'{step.anchor}' Pipeline") if timer is not None else None
                for child in _anchored(op, step.anchor):
                    with nested.measure() if nested is not None else nullcontext():
                        self._run_steps(step.steps, child, source, chunk, nested)
            else:
                with timer.child(id(step), step.name).measure() if timer is not None else nullcontext():
                    self._run_pass(step, op, source, chunk)

    def _run_pass(self, step, op, source: SourceFile, chunk: Chunk) -> None:
        options = self.options
        before = None
        if options.print_ir_before_all:
            before = self._print_ir(op, source, chunk)
            self._dump("Before", step, before)
        elif options.print_ir_after_change:
            before = self._print_ir(op, source, chunk)
        self._apply(step.pass_, op, source, chunk)
        if options.verify_each:
            self._verify(op, source, chunk, after=step.pass_)
        if options.print_ir_after_all or options.print_ir_after_change:
            after = self._print_ir(op, source, chunk)
            if options.print_ir_after_all or after != before:
                self._dump("After", step, after)

    def _dump(self, when: str, step, text: str) -> None:
        print(f"// -----// IR Dump {when} {step.label} //----- //", file=self.stderr)
        print(text, file=self.stderr)

    def _parse(self, source: SourceFile, chunk: Chunk):
        from xdsl.utils.exceptions import MultipleSpansParseError, ParseError

        from irtk.tools.located_parser import LocatedParser

        text = SourceFile(source.name, chunk.text)
        parser = None
        try:
            parser = LocatedParser(self.ctx, text, line_offset=chunk.line_offset)  # lexes the first token: may fail
            return parser.parse_module()
        except ParseError as exc:
            notes = ()
            if isinstance(exc, MultipleSpansParseError):
                notes = tuple(f"{self._span_where(text, chunk, s)}: {m}" for s, m in exc.refs if m)
            # xDSL's lexer leaves one placeholder unfilled: name the character it means.
            message = exc.msg.replace("{first_char}", repr(chunk.text[exc.span.start : exc.span.start + 1]))
            raise self._at_offset(text, chunk, exc.span.start, message, notes) from None
        except RecursionError:
            raise self._at_offset(text, chunk, parser.pos if parser else 0, TOO_DEEP) from None

    def _verify(self, module, source: SourceFile, chunk: Chunk, *, after) -> None:
        from irtk.tools.verifier import InvalidOp, verify_ops

        notes = (f"the IR became invalid after pass '{_pass_label(after)}'",) if after is not None else ()
        try:
            verify_ops(module)
        except InvalidOp as exc:
            raise self._at_op(exc.op, exc.message, source, chunk, (*exc.notes, *notes)) from None
        except RecursionError:
            raise self._at_op(None, TOO_DEEP, source, chunk) from None

    def _apply(self, p, module, source: SourceFile, chunk: Chunk) -> None:
        from xdsl.utils.exceptions import DiagnosticException

        from irtk.tools.locations import exception_location

        try:
            _apply_on(p, self.ctx, module)
        except RecursionError:
            raise self._at_op(None, f"pass '{p.name}' failed: {TOO_DEEP}", source, chunk) from None
        except DiagnosticException as exc:  # OpError, VerifyException: the pass's verdict on its input
            raise self._at(exception_location(exc), _failed(p.name, _describe(exc)), source, chunk) from None
        except Exception as exc:  # anything else (KeyError, ValueError, AssertionError, ...) is a bug
            message = f"internal error in pass '{p.name}': {_describe(exc, internal=True)}"
            notes = (self._bug_note(f"pass '{p.name}'"),)
            raise self._at(exception_location(exc), message, source, chunk, exc, notes=notes) from None

    def _emit_source(self, module, source: SourceFile, chunk: Chunk) -> str:
        """--emit=cpp (emit_cpp) or --emit=cuda (emit_cuda)."""
        from xdsl.utils.exceptions import DiagnosticException

        from irtk.tools.locations import exception_location

        emit_flag = self.options.emit
        language = "CUDA" if emit_flag == "cuda" else "C++"
        try:
            if emit_flag == "cuda":
                from irtk.codegen.cuda import emit_cuda as emit
            else:
                from irtk.codegen.cpp import emit_cpp as emit
        except ImportError as exc:
            raise DiagnosticError(Diagnostic(f"--emit={emit_flag} is unavailable: {exc}")) from None
        try:
            return emit(module)
        except DiagnosticException as exc:  # EmitError, or an OpError from a helper
            message = f"cannot emit {language}: {_describe(exc)}"
            raise self._at(exception_location(exc), message, source, chunk) from None
        except RecursionError:
            raise self._at_op(None, f"cannot emit {language}: {TOO_DEEP}", source, chunk) from None
        except Exception as exc:
            message = f"internal error in the {language} emitter: {_describe(exc, internal=True)}"
            notes = (self._bug_note(f"the {language} emitter"),)
            raise self._at(exception_location(exc), message, source, chunk, exc, notes=notes) from None

    def _print_ir(self, module, source: SourceFile, chunk: Chunk) -> str:
        from irtk.tools.printing import print_module

        try:
            return print_module(module, generic=self.options.print_generic, debuginfo=self.options.print_debuginfo)
        except RecursionError:
            raise self._at_op(None, TOO_DEEP, source, chunk) from None

    # --- building diagnostics -------------------------------------------------------------------------

    def _at_offset(self, text: SourceFile, chunk: Chunk, offset: int, message: str, notes=()) -> DiagnosticError:
        line, col = text.line_col(offset)
        return DiagnosticError(Diagnostic(message, text.name, line + chunk.line_offset, col, notes=notes))

    def _span_where(self, text: SourceFile, chunk: Chunk, span) -> str:
        line, col = text.line_col(span.start)
        return f"{text.name}:{line + chunk.line_offset}:{col}"

    def _at_op(self, op, message: str, source: SourceFile, chunk: Chunk, notes=()) -> DiagnosticError:
        from irtk.tools.locations import op_location

        return self._at(op_location(op), message, source, chunk, notes=notes)

    def _bug_note(self, culprit: str) -> str:
        """The note under an internal error: whose bug it is, and how to see where it happened."""
        how = "" if self.options.show_traceback else "; --show-traceback prints where it happened"
        return f"this is a bug in {culprit}, not a problem with the input{how}"

    def _at(self, where, message, source: SourceFile, chunk: Chunk, exc=None, notes=()) -> DiagnosticError:
        """A DiagnosticError at `where` (file, line, col), or at the chunk's first line when unknown."""
        if self.options.show_traceback and exc is not None:
            traceback.print_exception(exc, file=self.stderr)
        file, line, col = where if where is not None else (source.name, chunk.line_offset + 1, 1)
        return DiagnosticError(Diagnostic(message, file, line, col, notes=tuple(notes)))


def _anchored(op, anchor: str) -> list:
    """The ops named `anchor` (every op for `any`) directly inside `op`'s regions, as mlir-opt nests."""
    return [
        child
        for region in op.regions
        for block in region.blocks
        for child in block.ops
        if anchor == "any" or child.name == anchor
    ]


def _apply_on(p, ctx, op) -> None:
    """Apply the module pass `p` to `op`. An op that is not a module is moved into a module of its own for
    the pass and back afterwards (also when the pass fails): the pass sees that op alone, not its siblings,
    as an op-anchored pass does in mlir-opt."""
    from xdsl.dialects.builtin import ModuleOp

    if isinstance(op, ModuleOp):
        p.apply(ctx, op)
        return
    block, after = op.parent_block(), op.next_op
    op.detach()
    wrapper = ModuleOp([op])
    try:
        p.apply(ctx, wrapper)
    finally:
        for moved in list(wrapper.body.block.ops):
            moved.detach()
            if after is not None:
                block.insert_op_before(moved, after)
            else:
                block.add_op(moved)


def _pass_label(p) -> str:
    from irtk.tools.pipeline import pass_label

    return pass_label(p)


#: `file:line:col: error: ` or `error: ` at the start of an exception's text: the location is printed anyway.
_LOCATED_PREFIX = re.compile(r"^(?:\S+:\d+:\d+: )?error: ")


def _describe(exc: BaseException, internal: bool = False) -> str:
    """An exception's message for a diagnostic: its `message` attribute if it has one, else its text.

    For an internal error (a bug, not a verdict on the input) the exception's type comes first: a bare
    KeyError's text is only the key."""
    text = getattr(exc, "message", None)
    text = (text if isinstance(text, str) else str(exc)).strip()
    text = _LOCATED_PREFIX.sub("", text)
    if internal:
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text or type(exc).__name__


def _failed(pass_name: str, text: str) -> str:
    """`pass 'x' failed: ...`, unless the message already starts with the pass's name."""
    return text if text.startswith(f"{pass_name}:") else f"pass '{pass_name}' failed: {text}"
