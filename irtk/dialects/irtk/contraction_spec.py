"""The description of a contraction: an einsum-like `spec` such as `"ij,jk->ik"`.

One term per operand names a loop (a letter) for each of its dimensions; the term after `->` names the result's.
A letter shared by several dimensions makes them one loop: between two operands that is a contraction or a batch
dimension, within one operand a diagonal (`"ii->i"` reads a matrix's diagonal). Letters missing from the result
are summed over. A letter repeated in the result writes a diagonal, the other elements being 0 (`"i->ii"` puts
a vector on the diagonal of a square matrix), which is what the gradient of a diagonal read needs.

The loops are numbered in a fixed order, which the structured form and every mode follow: the result's letters
first (in their order), then the summed letters in the order they first appear among the operands. The summed
loops are the innermost ones and run from 0 upwards, the first outermost, so every mode adds the products in
the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.dialects.builtin import TensorType

from irtk.dialects.irtk.types import Shape, shape_of

#: The letters a spec may use, in the order generated specs take them.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Spec:
    """A parsed spec: one term per operand and the result's term."""

    inputs: tuple[str, ...]
    output: str

    @classmethod
    def parse(cls, text: str, what: str = "irtk.contract") -> Spec:
        """The spec in `text`; TypeError (naming `what`) when it is malformed."""
        left, arrow, right = text.partition("->")
        terms = tuple(left.split(","))
        if not arrow or "->" in right or any(c not in LETTERS for c in "".join(terms) + right):
            raise TypeError(f"{what}: spec {text!r} must look like 'ij,jk->ik': letters, one term per operand, '->' and the result's term")
        missing = sorted(set(right) - set("".join(terms)))
        if missing:
            raise TypeError(f"{what}: spec {text!r}: result index {missing[0]!r} appears in no operand")
        return cls(terms, right)

    def __str__(self) -> str:
        return ",".join(self.inputs) + "->" + self.output

    # ---- loops
    @property
    def loops(self) -> str:
        """Every loop's letter, in loop order: the result's letters, then the summed ones."""
        order = dict.fromkeys(self.output)
        order.update(dict.fromkeys(c for c in "".join(self.inputs) if c not in self.output))
        return "".join(order)

    @property
    def parallel(self) -> str:
        return "".join(dict.fromkeys(self.output))

    @property
    def reduced(self) -> str:
        return self.loops[len(self.parallel) :]

    def access(self, term: str) -> list[int]:
        """The loop each dimension of a term reads (an indexing map's results)."""
        return [self.loops.index(c) for c in term]

    @property
    def writes_diagonal(self) -> bool:
        return len(set(self.output)) != len(self.output)

    # ---- types
    def letter_sizes(self, operand_types: Sequence[TensorType], what: str, contracted_message: bool = False) -> dict[str, int | None]:
        """Each letter's static size (None if dynamic everywhere). TypeError when an operand's rank does not
        match its term or two static sizes of one letter differ."""
        if len(operand_types) != len(self.inputs):
            raise TypeError(f"{what}: spec '{self}' has {len(self.inputs)} operand term(s), got {len(operand_types)} operand(s)")
        sizes: dict[str, int | None] = {}
        for i, (t, term) in enumerate(zip(operand_types, self.inputs)):
            shape = shape_of(t)
            if len(shape) != len(term):
                raise TypeError(
                    f"{what}: operand #{i} has rank {len(shape)}, but its term '{term}' in '{self}' names {len(term)} dimension(s)"
                )
            for c, size in zip(term, shape):
                known = sizes.get(c)
                if known is not None and size is not None and known != size:
                    if contracted_message:
                        raise TypeError(f"{what}: contracted dimensions differ ({known} and {size})")
                    raise TypeError(f"{what}: sizes of index '{c}' differ ({known} and {size}) in '{self}'")
                if known is None:
                    sizes[c] = size
        return sizes

    def result_shape(self, operand_types: Sequence[TensorType], what: str, contracted_message: bool = False) -> Shape:
        sizes = self.letter_sizes(operand_types, what, contracted_message)
        return tuple(sizes[c] for c in self.output)


def letters(n: int, what: str) -> str:
    """The first n letters: one per loop of a generated spec."""
    if n > len(LETTERS):
        raise TypeError(f"{what}: {n} dimensions in all is more than a contraction can name ({len(LETTERS)})")
    return LETTERS[:n]


def dot_spec(rank_a: int, rank_b: int) -> Spec:
    """numpy's `dot`: the last axis of `a` meets the only axis of a vector `b`, or the second-to-last of `b`; a
    rank-0 operand multiplies elementwise. The result's axes are a's free ones, then b's."""
    names = letters(rank_a + rank_b, "irtk.dot")
    a = names[:rank_a]
    if rank_a == 0 or rank_b == 0:
        b = names[rank_a:]
        return Spec((a, b), a + b)
    k = a[-1]
    free_b = names[rank_a:-1]
    b = free_b[:-1] + k + free_b[-1:] if rank_b >= 2 else k
    return Spec((a, b), a[:-1] + free_b)


def spec_of_axes(rank_a: int, rank_b: int, axes_a: Sequence[int], axes_b: Sequence[int], batch: bool = False) -> Spec:
    """numpy's `tensordot`: `axes_a[i]` of `a` meets `axes_b[i]` of `b` (both normalized, distinct); the result
    has a's free axes, then b's. With `batch`, axis 0 of both is shared and leads the result."""
    names = letters(rank_a + rank_b, "tensordot")
    a = list(names[:rank_a])
    b = list(names[rank_a:])
    for i, j in zip(axes_a, axes_b):
        b[j] = a[i]
    if batch:
        b[0] = a[0]
    free_a = [c for d, c in enumerate(a) if d not in axes_a and not (batch and d == 0)]
    free_b = [c for d, c in enumerate(b) if d not in axes_b and not (batch and d == 0)]
    return Spec(("".join(a), "".join(b)), (a[0] if batch else "") + "".join(free_a + free_b))
