// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p autodiff

// Forward mode fails at the op when the path from a wrt value to an f value crosses an op with neither a tangent
// rule nor a gradient rule, or a complex value.

func.func @no_rule(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.rop: irtk.psi has neither a tangent rule nor a gradient rule}}
  %p = irtk.psi %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.rop %p wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}

// -----

func.func @through_complex(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.rop: the result depends on a wrt value through irtk.cast on complex128 values}}
  %c = irtk.cast %x : tensor<?xf64> -> tensor<?xcomplex<f64>>
  %r = irtk.real %c : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %j = irtk.rop %r wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}
