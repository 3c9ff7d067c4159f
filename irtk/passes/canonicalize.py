"""`canonicalize`: xDSL's canonicalizer, plus the upstream folds xDSL 0.74 lacks.

xDSL's `canonicalize` applies each op's own patterns and folders (irtk's are in
irtk/dialects/irtk/canonicalization.py). Upstream ops whose MLIR folders xDSL does not have yet get theirs
here, in `upstream_folds.py`, as ordinary patterns: the fix lives in one place instead of in each pass that
produces such ops. Everything else is xDSL's pass, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import GreedyRewritePatternApplier, PatternRewriteWalker
from xdsl.transforms.canonicalize import CanonicalizationRewritePattern
from xdsl.transforms.dead_code_elimination import region_dce

from irtk.passes.upstream_folds import UPSTREAM_FOLDS


@dataclass(frozen=True)
class Canonicalize(ModulePass):
    """Apply every canonicalization pattern and folder until nothing changes."""

    name = "canonicalize"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = GreedyRewritePatternApplier(
            [CanonicalizationRewritePattern(), *UPSTREAM_FOLDS], ctx=ctx, folding_enabled=True
        )
        PatternRewriteWalker(pattern, post_walk_func=region_dce).rewrite_module(op)
