"""xDSL's `memref` dialect as irtk registers it, with MLIR's custom syntax for the ops that xDSL 0.74 prints only
generically (`memref.cast`, `memref.copy`, `memref.rank`): subclasses that take the place of xDSL's through
`replaced`, so IR that irtk's passes print reads the same as what `mlir-opt` prints. `memref.rank` also takes
an unranked memref, as MLIR's does.
"""

from __future__ import annotations

from xdsl.dialects.builtin import DYNAMIC_INDEX, IndexType, MemRefType, UnrankedMemRefType
from xdsl.dialects.memref import CastOp as _XdslCastOp
from xdsl.dialects.memref import CopyOp as _XdslCopyOp
from xdsl.dialects.memref import MemRef as _XdslMemRef
from xdsl.irdl import IRDLOperation, base, irdl_op_definition, operand_def, result_def, traits_def
from xdsl.utils.exceptions import VerifyException
from xdsl.traits import MemoryReadEffect, MemoryWriteEffect, NoMemoryEffect

from irtk.dialects.upstream.extend import replaced


@irdl_op_definition
class CastOp(_XdslCastOp):
    """`memref.cast %m : memref<4xf32> to memref<?xf32>`."""

    name = "memref.cast"
    source = operand_def(base(MemRefType) | base(UnrankedMemRefType))
    dest = result_def(base(MemRefType) | base(UnrankedMemRefType))
    traits = traits_def(NoMemoryEffect())
    assembly_format = "$source attr-dict `:` type($source) `to` type($dest)"


@irdl_op_definition
class CopyOp(_XdslCopyOp):
    """`memref.copy %a, %b : memref<4xf32> to memref<?xf32>`: as in MLIR, the shapes need only be compatible
    (a static size matches a dynamic one), so folding a cast into the copy keeps it valid."""

    name = "memref.copy"
    source = operand_def(MemRefType)
    destination = operand_def(MemRefType)
    traits = traits_def(MemoryWriteEffect(), MemoryReadEffect())
    assembly_format = "$source `,` $destination attr-dict `:` type($source) `to` type($destination)"

    def verify_(self) -> None:
        source, destination = self.source.type, self.destination.type
        assert isinstance(source, MemRefType) and isinstance(destination, MemRefType)
        if source.get_element_type() != destination.get_element_type():
            raise VerifyException("Expected source and destination to have the same element type.")
        compatible = len(source.shape) == len(destination.shape) and all(
            DYNAMIC_INDEX in (a, b) or a == b for a, b in zip(source.get_shape(), destination.get_shape()))
        if not compatible:
            raise VerifyException("Expected source and destination to have compatible shapes.")


@irdl_op_definition
class RankOp(IRDLOperation):
    """`memref.rank %m : memref<*xf32>`: the rank of a ranked or unranked memref."""

    name = "memref.rank"
    source = operand_def(base(MemRefType) | base(UnrankedMemRefType))
    rank = result_def(IndexType)
    traits = traits_def(NoMemoryEffect())
    assembly_format = "$source attr-dict `:` type($source)"


MemRef = replaced(_XdslMemRef, CastOp, CopyOp, RankOp)
