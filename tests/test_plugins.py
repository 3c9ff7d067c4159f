"""Plugins as installed packages: examples/irtk_plugin_example, installed with pip beside irtk, is found through
its `irtk.plugins` entry point by irtk-opt and by the frontend, with no file of irtk edited.

The package is installed once into a temporary folder (`pip install --no-deps --target`), and everything that
uses it runs in a subprocess with that folder on PYTHONPATH: installed plugins are discovered once per process,
and this process must not keep them. The registry's own rules (name checks, duplicates, named pipelines) and the
frontend's pipeline choice are tested in this process with irtk's passes alone.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from conftest import needs_native
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

import irtk
from irtk import registry, tensor
from irtk.compiler import lower
from irtk.flags import Config
from irtk.frontend.mode import Mode

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "irtk_plugin_example"
BROKEN_SITE = REPO / "filecheck" / "irtk-opt" / "Inputs" / "broken-plugin-site"
SCRIPTS = Path(sys.executable).parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder holding the example package as pip installs it (its code and its dist-info); irtk itself is the
    one this checkout provides, unchanged."""
    target = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile", "--target", str(target)]
    if importlib.util.find_spec("flit_core") is not None:
        command.append("--no-build-isolation")  # offline and fast: the build backend is already here
    build = tmp_path_factory.mktemp("build")
    shutil.copytree(EXAMPLE, build / "example", ignore=shutil.ignore_patterns("Output", "__pycache__"))
    result = subprocess.run([*command, str(build / "example")], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.skip(f"cannot install the example package (its build backend, flit_core, is neither installed nor "
                    f"downloadable):\n{result.stderr[-2000:]}")
    assert (target / "irtk_toy" / "plugin.py").is_file() and not (target / "irtk").exists()
    return target


def _env(site: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IRTK_PLUGINS", "IRTK_FLAGS", "THEANO_FLAGS", "IRTK_DUMP")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(REPO)])
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # an edited plugin file must never be run from a stale .pyc
    env.update(extra)
    return env


def _irtk_opt(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "irtk.tools.irtk_opt", *args], capture_output=True, text=True,
                          env=_env(site), cwd=REPO, timeout=300)


def _python(site: Path, script: str, **env: str) -> dict:
    """Run `script` in a fresh interpreter; it prints one JSON object as its last line."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                            env=_env(site, **env), cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


FUSABLE = """\
func.func @f(%a: tensor<?xf64>, %b: tensor<?xf64>, %c: tensor<?xf64>) -> tensor<?xf64> {
  %m = irtk.mul %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = irtk.add %m, %c : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}
"""


# --- irtk-opt -------------------------------------------------------------------------------------------------


def test_list_passes_shows_the_installed_pass(site):
    result = _irtk_opt(site, "--list-passes")
    assert result.returncode == 0, result.stderr
    assert "toy-fuse-mul-add" in result.stdout
    assert "Fuse each product that only feeds a sum into one `toy.mul_add`" in result.stdout


def test_irtk_opt_runs_the_installed_pass(site, tmp_path):
    source = tmp_path / "f.mlir"
    source.write_text(FUSABLE)
    for args in (["-p", "toy-fuse-mul-add"], ["--toy-fuse-mul-add"]):
        result = _irtk_opt(site, str(source), *args)
        assert result.returncode == 0, result.stderr
        assert "%r = toy.mul_add %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>" in result.stdout
        assert "irtk.mul" not in result.stdout and "irtk.add" not in result.stdout


def test_help_loads_the_plugin_but_imports_neither_its_pass_nor_xdsl(site):
    """Registering is cheap: `--help` lists the pass from its source, importing no pass module and no xDSL."""
    found = _python(site, """
        import json, sys
        from irtk.tools.irtk_opt import main
        try:
            main(["--help"])
        except SystemExit:
            pass
        print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith(("irtk_toy", "xdsl")))}))
    """)
    assert found["modules"] == ["irtk_toy", "irtk_toy.plugin"]


def test_lit_tests_of_the_example_pass(site, tmp_path):
    """The package's own lit suite, run as its author runs it: lit from the environment irtk is installed in."""
    lit = shutil.which("lit", path=str(SCRIPTS)) or shutil.which("lit")
    if lit is None:
        pytest.skip("lit is not installed")
    tests = tmp_path / "tests"
    shutil.copytree(EXAMPLE / "tests", tests, ignore=shutil.ignore_patterns("Output", "__pycache__"))
    result = subprocess.run([lit, "-v", str(tests)], capture_output=True, text=True, env=_env(site), timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Passed: 3" in result.stdout


# --- the frontend ---------------------------------------------------------------------------------------------

FRONTEND = """
    import json, os
    from pathlib import Path
    import numpy as np
    import irtk
    from irtk import tensor as T
    from irtk.frontend.mode import Mode

    a, b, c = T.vector("a"), T.vector("b"), T.vector("c")
    rng = np.random.default_rng(0)
    x, y, z = rng.standard_normal((3, 5))
    mode = {mode}
    f = irtk.function([a, b, c], a * b + c, mode=mode)
    g = irtk.function([a, b, c], T.grad(T.sum(a * b + c), [a, b, c]), mode=mode)
    dumps = sorted(Path(os.environ["IRTK_DUMP"]).iterdir())
    first_stage = sorted(dumps[0].iterdir())[1]
    print(json.dumps({{"value": f(x, y, z).tolist(), "expected": (x * y + z).tolist(),
                       "grads": [v.tolist() for v in g(x, y, z)], "grads_expected": [y.tolist(), x.tolist(), [1.0] * 5],
                       "pipeline": f.pipeline, "stage": first_stage.name, "after_pass": first_stage.read_text()}}))
"""


@pytest.mark.parametrize(
    "mode, env",
    [
        pytest.param('Mode(linker="py", pipeline="toy-fuse-mul-add,fast-compile")', {}, id="FAST_COMPILE"),
        pytest.param('Mode(pipeline="toy-fuse-mul-add,fast-run")', {}, id="FAST_RUN", marks=needs_native),
        pytest.param('Mode(pipeline="toy-fast-run")', {}, id="plugin-named-pipeline", marks=needs_native),
        pytest.param("None", {"IRTK_FLAGS": "pipeline=toy-fuse-mul-add,fast-run,floatX=float64"}, id="IRTK_FLAGS",
                     marks=needs_native),
    ],
)
def test_a_mode_runs_the_installed_pass(site, tmp_path, mode, env):
    found = _python(site, FRONTEND.format(mode=mode), IRTK_DUMP=str(tmp_path / "dump"), **env)
    np.testing.assert_array_equal(found["value"], found["expected"])  # one op, the same two roundings as numpy
    for got, expected in zip(found["grads"], found["grads_expected"]):
        np.testing.assert_array_equal(got, expected)
    assert found["stage"] == "01-toy-fuse-mul-add.mlir"
    assert "toy.mul_add %a, %b, %c" in found["after_pass"] and "irtk.mul" not in found["after_pass"]


def test_a_pipeline_that_stops_short_says_where(site):
    found = _python(site, """
        import json
        import irtk
        from irtk import tensor as T
        from irtk.frontend.mode import Mode
        a, b, c = T.vector("a"), T.vector("b"), T.vector("c")
        errors = []
        for mode in (Mode(pipeline="toy-fuse-mul-add"), Mode(linker="py", pipeline="toy-fast-run")):
            try:
                irtk.function([a, b, c], a * b + c, mode=mode)
            except ValueError as e:
                errors.append(str(e))
        print(json.dumps({"errors": errors}))
    """)
    assert found["errors"] == [
        "pipeline 'toy-fuse-mul-add' stops at the tensor level (toy.mul_add remains), but FAST_RUN needs the loop "
        "level: end the pipeline with 'fast-run' (or 'lower-to-structured,bufferize,lower-to-loops')",
        "pipeline 'toy-fast-run' goes on to the loop level, but FAST_COMPILE evaluates the structured level (its last "
        "pass should be lower-to-structured, as in 'fast-compile'); for loops, use FAST_RUN",
    ]


def test_a_broken_plugin_is_named_with_its_error(tmp_path):
    found = _python(BROKEN_SITE, """
        import json
        from irtk.frontend.mode import Mode
        from irtk.plugins import PluginError
        try:
            Mode(pipeline="no-such-pass,fast-run")
        except PluginError as e:
            print(json.dumps({"error": str(e)}))
    """)
    assert found["error"] == (
        "cannot load irtk plugin 'broken' (irtk_lit_broken:register, from irtk-lit-broken 1.0): "
        "ModuleNotFoundError: No module named 'irtk_lit_missing_dependency'"
    )


CACHED = """
    import json
    import numpy as np
    import irtk
    from irtk import tensor as T
    from irtk.frontend.mode import Mode
    a, b, c = T.vector("a"), T.vector("b"), T.vector("c")
    f = irtk.function([a, b, c], a * b + c, mode=Mode(pipeline="toy-fast-run"))
    print(json.dumps({"value": f(np.array([2.0]), np.array([3.0]), np.array([5.0])).tolist()}))
"""


@needs_native
def test_editing_the_plugin_pass_recompiles(site, tmp_path, isolated_cache):
    """The lowering cache's key covers the plugin pass's source: after an edit, a new process lowers again
    instead of loading the C++ the old pass made."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    env = {"IRTK_VERBOSE": "1"}
    assert _python(copy, CACHED, **env)["value"] == [2.0 * 3.0 + 5.0]
    hit = subprocess.run([sys.executable, "-c", textwrap.dedent(CACHED)], capture_output=True, text=True,
                         env=_env(copy, **env), timeout=300)
    assert "lowering cache hit" in hit.stderr, hit.stderr  # unchanged code: served from the cache
    pass_file = copy / "irtk_toy" / "fuse_mul_add.py"
    text = pass_file.read_text()
    edited = text.replace("operands=[mul.lhs, mul.rhs, addend]", "operands=[mul.lhs, addend, mul.rhs]")
    assert edited != text
    pass_file.write_text(edited + "# edited: the pass now builds a * c + b\n")
    assert _python(copy, CACHED)["value"] == [2.0 * 5.0 + 3.0]


# --- the registry's rules, with irtk's passes alone -----------------------------------------------------------


@pytest.fixture
def tables(monkeypatch):
    """Registrations made by a test vanish after it."""
    monkeypatch.setattr(registry, "PASSES", dict(registry.PASSES))
    monkeypatch.setattr(registry, "PIPELINES", dict(registry.PIPELINES))
    monkeypatch.setattr(registry, "DIALECTS", dict(registry.DIALECTS))


def _pass_class(name: str) -> type[ModulePass]:
    @dataclass(frozen=True)
    class Nothing(ModulePass):
        def apply(self, ctx, op) -> None:
            pass

    Nothing.name = name
    return Nothing


def test_a_pass_class_with_another_name_is_refused_at_registration(tables):
    with pytest.raises(ValueError, match=r"pass 'my-pass' is registered with class .*Nothing, whose name is "
                                         r"'other-name'; they must agree"):
        registry.register_pass("my-pass", _pass_class("other-name"))
    assert "my-pass" not in registry.PASSES


def test_a_lazy_factory_is_checked_when_first_resolved(tables):
    registry.register_pass("my-lazy-pass", lambda: _pass_class("other-name"))
    with pytest.raises(ValueError, match="pass 'my-lazy-pass' is registered with class .*, whose name is 'other-name'"):
        registry.pass_factory("my-lazy-pass")()
    with pytest.raises(ValueError, match="invalid pipeline 'my-lazy-pass': pass 'my-lazy-pass' is registered"):
        lower(ModuleOp([]), "my-lazy-pass")


def test_duplicate_names_are_refused(tables):
    registry.register_pass("my-pass", _pass_class("my-pass"))
    with pytest.raises(ValueError, match="cannot register pass 'my-pass': 'my-pass' is already registered, as a pass"):
        registry.register_pass("my-pass", _pass_class("my-pass"))
    with pytest.raises(ValueError, match="'canonicalize' is already registered, as a pass"):
        registry.register_pipeline("canonicalize", "cse")
    with pytest.raises(ValueError, match="'fast-run' is already registered, as a named pipeline"):
        registry.register_pass("fast-run", _pass_class("fast-run"))
    with pytest.raises(ValueError, match="dialect 'irtk' is already registered"):
        registry.register_dialect("irtk", lambda: None)


def test_named_pipelines_expand_and_may_not_contain_themselves(tables):
    registry.register_pipeline("my-pipeline", "canonicalize,cse")
    assert registry.expand_pipelines("my-pipeline,dce") == "canonicalize,cse,dce"
    registry.register_pipeline("loop-a", "cse,loop-b")
    registry.register_pipeline("loop-b", "loop-a")
    with pytest.raises(ValueError, match="named pipeline 'loop-a' contains itself: loop-a -> loop-b -> loop-a"):
        registry.expand_pipelines("loop-a")
    with pytest.raises(ValueError, match="non-empty pass list"):
        registry.register_pipeline("empty", " ")


# --- the frontend's pipeline, with irtk's passes alone ----------------------------------------------------------


def test_mode_keeps_theanos_constructor():
    assert Mode(linker="py", optimizer="fast_compile").name == "FAST_COMPILE"
    assert Mode("cvm", "fast_run").pipeline is None
    mode = Mode(linker="py", pipeline=" canonicalize,fast-compile ")
    assert (mode.name, mode.pipeline) == ("FAST_COMPILE", "canonicalize,fast-compile")
    assert repr(mode) == "Mode(linker='py', optimizer='default', pipeline='canonicalize,fast-compile')"
    with pytest.raises(ValueError, match="Mode: pipeline 'canonicalise,fast-run' names 'canonicalise', which is not"):
        Mode(pipeline="canonicalise,fast-run")


def test_pipeline_flag_keeps_its_commas():
    config = Config.from_flags("pipeline=canonicalize,tile{sizes=4,4},fast-run,floatX=float32")
    assert (config.pipeline, config.floatX) == ("canonicalize,tile{sizes=4,4},fast-run", "float32")
    assert Config.from_flags("mode=FAST_COMPILE").pipeline == ""


def test_the_pipeline_flag_applies_unless_the_mode_names_one(monkeypatch):
    x = tensor.vector("x")
    monkeypatch.setattr(irtk.config, "pipeline", "canonicalize,fast-compile")
    assert irtk.function([x], x + 1.0, mode="FAST_COMPILE").pipeline == "canonicalize,fast-compile"
    f = irtk.function([x], x + 1.0, mode=Mode(linker="py", pipeline="fast-compile"))
    assert f.pipeline == "fast-compile"
    monkeypatch.setattr(irtk.config, "pipeline", "no-such-pass")
    with pytest.raises(ValueError, match="the pipeline flag: pipeline 'no-such-pass' names 'no-such-pass'"):
        irtk.function([x], x + 1.0, mode="FAST_COMPILE")


@pytest.mark.parametrize("mode, message", [
    (Mode(pipeline="fast-compile"), "pipeline 'fast-compile' stops at the structured level (func.func remains), "
                                    "but FAST_RUN needs the loop level"),
    (Mode(pipeline="stabilize"), "pipeline 'stabilize' stops at the tensor level (irtk.add remains)"),
    (Mode(linker="py", pipeline="stabilize"), "pipeline 'stabilize' stops at the tensor level (irtk.add remains), but "
                                              "FAST_COMPILE needs the structured level: end the pipeline with 'fast-compile'"),
])
def test_a_pipeline_that_stops_short_fails_clearly(mode, message):
    x = tensor.vector("x")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        irtk.function([x], x + x, mode=mode)


def test_a_pickled_function_keeps_its_pipeline():
    x = tensor.vector("x")
    f = irtk.function([x], x * 2.0, mode=Mode(linker="py", pipeline="canonicalize,fast-compile"))
    g = pickle.loads(pickle.dumps(f))
    assert (g.mode, g.pipeline) == ("FAST_COMPILE", "canonicalize,fast-compile")
    np.testing.assert_array_equal(g(np.arange(3.0)), np.arange(3.0) * 2.0)


# --- the tutorial ----------------------------------------------------------------------------------------------

QUOTED = re.compile(r"<!-- file: (?P<path>\S+) -->\n```[a-z]*\n(?P<text>.*?)\n```\n", re.DOTALL)


def test_the_tutorial_quotes_every_file_of_the_example_exactly():
    """docs/writing-a-pass.md shows the example's files whole; each quotation must equal its file, and every
    file of the example must be quoted, so that the page and the code cannot drift apart."""
    doc = (REPO / "docs" / "writing-a-pass.md").read_text()
    quoted = {m["path"]: m["text"] + "\n" for m in QUOTED.finditer(doc)}
    files = {
        str(p.relative_to(REPO)) for p in EXAMPLE.rglob("*")
        if p.is_file() and not {"Output", "__pycache__"} & set(p.parts) and p.suffix in (".py", ".toml", ".mlir")
    }
    assert set(quoted) == files
    for path, text in quoted.items():
        assert text == (REPO / path).read_text(), f"docs/writing-a-pass.md quotes {path} as it no longer is"
