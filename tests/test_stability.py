"""Numerical-stability rewrites (irtk/dialects/irtk/stability.py), in both modes: where the formula as written
overflows or underflows, the compiled function still gives the finite value and the finite gradient the formula
means (compared with numpy's stable forms), and where the formula as written is finite, the rewritten function
agrees with it (compiled once more with the rewrites switched off)."""

from __future__ import annotations

import numpy as np
import pytest

import irtk
import irtk.tensor as T
from conftest import MODES
from irtk import registry
from irtk.dialects.irtk import canonicalization
from irtk.dialects.irtk.stability import STABILITY_PATTERNS

EXTREMES = np.array([-800.0, -50.0, -1.0, 0.0, 1e-20, 1.0, 50.0, 800.0])


def log_sigmoid(x):
    return -np.logaddexp(0.0, -x)


def sigmoid(x):
    return np.exp(log_sigmoid(x))


def logsoftmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def run(inputs, outputs, values, mode):
    return [np.asarray(r) for r in irtk.function(inputs, outputs, mode=mode)(*values)]


@pytest.fixture
def without_rewrites(monkeypatch):
    """Compile as written: no `stabilize` pass and no stability patterns in `canonicalize`."""
    for name, passes in list(registry.PIPELINES.items()):
        monkeypatch.setitem(registry.PIPELINES, name, passes.replace("stabilize,", ""))
    kept = tuple(p for p in canonicalization.PATTERNS if p not in STABILITY_PATTERNS)
    monkeypatch.setattr(canonicalization, "PATTERNS", kept)


def check_finite_and_close(got, want, rtol=1e-12):
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, want, rtol=rtol, atol=1e-300)


# ---------------------------------------------------------------- sigmoid


@pytest.mark.parametrize("mode", MODES)
def test_log_sigmoid_and_its_gradient_are_finite_at_minus_800(mode: str) -> None:
    x = T.vector("x")
    y = T.log(T.nnet.sigmoid(x))
    value, grad = run([x], [y, T.grad(y.sum(), x)], [EXTREMES], mode)
    check_finite_and_close(value, log_sigmoid(EXTREMES))
    check_finite_and_close(grad, sigmoid(-EXTREMES))  # d/dx log(sigmoid(x)) = 1 - sigmoid(x) = sigmoid(-x)


@pytest.mark.parametrize("mode", MODES)
def test_log_one_minus_sigmoid_and_its_gradient_are_finite(mode: str) -> None:
    x = T.vector("x")
    y = T.log(1 - T.nnet.sigmoid(x))
    value, grad = run([x], [y, T.grad(y.sum(), x)], [EXTREMES], mode)
    check_finite_and_close(value, log_sigmoid(-EXTREMES))
    check_finite_and_close(grad, -sigmoid(EXTREMES))


@pytest.mark.parametrize("mode", MODES)
def test_binary_crossentropy_of_a_sigmoid_is_finite(mode: str) -> None:
    x, t = T.vector("x"), T.vector("t")
    cost = T.nnet.binary_crossentropy(T.nnet.sigmoid(x), t).sum()
    targets = np.linspace(0.0, 1.0, EXTREMES.size)
    value, grad = run([x, t], [cost, T.grad(cost, x)], [EXTREMES, targets], mode)
    want = -(targets * log_sigmoid(EXTREMES) + (1 - targets) * log_sigmoid(-EXTREMES)).sum()
    check_finite_and_close(value, want)
    check_finite_and_close(grad, sigmoid(EXTREMES) - targets, rtol=1e-10)


# ---------------------------------------------------------------- softmax


@pytest.fixture
def big_logits():
    rng = np.random.default_rng(0)
    return rng.normal(size=(4, 6)) * 1000.0


@pytest.mark.parametrize("mode", MODES)
def test_log_softmax_of_big_logits(mode: str, big_logits) -> None:
    x, w = T.matrix("x"), T.matrix("w")
    rewritten = T.log(T.nnet.softmax(x))
    cost = (w * rewritten).sum()
    weights = np.random.default_rng(1).normal(size=big_logits.shape)
    value, direct, grad = run([x, w], [rewritten, T.nnet.logsoftmax(x), T.grad(cost, x)], [big_logits, weights], mode)
    check_finite_and_close(value, logsoftmax(big_logits))
    np.testing.assert_array_equal(value, direct)
    want = weights - np.exp(logsoftmax(big_logits)) * weights.sum(axis=-1, keepdims=True)
    check_finite_and_close(grad, want, rtol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_softmax_crossentropy_with_integer_labels(mode: str, big_logits) -> None:
    x, labels = T.matrix("x"), T.ivector("labels")
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(x), labels)
    lab = np.array([0, 5, 2, 3], dtype=np.int32)
    value, grad = run([x, labels], [cost, T.grad(cost.sum(), x)], [big_logits, lab], mode)
    onehot = np.eye(6)[lab]
    check_finite_and_close(value, -(onehot * logsoftmax(big_logits)).sum(axis=-1))
    check_finite_and_close(grad, np.exp(logsoftmax(big_logits)) - onehot, rtol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_softmax_crossentropy_with_probability_targets(mode: str, big_logits) -> None:
    x, t = T.matrix("x"), T.matrix("t")
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(x), t).mean()
    targets = np.random.default_rng(2).dirichlet(np.ones(6), size=4)
    value, gx, gt = run([x, t], [cost, *T.grad(cost, [x, t])], [big_logits, targets], mode)
    check_finite_and_close(value, -(targets * logsoftmax(big_logits)).sum(axis=-1).mean())
    softmax = np.exp(logsoftmax(big_logits))
    check_finite_and_close(gx, (softmax * targets.sum(axis=-1, keepdims=True) - targets) / 4, rtol=1e-9)
    check_finite_and_close(gt, -logsoftmax(big_logits) / 4, rtol=1e-9)


