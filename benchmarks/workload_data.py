"""The workloads' sizes and inputs, the same in every process that measures them.

Inputs come from a fixed seed, so the process timing irtk and the one timing a peer see the same numbers, and the
float64 reference each of them checks against is the same. Training workloads (W5, W6) carry their initial
weights and learning rate among the inputs: every implementation starts its step from the same point.
"""

from __future__ import annotations

import numpy as np

#: Full sizes: what docs/performance.md reports.
FULL = {
    "W2": 10_000_000,
    "W3a": 10_000_000,
    "W3b": (4096, 1024),
    "W4 f64": 1024,
    "W4 f32": 2048,
    "W5": (50_000, 100),
    "W6": (256, 784, 512, 10),
    "W7": (10, 100, 1000),
}

#: `--quick` sizes: a smoke test of every workload in seconds.
QUICK = {
    "W2": 10_000,
    "W3a": 10_000,
    "W3b": (64, 32),
    "W4 f64": 64,
    "W4 f32": 128,
    "W5": (500, 10),
    "W6": (16, 32, 16, 10),
    "W7": (5, 10, 20),
}

#: Elements of the vector the W7 chain runs on (the same as benchmarks/compile_chain.py).
CHAIN_ELEMENTS = 10_000

LEARNING_RATE = 0.1


def sizes(quick: bool) -> dict:
    return QUICK if quick else FULL


def make_inputs(key: str, quick: bool) -> dict:
    """The inputs of workload `key` ("W2", "W4 f32", "W7:100", ...) at full or `--quick` size."""
    rng = np.random.default_rng(0)
    size = sizes(quick).get(key.split(":")[0])
    if key == "W1":
        return {"a": 1.5, "b": 2.5}
    if key == "W2":
        return {name: rng.uniform(-1.0, 1.0, size) for name in ("x", "y", "z")}
    if key == "W3a":
        return {"x": rng.uniform(-1.0, 1.0, size), "w": rng.uniform(-1.0, 1.0, size)}
    if key == "W3b":
        return {"x": rng.standard_normal(size)}
    if key in ("W4 f64", "W4 f32"):
        dtype = np.float64 if key == "W4 f64" else np.float32
        return {name: rng.standard_normal((size, size)).astype(dtype) for name in ("a", "b")}
    if key == "W5":
        rows, features = size
        X = rng.standard_normal((rows, features))
        truth = rng.standard_normal(features)
        y = (X @ truth + 0.5 * rng.standard_normal(rows) > 0).astype(np.float64)
        return {"X": X, "y": y, "w": rng.standard_normal(features) * 0.01, "b": np.float64(0.0),
                "lr": LEARNING_RATE}
    if key == "W6":
        batch, inputs, hidden, classes = size
        return {"X": rng.standard_normal((batch, inputs)), "y": rng.integers(0, classes, batch),
                "W1": rng.standard_normal((inputs, hidden)) / np.sqrt(inputs), "b1": np.zeros(hidden),
                "W2": rng.standard_normal((hidden, classes)) / np.sqrt(hidden), "b2": np.zeros(classes),
                "lr": LEARNING_RATE}
    if key.startswith("W7:"):
        return {"x": rng.uniform(-1.0, 1.0, CHAIN_ELEMENTS), "n": int(key[3:])}
    raise ValueError(f"unknown workload {key!r}")


def as_float64(data: dict) -> dict:
    """The same inputs with every floating-point array widened to float64: what the reference computes on."""
    return {k: v.astype(np.float64) if isinstance(v, np.ndarray) and v.dtype.kind == "f" else v
            for k, v in data.items()}


def tolerance(key: str) -> float:
    """Largest relative error (to the reference's largest magnitude) that counts as agreeing."""
    return 1e-4 if key == "W4 f32" else 1e-9


def relative_error(got: list, expected: list) -> float:
    """max |got - expected| / max |expected| over every pair of outputs, the worst pair."""
    worst = 0.0
    for g, e in zip(got, expected, strict=True):
        g, e = np.asarray(g, dtype=np.float64), np.asarray(e, dtype=np.float64)
        if g.shape != e.shape:
            return float("inf")
        scale = max(float(np.max(np.abs(e))), 1e-300)
        error = float(np.max(np.abs(g - e))) / scale
        if not error <= worst:  # a NaN is the worst
            worst = error
    return worst
