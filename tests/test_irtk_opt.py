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
    "use_before_def": (b"func.func @f(%a: f32) -> f32 {\n  %b = arith.addf %a, %c : f32\n"
                       b"  %c = arith.mulf %a, %a : f32\n  func.return %b : f32\n}\n", 2, 3,
                       "'arith.addf' op operand #1 (%c) does not dominate this use"),
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
        ("cse{", 4, "'{' is never closed"),
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
    stderr = assert_located_error(result, "<pass-pipeline>", 1, 10)  # at the option
    assert "pass 'demo-tag' has no option 'colour'; its options are label, count" in stderr


@pytest.mark.parametrize(
    "pipeline, line, text",
    [
        ('demo-reject{op="arith.addf"}', 2, "demo-reject: refusing 'arith.addf'"),  # OpError
        ("demo-crash", 2, "internal error in pass 'demo-crash': KeyError"),  # a bug, located through the traceback
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


# --- SSA dominance (review item 11) -----------------------------------------------------------------------

USE_BEFORE_DEF = (
    b"func.func @f(%x: tensor<?xf64>) -> tensor<?xf64> {\n"
    b"  %y = irtk.neg %e : tensor<?xf64> -> tensor<?xf64>\n"
    b"  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>\n"
    b"  func.return %y : tensor<?xf64>\n}\n"
)


@pytest.mark.parametrize("args", [(), ("-p", "fast-run"), ("-p", "fast-run", "--emit=cpp")])
def test_use_before_def_is_rejected_at_the_use(tmp_path, args):
    """It used to be printed back (or lowered) as it was, with exit 0, or crash the C++ emitter."""
    path = tmp_path / "ubd.mlir"
    path.write_bytes(USE_BEFORE_DEF)
    result = irtk_opt(str(path), *args)
    stderr = assert_located_error(result, str(path), 2, 3)
    assert "'irtk.neg' op operand #0 (%e) does not dominate this use (it is used before it is defined)" in stderr
    assert f"note: operand #0 (%e) is a result of 'irtk.exp' at {path}:3:3" in stderr
    assert "internal error" not in stderr and result.stdout == b""


def _parse(text: str):
    from irtk.registry import make_context
    from irtk.tools.located_parser import LocatedParser
    from irtk.tools.source import SourceFile

    return LocatedParser(make_context(), SourceFile("t.mlir", text)).parse_module()


SIBLINGS = """func.func @f(%c: i1, %a: f32) -> f32 {
  %r = scf.if %c -> (f32) {
    %x = arith.addf %a, %a : f32
    scf.yield %x : f32
  } else {
    %y = arith.mulf %a, %a : f32
    %z = arith.subf %y, %a : f32
    scf.yield %z : f32
  }
  func.return %r : f32
}
"""


def test_value_from_a_sibling_region_is_rejected():
    """The parser cannot produce this (names are scoped per region), but a pass can: here %y's definition
    is moved into the `then` region while its use stays in `else`."""
    from irtk.tools.verifier import InvalidOp, verify_ops

    module = _parse(SIBLINGS)
    verify_ops(module)
    ops = list(module.walk())
    mulf = next(o for o in ops if o.name == "arith.mulf")
    addf = next(o for o in ops if o.name == "arith.addf")
    mulf.detach()
    addf.parent_block().insert_op_after(mulf, addf)
    with pytest.raises(InvalidOp) as info:
        verify_ops(module)
    assert info.value.op.name == "arith.subf"
    assert info.value.message == "'arith.subf' op operand #0 (%y) does not dominate this use"
    assert info.value.notes == ("operand #0 (%y) is a result of 'arith.mulf' at t.mlir:6:5",)


def test_operand_whose_definition_was_removed_is_rejected():
    """(verify_ops reports this through func.func's IsolatedFromAbove check first.)"""
    from irtk.tools.verifier import InvalidOp, check_dominance

    module = _parse(SIBLINGS)
    mulf = next(o for o in module.walk() if o.name == "arith.mulf")
    mulf.detach()  # still used by %z: a pass that forgot to replace its uses
    with pytest.raises(InvalidOp, match="operand #0 \\(%y\\) is defined by an op that is no longer in the IR"):
        check_dominance(module)


def test_dominance_check_is_linear_and_needs_no_recursion():
    """A long block and deep nesting (beyond the default recursion limit) both check quickly."""
    import time

    from irtk.tools.verifier import check_dominance

    n = 20_000
    body = "".join(f"  %v{i + 1} = arith.addf %v{i}, %v{i} : f32\n" for i in range(n))
    module = _parse(f"func.func @f(%v0: f32) -> f32 {{\n{body}  func.return %v{n} : f32\n}}\n")
    start = time.perf_counter()
    check_dominance(module)
    assert time.perf_counter() - start < 5

    # 1200 nested scf.execute_region ops, built in Python (the parser would recurse): a checker using
    # even one Python frame per level would pass the default recursion limit of 1000.
    from xdsl.dialects import scf
    from xdsl.ir import Block, Region

    func_body = next(o for o in module.walk() if o.name == "func.func").body.block
    first = func_body.first_op
    parent_block = func_body
    for _ in range(1200):
        block = Block()
        parent_block.insert_op_before(scf.ExecuteRegionOp([], Region(block)), parent_block.last_op)
        block.add_op(scf.YieldOp())
        parent_block = block
    parent_block.insert_op_before(first.clone(), parent_block.last_op)  # uses %v0, from the outermost block
    check_dominance(module)


# --- internal errors vs user errors (review item 19) ------------------------------------------------------


@pytest.mark.parametrize("error", ["KeyError", "ValueError", "AssertionError", "NotImplementedError", "TypeError"])
def test_exception_from_a_pass_is_an_internal_error(tmp_path, error):
    """Only a DiagnosticException (OpError, VerifyException) is a verdict on the input; anything else from a
    pass is a bug in it. ValueError and NotImplementedError used to be reported as if the input were wrong."""
    path = tmp_path / "ok.mlir"
    path.write_bytes(GOOD)
    result = irtk_opt(str(path), "--load-plugin", str(PLUGIN), "-p", f'demo-crash{{error="{error}"}}')
    stderr = assert_located_error(result, str(path), 2, 3)
    assert stderr.splitlines()[0].endswith(f"error: internal error in pass 'demo-crash': {error}: " + (
        "'no such key'" if error == "KeyError" else "demo-crash: a simulated bug"))
    assert ("irtk-opt: note: this is a bug in pass 'demo-crash', not a problem with the input; "
            "--show-traceback prints where it happened") in stderr
    traced = irtk_opt(str(path), "--load-plugin", str(PLUGIN), "-p", f'demo-crash{{error="{error}"}}',
                      "--show-traceback").stderr.decode()
    assert traced.startswith("Traceback (most recent call last):")
    assert f"error: internal error in pass 'demo-crash': {error}" in traced


def test_pass_verdict_on_input_is_not_an_internal_error(tmp_path):
    path = tmp_path / "ok.mlir"
    path.write_bytes(b"func.func @f(%a: f32) -> f32 {\n  %b = arith.mulf %a, %a : f32\n  func.return %b : f32\n}\n")
    result = irtk_opt(str(path), "--load-plugin", str(PLUGIN), "-p", "demo-reject", "--show-traceback")
    stderr = assert_located_error(result, str(path), 2, 3)
    assert "demo-reject: refusing 'arith.mulf'" in stderr
    assert "internal error" not in stderr and "bug" not in stderr


# --- plugins given as paths (review item 20) --------------------------------------------------------------

EXPECTED_FORMS = "--load-plugin takes a module name on the Python path (my_pkg.plugin) or the path of a .py file"


@pytest.mark.parametrize(
    "plugin, reason",
    [
        ("{dir}/input.mlir", "it is not a Python (.py) file; " + EXPECTED_FORMS),  # used to say FileNotFoundError
        ("input.mlir", "it names a file, not a Python module; " + EXPECTED_FORMS),  # used to say "No module named 'input'"
        ("{dir}", "it is a folder; " + EXPECTED_FORMS),
        ("{dir}/absent.py", "no such file"),
        ("my plugin", "it is neither a module name nor a .py file; " + EXPECTED_FORMS),
    ],
)
def test_plugin_that_is_not_a_module(tmp_path, plugin, reason):
    (tmp_path / "input.mlir").write_bytes(GOOD)
    plugin = plugin.format(dir=tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "irtk.tools.irtk_opt", "--load-plugin", plugin, "input.mlir"],
        capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.decode() == f"irtk-opt: error: cannot load plugin '{plugin}': {reason}\n"


def test_plugin_file_that_is_not_on_the_path_gets_a_hint(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "mine.py").write_text("")
    code = "import sys; from irtk.tools.irtk_opt import main; sys.exit(main(['--load-plugin', 'elsewhere.mine']))"
    result = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); {code}"],
                            capture_output=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().startswith(
        "irtk-opt: error: cannot load plugin 'elsewhere.mine': no module named 'elsewhere.mine' on the Python path; "
        f"to load {os.path.join('elsewhere', 'mine.py')} give its path, or add its folder to PYTHONPATH"
    )


def test_plugin_files_with_the_same_name_are_both_loaded(tmp_path):
    """Two `plugin.py` files in different folders are different plugins (the second used to be skipped)."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plugin.py").write_text(
            "from irtk.registry import register_pass\n"
            "def _p():\n"
            "    from dataclasses import dataclass\n"
            "    from xdsl.passes import ModulePass\n"
            "    @dataclass(frozen=True)\n"
            f"    class P(ModulePass):\n        name = 'pass-{folder}'\n"
            "        def apply(self, ctx, op):\n            pass\n"
            "    return P\n"
            f"register_pass('pass-{folder}', _p)\n"
        )
    result = irtk_opt("--load-plugin", str(tmp_path / "a" / "plugin.py"), "--load-plugin",
                      str(tmp_path / "b" / "plugin.py"), "-p", "pass-a,pass-b", stdin=GOOD)
    assert result.returncode == 0, result.stderr.decode()


# --- documentation (review item 20) -----------------------------------------------------------------------


def test_docs_point_to_the_registry_for_named_pipelines():
    """docs/irtk-opt.md once listed fast-run without its final cse. It must not copy a pipeline's passes in a
    form that can go stale (a table row or `name = passes`) unless the copy matches the registry, and must
    say where the authoritative list is."""
    from irtk import registry

    text = (REPO / "docs" / "irtk-opt.md").read_text()
    names = "|".join(re.escape(n) for n in registry.PIPELINES)
    copies = re.findall(rf"`({names})`\s*(?:\|\s*|=\s*)`([a-z-]+(?:,[a-z-]+(?:\{{[^}}]*\}})?)+)`", text)
    for name, passes in copies:
        assert passes == registry.PIPELINES[name], f"docs/irtk-opt.md lists a stale '{name}': {passes}"
    assert "irtk.registry.PIPELINES" in text and "`irtk-opt --help`" in text
    help_text = irtk_opt("--help").stdout.decode()
    for name, passes in registry.PIPELINES.items():
        assert f"{name:<14} = {passes}" in help_text


# --- NaN and infinities in dense attributes (review item 12) ----------------------------------------------


@pytest.mark.parametrize("element, bits", [
    ("f64", ["7ff8000000000000", "fff8000000000000", "7ff0000000000001", "7ff0000000000000", "fff0000000000000",
             "8000000000000000", "4345ee2a2eb5a5c4", "3ff8000000000000"]),
    ("f32", ["7fc00000", "ffc00000", "7f800000", "ff800000", "80000000", "3fc00000"]),
])
def test_dense_float_elements_keep_their_bits_through_print_and_parse(element, bits):
    """xDSL prints NaN and the infinities in dense<> as hex bit patterns (as MLIR does) but read them back as
    integers (a NaN became 9.2e18); irtk-opt's parser reads them as bits, so a round trip is exact."""
    from irtk.registry import make_context
    from irtk.tools.located_parser import LocatedParser
    from irtk.tools.printing import print_module
    from irtk.tools.source import SourceFile

    text = ", ".join(f"0x{b.upper()}" for b in bits)
    source = f"func.func @f() {{\n  %c = arith.constant dense<[{text}]> : tensor<{len(bits)}x{element}>\n  func.return\n}}\n"

    def parse(t):
        return LocatedParser(make_context(), SourceFile("t.mlir", t)).parse_module()

    def data(module) -> list[str]:
        raw = next(o for o in module.walk() if o.name == "arith.constant").value.data.data
        size = len(raw) // len(bits)
        return [raw[i * size : (i + 1) * size][::-1].hex() for i in range(len(bits))]  # stored little-endian

    first = parse(source)
    assert data(first) == bits
    again = parse(print_module(first))
    assert data(again) == bits
    assert print_module(again) == print_module(first)
