"""Verify a module op by op, so that a failure names the op that failed.

`Operation.verify()` raises a VerifyException with no location and the whole module printed into its notes;
which op failed can only be read off that text. Walking the ops here and verifying each alone
(`verify(verify_nested_ops=False)`) gives the failing op itself, and with it its source location. The order
is xDSL's: an op's regions before the op, so an op's verifier may rely on its nested ops being valid.

The one check `verify_nested_ops=False` skips is the block-level one (a single-block region that needs a
terminator must not be empty); it is repeated here.

xDSL does not check SSA dominance at all: `%y = f(%x)` before `%x = ...` in the same block parses, verifies
and is printed back as it was, and a pass that moves an op above its operands goes unnoticed until the C++
emitter trips over it. `check_dominance` adds MLIR's rule ("operand does not dominate this use") in one
linear walk; it runs after the op verifiers, so after parsing and after every pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xdsl.dialects.builtin import UnregisteredOp
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.traits import NoTerminator
from xdsl.utils.exceptions import VerifyException


@dataclass
class InvalidOp(Exception):
    """`op` does not verify, for the reason in `message` (and `notes`, printed after it)."""

    op: Operation
    message: str
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


def verify_ops(root: Operation) -> None:
    """Raise InvalidOp for the first op under `root` (regions first, then the op) that does not verify,
    then for the first use of a value its definition does not dominate (see `check_dominance`)."""
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
    check_dominance(root)


def _verify_empty_blocks(op: Operation) -> None:
    if op.has_trait(NoTerminator):
        return
    for region in op.regions:
        if len(region.blocks) == 1 and region.block.first_op is None:
            raise VerifyException("contains empty block in single-block region that expects at least a terminator")


# --- SSA dominance ----------------------------------------------------------------------------------------
#
# The rule, as in MLIR: a value may be used by an op U when
# - it is a result of an op D in the same block as U (or as an op enclosing U) and D comes first, or
# - it is an argument of U's block or of a block enclosing U, or
# - in a region with several blocks (cf branches), it is defined in a block that dominates U's block.
# An op's results are not visible inside its own regions. Regions that may be graph regions (builtin.module's
# body, and ops of unregistered dialects, as in MLIR) have no order: all their values are visible throughout.
# Blocks that control flow cannot reach are not checked, as in MLIR.
#
# The walk keeps the set of values visible at the current op. A block's values are added as its ops are
# passed and removed when the block (and, in a CFG region, the blocks it dominates) are done, so every op,
# block and operand is handled a bounded number of times. It uses an explicit stack, not recursion, so deep
# nesting costs no Python frames.

#: Ops whose regions are graph regions in MLIR (no dominance order inside them).
_GRAPH_REGION_OPS = frozenset({"builtin.module"})


def check_dominance(root: Operation) -> None:
    """Raise InvalidOp at the first op under `root` that uses a value its definition does not dominate."""
    visible: set[SSAValue] = set()
    # Tasks, popped last first:
    #   ("ops", (ops, defined)): check the ops of an iterator in turn, making each one's results visible and
    #       recording them in `defined`; at an op with regions, walk those first (the rest of the iterator
    #       is pushed back to continue after them).
    #   ("show", (values, defined)): make values visible (an op's results, once its regions are done).
    #   ("hide", values): make them invisible again, when their block is done.
    #   ("block", (block, children)): walk a block, then the blocks it immediately dominates.
    tasks: list[tuple[str, tuple]] = [("ops", (iter((root,)), []))]
    while tasks:
        kind, item = tasks.pop()
        if kind == "ops":
            ops, defined = item
            for op in ops:
                for index, operand in enumerate(op.operands):
                    if operand not in visible:
                        raise _not_dominating(op, index, operand, root)
                if op.regions:
                    tasks.append(("ops", (ops, defined)))
                    tasks.append(("show", (op.results, defined)))
                    for region in reversed(op.regions):
                        tasks += _region_tasks(op, region)
                    break
                visible.update(op.results)
                defined += op.results
        elif kind == "show":
            values, defined = item
            visible.update(values)
            defined += values
        elif kind == "hide":
            visible.difference_update(item)
        else:
            block, children = item
            defined = list(block.args)
            visible.update(defined)
            tasks.append(("hide", defined))
            tasks += (("block", child) for child in reversed(children))
            tasks.append(("ops", (iter(block.ops), defined)))


def _region_tasks(op: Operation, region: Region) -> list[tuple[str, tuple]]:
    """The tasks that walk `region` of `op`, in the order they are to be pushed."""
    blocks = list(region.blocks)
    if not blocks:
        return []
    if op.name in _GRAPH_REGION_OPS or isinstance(op, UnregisteredOp):
        # No order: every value of the region is visible throughout it from the start.
        values = [v for b in blocks for v in (*b.args, *(r for o in b.ops for r in o.results))]
        ops = (o for b in blocks for o in b.ops)
        return [("hide", values), ("ops", (ops, [])), ("show", (values, []))]
    if len(blocks) == 1:
        return [("block", (blocks[0], []))]
    return [("block", (blocks[0], _dominator_children(blocks[0])))]


def _successors(block: Block) -> Iterable[Block]:
    last = block.last_op
    return last.successors if last is not None else ()


def _dominator_children(entry: Block) -> list[tuple[Block, list]]:
    """The dominator tree below `entry`, as nested (block, children) pairs; unreachable blocks are left out.

    Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm": immediate dominators by iterating
    over the blocks in reverse postorder until nothing changes (twice or three times for real CFGs).
    """
    postorder, seen, stack = [], {entry}, [(entry, iter(_successors(entry)))]
    while stack:
        block, successors = stack[-1]
        nxt = next(successors, None)
        if nxt is None:
            stack.pop()
            postorder.append(block)
        elif nxt not in seen:
            seen.add(nxt)
            stack.append((nxt, iter(_successors(nxt))))
    order = postorder[::-1]
    number = {b: i for i, b in enumerate(order)}
    preds: dict[Block, list[Block]] = {b: [] for b in order}
    for b in order:
        for s in _successors(b):
            preds[s].append(b)

    idom: dict[Block, Block] = {entry: entry}

    def intersect(a: Block, b: Block) -> Block:
        while a is not b:
            while number[a] > number[b]:
                a = idom[a]
            while number[b] > number[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for b in order[1:]:
            new = None
            for p in preds[b]:
                if p in idom:
                    new = p if new is None else intersect(p, new)
            if new is not None and idom.get(b) is not new:
                idom[b] = new
                changed = True

    nodes: dict[Block, tuple[Block, list]] = {b: (b, []) for b in order}
    for b in order[1:]:
        nodes[idom[b]][1].append(nodes[b])
    return nodes[entry][1]


def _not_dominating(user: Operation, index: int, value: SSAValue, root: Operation) -> InvalidOp:
    """The error for operand `index` of `user`, which is `value`, with a note saying where it is defined."""
    from irtk.tools.locations import op_location

    name = f" (%{value.name_hint})" if value.name_hint else ""
    owner = value.owner
    definer = owner.parent_op() if isinstance(value, BlockArgument) else owner
    if not _inside(owner, root):
        message = f"'{user.name}' op operand #{index}{name} is defined by an op that is no longer in the IR"
        return InvalidOp(user, message)
    message = f"'{user.name}' op operand #{index}{name} does not dominate this use"
    if isinstance(value, BlockArgument):
        what = f"an argument of a block of '{definer.name}'" if definer is not None else "a block argument"
    else:
        what = f"a result of '{owner.name}'"
        block = owner.parent_block()
        enclosing = block.find_ancestor_op_in_block(user) if block is not None else None
        if enclosing is owner:
            message += " (a result of an op is not visible inside the op's own regions)"
        elif enclosing is not None:
            message += " (it is used before it is defined)"
    where = op_location(definer)
    at = f" at {where[0]}:{where[1]}:{where[2]}" if where is not None else ""
    return InvalidOp(user, message, (f"operand #{index}{name} is {what}{at}",))


def _inside(node: Operation | Block, root: Operation) -> bool:
    """Whether `node` is `root` or nested in it (a detached op or block is not)."""
    while node is not None:
        if node is root:
            return True
        node = node.parent
    return False
