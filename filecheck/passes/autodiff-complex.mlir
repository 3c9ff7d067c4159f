// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p autodiff

// Gradients are of real functions of real values: a complex value between a wrt value and the cost is refused at
// the op that makes or uses it, instead of being treated as a constant (which would give a wrong gradient).

func.func @through_complex(%x: tensor<?xf64>) -> tensor<?xf64> {
  %z = irtk.cast %x : tensor<?xf64> -> tensor<?xcomplex<f64>>
  // expected-error @+1 {{autodiff: the cost depends on a wrt value through irtk.abs on complex128 values; gradients through complex values are not supported}}
  %a = irtk.abs %z : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %s = irtk.sum %a [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %s wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// A complex value the wrt value does not reach is only a constant of the gradient.
func.func @complex_constant_factor(%x: tensor<?xf64>, %z: tensor<?xcomplex<f64>>) -> tensor<?xf64> {
  %a = irtk.abs %z : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %m = irtk.mul %x, %a : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sum %m [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %s wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
