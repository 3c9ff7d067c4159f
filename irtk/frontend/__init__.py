"""The Theano-like frontend: symbolic variables, `function`, `shared`, `grad` and `printing`.

A program builds a light Python graph (`Variable`s produced by `Apply` nodes); `function()` turns the part
between its inputs and outputs into one `func.func` in the irtk dialect and hands it to a pipeline. Type
rules are not written here: each node asks its dialect op's `infer_type`.
"""
