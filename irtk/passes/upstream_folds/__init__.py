"""Folds and canonicalization patterns of upstream ops that MLIR's canonicalize has and xDSL 0.74 lacks, one
module per dialect, each written as MLIR's own (exact; no reassociation of floating point). `canonicalize`
applies them beside each op's own patterns. Remove one when xDSL gains it.
"""

from __future__ import annotations

from xdsl.pattern_rewriter import RewritePattern

from irtk.passes.upstream_folds import arith

#: Every module's patterns, in the order `canonicalize` tries them.
UPSTREAM_FOLDS: tuple[RewritePattern, ...] = (*arith.PATTERNS,)
