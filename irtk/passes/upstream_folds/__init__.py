"""Folds and canonicalization patterns of upstream ops that MLIR's canonicalize has and xDSL 0.74 lacks, one
module per dialect, each written as MLIR's own (exact; no reassociation of floating point). `canonicalize`
applies them beside each op's own patterns. Remove one when xDSL gains it.
"""

from __future__ import annotations

from xdsl.pattern_rewriter import RewritePattern

from irtk.passes.upstream_folds import arith
from irtk.passes.upstream_folds import math as math_folds
from irtk.passes.upstream_folds import linalg, scf
from irtk.passes.upstream_folds import memref
from irtk.passes.upstream_folds import tensor

#: Every module's patterns, in the order `canonicalize` tries them.
UPSTREAM_FOLDS: tuple[RewritePattern, ...] = (*arith.PATTERNS, *math_folds.PATTERNS, *scf.PATTERNS, *linalg.PATTERNS, *memref.PATTERNS, *tensor.PATTERNS,)

#: xDSL patterns that `canonicalize` swaps for safer ones (unregistered ops answer yes to every trait).
UPSTREAM_REPLACEMENTS: dict[type[RewritePattern], type[RewritePattern]] = {**arith.REPLACEMENTS, **scf.REPLACEMENTS}
