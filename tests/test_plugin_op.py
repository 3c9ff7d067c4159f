"""An op defined outside irtk (tests/plugin_ops.py: `irtk.test_cube`, from one `elementwise(...)` call) gets
everything a built-in op gets, with no edit to irtk: it verifies and round-trips through irtk-opt's textual
form, lowers to a linalg.generic, fuses with its neighbours, runs bit-identically in FAST_RUN and FAST_COMPILE,
and differentiates. If any of these needed a second list of ops inside irtk, this test would find it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import needs_native
from plugin_ops import CubeOp
from test_tensor_passes import _with_grad, build
from xdsl.dialects.linalg import ops as linalg
from xdsl.parser import Parser

from irtk.compiler import compile_module, lower
from irtk.dialects.irtk.types import tensor_type
from irtk.registry import make_context

REPO = Path(__file__).resolve().parent.parent
PLUGIN = REPO / "tests" / "plugin_ops.py"
VECTOR = tensor_type("float64", (None,))


def cube_module():
    return build([VECTOR], lambda tb, x: tb.test_cube(x))


def cube_then_exp_module():
    return build([VECTOR], lambda tb, x: tb.exp(tb.test_cube(x)))


def irtk_opt(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IRTK_PLUGINS"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "irtk.tools.irtk_opt", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120)


def test_verifies_and_round_trips_through_irtk_opt(tmp_path) -> None:
    module = cube_then_exp_module()  # build() verifies
    assert isinstance(next(op for op in module.walk() if op.name == "irtk.test_cube"), CubeOp)
    source = tmp_path / "cube.mlir"
    source.write_text(str(module))
    printed = irtk_opt(str(source), "--load-plugin", str(PLUGIN))
    assert printed.returncode == 0, printed.stderr
    assert "irtk.test_cube" in printed.stdout
    reparsed = Parser(make_context(), printed.stdout).parse_module()
    reparsed.verify()
    assert str(reparsed) == str(module)
    # Without the plugin, the op is unknown: the plugin is what defines it.
    assert irtk_opt(str(source)).returncode != 0


def _generics(module) -> list[linalg.GenericOp]:
    return [op for op in module.walk() if isinstance(op, linalg.GenericOp)]


def test_lowers_to_structured() -> None:
    module = lower(cube_module(), "lower-to-structured")
    (generic,) = _generics(module)
    assert [op.name for op in generic.body.block.ops] == ["arith.mulf", "arith.mulf", "linalg.yield"]
    assert not [op for op in module.walk() if op.name.startswith("irtk.")]


def test_fuses_with_exp_into_one_generic() -> None:
    module = lower(cube_then_exp_module(), "lower-to-structured,fuse")
    (generic,) = _generics(module)
    assert [op.name for op in generic.body.block.ops] == ["arith.mulf", "arith.mulf", "math.exp", "linalg.yield"]


@needs_native
def test_runs_the_same_in_both_modes() -> None:
    x = np.random.default_rng(3).standard_normal(7)
    (fast_run,) = compile_module(cube_module(), "FAST_RUN", ["x"])([x])
    (fast_compile,) = compile_module(cube_module(), "FAST_COMPILE", ["x"])([x])
    assert fast_run.dtype == fast_compile.dtype == np.float64
    assert fast_run.tobytes() == fast_compile.tobytes()
    np.testing.assert_array_equal(fast_compile, x * x * x)
    np.testing.assert_allclose(fast_compile, x**3, rtol=1e-15)


@pytest.mark.parametrize("mode", ["FAST_COMPILE", pytest.param("FAST_RUN", marks=needs_native)])
def test_gradient_is_three_x_squared(mode: str) -> None:
    """d/dx sum(x^3) = 3 x^2, through an irtk.grad request that autodiff expands with the plugin's rule."""
    module = build([VECTOR], lambda tb, x: _with_grad(tb, tb.sum(tb.test_cube(x), [0]), [x]))
    x = np.random.default_rng(4).standard_normal(6)
    cost, gx = compile_module(module, mode, ["x"])([x])
    np.testing.assert_allclose(cost, np.sum(x**3), rtol=1e-14)
    np.testing.assert_allclose(gx, 3 * x**2, rtol=1e-15)
