"""`irtk-opt`: read MLIR text, run a pass pipeline, print IR or C++ — the command-line face of irtk.

    irtk-opt [FILE|-] [-p PIPELINE | --PASS[=OPTIONS]...] [--emit=mlir|cpp|cuda] [-o OUT] [--split-input-file] ...

It reads mlir-opt's command lines: one-dash long options, passes as flags, nested pipelines (command_line.py,
pipeline.py).

It is a small driver over xDSL's parser, printer and passes rather than a subclass of `xdsl-opt`: irtk needs
errors located at the failing op, mlir-opt's `--verify-diagnostics` semantics and only irtk's own registry,
and a small driver of its own is simpler than overriding most of xdsl-opt. Nothing from xDSL is
imported until there is input to process, so `--help` and `--version` return at once. See docs/irtk-opt.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import nullcontext

from irtk import cycle_collection, registry
from irtk.tools.command_line import normalize, parse_bool, take_pass_flags
from irtk.tools.diagnostics import Diagnostic, DiagnosticError
from irtk.tools.plugins import ENV_VAR, PluginError, load_plugins, plugins_from_env
from irtk.tools.source import SourceFile

#: Deep region nesting recurses in the parser, verifier and printer; the work runs on a thread with a stack
#: large enough for this limit, and hitting it anyway gives a diagnostic, not a crash.
RECURSION_LIMIT = 20_000
STACK_BYTES = 512 * 1024 * 1024


def build_arg_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="irtk-opt",
        description="Read MLIR (a file, or stdin for '-'), verify it, run a pass pipeline, print IR or C++. "
        "Long options may also be written with one dash (-split-input-file), as mlir-opt accepts them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    arg = parser.add_argument
    arg("input", nargs="?", default="-", help="input file; '-' (the default) reads stdin")
    arg("-o", "--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    arg("-p", "--pass-pipeline", "--passes", dest="pipeline", default=None, metavar="PIPELINE",
        help="the passes to run: 'builtin.module(canonicalize,func.func(cse))', or a plain list "
             "'canonicalize,tile{sizes=32,32}', or a named pipeline such as 'fast-run'; each pass is also a "
             "flag of its own (--cse, --tile=sizes=4,4), run in command-line order")
    arg("--emit", choices=("mlir", "cpp", "cuda"), default="mlir",
        help="print IR (default), C++ source, or CUDA source (of IR after gpu-map: see docs/cuda.md)")
    arg("--mlir-print-op-generic", "--print-op-generic", dest="print_op_generic", action="store_true",
        help="print ops in the generic form")
    arg("--mlir-print-debuginfo", "--print-debuginfo", dest="print_debuginfo", action="store_true",
        help="print each op's source location as loc(...)")
    arg("--print-ir-before-all", "--mlir-print-ir-before-all", dest="print_ir_before_all", action="store_true",
        help="print the IR to stderr before every pass")
    arg("--print-ir-after-all", "--mlir-print-ir-after-all", dest="print_ir_after_all", action="store_true",
        help="print the IR to stderr after every pass")
    arg("--print-ir-after-change", "--mlir-print-ir-after-change", dest="print_ir_after_change",
        action="store_true", help="print the IR to stderr after every pass that changed it")
    arg("--verify-each", type=parse_bool, nargs="?", const=True, default=True, metavar="BOOL",
        help="verify the IR after every pass (default true; --verify-each=false turns it off)")
    arg("--time-passes", "--mlir-timing", dest="time_passes", action="store_true",
        help="print the wall time of parsing, each pass and printing to stderr")
    arg("--split-input-file", action="store_true",
        help="process each '// -----'-separated piece of the input on its own")
    arg("--verify-diagnostics", action="store_true",
        help="check errors against expected-error annotations in the input instead of printing them")
    arg("--allow-unregistered-dialect", action="store_true", help="accept ops of unknown dialects")
    arg("--load-plugin", action="append", default=[], metavar="MODULE|FILE.py",
        help=f"load a plugin that registers dialects or passes: a module name on the Python path "
             f"(my_pkg.plugin) or the path of a .py file; repeatable; also read from ${ENV_VAR}")
    arg("--list-passes", action="store_true",
        help="print every pass with its summary and options (types and defaults), and exit")
    arg("--show-traceback", action="store_true", help="also print the Python traceback of internal errors")
    arg("--version", action=_VersionAction, help="print the versions of irtk-opt and xDSL, and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run irtk-opt; returns the exit status (0 success, 1 error, 2 bad command line)."""
    with cycle_collection.paused():  # importing dialects and running passes: a sixth of a short run, otherwise
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    started = time.perf_counter()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        load_plugins(plugins_from_env() + _plugin_args(argv))
    except PluginError as exc:
        return _fail(Diagnostic(str(exc)))
    parser = build_arg_parser()
    try:
        argv = normalize(argv, parser._option_string_actions)
        argv, flag_pipeline, flags = take_pass_flags(argv, parser._option_string_actions)
    except PluginError as exc:  # an installed plugin, looked for because of a name irtk does not know
        return _fail(Diagnostic(str(exc)))
    args = parser.parse_args(argv)
    if flags and args.pipeline is not None:
        parser.error(f"passes given as flags ({' '.join(flags)}) cannot be combined with -p/--pass-pipeline; "
                     "write them all in one pipeline")
    if args.list_passes:
        try:
            registry.discover_plugins()
        except PluginError as exc:
            return _fail(Diagnostic(str(exc)))
        print("Available passes:\n" + _pass_listing(load=True), end="")
        return 0
    args.pipeline = flag_pipeline if args.pipeline is None else args.pipeline
    args.started = started
    return _on_big_stack(lambda: _run_guarded(args))


