"""`irtk_blas`: matrix products computed by a BLAS library call, in linalg's destination-passing style.

    %c = irtk_blas.gemm transpose_lhs ins(%a, %b : tensor<?x?xf64>, tensor<?x?xf64>)
                        outs(%init : tensor<?x?xf64>) -> tensor<?x?xf64>

`irtk_blas.gemm` computes out = op(lhs) @ op(rhs), where op transposes an operand marked `transpose_lhs` /
`transpose_rhs` (its last two dimensions). Three shapes, told apart by the operands' ranks:
- matrix-matrix (2, 2 -> 2): out[m, n] = sum_k op(lhs)[m, k] * op(rhs)[k, n] (BLAS gemm);
- matrix-vector (2, 1 -> 1): out[m] = sum_k op(lhs)[m, k] * rhs[k] (BLAS gemv; `transpose_rhs` is meaningless);
- batched (3, 3 -> 3), the batch dimension first in all three: out[b] = op(lhs[b]) @ op(rhs[b]), one gemm per b.
All three operands have one element type, f32 or f64. The values of `outs` are ignored (BLAS's beta = 0): on
tensors the op returns a new tensor of the outs type; on buffers (after `bufferize`) it has no result and writes
`outs`, which must not alias an operand. Sizes must agree; the op that creates a gemm checks dynamic sizes
before it with `cf.assert`s (`use-blas` emits the same checks and messages as the contraction's loops).

Numerics. A BLAS sums the k products in an order of its own (blocked, with fused multiply-adds), not the
sequential left-to-right order of irtk's loops, so a result may differ from FAST_COMPILE's in the last bits: with
numpy's OpenBLAS, FAST_RUN agrees with a float64 reference within a relative error of about 1e-12 (float64) or
1e-5 relative to the result's norm (float32), which is what tests/test_blas.py checks. Products of fewer than
MIN_WORK multiply-adds per matrix (m * n * k) are not worth a call: the generated code computes them with the
sequential loop instead, so they keep FAST_COMPILE's exact bits. OpenBLAS runs large products on its own threads
(its default count, `OPENBLAS_NUM_THREADS`); it splits the output among them, never a sum, so the bits do not
depend on the thread count (also tested).
"""

from __future__ import annotations

from xdsl.dialects.builtin import Float32Type, Float64Type, MemRefType, TensorType, UnitAttr
from xdsl.ir import Attribute, Dialect, SSAValue
from xdsl.irdl import IRDLOperation, irdl_op_definition, operand_def, opt_prop_def, opt_result_def, traits_def
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import EffectInstance, MemoryEffect, MemoryEffectKind
from xdsl.utils.exceptions import VerifyException

#: Fewer multiply-adds than this per matrix (m * n * k) run as the sequential loop, not as a BLAS call.
MIN_WORK = 4096

#: The operand ranks (lhs, rhs) of each kind of product; outs has the rank of rhs.
KINDS = {(2, 2): "matrix-matrix", (2, 1): "matrix-vector", (3, 3): "batched"}


class _DestinationEffects(MemoryEffect):
    """On tensors a gemm has no side effect (a dead one may be erased); on buffers it reads its operands and
    writes its outs."""

    @classmethod
    def get_effects(cls, op):
        if op.results:
            return set()
        return {
            EffectInstance(MemoryEffectKind.READ, op.lhs),
            EffectInstance(MemoryEffectKind.READ, op.rhs),
            EffectInstance(MemoryEffectKind.WRITE, op.output),
        }


