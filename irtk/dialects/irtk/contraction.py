"""Contractions: sums of products described by an einsum-like spec (`contraction_spec.py`).

Two ops share one definition (`ContractionOp`): `irtk.contract`, which carries its spec
(`irtk.contract %a, %b {spec = "ij,jk->ik"}`), and `irtk.dot`, numpy's `dot` for every rank, whose spec follows
from its operands' ranks. `dot`, `tensordot`, `batched_dot`, `outer`, diagonals and traces are all one of them.

The structured form is one `linalg.generic`: a parallel loop per result index, then a reduction loop per summed
index (innermost). Operands are upcast to the result's dtype before they are multiplied; a sum starts from 0 in
the result's dtype, and each summed index runs in order from 0, so each result element is
`((0 + a0*b0) + a1*b1) + ...` in compiled code and in the FAST_COMPILE evaluator alike. A float32 sum is the
exception: its operands are upcast to float64, the products are summed in float64 and the sum is rounded to
float32 once (`accumulation.py`); a contraction that sums nothing (an outer product) stays in float32.

The gradient with respect to an operand is itself a contraction: of the result's gradient with the other
operands, onto that operand's indices (`"ij,jk->ik"` gives `"ik,jk->ij"` for the left operand).
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import StringAttr, TensorType
from xdsl.ir import SSAValue
from xdsl.irdl import ParsePropInAttrDict, irdl_op_definition, operand_def, prop_def, result_def, traits_def, var_operand_def
from xdsl.traits import Pure

from irtk.dialects.irtk.accumulation import accumulator_type, rounded
from irtk.dialects.irtk.base import CanonicalizePatterns, TensorOp
from irtk.dialects.irtk.contraction_spec import Spec, dot_spec
from irtk.dialects.irtk.generic_builder import PARALLEL, REDUCTION
from irtk.dialects.irtk.opdef import Frontend, register
from irtk.dialects.irtk.scalar import Scalar, ScalarBuilder
from irtk.dialects.irtk.shape import NEW_AXIS
from irtk.dialects.irtk.tangent_rules import multilinear_jvp
from irtk.dialects.irtk.types import dtype_of, is_float, shape_of, tensor_type, upcast


class ContractionOp(TensorOp):
    """What `irtk.contract` and `irtk.dot` share: the type rule, structured form and gradient of a spec."""

    #: Whether a size mismatch is reported as one of contracted dimensions (irtk.dot: every shared index is).
    CONTRACTED_MESSAGE: ClassVar[bool] = False

    @classmethod
    def spec_for(cls, operand_types, properties) -> Spec:
        raise NotImplementedError(cls.name)

    @classmethod
    def infer_type(cls, operand_types, properties):
        spec = cls.spec_for(operand_types, properties)
        shape = spec.result_shape(operand_types, cls.name, cls.CONTRACTED_MESSAGE)
        return tensor_type(upcast(*(dtype_of(t) for t in operand_types)), shape)

    @property
    def contraction(self) -> Spec:
        return self.spec_for([o.type for o in self.operands], dict(self.properties))

    def lower(self, gb):
        """One generic: parallel loops for the result's indices, reduction loops (innermost) for the summed
        ones; the body multiplies the upcast operands and, if anything is summed, adds to the accumulator."""
        spec = self.contraction
        result_type = self.results[0].type
        operands = [(v, spec.access(term)) for v, term in zip(self.operands, spec.inputs)]
        sizes = gb.loop_sizes(len(spec.loops), operands, self.name)
        out_access = spec.access(spec.output)
        out_sizes = [sizes[loop] for loop in out_access]
        summed = bool(spec.reduced)
        # A float32 sum of products is computed and accumulated in float64, then rounded once (accumulation.py).
        acc_type = accumulator_type(result_type) if summed else result_type
        # A sum starts from 0; a diagonal write leaves 0 elsewhere; otherwise every element is written once.
        init = gb.zeros(acc_type, out_sizes) if summed or spec.writes_diagonal else gb.empty(acc_type, out_sizes)
        dtype = dtype_of(acc_type)
        dtypes = [dtype_of(o.type) for o in self.operands]

        def body(b, args, acc):
            s = ScalarBuilder(b)
            product = None
            for arg, d in zip(args, dtypes):
                x = s.cast(Scalar(arg, d), dtype)
                product = x if product is None else s.mul(product, x)
            return (s.add(Scalar(acc, dtype), product) if summed else product).value

        iterators = [PARALLEL] * len(spec.parallel) + [REDUCTION] * len(spec.reduced)
        return [rounded(gb, gb.generic(operands, init, out_access, iterators, body), result_type, out_sizes)]

    def vjp(self, tb, grads):
        (grad,) = grads
        operands = list(self.operands)
        if grad is None or not is_float(dtype_of(self.results[0].type)):
            return [None] * len(operands)
        spec = self.contraction
        gradients = []
        for k, x in enumerate(operands):
            if not is_float(dtype_of(x.type)):
                gradients.append(None)
                continue
            others = [(grad, spec.output)] + [(o, t) for j, (o, t) in enumerate(zip(operands, spec.inputs)) if j != k]
            gradients.append(gradient_onto(tb, x, spec.inputs[k], others))
        return gradients

    def jvp(self, tb, tangents):
        return multilinear_jvp(self, tb, tangents)


def gradient_onto(tb, x: SSAValue, term: str, others: list[tuple[SSAValue, str]]) -> SSAValue:
    """The gradient of an operand `x` (indices `term`) of a contraction: the contraction of the result's
    gradient with the other operands (`others`, each with its term) onto x's indices.

    Two cases need more than one contraction. A letter of x found in no other term (x was summed over it, as
    in `"ij->i"` or a trace) is absent from that contraction: the gradient is stretched over x's size there. A
    letter x repeats (x's diagonal was read) gets the gradient on the diagonal and 0 elsewhere."""
    target = "".join(dict.fromkeys(term))
    bound = set("".join(t for _, t in others))
    kept = "".join(c for c in target if c in bound)
    h = contract(tb, ",".join(t for _, t in others) + "->" + kept, *(v for v, _ in others))
    if kept != target:
        h = tb.dimshuffle(h, [kept.index(c) if c in kept else NEW_AXIS for c in target])
        h = tb.broadcast(h, x if target == term else contract(tb, f"{term}->{target}", x))
    if target != term:
        h = contract(tb, f"{target}->{term}", h)
    # x's type may know sizes the other operands leave dynamic (autodiff wants them): a size 1 is recovered by
    # summing over it (one element), any other by a broadcast to x (checked when the program runs).
    h = tb.unbroadcast(h, x.type)
    if any(want is not None and got is None for want, got in zip(shape_of(x.type), shape_of(h.type))):
        h = tb.broadcast(h, x)
    return h


def contract(tb, spec: str, *operands: SSAValue) -> SSAValue:
    """`irtk.contract` of `operands` by `spec`, built with the TensorBuilder `tb`; a spec that only permutes
    one operand's dimensions gives that operand (or its dimshuffle) instead."""
    parsed = Spec.parse(spec)
    term = parsed.inputs[0]
    if len(parsed.inputs) == 1 and sorted(term) == sorted(parsed.output) and len(set(term)) == len(term):
        return tb.dimshuffle(operands[0], [term.index(c) for c in parsed.output])
    return tb.build(ContractOp, list(operands), spec=StringAttr(str(parsed)))


@irdl_op_definition
class ContractOp(ContractionOp):
    """A sum of products described by `spec` (`"ij,jk->ik"`: one term per operand, letters naming loops; letters
    missing from the result are summed over, a letter repeated in a term reads a diagonal)."""

    name = "irtk.contract"
    inputs = var_operand_def(TensorType)
    spec = prop_def(StringAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    irdl_options = (ParsePropInAttrDict(),)
    assembly_format = "$inputs attr-dict `:` type($inputs) `->` type($result)"

    @classmethod
    def spec_for(cls, operand_types, properties):
        spec = properties.get("spec")
        if not isinstance(spec, StringAttr):
            raise TypeError("irtk.contract: needs a string property 'spec' such as \"ij,jk->ik\"")
        return Spec.parse(spec.data, cls.name)


@irdl_op_definition
class DotOp(ContractionOp):
    """numpy's `dot` for every rank: the last dimension of `lhs` meets the only one of a vector `rhs`, or the
    second-to-last of `rhs`; a rank-0 operand multiplies elementwise."""

    name = "irtk.dot"
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure(), CanonicalizePatterns())
    assembly_format = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)"
    CONTRACTED_MESSAGE: ClassVar[bool] = True

    @classmethod
    def spec_for(cls, operand_types, properties):
        if len(operand_types) != 2:
            raise TypeError(f"irtk.dot: expected 2 operands, got {len(operand_types)}")
        return dot_spec(*(len(shape_of(t)) for t in operand_types))


register(DotOp, Frontend(kind="custom"))
register(ContractOp, Frontend(kind="custom"))
