"""Theano's `function` features: outputs, `In` (defaults, keywords), `on_unused_input`, `Function.copy`,
`Variable.eval`, `config.floatX`, `THEANO_FLAGS` next to `IRTK_FLAGS`, and `Mode` objects."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from conftest import MODES

import irtk
from irtk import In, Mode, tensor
from irtk.flags import Config, resolve_mode
from irtk.frontend.function import UnusedInputError
from irtk.frontend.graph import MissingInputError

# ---------------------------------------------------------------- outputs


@pytest.mark.parametrize("mode", MODES)
def test_outputs_a_variable_a_list_or_none(mode: str) -> None:
    x = tensor.dvector("x")
    single = irtk.function([x], x * 2.0, mode=mode)
    np.testing.assert_array_equal(single([1.0, 2.0]), [2.0, 4.0])
    listed = irtk.function([x], [x * 2.0, x.sum()], mode=mode)
    doubled, total = listed([1.0, 2.0])
    np.testing.assert_array_equal(doubled, [2.0, 4.0])
    assert total == 3.0
    assert isinstance(irtk.function([x], (x * 2.0,), mode=mode)([1.0]), list)
    w = irtk.shared(np.zeros(2), "w")
    step = irtk.function([x], [], updates=[(w, w + x)], mode=mode)
    assert step([1.0, 2.0]) == [] and step([1.0, 2.0]) == []
    np.testing.assert_array_equal(w.get_value(), [2.0, 4.0])
    assert irtk.function([], [], mode=mode)() == []


# ---------------------------------------------------------------- In: defaults and keywords


@pytest.mark.parametrize("mode", MODES)
def test_in_default_value_makes_the_argument_optional(mode: str) -> None:
    # The Theano tutorial's example.
    x, y, w = tensor.dscalars("x", "y", "w")
    z = (x + y) * w
    f = irtk.function([x, In(y, value=1), In(w, value=2, name="w_by_name")], z, mode=mode)
    assert f(33) == 68.0
    assert f(33, 2) == 70.0
    assert f(33, 0, 1) == 33.0
    assert f(33, w_by_name=1) == 34.0
    assert f(33, w_by_name=1, y=0) == 33.0
    assert f(x=33, y=2) == 70.0
    assert f(33, w=1) == 34.0  # the variable's name works too


@pytest.mark.parametrize("mode", MODES)
def test_binding_errors_name_the_argument(mode: str) -> None:
    x, y = tensor.dscalars("x", "y")
    f = irtk.function([x, In(y, value=1.0)], x + y, mode=mode)
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'.*'x', 'y'"):
        f(1.0, z=2.0)
    with pytest.raises(TypeError, match=r"argument 0 \('x'\) is missing"):
        f(y=2.0)
    with pytest.raises(TypeError, match=r"multiple values for argument 0 \('x'\)"):
        f(1.0, x=2.0)
    with pytest.raises(TypeError, match="takes 2 argument"):
        f(1.0, 2.0, 3.0)
    g = irtk.function([x, y], x + y, mode=mode)
    with pytest.raises(TypeError, match=r"takes 2 argument.*argument 1 \('y'\) is missing"):
        g(1.0)
    with pytest.raises(TypeError, match="no input has a name"):
        a = tensor.dscalar()
        irtk.function([a], a * 2.0, mode=mode)(b=1.0)


@pytest.mark.parametrize("mode", MODES)
def test_two_inputs_with_one_name_are_passed_by_position(mode: str) -> None:
    x1, x2 = tensor.dscalar("x"), tensor.dscalar("x")
    f = irtk.function([x1, x2], x1 - x2, mode=mode)
    assert f(3.0, 1.0) == 2.0
    with pytest.raises(TypeError, match="more than one input is named 'x'"):
        f(3.0, x=1.0)


@pytest.mark.parametrize("mode", MODES)
def test_in_options_strict_and_allow_downcast(mode: str) -> None:
    x, y = tensor.fvector("x"), tensor.fvector("y")
    f = irtk.function([In(x, strict=True), In(y, allow_downcast=True)], x + y, mode=mode)
    ones = np.ones(2, dtype="float32")
    assert f(ones, np.array([0.1, 0.2])).dtype == np.float32  # y converts even though 0.1 is not a float32
    with pytest.raises(TypeError, match=r"argument 0 \('x'\): a strict input takes only float32 arrays, got list"):
        f([1.0, 2.0], ones)
    with pytest.raises(TypeError, match="got ndarray of float64"):
        f(np.ones(2), ones)
    assert irtk.function([In(x, mutable=True, borrow=True)], x * 2, mode=mode)(ones).tolist() == [2.0, 2.0]


def test_in_default_values_are_checked_when_compiling() -> None:
    x, y = tensor.dscalar("x"), tensor.ivector("y")
    with pytest.raises(TypeError, match=r"default value of argument 1 \('y'\).*lose precision"):
        irtk.function([x, In(y, value=[0.5])], x + y.sum(), mode="FAST_COMPILE")
    with pytest.raises(TypeError, match=r"default value of argument 1 \('y'\).*1 dimension"):
        irtk.function([x, In(y, value=3)], x + y.sum(), mode="FAST_COMPILE")


def test_in_rejects_what_it_cannot_do() -> None:
    x = tensor.dscalar("x")
    with pytest.raises(TypeError, match="In: variable must be a symbolic variable, got float"):
        In(1.0)
    with pytest.raises(TypeError, match="In: update= is not supported"):
        In(x, value=0.0, update=x + 1)
    with pytest.raises(TypeError, match="In: value must be a number or an array"):
        In(x, value=x)
    with pytest.raises(TypeError, match="input 1 must be a symbolic variable or an In, got str"):
        irtk.function([x, "y"], x)
    with pytest.raises(TypeError, match="input 0 is a shared variable"):
        irtk.function([In(irtk.shared(1.0))], x)


# ---------------------------------------------------------------- on_unused_input


@pytest.mark.parametrize("mode", MODES)
def test_an_unused_input_raises_by_default(mode: str) -> None:
    x, y = tensor.dscalars("x", "y")
    with pytest.raises(UnusedInputError, match=r"argument 1 \('y'\) is not part of the graph.*on_unused_input"):
        irtk.function([x, y], x * 2.0, mode=mode)
    assert issubclass(UnusedInputError, ValueError)
    with pytest.raises(UnusedInputError, match=r"argument 0 \('x'\)"):
        irtk.function([x, y], x * 2.0, givens={x: y * 1.0}, mode=mode, on_unused_input="raise")


@pytest.mark.parametrize("mode", MODES)
def test_unused_input_warn_and_ignore(mode: str) -> None:
    x, y = tensor.dscalars("x", "y")
    with pytest.warns(UserWarning, match=r"argument 1 \('y'\) is not part of the graph"):
        f = irtk.function([x, y], x * 2.0, mode=mode, on_unused_input="warn")
    assert f(1.0, 5.0) == 2.0  # still an argument, by position
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = irtk.function([x, y], x * 2.0, mode=mode, on_unused_input="ignore")
    assert not [w for w in caught if "not part of the graph" in str(w.message)]
    assert g(1.0, 5.0) == 2.0
    with pytest.raises(TypeError, match="takes 2 argument"):
        g(1.0)


@pytest.mark.parametrize("mode", MODES)
def test_an_input_only_the_updates_read_is_used(mode: str) -> None:
    x, lr = tensor.dvector("x"), tensor.dscalar("lr")
    w = irtk.shared(np.ones(2), "w")
    f = irtk.function([x, lr], (w * x).sum(), updates=[(w, w - lr * x)], mode=mode)
    assert f([1.0, 2.0], 0.5) == 3.0
    np.testing.assert_array_equal(w.get_value(), [0.5, 0.0])


def test_on_unused_input_comes_from_the_config(monkeypatch) -> None:
    x, y = tensor.dscalars("x", "y")
    monkeypatch.setattr(irtk.config, "on_unused_input", "ignore")
    assert irtk.function([x, y], x, mode="FAST_COMPILE")(1.0, 2.0) == 1.0
    with pytest.raises(ValueError, match="on_unused_input must be one of raise, warn, ignore, not 'quiet'"):
        irtk.function([x], x, on_unused_input="quiet")


# ---------------------------------------------------------------- Function.copy


@pytest.mark.parametrize("mode", MODES)
def test_copy_swaps_shared_variables_without_recompiling(mode: str) -> None:
    x = tensor.dvector("x")
    state = irtk.shared(np.zeros(2), "state")
    other = irtk.shared(np.full(2, 10.0), "other")
    accumulate = irtk.function([x], state.sum(), updates=[(state, state + x)], mode=mode, name="accumulate")
    copy = accumulate.copy(swap={state: other})
    assert copy._run is accumulate._run, "the copy runs the same compiled code"
    assert copy.name == "accumulate copy"
    assert accumulate([1.0, 2.0]) == 0.0
    assert copy([1.0, 1.0]) == 20.0
    np.testing.assert_array_equal(state.get_value(), [1.0, 2.0])
    np.testing.assert_array_equal(other.get_value(), [11.0, 11.0])
    assert accumulate([1.0, 1.0]) == 3.0  # the original still reads and updates `state`
    np.testing.assert_array_equal(other.get_value(), [11.0, 11.0])
    assert copy.updates[0][0] is other and copy.signature.shared == [other]


@pytest.mark.parametrize("mode", MODES)
def test_copy_delete_updates_and_defaults(mode: str) -> None:
    x = tensor.dvector("x")
    state = irtk.shared(np.zeros(2), "state")
    f = irtk.function([In(x, value=[1.0, 1.0])], state.sum(), updates=[(state, state + x)], mode=mode)
    frozen = f.copy(delete_updates=True, name="frozen", share_memory=True)
    assert frozen.name == "frozen" and frozen.updates == []
    f()
    assert frozen() == 2.0 and frozen() == 2.0
    np.testing.assert_array_equal(state.get_value(), [1.0, 1.0])
    assert frozen(x=[5.0, 5.0]) == 2.0


def test_copy_swap_errors() -> None:
    x = tensor.dvector("x")
    state = irtk.shared(np.zeros(2), "state")
    f = irtk.function([x], state.sum() + x.sum(), mode="FAST_COMPILE")
    with pytest.raises(ValueError, match="shared variable unused is not used by function"):
        f.copy(swap={irtk.shared(np.zeros(2), "unused"): state})
    with pytest.raises(TypeError, match="has type TensorType\\(int64, vector\\) but state has type TensorType\\(float64"):
        f.copy(swap={state: irtk.shared(np.zeros(2, dtype="int64"), "ints")})
    with pytest.raises(TypeError, match="shared variables to shared variables"):
        f.copy(swap={state: x})
    with pytest.raises(TypeError, match="swap must be a dict"):
        f.copy(swap=[(state, state)])


# ---------------------------------------------------------------- Variable.eval


@pytest.mark.parametrize("mode", MODES)
def test_eval_compiles_once_per_input_set(mode: str, monkeypatch) -> None:
    monkeypatch.setattr(irtk.config, "mode", mode)
    x, y = tensor.dscalars("x", "y")
    z = x * 2.0 + y
    assert z.eval({x: 1.0, y: 3.0}) == 5.0
    assert z.eval({y: 0.0, x: 4.0}) == 8.0
    assert len(z._eval_functions) == 1, "the same free variables reuse the compiled function"
    assert (x * 3.0).eval({x: 2.0}) == 6.0
    assert tensor.constant(np.arange(3.0)).sum().eval() == 3.0
    assert irtk.shared(np.ones(2)).sum().eval() == 2.0


def test_eval_errors() -> None:
    x, y = tensor.dscalars("x", "y")
    with pytest.raises(MissingInputError, match="y"):
        (x + y).eval({x: 1.0})
    with pytest.raises(TypeError, match="inputs_to_values must be a dict"):
        x.eval([(x, 1.0)])
    with pytest.raises(TypeError, match="keys of inputs_to_values must be symbolic variables, got 'x'"):
        x.eval({"x": 1.0})
    with pytest.raises(UnusedInputError, match="'y'"):
        (x * 2.0).eval({x: 1.0, y: 2.0})


# ---------------------------------------------------------------- floatX


@pytest.mark.parametrize("mode", MODES)
def test_float_x_is_read_when_a_variable_is_made(mode: str, monkeypatch) -> None:
    assert tensor.scalar().dtype == "float64"
    monkeypatch.setattr(irtk.config, "floatX", "float32")
    x, m = tensor.scalar("x"), tensor.matrix("m")
    assert {x.dtype, m.dtype, tensor.vector().dtype, tensor.row().dtype, tensor.tensor3().dtype} == {"float32"}
    assert [v.dtype for v in tensor.vectors("a", "b")] == ["float32", "float32"]
    assert tensor.vector(dtype="int32").dtype == "int32" and tensor.dscalar().dtype == "float64"
    assert irtk.shared(np.float64(1.5)).dtype == "float64", "a shared variable keeps its value's dtype"
    # Theano's autocast with floatX=float32: every Python float is float32, exact or not.
    assert (x * 0.1).dtype == "float32" and tensor.constant(0.1).dtype == "float32"
    assert tensor.constant(np.float64(0.1)).dtype == "float64", "a numpy scalar keeps its dtype"
    f = irtk.function([x, m], (m * x).sum() + 0.1, mode=mode)
    result = f(2.0, [[1.0, 2.0]])
    assert result.dtype == np.float32 and result == pytest.approx(6.1)


def test_python_floats_keep_the_exact_autocast_under_float64() -> None:
    x = tensor.fscalar()
    assert (x * 0.1).dtype == "float64" and (x * 0.5).dtype == "float32"


# ---------------------------------------------------------------- flags


def test_theano_flags_are_read_and_irtk_flags_win() -> None:
    config = Config.from_environment({"THEANO_FLAGS": "mode=FAST_COMPILE,floatX=float32"})
    assert (config.mode, config.floatX) == ("FAST_COMPILE", "float32")
    config = Config.from_environment({"THEANO_FLAGS": "mode=FAST_COMPILE,floatX=float32", "IRTK_FLAGS": "mode=FAST_RUN"})
    assert (config.mode, config.floatX) == ("FAST_RUN", "float32")


def test_theano_only_flags_are_accepted_and_readable() -> None:
    flags = "device=cuda0,optimizer=fast_compile,exception_verbosity=high,compute_test_value=raise,warn_float64=warn,gcc.cxxflags=-O3"
    config = Config.from_environment({"THEANO_FLAGS": flags})
    # `device` is irtk's own flag (docs/cuda.md); Theano's spellings of a GPU all mean `cuda`
    assert (config.mode, config.device, config.optimizer) == ("FAST_RUN", "cuda", "fast_compile")
    assert Config.from_environment({}).device == "cpu", "Theano's default when unset"
    assert Config.from_environment({}).optimizer == "fast_run", "Theano's default when unset"
    with pytest.raises(AttributeError, match="no flag 'colour'"):
        _ = config.colour


def test_flag_errors_name_the_variable() -> None:
    with pytest.raises(ValueError, match="THEANO_FLAGS: unknown flag 'colour=blue'"):
        Config.from_environment({"THEANO_FLAGS": "colour=blue"})
    with pytest.raises(ValueError, match="THEANO_FLAGS: malformed flag 'mode'"):
        Config.from_environment({"THEANO_FLAGS": "mode"})
    with pytest.raises(ValueError, match="THEANO_FLAGS: mode must be one of FAST_RUN, FAST_COMPILE, not 'DebugMode'"):
        Config.from_environment({"THEANO_FLAGS": "mode=DebugMode"})
    with pytest.raises(ValueError, match="IRTK_FLAGS: unknown flag 'optimizer=fast_run' \\(a Theano flag"):
        Config.from_environment({"IRTK_FLAGS": "optimizer=fast_run"})
    with pytest.raises(ValueError, match="IRTK_FLAGS: device must be one of cpu, cuda, not 'cuda0'"):
        Config.from_environment({"IRTK_FLAGS": "device=cuda0"})
    with pytest.raises(ValueError, match="THEANO_FLAGS: device must be one of cpu, cuda, not 'opencl0:0'"):
        Config.from_environment({"THEANO_FLAGS": "device=opencl0:0"})
    with pytest.raises(ValueError, match="IRTK_FLAGS: on_unused_input must be one of"):
        Config.from_environment({"IRTK_FLAGS": "on_unused_input=never"})


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("THEANO_FLAGS", "IRTK_FLAGS")}
    return subprocess.run([sys.executable, "-c", code], env={**environ, **env}, capture_output=True, text=True, timeout=300)


PROGRAM = """
import irtk as theano
from irtk import tensor as T
x = T.vector('x')
f = theano.function([x], x * 2)
print(theano.config.mode, f.mode, f([1.0, 2.0]).dtype, theano.config.device)
"""


def test_theano_flags_environment_variable_runs_a_theano_program() -> None:
    result = _python(PROGRAM, THEANO_FLAGS="mode=FAST_COMPILE,floatX=float32,device=cpu,optimizer=fast_compile")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FAST_COMPILE", "FAST_COMPILE", "float32", "cpu"]
    both = _python("import irtk; print(irtk.config.mode)", THEANO_FLAGS="mode=FAST_RUN", IRTK_FLAGS="mode=FAST_COMPILE")
    assert both.returncode == 0, both.stderr
    assert both.stdout.strip() == "FAST_COMPILE"


def test_bad_flags_in_the_environment_stop_with_a_clear_error() -> None:
    theano = _python("import irtk; irtk.config", THEANO_FLAGS="colour=blue")
    assert theano.returncode != 0 and "ValueError: THEANO_FLAGS: unknown flag 'colour=blue'" in theano.stderr
    irtk_flags = _python("import irtk; irtk.config", IRTK_FLAGS="optimizer=fast_run")
    assert irtk_flags.returncode != 0 and "ValueError: IRTK_FLAGS: unknown flag 'optimizer=fast_run'" in irtk_flags.stderr


# ---------------------------------------------------------------- Mode objects


def test_mode_objects_choose_by_linker() -> None:
    assert resolve_mode(Mode(linker="py")) == "FAST_COMPILE"
    assert resolve_mode(Mode()) == resolve_mode(Mode(linker="cvm", optimizer="fast_run")) == "FAST_RUN"
    assert Mode().excluding("fusion").including("fast_run").name == "FAST_RUN"
    x = tensor.dscalar("x")
    f = irtk.function([x], x + 1.0, mode=Mode(linker="py", optimizer="fast_compile"))
    assert f.mode == "FAST_COMPILE" and f(1.0) == 2.0
    with pytest.raises(ValueError, match="Mode: linker must be one of"):
        Mode(linker="gpu")
