"""`stabilize`: the numerical-stability rewrites alone (`irtk/dialects/irtk/stability.py`), before `autodiff`.

`canonicalize` applies the same rewrites, so they also fire on code written after `autodiff`. They need a pass
of their own because the gradient must be taken of the stable form: differentiating `log(sigmoid(x))` gives
`g / sigmoid(x) * sigmoid(x) * (1 - sigmoid(x))`, which is 0/0 where sigmoid underflows, and no rewrite of the
adjoint can recover the lost value. Running all of `canonicalize` before `autodiff` would do more than that:
its other patterns may replace a value that an `irtk.grad` request differentiates with respect to (`x * 1 => x`
turns a gradient with respect to an intermediate value into one with respect to x). The stability rewrites never
bypass such a value.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import GreedyRewritePatternApplier, PatternRewriteWalker
from xdsl.transforms.dead_code_elimination import region_dce

from irtk.dialects.irtk.stability import STABILITY_PATTERNS


@dataclass(frozen=True)
class Stabilize(ModulePass):
    """Apply the numerical-stability rewrites until nothing changes."""

    name = "stabilize"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(GreedyRewritePatternApplier(list(STABILITY_PATTERNS)), post_walk_func=region_dce).rewrite_module(op)
