// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.subtensor` has at most one key entry per dimension of x: an integer (one operand) or a slice (start,
// count and step operands, and a result dimension). The generic form spells the properties the custom syntax
// derives: `slices` (1 per slice, 0 per integer) and `static_sizes` (a static count or -1 per slice).

func.func @too_many_entries(%x: tensor<?xf64>, %i: tensor<i64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.subtensor: 2 entries for a 1-d tensor}}
  %r = irtk.subtensor %x[%i, %i] : tensor<?xf64>, tensor<i64>, tensor<i64> -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @operand_types(%x: tensor<?xf64>, %i: tensor<i64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.subtensor: expected 2 operand types, got 1}}
  %r = irtk.subtensor %x[%i] : tensor<?xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @result_rank(%x: tensor<?x?xf64>, %i: tensor<i64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.subtensor: the result must be a tensor with a dimension per slice}}
  %r = irtk.subtensor %x[%i : %i : %i, %i : %i : %i] : tensor<?x?xf64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @kinds(%x: tensor<?xf64>, %i: tensor<i64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.subtensor: `slices` holds 1 for a slice and 0 for an integer, got [2]}}
  %r = "irtk.subtensor"(%x, %i) <{slices = array<i64: 2>, static_sizes = array<i64>}> : (tensor<?xf64>, tensor<i64>) -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @counts(%x: tensor<?xf64>, %i: tensor<i64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.subtensor: expected one static count (or -1) per slice, got [3]}}
  %r = "irtk.subtensor"(%x, %i) <{slices = array<i64: 0>, static_sizes = array<i64: 3>}> : (tensor<?xf64>, tensor<i64>) -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @bounds(%x: tensor<?xf64>, %i: tensor<i64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.subtensor: expected 3 operands per slice and 1 per integer, got 1}}
  %r = "irtk.subtensor"(%x, %i) <{slices = array<i64: 1>, static_sizes = array<i64: -1>}> : (tensor<?xf64>, tensor<i64>) -> tensor<?xf64>
  return %r : tensor<?xf64>
}
