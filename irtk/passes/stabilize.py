"""`stabilize`: the numerical-stability rewrites alone (`irtk/dialects/irtk/stability.py`), before `autodiff`.

`canonicalize` applies the same rewrites, so they also fire on code written after `autodiff`. They need a pass
of their own because the gradient must be taken of the stable form: differentiating `log(sigmoid(x))` gives
`g / sigmoid(x) * sigmoid(x) * (1 - sigmoid(x))`, which is 0/0 where sigmoid underflows, and no rewrite of the
adjoint can recover the lost value. Running all of `canonicalize` before `autodiff` would do more than that:
its other patterns may replace a value that an `irtk.grad` request differentiates with respect to (`x * 1 => x`
turns a gradient with respect to an intermediate value into one with respect to x). The stability rewrites never
bypass such a value.

Contract
  Level: tensor
  Needs: irtk IR on tensors, before or after `autodiff`.
  Guarantees: no stability pattern matches any more; each rewrite replaces a value by an equal one (as real
    numbers) that does not overflow, underflow or cancel where the original did; no value that an `irtk.grad` or
    `irtk.jacobian` request reads is bypassed. Nothing else changes, except that ops left unused are erased.
  Fails: never, on verified irtk IR.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriteWalker
from xdsl.transforms.dead_code_elimination import region_dce

from irtk.dialects.irtk.stability import STABILITY_PATTERNS
from irtk.passes.pattern_dispatch import DispatchingPatternApplier


@dataclass(frozen=True)
class Stabilize(ModulePass):
    """Apply the numerical-stability rewrites until nothing changes.

    Theano's `stabilize` rewrites replace a formula that overflows, underflows or cancels by an equal one that
    does not: `log(sigmoid(x)) → -softplus(-x)`, `log(1 - sigmoid(x)) → -softplus(x)`,
    `log(softmax(x)) → logsoftmax(x)`, `-sum(t * logsoftmax(x)) → softmax_crossentropy(x, t)` (also for the
    one-hot matrix of integer labels, then with the labels; its gradient is the fused `softmax(x) - onehot`),
    `log(exp(x)) → x`, `exp(log(x)) → x` (as in Theano: for x < 0 the value changes from NaN to x),
    `log(1 + x) → log1p(x)`, `exp(x) - 1 → expm1(x)`, `log1p(exp(x)) → softplus(x)`. Each is one pattern in
    `irtk/dialects/irtk/stability.py`, whose docstring gives its algebra; `irtk.logsoftmax` and
    `irtk.softmax_crossentropy` are in `irtk/dialects/irtk/softmax.py`.

    They are canonicalization patterns too (so they also fire on code that `autodiff` writes, and on
    hand-written IR run through `canonicalize`); both pipelines run this pass *before* `autodiff`, because the
    gradient must be taken of the stable form: the gradient of `log(sigmoid(x))` taken as written is
    `g / sigmoid(x) * sigmoid(x) * (1 - sigmoid(x))`, 0/0 where the sigmoid underflows, and no rewrite of that
    adjoint can bring the value back; the gradient of `-softplus(-x)` is `sigmoid(-x)`, finite everywhere.
    `canonicalize` cannot run before `autodiff` in its place: its other patterns may replace a value that an
    `irtk.grad` request names as a `wrt` (`a = x * 1` becomes x, and a gradient with respect to `a` would become
    one with respect to x). No stability rewrite bypasses such a value.
    """

    name = "stabilize"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(DispatchingPatternApplier(STABILITY_PATTERNS), post_walk_func=region_dce).rewrite_module(op)
