"""`irtk.export`: a compiled function as a pybind11 extension that needs only numpy.

The slow test exports the seed training function (examples/training.py, after its ten steps) and a
softmax-regression predictor, builds both in a fresh virtual environment that has numpy and the build tools but
not irtk, and runs the same calls there as here: outputs, shared weights after every update, and the TypeErrors
and ValueErrors of bad calls (messages included) must be equal. The other tests check what export writes and
what it refuses, without building.

The build needs PyPI (or a local index) for numpy, scikit-build-core, pybind11, cmake and ninja: it is skipped
with the reason when pip cannot install them, or when IRTK_SKIP_SLOW_TESTS=1. pip's downloads are cached in
PIP_CACHE_DIR (default ~/.cache/irtk-export-pip), so a rerun installs from the cache.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import irtk
from irtk import In, tensor
from irtk.exporting import export
from conftest import needs_native

REPO = Path(__file__).resolve().parent.parent

#: The calls made on both sides; `f` is the function, `shared` its shared variables by name, `np` numpy. Each
#: record is ("value", array or list of arrays), or ("error", exception type name, message).
SCENARIOS = '''
def run_training(f, shared, np):
    W = shared["W"]
    records = []
    def call(*args, **kwargs):
        records.append(("value", f(*args, **kwargs)))
        records.append(("value", W.get_value()))
    def fails(code):
        try:
            eval(code, {"f": f, "W": W, "np": np})
        except (TypeError, ValueError) as e:
            records.append(("error", type(e).__name__, str(e)))
        else:
            records.append(("error", None, code))
        records.append(("value", W.get_value()))
    for _ in range(5):
        call([1.0, 1.0, 1.0, 1.0], 100.0)
    call(x=np.arange(4, dtype=np.float32), target=np.float32(3.5))
    call(np.array([1, 2, 3, 4], dtype=np.int8), 7)
    for code in ["f([1.0, 1.0, 1.0, 1.0])", "f([1.0] * 4, 1.0, 2.0)", "f([1.0] * 4, 1.0, target=2.0)",
                 "f([1.0] * 4, targett=2.0)", "f('abcd', 1.0)", "f([1.0] * 4, 1e300)", "f([[1.0] * 4], 1.0)",
                 "f(np.ones(4), 1.0)", "f([1.0] * 3, 1.0)", "f(object(), 1.0)", "W.set_value('w')",
                 "W.set_value(np.ones((2, 2)))"]:
        fails(code)
    W.set_value([0.5, 0.2, 0.4, 0.2])
    call(np.ones(4, np.float32), 10.0)
    view = W.get_value(borrow=True)
    view[0] = 123.0  # borrowing reads the stored value; get_value() without borrow is a copy
    records.append(("value", W.get_value()))
    return records


def run_predictor(f, shared, np):
    records = []
    rng = np.random.default_rng(7)
    X = rng.normal(size=(300, 20))
    records.append(("value", f(X)))
    records.append(("value", f(X, 2.0)))
    records.append(("value", f(t=0.5, X=X[:3])))
    records.append(("value", f(np.asfortranarray(X))))
    records.append(("value", f(X.astype(np.float32))))
    for code in ["f(X[:, :5])", "f(X, '1')", "f(X.tolist(), 1.0, 3)", "f()", "f(X[0])"]:
        try:
            eval(code, {"f": f, "X": X, "np": np})
        except (TypeError, ValueError) as e:
            records.append(("error", type(e).__name__, str(e)))
        else:
            records.append(("error", None, code))
    shared["b"].set_value(np.arange(4.0))
    records.append(("value", f(X)))
    return records
'''

#: Run in the virtual environment: import the exported modules without irtk and record the scenarios.
VENV_SCRIPT = '''
import importlib.util, pickle, sys
import numpy as np
assert importlib.util.find_spec("irtk") is None, "irtk must not be importable here"
import seedtrain, softmaxpredict
assert not [m for m in sys.modules if m.split(".")[0] in ("irtk", "xdsl")]
scope = {}
exec(open(sys.argv[1]).read(), scope)
records = {
    "training": scope["run_training"](seedtrain.function, {"W": seedtrain.W}, np),
    "predictor": scope["run_predictor"](softmaxpredict.function, {"W": softmaxpredict.W, "b": softmaxpredict.b}, np),
}
with open(sys.argv[2], "wb") as fh:
    pickle.dump(records, fh)
'''


def _seed_training(capsys) -> tuple[irtk.Function, irtk.SharedVariable]:
    """The seed program's training function and W, after its ten steps (so the export carries trained weights)."""
    scope = runpy.run_path(str(REPO / "examples" / "training.py"))
    capsys.readouterr()
    return scope["f"], scope["W"]


