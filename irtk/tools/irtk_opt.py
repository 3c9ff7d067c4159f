"""`irtk-opt`: read MLIR text, run a pass pipeline, print IR or C++ — the command-line face of irtk.

    irtk-opt [FILE|-] [-p PIPELINE] [--emit=mlir|cpp] [-o OUT] [--split-input-file] [--verify-diagnostics] ...

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
from collections.abc import Sequence

from irtk import registry
from irtk.tools.diagnostics import Diagnostic, DiagnosticError
from irtk.tools.plugins import ENV_VAR, PluginError, load_plugins, plugins_from_env
from irtk.tools.source import SourceFile

#: Deep region nesting recurses in the parser, verifier and printer; the work runs on a thread with a stack
#: large enough for this limit, and hitting it anyway gives a diagnostic, not a crash.
RECURSION_LIMIT = 20_000
STACK_BYTES = 512 * 1024 * 1024


def build_arg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="irtk-opt",
        description="Read MLIR (a file, or stdin for '-'), verify it, run a pass pipeline, print IR or C++.",
        epilog=_registry_listing(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    arg = parser.add_argument
    arg("input", nargs="?", default="-", help="input file; '-' (the default) reads stdin")
    arg("-o", "--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    arg("-p", "--pass-pipeline", "--passes", dest="pipeline", default="", metavar="PIPELINE",
        help="comma-separated passes with options, e.g. 'canonicalize,tile{sizes=32,32}' or 'fast-run'")
    arg("--emit", choices=("mlir", "cpp"), default="mlir", help="print IR (default) or C++ source")
    arg("--print-op-generic", action="store_true", help="print ops in the generic form")
    arg("--mlir-print-debuginfo", "--print-debuginfo", dest="print_debuginfo", action="store_true",
        help="print each op's source location as loc(...)")
    arg("--print-ir-after-all", action="store_true", help="print the IR to stderr after every pass")
    arg("--split-input-file", action="store_true",
        help="process each '// -----'-separated piece of the input on its own")
    arg("--verify-diagnostics", action="store_true",
        help="check errors against expected-error annotations in the input instead of printing them")
    arg("--allow-unregistered-dialect", action="store_true", help="accept ops of unknown dialects")
    arg("--load-plugin", action="append", default=[], metavar="MODULE|FILE.py",
        help=f"load a plugin that registers dialects or passes: a module name on the Python path "
             f"(my_pkg.plugin) or the path of a .py file; repeatable; also read from ${ENV_VAR}")
    arg("--show-traceback", action="store_true", help="also print the Python traceback of internal errors")
    arg("--version", action=_VersionAction, help="print the versions of irtk-opt and xDSL, and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run irtk-opt; returns the exit status (0 success, 1 error, 2 bad command line)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        load_plugins(plugins_from_env() + _plugin_args(argv))
    except PluginError as exc:
        return _fail(Diagnostic(str(exc)))
    args = build_arg_parser().parse_args(argv)
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

    try:
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
        print_ir_after_all=args.print_ir_after_all,
        allow_unregistered=args.allow_unregistered_dialect,
        split_input_file=args.split_input_file,
        verify_diagnostics=args.verify_diagnostics,
        show_traceback=args.show_traceback,
    )
    output, ok = Driver(options).run(source)
    try:
        _write_output(output, args.output_file, ok)
    except OSError as exc:
        return _fail(Diagnostic(f"cannot write output file '{args.output_file}': {exc.strerror or exc}"))
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
    if path is None:
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
        if a == "--load-plugin" and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif a.startswith("--load-plugin="):
            found.append(a.split("=", 1)[1])
    return found


def _registry_listing() -> str:
    pipelines = "\n".join(f"  {name:<14} = {spec}" for name, spec in registry.PIPELINES.items())
    return (
        f"passes:\n  {', '.join(registry.PASSES)}\n"
        f"named pipelines:\n{pipelines}\n"
        f"dialects:\n  {', '.join(registry.DIALECTS)}\n"
        "errors are printed as FILE:LINE:COL: error: MESSAGE; the exit status is 1 after any error."
    )


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
