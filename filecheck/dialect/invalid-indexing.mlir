// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// Index operands must be integer tensors that broadcast together, no more of them than x has dimensions; a
// scatter's updates must match its indices and target.

func.func @float_index(%x: tensor<?xf64>, %i: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.advanced_subtensor: index #0 must be an integer tensor, got tensor<?xf64>}}
  %g = irtk.advanced_subtensor %x[%i] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @too_many(%x: tensor<?xf64>, %i: tensor<?xi64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.advanced_subtensor: 2 indices for a 1-d tensor}}
  %g = irtk.advanced_subtensor %x[%i, %i] : tensor<?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @indices_disagree(%x: tensor<?x?xf64>, %i: tensor<3xi64>, %j: tensor<4xi64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.advanced_subtensor: dimension 0 has incompatible sizes [3, 4]}}
  %g = irtk.advanced_subtensor %x[%i, %j] : tensor<?x?xf64>, tensor<3xi64>, tensor<4xi64> -> tensor<3xf64>
  return %g : tensor<3xf64>
}

// -----

func.func @scatter_updates(%u: tensor<?xf64>, %i: tensor<?xi64>, %t: tensor<?x4xf64>) -> tensor<?x4xf64> {
  // expected-error @+1 {{irtk_ext.scatter: the updates tensor<?xf64> must have the indices' shape then the target's last 1 dimension(s), and its element type}}
  %r = irtk_ext.scatter ins(%u, %i : tensor<?xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}
