// RUN: irtk-opt %s --split-input-file --verify-diagnostics | filecheck %s

// matrix_inverse and det take a square matrix (sizes checked when static), integers giving float64.

// CHECK-LABEL: func.func @ops(
// CHECK-NEXT:    %y = irtk.matrix_inverse %a : tensor<?x?xf32> -> tensor<?x?xf32>
// CHECK-NEXT:    %d = irtk.det %i : tensor<3x3xi32> -> tensor<f64>
// CHECK-NEXT:    %z = irtk.matrix_inverse %h : tensor<2x?xf64> -> tensor<2x2xf64>
func.func @ops(%a: tensor<?x?xf32>, %i: tensor<3x3xi32>, %h: tensor<2x?xf64>) -> (tensor<?x?xf32>, tensor<f64>, tensor<2x2xf64>) {
  %y = irtk.matrix_inverse %a : tensor<?x?xf32> -> tensor<?x?xf32>
  %d = irtk.det %i : tensor<3x3xi32> -> tensor<f64>
  %z = irtk.matrix_inverse %h : tensor<2x?xf64> -> tensor<2x2xf64>
  return %y, %d, %z : tensor<?x?xf32>, tensor<f64>, tensor<2x2xf64>
}

// -----

func.func @not_square(%a: tensor<2x3xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.det: the matrix must be square, got 2x3}}
  %d = irtk.det %a : tensor<2x3xf64> -> tensor<f64>
  return %d : tensor<f64>
}

// -----

func.func @not_a_matrix(%a: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.matrix_inverse: expected a matrix, got tensor<?xf64>}}
  %y = irtk.matrix_inverse %a : tensor<?xf64> -> tensor<?xf64>
  return %y : tensor<?xf64>
}
