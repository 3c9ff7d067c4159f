"""irtk's passes, one per file, each file named after its `irtk-opt` flag (`lower-to-loops` → lower_to_loops.py).

Nothing is imported here: `irtk.registry.PASSES` loads each pass lazily, the first time it is used.
"""