def _softmax_predictor():
    """p(y | x) = softmax((x W + b) / t) and its argmax, for 300 x 20 inputs and 4 classes: the product is large
    enough for BLAS. `t` defaults to 1."""
    rng = np.random.default_rng(3)
    W = irtk.shared(rng.normal(size=(20, 4)), "W")
    b = irtk.shared(rng.normal(size=4), "b")
    X, t = tensor.dmatrix("X"), tensor.dscalar("t")
    p = tensor.nnet.softmax((tensor.dot(X, W) + b) / t)
    predict = irtk.function([X, In(t, value=1.0)], [p, tensor.argmax(p, axis=1)], name="predict")
    return predict, {"W": W, "b": b}


def _records(scenario: str, f, shared) -> list:
    scope: dict = {}
    exec(SCENARIOS, scope)
    return scope[scenario](f, shared, np)


def _assert_same(expected: list, got: list) -> None:
    assert len(got) == len(expected)
    for k, (want, have) in enumerate(zip(expected, got)):
        assert want[0] == have[0], (k, want, have)
        if want[0] == "error":
            assert have == want, k
            continue
        want_values = want[1] if isinstance(want[1], list) else [want[1]]
        have_values = have[1] if isinstance(have[1], list) else [have[1]]
        assert isinstance(have[1], list) == isinstance(want[1], list), k
        for w, h in zip(want_values, have_values, strict=True):
            assert h.dtype == w.dtype and h.shape == w.shape, (k, w, h)
            np.testing.assert_array_equal(h, w, err_msg=f"record {k}")


# ---- the project export writes


@needs_native
def test_export_writes_a_project_whose_package_imports_only_numpy(tmp_path, capsys):
    train, W = _seed_training(capsys)
    assert irtk.export is export
    project = export(train, "seedtrain", tmp_path / "p")
    assert project.directory == tmp_path / "p" and project.wheel is None
    files = {p.relative_to(project.directory).as_posix() for p in project.directory.rglob("*") if p.is_file()}
    assert {"pyproject.toml", "CMakeLists.txt", "src/function.cpp", "src/module.cpp", "src/runtime/kernel.cpp",
            "src/runtime/signature.cpp", "src/runtime/irtk_abi.h", "seedtrain/__init__.py", "seedtrain/_runtime.py",
            "seedtrain/_conversion.py", "seedtrain/_function.json", "seedtrain/_values.npz"} <= files
    # irtk's own rule files and runtime, unchanged: the export runs the code irtk runs.
    package = project.directory / "seedtrain"
    assert (package / "_conversion.py").read_text() == (REPO / "irtk/frontend/conversion.py").read_text()
    assert (package / "_binding.py").read_text() == (REPO / "irtk/frontend/binding.py").read_text()
    assert (project.directory / "src/runtime/kernel.cpp").read_text() == (REPO / "native/src/kernel.cpp").read_text()
    for path in package.glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
        assert imported <= {"__future__", "numpy", "ctypes", "collections", "dataclasses", "functools", "importlib",
                            "json", "os", "pathlib", "re", "sys", "warnings"}, (path.name, imported)
    spec = json.loads((package / "_function.json").read_text())
    assert [i["label"] for i in spec["inputs"]] == ["argument 0 ('x')", "argument 1 ('target')"]
    assert spec["arg_names"] == ["x", "target", "W"] and spec["read"] == spec["updated"] == [0]
    with np.load(package / "_values.npz") as values:
        np.testing.assert_array_equal(values["shared_0"], W.get_value())  # the weights as they are now
    assert 'set(IRTK_MARCH "portable"' in (project.directory / "CMakeLists.txt").read_text()
    assert "\nW = shared_variables[0]\n" in (package / "__init__.py").read_text()


