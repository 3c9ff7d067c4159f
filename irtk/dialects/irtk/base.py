"""What every irtk op shares: its result type is *inferred* from its operands, and verification is
re-inference.

An op family subclasses `TensorOp` and implements four hooks once — `infer_type` (the type rule, shared
by the verifier, the builders and the frontend), `reference` (numpy semantics, shared by folding, the
FAST_COMPILE evaluator and the tests), `vjp` (the gradient rule, used by autodiff) and a lowering hook
(used by lower-to-structured). Adding an op is writing those four for it, next to its family.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from xdsl.dialects.builtin import TensorType
from xdsl.ir import Attribute, SSAValue
from xdsl.irdl import IRDLOperation
from xdsl.traits import HasCanonicalizationPatternsTrait
from xdsl.utils.exceptions import VerifyException

from irtk.diagnostics import source_suffix

if TYPE_CHECKING:
    from irtk.dialects.irtk.builder import TensorBuilder


class TensorOp(IRDLOperation):
    """Base of the irtk tensor ops: one result, whose type `infer_type` derives from the operands."""


    @classmethod
    def infer_type(cls, operand_types: Sequence[TensorType], properties: dict[str, Attribute]) -> TensorType:
        """The result type for these operand types and properties. Raises TypeError when ill-typed."""
        raise NotImplementedError(cls.name)

    def verify_(self) -> None:
        types = [o.type for o in self.operands]
        if not all(isinstance(t, TensorType) for t in types):
            raise VerifyException(f"{self.name}: operands must be tensors, got {', '.join(map(str, types))}")
        try:
            expected = self.infer_type(types, dict(self.properties))
        except TypeError as e:
            raise VerifyException(str(e)) from None
        actual = self.results[0].type
        if actual != expected:
            raise VerifyException(f"{self.name}: result type {actual} does not match the inferred type {expected}")

    def where(self) -> str:
        """` (at file:line)` for run-time error messages, when the op knows where the user wrote it."""
        return source_suffix(self.location)

    def reference(self, *args: np.ndarray) -> np.ndarray:
        """The op's value on concrete numpy arrays, bit-for-bit what compiled code computes."""
        raise NotImplementedError(self.name)

    def vjp(self, tb: TensorBuilder, grad: SSAValue) -> Sequence[SSAValue | None]:
        """Vector-Jacobian product: the gradient for each operand given the gradient of the result
        (None where an operand gets no gradient). New ops are created through `tb`."""
        raise NotImplementedError(f"{self.name} has no gradient rule")


class CanonicalizePatterns(HasCanonicalizationPatternsTrait):
    """Points `canonicalize` at irtk's patterns, which live apart from the ops in canonicalization.py."""

    @classmethod
    def get_canonicalization_patterns(cls):
        from irtk.dialects.irtk.canonicalization import PATTERNS

        return PATTERNS
