"""Seed program 1: add two float64 scalars (and draw the graph)."""
import irtk as theano
from irtk import tensor

a = tensor.dscalar()
b = tensor.dscalar()
c = a + b
f = theano.function([a, b], c)
print(f(1.5, 2.5))
print(f(3.5, 5.5))