def _on_big_stack(work) -> int:
    """Run `work` on a thread with a large stack and recursion limit, restoring both afterwards."""
    result: list[int] = []
    old_limit = sys.getrecursionlimit()
    try:
        old_size = threading.stack_size(STACK_BYTES)
    except (ValueError, RuntimeError):  # a platform that refuses the size keeps Python's defaults
        old_size = None
    else:
        sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    if old_size is not None:
        threading.stack_size(old_size)
    try:
        worker.join()
    except KeyboardInterrupt:
        return 130
    finally:
        sys.setrecursionlimit(old_limit)
    return result[0] if result else 1


def _run_guarded(args: argparse.Namespace) -> int:
    """`_run`, with a bug in irtk-opt itself reported as a one-line error like any other."""
    try:
        return _run(args)
    except PluginError as exc:  # an installed plugin, looked for because the input uses an unknown dialect
        return _fail(Diagnostic(str(exc)))
    except Exception as exc:
        if args.show_traceback:
            import traceback

            traceback.print_exception(exc)
        how = "" if args.show_traceback else "; --show-traceback prints where it happened"
        note = f"this is a bug in irtk-opt, not a problem with the input{how}"
        return _fail(Diagnostic(f"internal error in irtk-opt: {type(exc).__name__}: {exc}", notes=(note,)))


