// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.dot` takes vectors and matrices only, and their contracted static sizes must agree.

func.func @rank3_lhs(%x: tensor<2x3x4xf64>, %y: tensor<4xf64>) -> tensor<2x3xf64> {
  // expected-error @+1 {{'irtk.dot' op irtk.dot: operands must be vectors or matrices, got ranks 3 and 1}}
  %a = irtk.dot %x, %y : tensor<2x3x4xf64>, tensor<4xf64> -> tensor<2x3xf64>
  return %a : tensor<2x3xf64>
}

// -----

func.func @scalar_rhs(%x: tensor<?xf64>, %y: tensor<f64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.dot: operands must be vectors or matrices, got ranks 1 and 0}}
  %a = irtk.dot %x, %y : tensor<?xf64>, tensor<f64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @contracted_sizes(%x: tensor<?x3xf64>, %y: tensor<4x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.dot: contracted dimensions differ (3 and 4)}}
  %a = irtk.dot %x, %y : tensor<?x3xf64>, tensor<4x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @wrong_result_rank(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<1xf64> {
  // expected-error @+1 {{result type tensor<1xf64> does not match the inferred type tensor<f64>}}
  %a = irtk.dot %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<1xf64>
  return %a : tensor<1xf64>
}

// -----

func.func @wrong_result_dtype(%x: tensor<?x?xf32>, %y: tensor<?xf64>) -> tensor<?xf32> {
  // expected-error @+1 {{result type tensor<?xf32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.dot %x, %y : tensor<?x?xf32>, tensor<?xf64> -> tensor<?xf32>
  return %a : tensor<?xf32>
}