@pytest.mark.parametrize("mode", MODES)
def test_crossentropy_softmax_1hot(mode: str, big_logits) -> None:
    x, labels = T.matrix("x"), T.lvector("labels")
    nll, sm = T.nnet.crossentropy_softmax_1hot(x, labels)
    lab = np.array([1, 1, 4, 0])
    value, probabilities = run([x, labels], [nll, sm], [big_logits, lab], mode)
    check_finite_and_close(value, -logsoftmax(big_logits)[np.arange(4), lab])
    np.testing.assert_allclose(probabilities, np.exp(logsoftmax(big_logits)), rtol=1e-12)


def test_crossentropy_softmax_1hot_refuses_float_labels() -> None:
    with pytest.raises(TypeError, match="y_idx"):
        T.nnet.crossentropy_softmax_1hot(T.matrix("x"), T.vector("y"))


def test_logsoftmax_refuses_a_bad_axis() -> None:
    with pytest.raises(ValueError, match="axis"):
        T.nnet.logsoftmax(T.matrix("x"), axis=2)


# ---------------------------------------------------------------- exp and log


@pytest.mark.parametrize("mode", MODES)
def test_exp_and_log_identities(mode: str) -> None:
    x = T.vector("x")
    outputs = [T.log(T.exp(x)), T.exp(T.log(x)), T.log(1 + x), T.exp(x) - 1, T.log(1 + T.exp(x))]
    values = np.array([1e-20, 1e-10, 0.5, 3.0, 800.0])
    log_exp, exp_log, log1p, expm1, softplus = run([x], outputs, [values], mode)
    np.testing.assert_array_equal(log_exp, values)  # exp(800) is inf
    np.testing.assert_array_equal(exp_log, values)
    np.testing.assert_allclose(log1p[:-1], np.log1p(values[:-1]), rtol=1e-15)  # 1 + 1e-20 is 1
    np.testing.assert_allclose(expm1[:-1], np.expm1(values[:-1]), rtol=1e-15)  # exp(1e-20) - 1 is 0
    np.testing.assert_allclose(softplus, np.logaddexp(0.0, values), rtol=1e-15)


@pytest.mark.parametrize("mode", MODES)
def test_gradient_with_respect_to_a_bypassed_value_still_works(mode: str) -> None:
    """`log(sigmoid(x))` is not rewritten when the gradient is taken with respect to `sigmoid(x)` itself: the
    cost would no longer depend on it."""
    x = T.vector("x")
    s = T.nnet.sigmoid(x)
    (g,) = run([x], [T.grad(T.log(s).sum(), s)], [np.array([-1.0, 2.0])], mode)
    np.testing.assert_allclose(g, 1 / sigmoid(np.array([-1.0, 2.0])), rtol=1e-15)


# ---------------------------------------------------------------- rewritten == as written, where finite


def _cases():
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(3, 5)) * 3
    targets = rng.dirichlet(np.ones(5), size=3)
    labels = np.array([4, 0, 2], dtype=np.int32)
    moderate = np.linspace(-6.0, 6.0, 9)  # `1 - sigmoid(x)` as written cancels ever more digits beyond
    small = np.abs(moderate) + 0.5

    def sig():
        x = T.vector("x")
        y = T.log(T.nnet.sigmoid(x)) + T.log(1 - T.nnet.sigmoid(x))
        return [x], [y, T.grad(y.sum(), x)], [moderate]

    def xent_labels():
        x, lab = T.matrix("x"), T.ivector("l")
        cost = T.nnet.categorical_crossentropy(T.nnet.softmax(x), lab)
        return [x, lab], [cost, T.log(T.nnet.softmax(x)), T.grad(cost.sum(), x)], [logits, labels]

    def xent_targets():
        x, t = T.matrix("x"), T.matrix("t")
        cost = T.nnet.categorical_crossentropy(T.nnet.softmax(x), t).sum()
        return [x, t], [cost, *T.grad(cost, [x, t])], [logits, targets]

    def exp_log():
        x = T.vector("x")
        y = T.log(T.exp(x)) + T.exp(T.log(x)) + T.log(1 + x) + (T.exp(x) - 1)
        return [x], [y, T.grad(y.sum(), x)], [small]

    return {"sigmoid": sig, "xent-labels": xent_labels, "xent-targets": xent_targets, "exp-log": exp_log}


CASES = _cases()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_rewritten_equals_as_written_where_finite(name: str, mode: str, request) -> None:
    inputs, outputs, values = CASES[name]()
    rewritten = run(inputs, outputs, values, mode)
    request.getfixturevalue("without_rewrites")
    as_written = run(inputs, outputs, values, mode)
    for got, want in zip(rewritten, as_written):
        assert np.all(np.isfinite(want))
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
