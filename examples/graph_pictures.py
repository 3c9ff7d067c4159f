"""Seed program 3: PNG pictures of the scalar-addition and matrix-product graphs (needs Graphviz)."""
import sys

import irtk as theano
from irtk import tensor

out = sys.argv[1] if len(sys.argv) > 1 else "."
a, b = tensor.dscalar(), tensor.dscalar()
f = theano.function([a, b], a + b)
theano.printing.pydotprint(f, outfile=f"{out}/scalar_addition.png", var_with_name_simple=True)
x, y = tensor.dmatrix(), tensor.dmatrix()
g = theano.function([x, y], tensor.dot(x, y))
theano.printing.pydotprint(g, outfile=f"{out}/matrix_product.png", var_with_name_simple=True)
