// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.dot` takes operands of any rank, but their contracted static sizes must agree and the result type must
// be the one numpy's rule gives.

func.func @contracted_sizes(%x: tensor<?x3xf64>, %y: tensor<4x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.dot: contracted dimensions differ (3 and 4)}}
  %a = irtk.dot %x, %y : tensor<?x3xf64>, tensor<4x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// For a rank-3 rhs the contracted dimension is its second-to-last.
func.func @contracted_sizes_rank3(%x: tensor<2x4xf64>, %y: tensor<4x5x4xf64>) -> tensor<2x4x4xf64> {
  // expected-error @+1 {{irtk.dot: contracted dimensions differ (4 and 5)}}
  %a = irtk.dot %x, %y : tensor<2x4xf64>, tensor<4x5x4xf64> -> tensor<2x4x4xf64>
  return %a : tensor<2x4x4xf64>
}

// -----

func.func @wrong_result_rank(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<1xf64> {
  // expected-error @+1 {{result type tensor<1xf64> does not match the inferred type tensor<f64>}}
  %a = irtk.dot %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<1xf64>
  return %a : tensor<1xf64>
}

// -----

func.func @wrong_result_of_rank3(%x: tensor<2x3x4xf64>, %y: tensor<4xf64>) -> tensor<2x3x4xf64> {
  // expected-error @+1 {{result type tensor<2x3x4xf64> does not match the inferred type tensor<2x3xf64>}}
  %a = irtk.dot %x, %y : tensor<2x3x4xf64>, tensor<4xf64> -> tensor<2x3x4xf64>
  return %a : tensor<2x3x4xf64>
}

// -----

func.func @wrong_result_dtype(%x: tensor<?x?xf32>, %y: tensor<?xf64>) -> tensor<?xf32> {
  // expected-error @+1 {{result type tensor<?xf32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.dot %x, %y : tensor<?x?xf32>, tensor<?xf64> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

// A dot of two rank-27 operands needs 54 loop letters; a contraction has 52.
func.func @too_many_dimensions(%x: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64>) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64> {
  // expected-error @+1 {{irtk.dot: 54 dimensions in all is more than a contraction can name (52)}}
  %a = irtk.dot %x, %x : tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64>, tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64> -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64>
  return %a : tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf64>
}
