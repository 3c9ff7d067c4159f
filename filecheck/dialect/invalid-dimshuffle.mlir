// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// A dimshuffle pattern names each operand dimension at most once; it may leave out only dimensions of
// static size 1, and the result type must be the one the pattern gives.

func.func @drops_non_unit(%x: tensor<3x4xf64>) -> tensor<4xf64> {
  // expected-error @+1 {{'irtk.dimshuffle' op irtk.dimshuffle: pattern [1] drops dimensions [0] that are not of size 1}}
  %a = irtk.dimshuffle %x [1] : tensor<3x4xf64> -> tensor<4xf64>
  return %a : tensor<4xf64>
}

// -----

func.func @drops_dynamic(%x: tensor<?x1xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.dimshuffle: pattern [] drops dimensions [0, 1] that are not of size 1}}
  %a = irtk.dimshuffle %x [] : tensor<?x1xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @out_of_range(%x: tensor<?xf64>) -> tensor<?x1xf64> {
  // expected-error @+1 {{irtk.dimshuffle: pattern [0, 1] is not valid for a rank-1 operand}}
  %a = irtk.dimshuffle %x [0, 1] : tensor<?xf64> -> tensor<?x1xf64>
  return %a : tensor<?x1xf64>
}

// -----

func.func @repeated(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.dimshuffle: pattern [0, 0] is not valid for a rank-2 operand}}
  %a = irtk.dimshuffle %x [0, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @below_new_axis(%x: tensor<?xf64>) -> tensor<1xf64> {
  // expected-error @+1 {{irtk.dimshuffle: pattern [-2] is not valid for a rank-1 operand}}
  %a = irtk.dimshuffle %x [-2] : tensor<?xf64> -> tensor<1xf64>
  return %a : tensor<1xf64>
}

// -----

func.func @wrong_result(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  // expected-error @+1 {{result type tensor<?x3xf64> does not match the inferred type tensor<3x?xf64>}}
  %a = irtk.dimshuffle %x [1, 0] : tensor<?x3xf64> -> tensor<?x3xf64>
  return %a : tensor<?x3xf64>
}

// -----

func.func @bad_entry(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{Expected integer literal}}
  %a = irtk.dimshuffle %x [y] : tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}
