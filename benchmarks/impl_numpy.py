"""The workloads in plain numpy: the numpy column of the table, and (on float64 inputs) the reference every other
implementation is checked against.

Each builder returns `(step, observe)`: `step()` does one call's work (for W5/W6 one SGD step, updating the
weights it holds) and returns its output; `observe(output)` lists what is compared with the reference after the
first step (the output, then the updated weights). W5 and W6 use hand-written gradients of exactly the cost the
other implementations differentiate.
"""

from __future__ import annotations

import numpy as np

from compile_chain import chain


def w1(d):
    a, b = d["a"], d["b"]
    return (lambda: np.add(a, b)), (lambda out: [out])


def w2(d):
    x, y, z = d["x"], d["y"], d["z"]
    return (lambda: np.exp(x) * y + np.tanh(z) * 0.5 - x * x), (lambda out: [out])


def w3a(d):
    x, w = d["x"], d["w"]
    return (lambda: np.sum(x * w)), (lambda out: [out])


def softmax_rows(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def w3b(d):
    x = d["x"]
    return (lambda: softmax_rows(x)), (lambda out: [out])


def w4(d):
    a, b = d["a"], d["b"]
    return (lambda: np.dot(a, b)), (lambda out: [out])


def w5(d):
    """Logistic regression: p = sigmoid(X w + b), cost = mean(binary cross-entropy(p, y)), then w, b -= lr * grad."""
    X, y, lr = d["X"], d["y"], d["lr"]
    params = {"w": d["w"].copy(), "b": np.float64(d["b"])}

    def step():
        w, b = params["w"], params["b"]
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        cost = np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
        delta = (p - y) / len(y)  # d cost / d (X w + b)
        params["w"] = w - lr * (X.T @ delta)
        params["b"] = b - lr * np.sum(delta)
        return cost

    return step, (lambda out: [out, params["w"], params["b"]])


def w6(d):
    """MLP: h = tanh(X W1 + b1), p = softmax(h W2 + b2), cost = mean(-log p[label]), then SGD on all four."""
    X, y, lr = d["X"], d["y"], d["lr"]
    params = {k: d[k].copy() for k in ("W1", "b1", "W2", "b2")}
    rows = np.arange(len(y))

    def step():
        W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
        h = np.tanh(X @ W1 + b1)
        p = softmax_rows(h @ W2 + b2)
        cost = np.mean(-np.log(p[rows, y]))
        delta = p.copy()  # d cost / d logits
        delta[rows, y] -= 1.0
        delta /= len(y)
        hidden = (delta @ W2.T) * (1.0 - h * h)
        params.update(W1=W1 - lr * (X.T @ hidden), b1=b1 - lr * hidden.sum(axis=0),
                      W2=W2 - lr * (h.T @ delta), b2=b2 - lr * delta.sum(axis=0))
        return cost

    return step, (lambda out: [out, *(params[k] for k in ("W1", "b1", "W2", "b2"))])


def w7(d):
    x, n = d["x"], d["n"]
    return (lambda: chain(x, n)), (lambda out: [out])


BUILDERS = {"W1": w1, "W2": w2, "W3a": w3a, "W3b": w3b, "W4 f64": w4, "W4 f32": w4, "W5": w5, "W6": w6, "W7": w7}


def build(key: str, data: dict):
    return BUILDERS[key.split(":")[0]](data)
