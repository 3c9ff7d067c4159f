"""Verify a module op by op, so that a failure names the op that failed.

`Operation.verify()` raises a VerifyException with no location and the whole module printed into its notes;
which op failed can only be read off that text. Walking the ops here and verifying each alone
(`verify(verify_nested_ops=False)`) gives the failing op itself, and with it its source location. The order
is xDSL's: an op's regions before the op, so an op's verifier may rely on its nested ops being valid.

The one check `verify_nested_ops=False` skips is the block-level one (a single-block region that needs a
terminator must not be empty); it is repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.ir import Operation
from xdsl.traits import NoTerminator
from xdsl.utils.exceptions import VerifyException


@dataclass
class InvalidOp(Exception):
    """`op` does not verify, for the reason in `message`."""

    op: Operation
    message: str

    def __str__(self) -> str:
        return self.message


def verify_ops(root: Operation) -> None:
    """Raise InvalidOp for the first op under `root` (regions first, then the op) that does not verify."""
    for op in root.walk(region_first=True):
        try:
            _verify_empty_blocks(op)
            op.verify(verify_nested_ops=False)
        except VerifyException as exc:
            raise InvalidOp(op, f"'{op.name}' op {exc}") from None
        except RecursionError:
            raise
        except Exception as exc:  # a verifier that crashed still tells us which op it choked on
            raise InvalidOp(op, f"'{op.name}' op could not be verified: {type(exc).__name__}: {exc}") from None


def _verify_empty_blocks(op: Operation) -> None:
    if op.has_trait(NoTerminator):
        return
    for region in op.regions:
        if len(region.blocks) == 1 and region.block.first_op is None:
            raise VerifyException("contains empty block in single-block region that expects at least a terminator")
