// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p lower-to-structured

// lower-to-structured needs every irtk.grad expanded first; it says so at the request.

func.func @grad_left(%x: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{lower-to-structured: irtk.grad must be expanded by the autodiff pass first}}
  %g = irtk.grad %s wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
