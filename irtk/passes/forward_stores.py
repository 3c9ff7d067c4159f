"""`forward-stores`: a load of a value just stored by the same code reads the stored value instead, and a buffer
that is then only written is removed.

After `fuse-outer-loops`, row softmax's nest stores each row's maximum into `%max[%i]` and loads it back in the
next loop of the same row; the loads sit inside the loop over the row's elements, where the C++ compiler cannot
prove that the stores into the result (another buffer, but it sees two pointers) leave `%max[%i]` unchanged, so
it reloads it every element and does not vectorize the loop. Forwarding the stored value makes it a scalar the
compiler keeps in a register; and once no load of `%max` is left, its allocation, stores and deallocation go.
This is the loop level's scalar replacement (MLIR's `affine-scalrep` does the same for affine loads and stores).

    memref.store %m, %max[%i]
    scf.for %j ... { %v = memref.load %max[%i]  ... }        =>   scf.for %j ... { ... uses %m ... }

A load of buffer B at indices I reads the value of the `memref.store` into B at the same SSA indices I when:
- B is private: a `memref.alloc` or `memref.alloca` whose every use is a load, a store into it, `memref.dim` or
  its `memref.dealloc` (no view, copy or call that could reach it another way);
- the store comes first in its block, and the load is in a later op of that block or nested in one;
- no op of the block from the store up to and including the op holding the load writes B (a store into B at
  any indices: indices that are different SSA values may still be equal at run time).
A private buffer left without loads is erased with its stores and deallocation. Values are moved, never
recomputed, so the bits are the same.

Contract
  Level: loops (memrefs)
  Needs: nothing in particular; runs after `fuse-outer-loops`.
  Guarantees: the same values; private buffers without loads are gone.
  Fails: never.
"""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects import memref
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass


def is_private(buffer: SSAValue) -> bool:
    """Whether `buffer` is an allocation that only loads, stores into it, `memref.dim` and its deallocation
    use."""
    if not isinstance(buffer.owner, (memref.AllocOp, memref.AllocaOp)):
        return False
    for use in buffer.uses:
        user = use.operation
        if isinstance(user, (memref.LoadOp, memref.DeallocOp, memref.DimOp)):
            continue
        if isinstance(user, memref.StoreOp) and user.memref is buffer and user.value is not buffer:
            continue
        return False
    return True


def _ancestor_in(op: Operation, block: Block) -> Operation | None:
    """The op of `block` that is `op` or holds it, or None."""
    while op is not None and op.parent_block() is not block:
        op = op.parent_op()
    return op


def forward(store: memref.StoreOp, position: dict[Operation, int]) -> int:
    """Replace the loads that read `store`'s value (the module notes' conditions) by that value; how many.
    `position` numbers the ops of the store's block."""
    block = store.parent_block()
    buffer, indices = store.memref, tuple(store.indices)
    here = position[store]
    first_write = None  # the position of the first later op of the block that writes the buffer
    loads = []
    for use in buffer.uses:
        user = use.operation
        holder = _ancestor_in(user, block)
        if holder is None or position[holder] <= here:
            continue
        if isinstance(user, memref.StoreOp):
            first_write = position[holder] if first_write is None else min(first_write, position[holder])
        elif isinstance(user, memref.LoadOp) and tuple(user.indices) == indices:
            loads.append((position[holder], user))
    forwarded = 0
    for at, load in loads:
        if first_write is None or at < first_write:
            load.res.replace_all_uses_with(store.value)
            load.detach()
            load.erase()
            forwarded += 1
    return forwarded


def remove_if_write_only(allocation: Operation) -> bool:
    """Erase a private buffer that no load reads, with its stores and deallocation; whether it was."""
    buffer = allocation.results[0]
    if not is_private(buffer) or any(isinstance(use.operation, memref.LoadOp) for use in buffer.uses):
        return False
    for use in list(buffer.uses):
        if isinstance(use.operation, memref.DimOp):
            return False  # its sizes are still read: keep it (a dim of an alloc folds to its operand first)
    for user in {use.operation for use in buffer.uses}:
        user.detach()
        user.erase()
    allocation.detach()
    allocation.erase()
    return True


class ForwardStores(ModulePass):
    """Forward stored values to the loads that read them back; remove buffers left with stores only.

    Row reductions fused into one nest (`fuse-outer-loops`) keep their row's result in a register instead of
    reloading it from memory in every element's iteration. See the module notes for when a load is forwarded."""

    name = "forward-stores"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        stores = [s for s in op.walk() if isinstance(s, memref.StoreOp) and is_private(s.memref)]
        positions: dict[Block, dict[Operation, int]] = {}
        for store in stores:
            block = store.parent_block()
            if block not in positions:
                positions[block] = {o: k for k, o in enumerate(block.ops)}
            forward(store, positions[block])
        for allocation in {s.memref.owner for s in stores}:
            remove_if_write_only(allocation)
