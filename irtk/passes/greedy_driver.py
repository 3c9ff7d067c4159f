"""A greedy pattern driver with MLIR's limits, so that a rewrite pass always terminates.

xDSL's `PatternRewriteWalker` repeats its sweeps until nothing changes, with no bound: two patterns that
undo each other, or one that keeps rewriting an op into a new one, hang the pass. This driver is MLIR's
`applyPatternsGreedily`: at most `max_iterations` sweeps (each: seed the worklist with every op, rewrite until
it is empty, then simplify the regions), at most `max_num_rewrites` rewrites in one sweep, and the worklist
seeded top-down or bottom-up. A sweep that goes on far longer than the IR's size can explain (a pattern cycle
inside one sweep, which MLIR's limits do not catch either) is cut off as well, so the driver ends in every
case; `converged` says whether it reached a fixed point.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.ir import Region
from xdsl.pattern_rewriter import PatternRewriter, PatternRewriterListener, PatternRewriteWalker, RewritePattern
from xdsl.rewriter import InsertPoint
from xdsl.transforms.dead_code_elimination import region_dce
from xdsl.utils.worklist import Worklist

from irtk.passes.dead_block_args import erase_dead_block_arguments

#: No limit, as MLIR spells it.
NO_LIMIT = -1
#: Region simplification levels (MLIR's names). xDSL has no block merging, so `aggressive` does what `normal`
#: does: erase dead ops, unreachable blocks and dead block arguments.
REGION_SIMPLIFY = ("disabled", "normal", "aggressive")
#: A sweep stops after this many rewrites per op it started with (plus a constant): far more than any
#: terminating set of patterns needs, so only a pattern cycle reaches it.
REWRITES_PER_OP = 100
REWRITES_SLACK = 10_000


@dataclass(frozen=True)
class GreedyConfig:
    max_iterations: int = 10
    max_num_rewrites: int = NO_LIMIT
    region_simplify: str = "normal"
    top_down: bool = True


def apply_greedily(region: Region, pattern: RewritePattern, config: GreedyConfig) -> bool:
    """Rewrite `region` with `pattern` within `config`'s limits; returns whether a fixed point was reached."""
    return _Driver(pattern, config).run(region)


def _simplify_region(region: Region, listener: PatternRewriterListener | None = None) -> bool:
    """MLIR's region simplification as far as irtk has it: dead ops and unreachable blocks (xDSL's
    `region_dce`), then dead block arguments (whose erasure may leave more dead ops for the next sweep)."""
    changed = region_dce(region, listener)
    return erase_dead_block_arguments(region, listener) or changed


class _Driver(PatternRewriteWalker):
    """PatternRewriteWalker's worklist and rewriter bookkeeping, with MLIR's loop around them."""

    def __init__(self, pattern: RewritePattern, config: GreedyConfig):
        simplify = _simplify_region if config.region_simplify != "disabled" else None
        super().__init__(pattern, post_walk_func=simplify)
        self.config = config

    def run(self, region: Region) -> bool:
        listener = self._get_rewriter_listener()
        limit = self.config.max_iterations
        iteration = 0
        while limit == NO_LIMIT or iteration < limit:
            iteration += 1
            changed, finished = self._sweep(region, listener)
            if self.post_walk_func is not None:
                changed |= self.post_walk_func(region, listener)
            if not changed and finished:
                return True
        return False

    def _populate_worklist(self, op) -> None:
        # Top-down pops ops in pre-order (an op before the ops nested in it), bottom-up in post-order.
        for sub_op in op.walk(reverse=True, region_first=self.config.top_down):
            self._worklist.push(sub_op)

    def _sweep(self, region: Region, listener: PatternRewriterListener) -> tuple[bool, bool]:
        """One sweep over `region`: (whether it changed anything, whether it emptied the worklist)."""
        self._populate_worklist(region)
        budget = self._budget(region)
        changed, rewrites = False, 0
        while self._worklist:
            if budget != NO_LIMIT and rewrites >= budget:
                self._worklist = Worklist()
                return changed, False
            op = self._worklist.pop()
            rewriter = PatternRewriter(op)
            rewriter.extend_from_listener(listener)
            rewriter.insertion_point = InsertPoint.before(op)
            try:
                self.pattern.match_and_rewrite(op, rewriter)
            except Exception as err:
                op.emit_error(f"Error while applying pattern: {err}", underlying_error=err)
            if rewriter.has_done_action:
                changed = True
                rewrites += 1
        return changed, True

    def _budget(self, region: Region) -> int:
        runaway = REWRITES_PER_OP * sum(1 for _ in region.walk()) + REWRITES_SLACK
        asked = self.config.max_num_rewrites
        return runaway if asked == NO_LIMIT else min(asked, runaway)
