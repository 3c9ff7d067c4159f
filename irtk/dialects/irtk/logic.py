"""Comparisons, bitwise and logical operations, `switch`, `isnan`, `isinf`: the ops with boolean results or
conditions. Comparisons compute in the operands' common dtype and return bool; `switch` keeps its condition
boolean (any number is converted by its truth value) and upcasts only its two branches.
"""

from __future__ import annotations

from irtk.dialects.irtk.opdef import COMPARISON, PREDICATE, DtypeRule, elementwise, integral
from irtk.dialects.irtk.types import upcast


def _comparison(name: str, relation: str, names, methods=()):
    # complex numbers compare for equality only: they have no order (numpy and Theano refuse `<`)
    return elementwise(name, 2, lambda s, x, y: s.compare(relation, x, y), dtypes=COMPARISON,
                       grad=lambda tb, op, g: [None, None], names=names, methods=methods,
                       doc=f"`x {dict(lt='<', gt='>', le='<=', ge='>=', eq='==', ne='!=')[relation]} y`, elementwise (bool).",
                       takes_complex=relation in ("eq", "ne"))


LtOp = _comparison("lt", "lt", ["lt", "less"], ["__lt__"])
GtOp = _comparison("gt", "gt", ["gt", "greater"], ["__gt__"])
LeOp = _comparison("le", "le", ["le", "less_equal"], ["__le__"])
GeOp = _comparison("ge", "ge", ["ge", "greater_equal"], ["__ge__"])
EqOp = _comparison("eq", "eq", ["eq", "equal"])  # `==` stays Python's identity, as in Theano
NeqOp = _comparison("neq", "ne", ["neq", "not_equal"])

AndOp = elementwise("and", 2, lambda s, x, y: s.bitwise_and(x, y), dtypes=integral("irtk.and"), names=["and_", "bitwise_and"],
                    methods=["__and__"], reflected=["__rand__"], doc="`x & y`: bitwise and (logical and for bool).")
OrOp = elementwise("or", 2, lambda s, x, y: s.bitwise_or(x, y), dtypes=integral("irtk.or"), names=["or_", "bitwise_or"],
                   methods=["__or__"], reflected=["__ror__"], doc="`x | y`: bitwise or (logical or for bool).")
XorOp = elementwise("xor", 2, lambda s, x, y: s.bitwise_xor(x, y), dtypes=integral("irtk.xor"), names=["xor", "bitwise_xor"],
                    methods=["__xor__"], reflected=["__rxor__"], doc="`x ^ y`: bitwise exclusive or.")
InvertOp = elementwise("invert", 1, lambda s, x: s.invert(x), dtypes=integral("irtk.invert"), names=["invert", "bitwise_not"],
                       methods=["__invert__"], doc="`~x`: bitwise not (logical not for bool).")


def _switch_dtypes(dtypes):
    branches = upcast(dtypes[1], dtypes[2])
    return ["bool", branches, branches], branches


def _switch_grad(tb, op, g):
    condition, if_true, if_false = op.args
    zeros = tb.mul(g, tb.scalar_like(0, g))
    return [None, tb.switch(condition, g, zeros), tb.switch(condition, zeros, g)]


SwitchOp = elementwise("switch", 3, lambda s, c, a, b: s.select(c, a, b),
                       dtypes=DtypeRule(_switch_dtypes, "the branches' common dtype; the condition as bool"),
                       grad=_switch_grad, names=["switch", "where"],
                       doc="`a` where `condition` is true (non-zero), else `b`.", takes_complex=True)
IsnanOp = elementwise("isnan", 1, lambda s, x: s.isnan(x), dtypes=PREDICATE, grad=lambda tb, op, g: [None],
                      doc="Whether x is NaN (never, for integers; for complex numbers, either part).", takes_complex=True)
IsinfOp = elementwise("isinf", 1, lambda s, x: s.isinf(x), dtypes=PREDICATE, grad=lambda tb, op, g: [None],
                      doc="Whether x is +inf or -inf (for complex numbers, either part).", takes_complex=True)

__all__ = ["LtOp", "GtOp", "LeOp", "GeOp", "EqOp", "NeqOp", "AndOp", "OrOp", "XorOp", "InvertOp", "SwitchOp", "IsnanOp", "IsinfOp"]
