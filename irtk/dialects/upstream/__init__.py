"""The upstream MLIR dialects as irtk registers them: xDSL's, with the ops xDSL 0.74 lacks added, the custom
syntax of ops it prints only generically, and complex arithmetic without folders. One module per dialect
(`arith`, `math`, `complex`, `memref`, `scf`, `cf`, `tensor`, `linalg`); the registry imports each only when
a context needs it.
"""

from irtk.dialects.upstream.arith import Arith, RemFOp
from irtk.dialects.upstream.complex import Complex, ComplexAddOp, ComplexDivOp, ComplexMulOp, ComplexSubOp
from irtk.dialects.upstream.math import ErfcOp, Math

__all__ = ["ErfcOp", "RemFOp", "ComplexAddOp", "ComplexSubOp", "ComplexMulOp", "ComplexDivOp", "Arith", "Math",
           "Complex"]