@needs_native
def test_export_chooses_the_cpu_and_blas(tmp_path):
    predict, _ = _softmax_predictor()
    native = export(predict, "p1", tmp_path / "native", march="native")
    assert 'set(IRTK_MARCH "native"' in (native.directory / "CMakeLists.txt").read_text()
    calls_blas = json.loads((native.directory / "p1/_function.json").read_text())["blas"]
    from irtk.runtime.blas_library import blas_library

    assert calls_blas == (blas_library() is not None)
    loops = export(predict, "p2", tmp_path / "loops", blas=False)
    assert json.loads((loops.directory / "p2/_function.json").read_text())["blas"] is False
    assert "scipy_cblas" not in (loops.directory / "src/function.cpp").read_text()


@needs_native
def test_export_refuses_what_it_cannot_export(tmp_path):
    predict, _ = _softmax_predictor()
    with pytest.raises(TypeError, match="expected a compiled function"):
        export(lambda x: x, "m", tmp_path / "a")
    for name in ["my-module", "class", "", 3]:
        with pytest.raises(ValueError, match="module name must be a Python identifier"):
            export(predict, name, tmp_path / "b")
    with pytest.raises(ValueError, match="march must be"):
        export(predict, "m", tmp_path / "c", march="native; rm -rf /")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "keep.txt").write_text("")
    with pytest.raises(FileExistsError, match="is not empty"):
        export(predict, "m", tmp_path / "d")
    export(predict, "m", tmp_path / "d", overwrite=True)
    assert (tmp_path / "d" / "keep.txt").exists()


# ---- built in a fresh virtual environment without irtk


def _pip_environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "irtk-export-pip"))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def build_venv(tmp_path_factory) -> Path:
    """The python of a new virtual environment with numpy and the build tools, and without irtk."""
    if os.environ.get("IRTK_SKIP_SLOW_TESTS") == "1":
        pytest.skip("IRTK_SKIP_SLOW_TESTS=1: the export build test is skipped")
    venv = tmp_path_factory.mktemp("export-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python = venv / "bin" / "python"
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "numpy", "scikit-build-core", "pybind11", "cmake", "ninja"],
        capture_output=True, text=True, env=_pip_environment(), timeout=900,
    )
    if result.returncode != 0:
        pytest.skip(f"pip cannot install numpy and the build tools (no package index?): {result.stderr[-800:]}")
    return python


@needs_native
def test_exported_modules_compute_what_irtk_computes(tmp_path, capsys, build_venv):
    train, W = _seed_training(capsys)
    predict, predict_shared = _softmax_predictor()
    export(train, "seedtrain", tmp_path / "seedtrain")
    export(predict, "softmaxpredict", tmp_path / "softmaxpredict")

    build = subprocess.run(
        [str(build_venv), "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--quiet",
         str(tmp_path / "seedtrain"), str(tmp_path / "softmaxpredict")],
        capture_output=True, text=True, env=_pip_environment(), timeout=1200, cwd=tmp_path,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    (tmp_path / "scenarios.py").write_text(SCENARIOS)
    (tmp_path / "run.py").write_text(textwrap.dedent(VENV_SCRIPT))
    run = subprocess.run(
        [str(build_venv), str(tmp_path / "run.py"), str(tmp_path / "scenarios.py"), str(tmp_path / "records.pkl")],
        capture_output=True, text=True, env=_pip_environment(), timeout=300, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    with open(tmp_path / "records.pkl", "rb") as fh:
        exported = pickle.load(fh)

    # Here, after the export, with the same starting weights: irtk.function's records.
    _assert_same(_records("run_training", train, {"W": W}), exported["training"])
    _assert_same(_records("run_predictor", predict, predict_shared), exported["predictor"])
    errors = [r for r in exported["training"] + exported["predictor"] if r[0] == "error"]
    assert all(r[1] in ("TypeError", "ValueError") for r in errors), errors
    assert any("(at " in r[2] for r in errors)  # a failed check in the kernel names the line that built the op
