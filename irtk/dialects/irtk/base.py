"""What every irtk op shares: result types are *inferred* from the operands, and verification is re-inference.

An irtk op answers three questions, each once, and every layer asks it instead of keeping its own list:
- `infer_types(operand_types, properties)`: the type rule (result dtypes apart from operand dtypes, static
  shapes, Theano's upcasting). The verifier, `TensorBuilder` and the frontend all call it.
- `lower(gb)`: the op's *structured form* — the `linalg.generic`(s) that compute it, built with a
  `GenericBuilder` (indexing maps, iterator kinds, initial values, one or several results, uses of the
  iteration index), or other irtk ops it decomposes into. `lower-to-structured` calls it; the FAST_COMPILE
  evaluator runs what it builds, so compiled code and the evaluator cannot disagree.
- `vjp(tb, result_grads)`: the gradient rule, used by `autodiff`.
- `jvp(tb, operand_tangents)`: the tangent rule (forward mode, `irtk.rop`); optional, see below.

Most ops are not written as classes at all but declared through `irtk.dialects.irtk.opdef` (one declaration
per op, from which the class, its builder method, frontend function and documentation row are derived).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xdsl.dialects.builtin import TensorType
from xdsl.ir import Attribute, SSAValue
from xdsl.irdl import IRDLOperation
from xdsl.traits import HasCanonicalizationPatternsTrait
from xdsl.utils.exceptions import VerifyException

from irtk.diagnostics import source_suffix

if TYPE_CHECKING:
    from irtk.dialects.irtk.builder import TensorBuilder
    from irtk.dialects.irtk.generic_builder import GenericBuilder


class TensorOp(IRDLOperation):
    """Base of the irtk tensor ops: result types come from `infer_types`."""

    @classmethod
    def infer_types(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> list[TensorType]:
        """The result types for these operand types and properties. Raises TypeError when ill-typed."""
        return [cls.infer_type(operand_types, properties)]

    @classmethod
    def infer_type(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> TensorType:
        """The type rule of a single-result op (what `infer_types` calls unless an op overrides it)."""
        raise NotImplementedError(cls.name)

    def verify_(self) -> None:
        types = [o.type for o in self.operands]
        if not all(isinstance(t, TensorType) for t in types):
            raise VerifyException(f"{self.name}: operands must be tensors, got {', '.join(map(str, types))}")
        try:
            expected = self.infer_types(types, dict(self.properties))
        except TypeError as e:
            raise VerifyException(str(e)) from None
        actual = [r.type for r in self.results]
        if actual != list(expected):
            shown = ", ".join(map(str, expected))
            raise VerifyException(f"{self.name}: result type {', '.join(map(str, actual))} does not match the inferred type {shown}")

    def where(self) -> str:
        """` (at file:line)` for run-time error messages, when the op knows where the user wrote it."""
        return source_suffix(self.location)

    def lower(self, gb: GenericBuilder) -> Sequence[SSAValue]:
        """Build the op's structured form before it and return the values that replace its results."""
        raise NotImplementedError(f"{self.name} has no structured form")

    def vjp(self, tb: TensorBuilder, grads: Sequence[SSAValue | None]) -> Sequence[SSAValue | None]:
        """Vector-Jacobian product: one gradient per operand (None where it gets none), given one gradient
        per result (None for a result the cost does not depend on). New ops are created through `tb`;
        each returned gradient must have its operand's type (autodiff checks)."""
        raise NotImplementedError(f"{self.name} has no gradient rule")

    def jvp(self, tb: TensorBuilder, tangents: Sequence[SSAValue | None]) -> Sequence[SSAValue | None]:
        """Jacobian-vector product: one tangent per result (None where it is zero), given one tangent per
        operand (None for an operand that does not move). Each returned tangent must have its result's dtype
        and every static size of it. Optional: forward mode (`irtk/passes/forward_mode.py`) gives an op without
        a rule of its own the transpose of its `vjp`, so a rule here only makes forward mode cheaper."""
        raise NotImplementedError(f"{self.name} has no tangent rule")


class CanonicalizePatterns(HasCanonicalizationPatternsTrait):
    """Points `canonicalize` at irtk's patterns, which live apart from the ops in canonicalization.py."""

    @classmethod
    def get_canonicalization_patterns(cls):
        from irtk.dialects.irtk.canonicalization import PATTERNS

        return PATTERNS
