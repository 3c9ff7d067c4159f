// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// Sum axes are distinct dimensions of the operand, in increasing order; the result drops them.

func.func @axis_out_of_range(%x: tensor<3x4xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{'irtk.sum' op irtk.sum: axes [2] must be distinct, sorted dimensions of a rank-2 operand}}
  %a = irtk.sum %x [2] : tensor<3x4xf64> -> tensor<3xf64>
  return %a : tensor<3xf64>
}

// -----

func.func @negative_axis(%x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.sum: axes [-1] must be distinct, sorted dimensions of a rank-1 operand}}
  %a = irtk.sum %x [-1] : tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @repeated_axis(%x: tensor<?x?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.sum: axes [0, 0] must be distinct, sorted dimensions of a rank-2 operand}}
  %a = irtk.sum %x [0, 0] : tensor<?x?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @unsorted_axes(%x: tensor<?x?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.sum: axes [1, 0] must be distinct, sorted dimensions of a rank-2 operand}}
  %a = irtk.sum %x [1, 0] : tensor<?x?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @keeps_reduced_dim(%x: tensor<?x4xf64>) -> tensor<?x4xf64> {
  // expected-error @+1 {{result type tensor<?x4xf64> does not match the inferred type tensor<4xf64>}}
  %a = irtk.sum %x [0] : tensor<?x4xf64> -> tensor<?x4xf64>
  return %a : tensor<?x4xf64>
}

// -----

func.func @int8_accumulates_in_int64(%x: tensor<?xi8>) -> tensor<i8> {
  // expected-error @+1 {{result type tensor<i8> does not match the inferred type tensor<i64>}}
  %a = irtk.sum %x [0] : tensor<?xi8> -> tensor<i8>
  return %a : tensor<i8>
}
