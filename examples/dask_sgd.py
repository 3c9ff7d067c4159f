"""Data-parallel inference and training with Dask: compiled functions travel to worker processes by pickling.

    pip install -e '.[test]'          # brings dask[distributed] and cloudpickle
    python examples/dask_sgd.py       # a LocalCluster of 2 worker processes on this machine

(a) Inference: the compiled predictor is mapped over the row blocks of a chunked dask array; each worker
    unpickles it (compiling it again, or loading its kernel from the shared cache) and predicts its blocks.
(b) Training: logistic regression by full-batch gradient descent over shards. The compiled gradient function
    is sent to every worker once, pickled together with the shared weights it reads; each step the driver
    sends the current weights, each worker computes the gradient on its shards, and the driver averages the
    gradients and updates its own shared weights with a compiled update function.

Both are checked against one process: the predictions are equal, and the weights agree within 1e-12 relative
(averaging per-shard means reassociates the sum of the full-batch mean). Set IRTK_FLAGS=mode=FAST_COMPILE to
run the numpy evaluator instead of compiled C++ on the workers (the mode travels with the pickled function).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

import irtk as theano
from irtk import tensor
from irtk.tensor import nnet

N_ROWS, N_FEATURES, N_SHARDS = 4000, 5, 4
STEPS, LEARNING_RATE = 40, 0.5


@dataclass
class Model:
    """Logistic regression with its weights in shared variables, and its three compiled functions."""

    w: theano.SharedVariable
    b: theano.SharedVariable
    predict: theano.Function  # X -> P(y = 1)
    gradient: theano.Function  # X, y -> [d loss/d w, d loss/d b], the loss being the mean cross-entropy
    step: theano.Function  # g_w, g_b -> (), updating w and b


def build_model() -> Model:
    X, y = tensor.dmatrix("X"), tensor.dvector("y")
    w = theano.shared(np.zeros(N_FEATURES), "w")
    b = theano.shared(np.float64(0.0), "b")
    p = nnet.sigmoid(tensor.dot(X, w) + b)
    loss = nnet.binary_crossentropy(p, y).mean()
    g_w, g_b = tensor.dvector("g_w"), tensor.dscalar("g_b")
    return Model(
        w,
        b,
        predict=theano.function([X], p, name="predict"),
        gradient=theano.function([X, y], tensor.grad(loss, [w, b]), name="gradient"),
        step=theano.function([g_w, g_b], [], updates=[(w, w - LEARNING_RATE * g_w), (b, b - LEARNING_RATE * g_b)],
                             name="step"),
    )


def make_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N_ROWS, N_FEATURES))
    y = (X @ rng.normal(size=N_FEATURES) + 0.3 + rng.normal(scale=0.5, size=N_ROWS) > 0).astype(np.float64)
    return X, y


# ---- (a) inference


def predict_in_parallel(predict: theano.Function, X: np.ndarray) -> np.ndarray:
    """`predict` over the row blocks of a dask array, on whichever scheduler is active (the cluster's)."""
    import dask.array as da

    blocks = da.from_array(X, chunks=(N_ROWS // N_SHARDS, N_FEATURES))
    # `meta` tells dask the result type, so it never calls `predict` on an empty array to find out.
    return da.map_blocks(predict, blocks, drop_axis=1, dtype=np.float64, meta=np.empty((0,))).compute()


# ---- (b) training


@dataclass
class ShardGradient:
    """What each worker gets once: the gradient function and the shared weights it reads, in one object so that
    they are pickled in one piece and stay linked. (Not a tuple: Dask serializes a tuple's items one by one,
    and the function would then come with its own copies of `w` and `b`, not the ones set below.)"""

    gradient: theano.Function
    w: theano.SharedVariable
    b: theano.SharedVariable


def shard_gradient(remote: ShardGradient, w_value: np.ndarray, b_value: np.ndarray, shard: tuple[np.ndarray, np.ndarray]
                   ) -> list[np.ndarray]:
    """On a worker: the gradient on one shard at the driver's current weights."""
    remote.w.set_value(w_value)
    remote.b.set_value(b_value)
    X, y = shard
    return remote.gradient(X, y)


def train_in_parallel(client, X: np.ndarray, y: np.ndarray) -> Model:
    model = build_model()
    rows = np.array_split(np.arange(N_ROWS), N_SHARDS)  # equal sizes: the mean of the means is the mean
    shards = client.scatter([(X[r], y[r]) for r in rows])  # the data stays on the workers
    [remote] = client.scatter([ShardGradient(model.gradient, model.w, model.b)], broadcast=True)  # pickled once
    for _ in range(STEPS):
        w_now, b_now = model.w.get_value(), model.b.get_value()
        futures = [client.submit(shard_gradient, remote, w_now, b_now, shard, pure=False) for shard in shards]
        gradients = client.gather(futures)
        model.step(np.mean([g for g, _ in gradients], axis=0), np.mean([g for _, g in gradients]))
    return model


def train_in_one_process(X: np.ndarray, y: np.ndarray) -> Model:
    model = build_model()
    for _ in range(STEPS):
        model.step(*model.gradient(X, y))
    return model


def relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def run(client) -> tuple[bool, float]:
    """(a) and (b) on `client`'s cluster, each checked against one process: (predictions equal, the weights'
    relative difference)."""
    X, y = make_data()
    reference = train_in_one_process(X, y)
    predictions = predict_in_parallel(reference.predict, X)
    equal = np.array_equal(predictions, reference.predict(X))
    print(f"inference: {len(predictions)} predictions in {N_SHARDS} blocks, equal to one process: {equal}")

    trained = train_in_parallel(client, X, y)
    weights = np.append(trained.w.get_value(), trained.b.get_value())
    difference = relative_difference(weights, np.append(reference.w.get_value(), reference.b.get_value()))
    accuracy = np.mean((trained.predict(X) > 0.5) == (y > 0.5))
    print(f"training: {STEPS} steps on {N_SHARDS} shards, accuracy {accuracy:.3f}, "
          f"relative difference to one process {difference:.1e}")
    return equal, difference


def main() -> int:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as client:
        equal, difference = run(client)
    return 0 if equal and difference <= 1e-12 else 1


if __name__ == "__main__":
    sys.exit(main())
