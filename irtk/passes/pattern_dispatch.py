"""A pattern applier that offers each op only the patterns that can rewrite its class.

xDSL's `GreedyRewritePatternApplier` offers every op to every pattern in turn; a pattern written with
`op_type_rewrite_pattern` then turns away the ops of other classes with an `isinstance` test. In `canonicalize`,
with some fifty patterns and thousands of ops per function, those refusals were a fifth of the pass's time, and
the pass is the largest part of a compile. `DispatchingPatternApplier` does what `GreedyRewritePatternApplier`
does — erase a trivially dead op, else fold it, else try the patterns in order until one rewrites — but works
out once per op class which patterns can match it, from the op classes each pattern declares:

- a pattern whose `match_and_rewrite` is decorated with xDSL's `op_type_rewrite_pattern` declares the class (or
  union of classes) its annotation names;
- any pattern may say it explicitly with an `op_types` attribute (a tuple of op classes);
- a `DispatchingPatternApplier` declares the union of its patterns' classes, so appliers nest;
- a pattern that declares nothing is offered every op, as before.

Leaving a pattern out for ops it would refuse anyway changes no result: the order of the others is kept.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from types import UnionType
from typing import Union, get_args, get_origin

from xdsl.context import Context
from xdsl.folder import Folder
from xdsl.ir import Operation
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.traits import ConstantLike, HasFolder
from xdsl.transforms.dead_code_elimination import is_trivially_dead


def declared_op_types(pattern: RewritePattern) -> tuple[type[Operation], ...] | None:
    """The op classes `pattern` can rewrite, or None when it does not say (it is then offered every op)."""
    explicit = getattr(pattern, "op_types", None)
    if explicit is not None:
        return tuple(explicit)
    method = getattr(type(pattern), "match_and_rewrite", None)
    if not inspect.isfunction(method) or method.__closure__ is None:
        return None
    # op_type_rewrite_pattern's wrapper keeps the annotation it tests in its closure, as `expected_type`.
    expected = inspect.getclosurevars(method).nonlocals.get("expected_type")
    if expected is None:
        return None
    classes = get_args(expected) if get_origin(expected) in (Union, UnionType) else (expected,)
    if not all(isinstance(c, type) and issubclass(c, Operation) for c in classes):
        return None
    return tuple(classes)


class DispatchingPatternApplier(RewritePattern):
    """`GreedyRewritePatternApplier`'s behaviour (dead-op erasure, folding, then the first pattern that
    rewrites), with each op offered only the patterns whose declared classes it belongs to."""

    def __init__(self, patterns: Sequence[RewritePattern], ctx: Context | None = None, *,
                 folding_enabled: bool = False, dce_enabled: bool = True) -> None:
        if folding_enabled and ctx is None:
            raise ValueError("folding needs a context (to materialize constants)")
        self.patterns = tuple(patterns)
        self.ctx = ctx
        self.folding_enabled = folding_enabled
        self.dce_enabled = dce_enabled
        self._declared = [declared_op_types(p) for p in self.patterns]
        #: op class -> (whether it is folded, the patterns offered its ops)
        self._plans: dict[type[Operation], tuple[bool, tuple[RewritePattern, ...]]] = {}

    @property
    def op_types(self) -> tuple[type[Operation], ...] | None:
        """The union of the patterns' classes; None when one of them takes any op, or when this applier folds
        (folding applies to any op with a folder)."""
        if self.folding_enabled or self.dce_enabled or any(d is None for d in self._declared):
            return None
        return tuple(c for declared in self._declared for c in declared)  # type: ignore[union-attr]

    def _plan(self, op: Operation) -> tuple[bool, tuple[RewritePattern, ...]]:
        cls = type(op)
        plan = self._plans.get(cls)
        if plan is None:
            folds = (self.folding_enabled and op.has_trait(HasFolder, value_if_unregistered=False)
                     and not op.has_trait(ConstantLike, value_if_unregistered=True))
            offered = tuple(p for p, declared in zip(self.patterns, self._declared, strict=True)
                            if declared is None or issubclass(cls, declared))
            plan = self._plans[cls] = (folds, offered)
        return plan

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        if self.dce_enabled and is_trivially_dead(op):
            rewriter.erase(op)
            return
        folds, offered = self._plan(op)
        # A constant-like op is never folded: it would fold to its own value and be materialized again, forever.
        if folds:
            folded = Folder(self.ctx).try_fold(op)  # type: ignore[arg-type]
            if folded is not None:
                values, new_ops = folded
                rewriter.replace(op, new_ops=new_ops, new_results=values)
                return
        for pattern in offered:
            pattern.match_and_rewrite(op, rewriter)
            if rewriter.has_done_action:
                return
