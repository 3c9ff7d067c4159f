"""irtk-opt as a user runs it: a subprocess, fed good and bad input.

The promise under test: whatever the input, irtk-opt either prints IR (exit 0) or prints
`FILE:LINE:COL: error: MESSAGE` on stderr and exits non-zero — never a Python traceback.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLUGIN = REPO / "tests" / "irtk_opt_plugin.py"


def irtk_opt(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "IRTK_PLUGINS"}  # the user's plugins stay out
    full_env.update(PYTHONPATH=str(REPO), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "irtk.tools.irtk_opt", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full_env,
        cwd=REPO,
        timeout=120,
    )


def assert_located_error(result: subprocess.CompletedProcess, file: str, line: int | None = None, col: int | None = None):
    """Non-zero exit, a `file:line:col: error:` first line on stderr, and no traceback anywhere."""
    stderr = result.stderr.decode()
    assert result.returncode != 0, stderr
    assert "Traceback" not in stderr + result.stdout.decode()
    match = re.match(rf"^{re.escape(file)}:(\d+):(\d+): error: \S", stderr)
    assert match, stderr
    if line is not None:
        assert int(match.group(1)) == line, stderr
    if col is not None:
        assert int(match.group(2)) == col, stderr
    return stderr


def nested_loops(depth: int) -> str:
    head = "func.func @deep(%n: index) {\n  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n"
    loops = "".join(f"scf.for %i{d} = %c0 to %n step %c1 {{\n" for d in range(depth))
    return head + loops + "}\n" * depth + "  func.return\n}\n"


GOOD = b"func.func @f(%a: f32) -> f32 {\n  %b = arith.addf %a, %a : f32\n  func.return %b : f32\n}\n"

#: name -> (input bytes, line, column, text the message must contain)
MALFORMED = {
    "syntax": (b"func.func @f(%a: f64) -> f64 {\n  %b = arith.addf %a, : f64\n  func.return %b : f64\n}\n",
               2, 23, "operand expected"),
    "unknown_op": (b"func.func @f() {\n  arith.nonsense\n  func.return\n}\n", 2, 3, "unknown operation 'arith.nonsense'"),
    "unknown_dialect": (b'func.func @f() {\n  "nowhere.op"() : () -> ()\n  func.return\n}\n', 2, 4,
                        "dialect 'nowhere' is not registered"),
    "type_mismatch": (b"func.func @f(%a: i32, %b: f32) -> i32 {\n  %c = arith.addi %a, %b : i32\n"
                      b"  func.return %c : i32\n}\n", 2, 23, "operand is used with type i32"),
    "verifier": (b"func.func @f(%a: i32) -> f32 {\n  func.return %a : i32\n}\n", 2, 3, "'func.return' op"),
    "generic_verifier": (b'func.func @f(%a: i32) {\n  %b = "arith.addf"(%a, %a) : (i32, i32) -> i32\n'
                         b"  func.return\n}\n", 2, 3, "'arith.addf' op"),
    "undefined_value": (b"func.func @f(%a: f32) -> f32 {\n  %b = arith.addf %a, %nope : f32\n"
                        b"  func.return %b : f32\n}\n", 2, 23, "use of undeclared SSA value name %nope"),
    "truncated": (b"func.func @f(%a: f32) -> f32 {\n  %b = arith.addf %a, %a : f32\n", 3, 1, "unexpected end of input"),
    "truncated_mid_op": (b"func.func @f(%a: f32) -> f32 {\n  %b = arith.addf %a,", None, None, ""),
    "invalid_utf8": (b"func.func @f() {\n  // caf\xe9\n  func.return\n}\n", 2, 9, "not valid UTF-8"),
    "nul_bytes": (b"func.func @f() {\n  \x00\x00\n}\n", 2, 3, "\\x00"),
    "unicode_garbage": ("func.func @f() {\n  ∀x ∈ ℝ\n}\n".encode(), 2, 3, "Unexpected character"),
    "bad_attribute": (b"func.func @f() {\n  %c = arith.constant 1.5 : i32\n  func.return\n}\n", None, None, ""),
    "deep_nesting": (nested_loops(12_000).encode(), None, None, "nested too deeply"),
    "deep_types": (b"func.func @f() -> " + b"(" * 20_000 + b"\n", 1, None, ""),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_input_gives_located_error(tmp_path, name):
    data, line, col, text = MALFORMED[name]
    path = tmp_path / f"{name}.mlir"
    path.write_bytes(data)
    stderr = assert_located_error(irtk_opt(str(path)), str(path), line, col)
    assert text in stderr.splitlines()[0]


def test_binary_garbage(tmp_path):
    path = tmp_path / "garbage.mlir"
    path.write_bytes(random.Random(0).randbytes(4096))
    assert_located_error(irtk_opt(str(path)), str(path))


def test_error_shows_source_line_and_caret(tmp_path):
    path = tmp_path / "bad.mlir"
    path.write_bytes(MALFORMED["syntax"][0])
    lines = assert_located_error(irtk_opt(str(path)), str(path), 2, 23).splitlines()
    assert lines[1] == "  %b = arith.addf %a, : f64"
    assert lines[2] == " " * 22 + "^"


def test_deep_but_reasonable_nesting_works(tmp_path):
    path = tmp_path / "deep.mlir"
    path.write_text(nested_loops(500))
    result = irtk_opt(str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().count("scf.for") == 500


@pytest.mark.parametrize(
    "pipeline, col, text",
    [
        ("canonicalize,no-such-pass", 14, "'no-such-pass' does not refer to a registered pass"),
        ("cse,,dce", 5, "Expected pass name here"),  # ArgSpecParseError, a BaseException
        ("cse{", 5, "invalid pass pipeline"),
        ("fast-run{x=1}", 1, "takes no options"),
        ("builtin.module(cse,bogus)", 20, "'bogus' does not refer"),
    ],
)
def test_bad_pipeline(tmp_path, pipeline, col, text):
    path = tmp_path / "ok.mlir"
    path.write_bytes(GOOD)
    stderr = assert_located_error(irtk_opt(str(path), "-p", pipeline), "<pass-pipeline>", 1, col)
    assert text in stderr
    assert stderr.splitlines()[1] == pipeline


def test_bad_pass_option(tmp_path):
    path = tmp_path / "ok.mlir"
    path.write_bytes(GOOD)
    result = irtk_opt(str(path), "--load-plugin", str(PLUGIN), "-p", "demo-tag{colour=1}")
    assert "invalid options for pass 'demo-tag'" in assert_located_error(result, "<pass-pipeline>", 1, 1)


@pytest.mark.parametrize(
    "pipeline, line, text",
    [
        ('demo-reject{op="arith.addf"}', 2, "demo-reject: refusing 'arith.addf'"),  # OpError
        ("demo-crash", 2, "internal error: KeyError"),  # a bug, located through the traceback
        ("demo-drop-return", 2, "terminates block"),  # invalid IR, caught by verification after the pass
    ],
)
def test_failing_pass_is_located(tmp_path, pipeline, line, text):
    path = tmp_path / "ok.mlir"
    path.write_bytes(GOOD)
    result = irtk_opt(str(path), "--load-plugin", str(PLUGIN), "-p", pipeline)
    assert text in assert_located_error(result, str(path), line, 3)


def test_empty_file_is_empty_module(tmp_path):
    for content in (b"", b"\n\n", b"// only a comment\n"):
        path = tmp_path / "empty.mlir"
        path.write_bytes(content)
        result = irtk_opt(str(path))
        assert result.returncode == 0
        assert result.stdout.decode() == "builtin.module {\n}\n"


def test_stdin():
    for args in ((), ("-",)):
        result = irtk_opt(*args, stdin=GOOD)
        assert result.returncode == 0
        assert "%b = arith.addf %a, %a : f32" in result.stdout.decode()
    assert_located_error(irtk_opt("-", stdin=MALFORMED["syntax"][0]), "<stdin>", 2, 23)


def test_output_file(tmp_path):
    out = tmp_path / "out.mlir"
    result = irtk_opt("-", "-o", str(out), stdin=GOOD)
    assert result.returncode == 0 and result.stdout == b""
    assert out.read_text().startswith("builtin.module {")
    failed = tmp_path / "failed.mlir"
    assert_located_error(irtk_opt("-", "-o", str(failed), stdin=MALFORMED["verifier"][0]), "<stdin>", 2, 3)
    assert not failed.exists()


def test_missing_input_file(tmp_path):
    result = irtk_opt(str(tmp_path / "absent.mlir"))
    assert result.returncode == 1
    assert result.stderr.decode().startswith("irtk-opt: error: cannot open input file")
    assert "Traceback" not in result.stderr.decode()


def test_split_input_file_keeps_line_numbers(tmp_path):
    path = tmp_path / "split.mlir"
    path.write_bytes(GOOD + b"// -----\n" + GOOD + b"// -----\n" + MALFORMED["verifier"][0])
    result = irtk_opt(str(path), "--split-input-file")
    assert_located_error(result, str(path), 12, 3)
    assert result.stdout.decode().count("builtin.module") == 2
    assert result.stdout.decode().count("// -----\n") == 2


def test_verify_diagnostics(tmp_path):
    path = tmp_path / "vd.mlir"
    path.write_text(
        "func.func @f(%a: i32) -> f32 {\n  // expected-error @+1 {{'func.return' op}}\n  func.return %a : i32\n}\n"
    )
    assert irtk_opt(str(path), "--verify-diagnostics").returncode == 0
    path.write_text("func.func @f(%a: i32) -> i32 {\n  // expected-error @+1 {{never}}\n  func.return %a : i32\n}\n")
    stderr = assert_located_error(irtk_opt(str(path), "--verify-diagnostics"), str(path), 2, 6)
    assert 'expected error "never" was not produced' in stderr


def test_plugin_from_environment(tmp_path):
    path = tmp_path / "demo.mlir"
    path.write_text("func.func @f() {\n  demo.noop\n  func.return\n}\n")
    assert_located_error(irtk_opt(str(path)), str(path), 2, 3)
    result = irtk_opt(str(path), "-p", "demo-tag", env={"IRTK_PLUGINS": str(PLUGIN)})
    assert result.returncode == 0, result.stderr.decode()
    assert "demo.noop" in result.stdout.decode() and 'demo.label = "none"' in result.stdout.decode()


def test_broken_plugin():
    result = irtk_opt("--load-plugin", "no.such.module", stdin=GOOD)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("irtk-opt: error: cannot load plugin 'no.such.module'")


def test_help_and_version():
    help_text = irtk_opt("--help").stdout.decode()
    assert "--pass-pipeline" in help_text and "fast-run" in help_text and "--emit" in help_text
    version = irtk_opt("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("irtk-opt ")


def test_help_imports_no_xdsl():
    """Start-up stays fast because nothing from xDSL (~0.2 s to import) is loaded before there is input.

    This includes `import irtk` itself: the package must not import its frontend or dialects eagerly.
    """
    code = (
        "import sys, io, contextlib\nfrom irtk.tools import irtk_opt\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    irtk_opt.main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'xdsl'))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "[]", f"irtk-opt --help imported xDSL modules: {result.stdout[:300]}"
