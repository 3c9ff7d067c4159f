"""irtk_toy: an example irtk plugin, the `toy` dialect's `toy.mul_add` op and the `toy-fuse-mul-add` pass.

Importing this package imports nothing from irtk or xDSL: irtk calls `irtk_toy.plugin.register()`, which only
records where the dialect and the pass live, and imports them the first time they are used.
"""