def _run(args: argparse.Namespace) -> int:
    from irtk.tools.driver import Driver, Options
    from irtk.tools.pipeline import NAME, build_pipeline
    from irtk.tools.timing import Timer, report

    timer = Timer("root") if args.time_passes else None
    try:
        with timer.child("pipeline", "Pipeline construction").measure() if timer else nullcontext():
            passes = build_pipeline(args.pipeline)
    except DiagnosticError as exc:
        return _fail(exc.diagnostic, SourceFile(NAME, args.pipeline))
    try:
        source = _read_input(args.input)
    except DiagnosticError as exc:
        return _fail(exc.diagnostic)
    options = Options(
        passes=passes,
        emit=args.emit,
        print_generic=args.print_op_generic,
        print_debuginfo=args.print_debuginfo,
        print_ir_before_all=args.print_ir_before_all,
        print_ir_after_all=args.print_ir_after_all,
        print_ir_after_change=args.print_ir_after_change,
        verify_each=args.verify_each,
        allow_unregistered=args.allow_unregistered_dialect,
        split_input_file=args.split_input_file,
        verify_diagnostics=args.verify_diagnostics,
        show_traceback=args.show_traceback,
        timer=timer,
    )
    output, ok = Driver(options).run(source)
    try:
        _write_output(output, args.output_file, ok)
    except OSError as exc:
        return _fail(Diagnostic(f"cannot write output file '{args.output_file}': {exc.strerror or exc}"))
    if timer is not None:
        print(report(timer, time.perf_counter() - args.started), end="", file=sys.stderr)
    return 0 if ok else 1


def _read_input(path: str) -> SourceFile:
    """The input as text; a missing file or bytes that are not UTF-8 become diagnostics."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise DiagnosticError(Diagnostic(f"cannot open input file '{path}': {exc.strerror or exc}")) from None
    try:
        return SourceFile(name, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        message = f"input is not valid UTF-8 (byte 0x{bad}); is this a text file?"
        raise DiagnosticError(Diagnostic(message, name, line, col)) from None


def _write_output(output: str, path: str | None, ok: bool) -> None:
    if path is None or path == "-":  # `-o -` is stdout, as in mlir-opt
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `irtk-opt ... | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if ok:  # as mlir-opt: a failed run leaves no output file behind
        with open(path, "w") as f:
            f.write(output)


def _fail(diag: Diagnostic, source: SourceFile | None = None) -> int:
    print(diag.format({source.name: source} if source else None), file=sys.stderr)
    return 1


def _plugin_args(argv: list[str]) -> list[str]:
    """The `--load-plugin` values, read before the full parser so that `--help` lists the plugins' passes."""
    found = []
    for i, a in enumerate(argv):
        if a in ("--load-plugin", "-load-plugin") and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif a.startswith(("--load-plugin=", "-load-plugin=")):
            found.append(a.split("=", 1)[1])
    return found


def _registry_listing() -> str:
    try:
        registry.discover_plugins()
        broken = ""
    except PluginError as exc:
        broken = f"error: {exc}\n"
    pipelines = "\n".join(f"  {name:<14} = {spec}" for name, spec in registry.PIPELINES.items())
    return (
        "passes (each also a flag: --NAME, or --NAME=OPTIONS for NAME{OPTIONS}):\n"
        f"{_pass_listing(load=False)}"
        f"named pipelines:\n{pipelines}\n"
        f"dialects:\n  {', '.join(registry.DIALECTS)}\n"
        "errors are printed as FILE:LINE:COL: error: MESSAGE; the exit status is 1 after any error.\n"
        f"{broken}"
    ).rstrip("\n")


def _pass_listing(*, load: bool) -> str:
    """Every pass with its summary and options; `load` imports the classes (exact), else reads their source."""
    from irtk.tools.pass_info import describe, format_info

    lines = []
    for name in registry.PASSES:
        try:
            lines += format_info(describe(name, load=load))
        except Exception as exc:  # a plugin pass that cannot be loaded still shows its name
            lines.append(f"  {name:<22} (cannot be loaded: {exc})")
    return "\n".join(lines) + "\n"


class _Parser(argparse.ArgumentParser):
    """Builds the pass listing under `--help` only when help is printed: it reads every pass's source."""

    def format_help(self) -> str:
        self.epilog = _registry_listing()
        return super().format_help()


class _VersionAction(argparse.Action):
    """`--version`, computed only when asked for: reading package metadata costs start-up time."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def get(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "unknown"

    return f"irtk-opt {get('irtk')} (xDSL {get('xdsl')})"


if __name__ == "__main__":
    sys.exit(main())
