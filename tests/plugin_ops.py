"""A plugin's op: `irtk.test_cube`, defined from outside irtk with `elementwise`, as a user's package would.

tests/test_plugin_op.py imports it, and hands it to `irtk-opt --load-plugin tests/plugin_ops.py`, to check that
one definition is all an op needs: it verifies, prints and parses, lowers, fuses, differentiates and runs in
both modes like a built-in op. Its name is unique (`test_`) so that it cannot clash with a built-in op.
"""

from irtk.dialects.irtk.opdef import elementwise

#: x * x * x; its gradient g * 3 x^2 is built from built-in ops, as a plugin's gradient rule would be.
CubeOp = elementwise(
    "test_cube",
    1,
    lambda s, x: s.mul(s.mul(x, x), x),
    grad=lambda tb, op, g: [tb.mul(g, tb.mul(tb.scalar_like(3, op.x), tb.sqr(op.x)))],
    doc="x cubed (a plugin's op).",
)
