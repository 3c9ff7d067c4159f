"""irtk's own dialects. The loop and memory levels use xDSL's upstream dialects (scf, memref, arith, ...)."""
