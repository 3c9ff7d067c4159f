"""Buffer donation: a compiled function's updates written into buffers of shared values nothing reads any more.

Without it every call of an SGD step allocates a fresh buffer per updated weight matrix and frees the old one;
a buffer of megabytes costs an `mmap` and a page fault per 4 KiB each time. With it, double buffering:

- when an update replaces a shared variable's value that nothing else holds (the reference count sees the
  user's `get_value(borrow=True)`, views, other shared variables), the old array is kept as a *spare*;
- the next call offers the spares to the kernel (`Kernel.call_donating`), which writes a result of exactly
  a spare's bytes into it instead of allocating (`irtk_arena::alloc_result`), so two buffers alternate.

A call never writes into the value it reads: that stays the shared variable's until the call has succeeded,
so a call that fails (a bad argument, a failed check in the kernel) leaves every shared variable as it was,
and its spares, untouched by anything anyone holds, are kept for the next call. After a successful call the
spares are dropped whether used or not: a result may now share one's buffer. The kernel itself only takes a
spare that is a whole kernel result whose capsule nothing else holds (`Kernel.donatable` in native/src).

Calls release the GIL and may run at once: each takes the spares out of the pool with one `list.pop` (atomic
under the GIL), so no two calls are ever offered the same buffer. The pool belongs to one Function; copies
and unpickled functions start with an empty one.
"""

from __future__ import annotations

import sys

import numpy as np

#: How many sets of spares a pool keeps: one per call running at once is plenty.
POOL_LIMIT = 2


def _sole_reference_count() -> int:
    """What `sys.getrefcount` says of an object only a local variable holds, measured rather than assumed:
    interpreters differ in the references a call's argument takes."""
    only_here = object()
    return sys.getrefcount(only_here)


SOLE_REFERENCE_COUNT = _sole_reference_count()


class SparePool:
    """The spare arrays of one Function (see the module notes)."""

    __slots__ = ("_sets",)

    def __init__(self) -> None:
        self._sets: list[list[np.ndarray]] = []

    def take(self) -> list[np.ndarray]:
        """The spares to offer to one call, removed from the pool; [] when there are none."""
        try:
            return self._sets.pop()
        except IndexError:
            return []

    def put_back(self, spares: list[np.ndarray]) -> None:
        """Spares a failed call was offered: nothing can hold them, so the next call may have them."""
        if spares and len(self._sets) < POOL_LIMIT:
            self._sets.append(spares)

    def store_updates(self, updated, values) -> None:
        """Give each shared variable of `updated` its new value, and keep each old value nothing else holds.

        The caller must have dropped its own references to the old values (the argument list)."""
        kept = []
        for shared, value in zip(updated, values):
            old = shared._value
            shared._value = value
            # Only `old` holds it now. Only kernel results (a capsule base) can be donated.
            if sys.getrefcount(old) == SOLE_REFERENCE_COUNT and old.base is not None:
                kept.append(old)
            del old
        if kept and len(self._sets) < POOL_LIMIT:
            self._sets.append(kept)

    def __len__(self) -> int:
        """How many spares the pool holds now (for tests and curious users)."""
        return sum(len(spares) for spares in self._sets)
