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

// -----

func.func @no_index(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.advanced_subtensor: expected at least one index operand}}
  %g = irtk.advanced_subtensor %x[] : tensor<?xf64> -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @index_types(%x: tensor<?xf64>, %i: tensor<?xi64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.advanced_subtensor: expected 2 operand types, got 1}}
  %g = irtk.advanced_subtensor %x[%i] : tensor<?xf64> -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @values_rank(%x: tensor<?x?xf64>, %y: tensor<?x?x?xf64>, %i: tensor<?xi64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.advanced_inc_subtensor: the values have 3 dimensions, more than x[indices]'s 2}}
  %u = irtk.advanced_inc_subtensor %x[%i], %y : tensor<?x?xf64>, tensor<?x?x?xf64>, tensor<?xi64> -> tensor<?x?xf64>
  return %u : tensor<?x?xf64>
}

// -----

func.func @values_size(%x: tensor<?x4xf64>, %y: tensor<5xf64>, %i: tensor<?xi64>) -> tensor<?x4xf64> {
  // expected-error @+1 {{irtk.advanced_set_subtensor: dimension 1 has incompatible sizes [4, 5]}}
  %u = irtk.advanced_set_subtensor %x[%i], %y : tensor<?x4xf64>, tensor<5xf64>, tensor<?xi64> -> tensor<?x4xf64>
  return %u : tensor<?x4xf64>
}

// -----

func.func @scatter_scalar_operand(%u: f64, %i: tensor<?xi64>, %t: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scatter: operands must be tensors or memrefs}}
  %r = irtk_ext.scatter ins(%u, %i : f64, tensor<?xi64>) outs(%t : tensor<?xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @scatter_no_index(%u: tensor<?xf64>, %t: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scatter: expected 1 to 1 index operands, got 0}}
  %r = irtk_ext.scatter ins(%u : tensor<?xf64>) outs(%t : tensor<?xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @scatter_int32_index(%u: tensor<?xf64>, %i: tensor<?xi32>, %t: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scatter: the index operands must be int64 tensors of one shape}}
  %r = irtk_ext.scatter ins(%u, %i : tensor<?xf64>, tensor<?xi32>) outs(%t : tensor<?xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @scatter_types(%u: tensor<?xf64>, %i: tensor<?xi64>, %t: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{expected 2 types, got 1}}
  %r = irtk_ext.scatter ins(%u, %i : tensor<?xf64>) outs(%t : tensor<?xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}