@irdl_op_definition
class GemmOp(IRDLOperation):
    """out = op(lhs) @ op(rhs) by a BLAS call (see the module docstring)."""

    name = "irtk_blas.gemm"
    lhs = operand_def()
    rhs = operand_def()
    output = operand_def()
    result = opt_result_def()
    transpose_lhs = opt_prop_def(UnitAttr)
    transpose_rhs = opt_prop_def(UnitAttr)
    traits = traits_def(_DestinationEffects())

    def __init__(self, lhs: SSAValue, rhs: SSAValue, output: SSAValue, transpose_lhs: bool = False, transpose_rhs: bool = False):
        result_types = [output.type] if isinstance(output.type, TensorType) else []
        properties: dict[str, Attribute] = {}
        if transpose_lhs:
            properties["transpose_lhs"] = UnitAttr()
        if transpose_rhs:
            properties["transpose_rhs"] = UnitAttr()
        super().__init__(operands=[lhs, rhs, output], result_types=[result_types], properties=properties)

    @property
    def transposes_lhs(self) -> bool:
        return self.transpose_lhs is not None

    @property
    def transposes_rhs(self) -> bool:
        return self.transpose_rhs is not None

    @property
    def kind(self) -> str:
        return KINDS[(self.lhs.type.get_num_dims(), self.rhs.type.get_num_dims())]

    def matrix_sizes(self) -> tuple[int, int, int]:
        """(m, n, k) of one product, each a static size or -1 (dynamic); n is 1 for matrix-vector."""
        a, b = self.lhs.type.get_shape()[-2:], self.rhs.type.get_shape()
        m, k = (a[1], a[0]) if self.transposes_lhs else (a[0], a[1])
        if len(b) == 1:
            return m, 1, k
        n = b[-2] if self.transposes_rhs else b[-1]
        return m, n, k

    def verify_(self) -> None:
        types = [v.type for v in (self.lhs, self.rhs, self.output)]
        if not (all(isinstance(t, TensorType) for t in types) or all(isinstance(t, MemRefType) for t in types)):
            raise VerifyException(f"{self.name}: operands and outs must all be tensors or all memrefs, got {', '.join(map(str, types))}")
        element = types[2].element_type
        if not isinstance(element, (Float32Type, Float64Type)) or any(t.element_type != element for t in types):
            raise VerifyException(f"{self.name}: operands and outs must have one element type, f32 or f64")
        ranks = tuple(t.get_num_dims() for t in types)
        if ranks[:2] not in KINDS or ranks[2] != ranks[1]:
            raise VerifyException(f"{self.name}: operand ranks {ranks} are none of (2, 2, 2), (2, 1, 1), (3, 3, 3)")
        if ranks[1] == 1 and self.transposes_rhs:
            raise VerifyException(f"{self.name}: a vector rhs cannot be transposed")
        expected_results = [types[2]] if isinstance(types[2], TensorType) else []
        if [r.type for r in self.results] != expected_results:
            raise VerifyException(f"{self.name}: on {'tensors it returns its outs type' if expected_results else 'buffers it has no result'}")
        self._verify_sizes(types)

    def _verify_sizes(self, types) -> None:
        """Static sizes that must agree: k between the operands, m and n with outs, the batch everywhere."""
        a, b, c = (t.get_shape() for t in types)
        m, n, k = self.matrix_sizes()
        k_rhs = b[0] if len(b) == 1 else (b[-1] if self.transposes_rhs else b[-2])
        wanted = [("k", k, k_rhs), ("m", m, c[-2] if len(c) >= 2 else c[0])]
        if len(b) >= 2:
            wanted.append(("n", n, c[-1]))
        if len(a) == 3:
            wanted += [("batch", a[0], b[0]), ("batch", a[0], c[0])]
        for what, x, y in wanted:
            if x >= 0 and y >= 0 and x != y:
                raise VerifyException(f"{self.name}: static sizes of {what} differ ({x} and {y})")

    # custom syntax: irtk_blas.gemm [transpose_lhs] [transpose_rhs] ins(%a, %b : A, B) outs(%c : C) [-> C]
    def print(self, printer: Printer) -> None:
        for flag, present in (("transpose_lhs", self.transposes_lhs), ("transpose_rhs", self.transposes_rhs)):
            if present:
                printer.print_string(f" {flag}")
        printer.print_string(" ins(")
        printer.print_list([self.lhs, self.rhs], printer.print_operand)
        printer.print_string(" : ")
        printer.print_list([self.lhs.type, self.rhs.type], printer.print_attribute)
        printer.print_string(") outs(")
        printer.print_operand(self.output)
        printer.print_string(" : ")
        printer.print_attribute(self.output.type)
        printer.print_string(")")
        if self.results:
            printer.print_string(" -> ")
            printer.print_attribute(self.results[0].type)

    @classmethod
    def parse(cls, parser: Parser) -> GemmOp:
        transpose_lhs = parser.parse_optional_keyword("transpose_lhs") is not None
        transpose_rhs = parser.parse_optional_keyword("transpose_rhs") is not None
        parser.parse_keyword("ins")
        parser.parse_punctuation("(")
        unresolved = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_unresolved_operand)
        parser.parse_punctuation(":")
        types = parser.parse_comma_separated_list(parser.Delimiter.NONE, parser.parse_type)
        parser.parse_punctuation(")")
        if len(unresolved) != 2 or len(types) != 2:
            parser.raise_error(f"{cls.name} takes two operands and their two types")
        lhs, rhs = (parser.resolve_operand(u, t) for u, t in zip(unresolved, types))
        parser.parse_keyword("outs")
        parser.parse_punctuation("(")
        output = parser.parse_unresolved_operand()
        parser.parse_punctuation(":")
        output = parser.resolve_operand(output, parser.parse_type())
        parser.parse_punctuation(")")
        if parser.parse_optional_punctuation("->") is not None:
            parser.parse_type()  # the outs type, which the op derives
        return cls(lhs, rhs, output, transpose_lhs, transpose_rhs)


IRTK_BLAS = Dialect("irtk_blas", [GemmOp], [])

__all__ = ["GemmOp", "IRTK_BLAS", "KINDS", "MIN_WORK"]
