"""`canonicalize`: xDSL's canonicalization patterns and folders, driven to a fixed point within MLIR's limits.

xDSL's `canonicalize` applies each op's own patterns and folders (irtk's are in
irtk/dialects/irtk/canonicalization.py). Upstream ops whose MLIR folders xDSL does not have yet get theirs
here, in `upstream_folds/` (one module per dialect), as ordinary patterns: the fix lives in one place instead of in each pass that
produces such ops. cf's pass-through branch folds are replaced by cycle-safe ones (`branch_folds.py`).

The patterns run under `greedy_driver.py`, which bounds the work as MLIR's canonicalizer does, so the pass
ends on any input. The options are MLIR's, with its names and defaults:
`canonicalize{max-iterations=10 max-num-rewrites=-1 region-simplify=normal test-convergence=false top-down=true}`.

Contract
  Level: any
  Needs: verified IR at any level.
  Guarantees: the same program, simplified: every rewrite replaces a value by an equal one (for real numbers:
    see the identities of 0), floating-point arithmetic never reassociated; the pass ends, at a fixed point or at its limits.
  Fails: with an `OpError` when `test-convergence=true` and no fixed point is reached within the limits; an
    option out of range is an invalid-option error when the pass is made; otherwise never, on verified IR.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.traits import HasCanonicalizationPatternsTrait

from irtk.passes.branch_folds import REPLACEMENTS as _BRANCH_REPLACEMENTS
from irtk.passes.greedy_driver import NO_LIMIT, REGION_SIMPLIFY, GreedyConfig, apply_greedily
from irtk.passes.pattern_dispatch import DispatchingPatternApplier
from irtk.passes.upstream_folds import UPSTREAM_FOLDS, UPSTREAM_REPLACEMENTS

#: xDSL patterns swapped for irtk's versions.
REPLACEMENTS = {**_BRANCH_REPLACEMENTS, **UPSTREAM_REPLACEMENTS}


@dataclass(frozen=True)
class Canonicalize(ModulePass):
    """Apply every canonicalization pattern and folder until nothing changes (or a limit is reached).

    A greedy driver with MLIR's options (`irtk/passes/greedy_driver.py`; see `docs/irtk-opt.md`) whose branch
    folds are safe on cycles of blocks (`branch_folds.py`), so it always terminates, applies (each op offered
    only the patterns declared for its class, `pattern_dispatch.py`):
    - irtk's patterns (`irtk/dialects/irtk/canonicalization.py`): constant folding by evaluating the op's
      structured form (`irtk/evaluator/fold.py`), `-(-x) → x`, identity casts, dimshuffle composition;
    - the identities of 0, 1 and -1 and the negations (`identities.py`): `x*1`, `x+0`, `x-0`, `0-x → -x`,
      `x/1`, `x*-1 → -x`, `0*x → 0`, a 0 or 1 also when broadcast to a shape, `a + -b → a - b`,
      `-a * b → -(a*b)`, a contraction with the scalar 1;
    - the removal of broadcasts that stretch nothing, and the sinking of those an elementwise op does not need
      into it, only where no run-time size check is lost (`broadcasts.py`);
    - the numerical-stability rewrites (`stability.py`; see `stabilize`);
    - upstream ops' own patterns and folders, plus MLIR's folds that xDSL lacks (`irtk/passes/upstream_folds/`,
      e.g. `cmpi` of a value with itself, so that shape checks cse proved true vanish).

    Floating-point arithmetic is never reassociated (integer constants of an `addi`/`subi`/`muli` chain are
    gathered, which is exact because integers wrap). The identities of 0 are exact for real numbers only
    (`x+0 → x` keeps a -0.0, `0*x → 0` drops the NaN of an infinite x), as in Theano.

    max_iterations: sweeps over the IR at most (-1: no limit); MLIR's default, 10.
    max_num_rewrites: rewrites within one sweep at most (-1: no limit).
    region_simplify: disabled, normal or aggressive: erase dead ops, unreachable blocks and dead block
        arguments after each sweep.
    test_convergence: fail when no fixed point is reached within the limits (to find pattern cycles).
    top_down: seed each sweep with ops in pre-order (true) or post-order (false).
    """

    name = "canonicalize"

    max_iterations: int = 10
    max_num_rewrites: int = -1  # greedy_driver.NO_LIMIT
    region_simplify: str = "normal"
    test_convergence: bool = False
    top_down: bool = True

    def __post_init__(self) -> None:
        if self.region_simplify not in REGION_SIMPLIFY:
            valid = ", ".join(REGION_SIMPLIFY)
            raise ValueError(f"region-simplify must be one of {valid}, not '{self.region_simplify}'")
        for option in ("max_iterations", "max_num_rewrites"):
            value = getattr(self, option)
            if value < 1 and value != NO_LIMIT:
                raise ValueError(f"{option.replace('_', '-')} must be positive or -1 (no limit), not {value}")

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # each op is offered only the patterns declared for its class (`pattern_dispatch.py`)
        pattern = DispatchingPatternApplier([_OpPatterns(), *UPSTREAM_FOLDS], ctx, folding_enabled=True)
        config = GreedyConfig(self.max_iterations, self.max_num_rewrites, self.region_simplify, self.top_down)
        if not apply_greedily(op.body, pattern, config) and self.test_convergence:
            from irtk.diagnostics import OpError

            raise OpError(op, f"canonicalize: no fixed point within max-iterations={self.max_iterations} and "
                              f"max-num-rewrites={self.max_num_rewrites} (a pattern may undo another)")


class _OpPatterns(RewritePattern):
    """Each op's own canonicalization patterns (xDSL's CanonicalizationRewritePattern), looked up once per op
    class, with the patterns in `branch_folds.REPLACEMENTS` swapped for their cycle-safe versions."""

    def __init__(self) -> None:
        self._by_class: dict[type[Operation], RewritePattern | None] = {}

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        cls = type(op)
        if cls not in self._by_class:
            self._by_class[cls] = _patterns_of(cls, op)
        if (pattern := self._by_class[cls]) is not None:
            pattern.match_and_rewrite(op, rewriter)


def _patterns_of(cls: type[Operation], op: Operation) -> RewritePattern | None:
    traits = op.get_traits_of_type(HasCanonicalizationPatternsTrait)
    patterns = [
        REPLACEMENTS[type(p)]() if type(p) in REPLACEMENTS else p
        for trait in traits
        for p in trait.get_patterns(cls)
    ]
    if not patterns:
        return None
    return patterns[0] if len(patterns) == 1 else DispatchingPatternApplier(patterns, dce_enabled=False)
