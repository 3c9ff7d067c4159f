"""Tutorial models written as Theano programs (`import irtk as theano`): the tutorial's `LogisticRegression`
class as it is written (its negative log-likelihood indexes `log(p)[arange(y.shape[0]), y]`) and a two-layer MLP with tanh, softmax cross-entropy and dropout from `RandomStreams`, trained on data the test
generates. The logistic regression must follow the numpy program of the same model step for step; the MLP,
whose dropout masks are random, must reach the accuracy its numpy counterpart reaches.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES

import irtk as theano
import irtk.tensor as T
from irtk.tensor.shared_randomstreams import RandomStreams

N_IN, N_OUT, N_HIDDEN = 8, 3, 16


def blobs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian clusters in N_IN dimensions, with overlapping tails."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0.0, 1.5, (N_OUT, N_IN))
    labels = rng.integers(0, N_OUT, n)
    return centers[labels] + rng.normal(0.0, 1.0, (n, N_IN)), labels.astype(np.int64)


class LogisticRegression(object):
    """Multi-class Logistic Regression Class, as the tutorial (logistic_sgd.py) writes it."""

    def __init__(self, input, n_in, n_out):
        self.W = theano.shared(value=np.zeros((n_in, n_out), dtype=theano.config.floatX), name="W", borrow=True)
        self.b = theano.shared(value=np.zeros((n_out,), dtype=theano.config.floatX), name="b", borrow=True)
        self.p_y_given_x = T.nnet.softmax(T.dot(input, self.W) + self.b)
        self.y_pred = T.argmax(self.p_y_given_x, axis=1)
        self.params = [self.W, self.b]
        self.input = input

    def negative_log_likelihood(self, y):
        return -T.mean(T.log(self.p_y_given_x)[T.arange(y.shape[0]), y])

    def errors(self, y):
        # check if y has same dimension of y_pred
        if y.ndim != self.y_pred.ndim:
            raise TypeError("y should have the same shape as self.y_pred", ("y", y.type, "y_pred", self.y_pred.type))
        # check if y is of the correct datatype
        if y.dtype.startswith("int"):
            # the T.neq operator returns a vector of 0s and 1s, where 1 represents a mistake in prediction
            return T.mean(T.neq(self.y_pred, y))
        else:
            raise NotImplementedError()


def numpy_logistic_regression(x, y, steps, rate):
    W, b = np.zeros((N_IN, N_OUT)), np.zeros(N_OUT)
    onehot = np.eye(N_OUT)[y]
    for _ in range(steps):
        z = x @ W + b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(x)
        W, b = W - rate * (x.T @ g), b - rate * g.sum(axis=0)
    return W, b


@pytest.mark.parametrize("mode", MODES)
def test_logistic_regression_follows_numpy(mode: str) -> None:
    x_data, y_data = blobs(300, seed=1)
    x, y = T.dmatrix("x"), T.lvector("y")
    classifier = LogisticRegression(input=x, n_in=N_IN, n_out=N_OUT)
    cost = classifier.negative_log_likelihood(y)
    g_W, g_b = T.grad(cost=cost, wrt=[classifier.W, classifier.b])
    rate = 0.5
    train = theano.function([x, y], cost, updates=[(classifier.W, classifier.W - rate * g_W), (classifier.b, classifier.b - rate * g_b)],
                            mode=mode)
    errors = theano.function([x, y], classifier.errors(y), mode=mode)
    for _ in range(100):
        train(x_data, y_data)
    W, b = numpy_logistic_regression(x_data, y_data, 100, rate)
    np.testing.assert_allclose(classifier.W.get_value(), W, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(classifier.b.get_value(), b, rtol=1e-9, atol=1e-12)
    predicted = np.argmax(x_data @ W + b, axis=1)
    assert errors(x_data, y_data) == pytest.approx(np.mean(predicted != y_data))
    assert errors(x_data, y_data) < 0.2


def numpy_mlp_accuracy(x, y, x_test, y_test, steps, rate, keep, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-0.5, 0.5, (N_IN, N_HIDDEN))
    b1, W2, b2 = np.zeros(N_HIDDEN), np.zeros((N_HIDDEN, N_OUT)), np.zeros(N_OUT)
    onehot = np.eye(N_OUT)[y]
    for _ in range(steps):
        h = np.tanh(x @ W1 + b1)
        mask = (rng.uniform(size=h.shape) < keep) / keep
        hd = h * mask
        z = hd @ W2 + b2
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(x)
        gh = (g @ W2.T) * mask * (1 - h**2)
        W2, b2 = W2 - rate * hd.T @ g, b2 - rate * g.sum(axis=0)
        W1, b1 = W1 - rate * x.T @ gh, b1 - rate * gh.sum(axis=0)
    predicted = np.argmax(np.tanh(x_test @ W1 + b1) @ W2 + b2, axis=1)
    return np.mean(predicted == y_test)


@pytest.mark.parametrize("mode", MODES)
def test_mlp_with_dropout_reaches_numpys_accuracy(mode: str) -> None:
    x_data, y_data = blobs(400, seed=2)
    x_test, y_test = x_data[300:], y_data[300:]
    x_data, y_data = x_data[:300], y_data[:300]
    rate, keep, steps = 0.5, 0.8, 300
    rng = np.random.default_rng(5)
    x, y = T.dmatrix("x"), T.lvector("y")
    W1 = theano.shared(rng.uniform(-0.5, 0.5, (N_IN, N_HIDDEN)), name="W1")
    b1 = theano.shared(np.zeros(N_HIDDEN), name="b1")
    W2 = theano.shared(np.zeros((N_HIDDEN, N_OUT)), name="W2")
    b2 = theano.shared(np.zeros(N_OUT), name="b2")
    srng = RandomStreams(seed=1234)
    hidden = T.tanh(T.dot(x, W1) + b1)
    mask = srng.binomial(size=(300, N_HIDDEN), n=1, p=keep, dtype="float64")
    dropped = hidden * mask / keep
    p_train = T.nnet.softmax(T.dot(dropped, W2) + b2)
    cost = T.mean(T.nnet.categorical_crossentropy(p_train, y))
    params = [W1, b1, W2, b2]
    grads = T.grad(cost, params)
    train = theano.function([x, y], cost, updates=[(p, p - rate * g) for p, g in zip(params, grads)], mode=mode)
    p_test = T.nnet.softmax(T.dot(hidden, W2) + b2)
    accuracy = theano.function([x, y], T.mean(T.eq(T.argmax(p_test, axis=1), y)), mode=mode)
    costs = [float(train(x_data, y_data)) for _ in range(steps)]
    assert costs[-1] < costs[0] * 0.5
    reached = float(accuracy(x_test, y_test))
    expected = numpy_mlp_accuracy(x_data, y_data, x_test, y_test, steps, rate, keep, seed=5)
    assert reached >= expected - 0.05, f"irtk's MLP reached {reached}, numpy's {expected}"


@pytest.mark.parametrize("mode", MODES)
def test_minibatch_sgd_with_givens(mode: str) -> None:
    """The tutorial's training loop: the data set in shared variables, each step's minibatch a symbolic slice
    `train_set_x[index * batch_size:(index + 1) * batch_size]` given for x."""
    x_data, y_data = blobs(300, seed=3)
    train_set_x, train_set_y = theano.shared(x_data, borrow=True), theano.shared(y_data, borrow=True)
    batch_size, rate = 50, 0.5
    index = T.lscalar()
    x, y = T.matrix("x"), T.lvector("y")
    classifier = LogisticRegression(input=x, n_in=N_IN, n_out=N_OUT)
    cost = classifier.negative_log_likelihood(y)
    g_W, g_b = T.grad(cost=cost, wrt=classifier.W), T.grad(cost=cost, wrt=classifier.b)
    updates = [(classifier.W, classifier.W - rate * g_W), (classifier.b, classifier.b - rate * g_b)]
    train_model = theano.function(
        inputs=[index], outputs=cost, updates=updates, mode=mode,
        givens={x: train_set_x[index * batch_size:(index + 1) * batch_size],
                y: train_set_y[index * batch_size:(index + 1) * batch_size]})
    W, b = np.zeros((N_IN, N_OUT)), np.zeros(N_OUT)
    for epoch in range(3):
        for minibatch_index in range(len(x_data) // batch_size):
            train_model(minibatch_index)
            part = slice(minibatch_index * batch_size, (minibatch_index + 1) * batch_size)
            W, b = numpy_logistic_regression_step(x_data[part], y_data[part], W, b, rate)
    np.testing.assert_allclose(classifier.W.get_value(), W, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(classifier.b.get_value(), b, rtol=1e-9, atol=1e-12)


def numpy_logistic_regression_step(x, y, W, b, rate):
    z = x @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    g = (p - np.eye(N_OUT)[y]) / len(x)
    return W - rate * (x.T @ g), b - rate * g.sum(axis=0)


@pytest.mark.parametrize("mode", MODES)
def test_embedding_lookup_trains_like_numpy(mode: str) -> None:
    """Word embeddings as Theano users wrote them: `W[idx]` gathers rows of a shared matrix, its gradient scatters
    back (repeated words accumulate), and SGD updates W in place of the old value."""
    rng = np.random.default_rng(5)
    vocabulary, dim = 7, 3
    W0 = rng.standard_normal((vocabulary, dim))
    target = rng.standard_normal(dim)
    W = theano.shared(W0.copy(), name="W")
    idx = T.ivector("idx")
    t = T.dvector("t")
    rows = W[idx]
    cost = ((rows.mean(axis=0) - t) ** 2).sum()
    step = theano.function([idx, t], cost, updates=[(W, W - 0.5 * T.grad(cost, W))], mode=mode)
    expected = W0.copy()
    for sentence in ([1, 4, 4, 2], [0, 6, 1], [3, 3, 3, 3, 5]):
        words = np.array(sentence, dtype=np.int32)
        mean = expected[words].mean(axis=0)
        want_cost = ((mean - target) ** 2).sum()
        grad = np.zeros_like(expected)
        np.add.at(grad, words, 2 * (mean - target) / len(words))
        assert step(words, target) == pytest.approx(want_cost, rel=1e-12)
        expected -= 0.5 * grad
        np.testing.assert_allclose(W.get_value(), expected, rtol=1e-12, atol=1e-14)
