"""The workloads in JAX on the CPU: `jax.jit`, compiled ahead of the first call, every call waited for with
`block_until_ready` (JAX dispatches asynchronously). float64 is enabled (`jax_enable_x64`).

JAX has no shared variables: a training step is a jitted function from (weights, batch) to (cost, new weights),
and the step rebinds the weights it holds, which is the same work as irtk's call with updates. Gradients are
JAX's own (`jax.value_and_grad`).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from compile_chain import chain

jax.config.update("jax_enable_x64", True)

#: Compilation happens in `build` (lower + compile), so the first call is an ordinary call.
FIRST_CALL_IS_PLAIN = True


def compiled(f, *args):
    """`f` jitted and compiled for `args` (placed on the device first), and a call on those arguments that waits
    for its result."""
    args = tuple(jax.device_put(a) for a in args)
    executable = jax.jit(f).lower(*args).compile()
    return lambda: jax.block_until_ready(executable(*args))


def observe_one(out):
    return [np.asarray(out)]


def w1(d):
    executable = jax.jit(lambda a, b: a + b).lower(d["a"], d["b"]).compile()
    a, b = d["a"], d["b"]
    return (lambda: executable(a, b).block_until_ready()), observe_one


def w2(d):
    return compiled(lambda x, y, z: jnp.exp(x) * y + jnp.tanh(z) * 0.5 - x * x, d["x"], d["y"], d["z"]), observe_one


def w3a(d):
    return compiled(lambda x, w: jnp.sum(x * w), d["x"], d["w"]), observe_one


def w3b(d):
    return compiled(lambda x: jax.nn.softmax(x, axis=-1), d["x"]), observe_one


def w4(d):
    return compiled(jnp.dot, d["a"], d["b"]), observe_one


def training(loss, params: dict, batch: tuple, lr: float):
    """A step that updates `params` in place of the shared variables, and an observer of the cost and weights."""

    def update(params, *batch):
        cost, grads = jax.value_and_grad(loss)(params, *batch)
        return cost, {k: params[k] - lr * grads[k] for k in params}

    state = {k: jax.device_put(v) for k, v in params.items()}
    batch = tuple(jax.device_put(v) for v in batch)
    executable = jax.jit(update).lower(state, *batch).compile()

    def step():
        cost, new = jax.block_until_ready(executable(state, *batch))
        state.update(new)
        return cost

    return step, (lambda out: [np.asarray(out), *(np.asarray(state[k]) for k in params)])


def w5(d):
    def loss(params, X, y):
        p = jax.nn.sigmoid(X @ params["w"] + params["b"])
        return jnp.mean(-(y * jnp.log(p) + (1.0 - y) * jnp.log(1.0 - p)))

    return training(loss, {"w": d["w"], "b": d["b"]}, (d["X"], d["y"]), d["lr"])


def w6(d):
    def loss(params, X, y):
        h = jnp.tanh(X @ params["W1"] + params["b1"])
        p = jax.nn.softmax(h @ params["W2"] + params["b2"], axis=-1)
        return jnp.mean(-jnp.log(p[jnp.arange(y.shape[0]), y]))

    return training(loss, {k: d[k] for k in ("W1", "b1", "W2", "b2")}, (d["X"], d["y"]), d["lr"])


def w7(d):
    n = d["n"]
    return compiled(lambda x: chain(x, n), d["x"]), observe_one


BUILDERS = {"W1": w1, "W2": w2, "W3a": w3a, "W3b": w3b, "W4 f64": w4, "W4 f32": w4, "W5": w5, "W6": w6, "W7": w7}


def build(key: str, data: dict):
    return BUILDERS[key.split(":")[0]](data)
