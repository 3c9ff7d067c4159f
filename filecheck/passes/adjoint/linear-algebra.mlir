// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the linear-algebra ops after autodiff, canonicalize and cse (whole bodies checked).

// d inv(a) = -inv(a)^T g inv(a)^T; the transpose is computed once (cse).
// CHECK-LABEL: func.func @inverse(
// CHECK-NEXT:    %i = irtk.matrix_inverse %a : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.dimshuffle %i [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.dot %[[V0]], %w : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.dot %[[V1]], %[[V0]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.neg %[[V2]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @inverse(%a: tensor<?x?xf64>, %w: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %i = irtk.matrix_inverse %a : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %i, %w : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %a : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// d det(a) = det(a) inv(a)^T.
// CHECK-LABEL: func.func @det(
// CHECK-NEXT:    %d = irtk.det %a : tensor<3x3xf64> -> tensor<f64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.dimshuffle %d [x, x] : tensor<f64> -> tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.matrix_inverse %a : tensor<3x3xf64> -> tensor<3x3xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.dimshuffle %[[V1]] [1, 0] : tensor<3x3xf64> -> tensor<3x3xf64>
// CHECK-NEXT:    %g = irtk.mul %[[V0]], %[[V2]] : tensor<1x1xf64>, tensor<3x3xf64> -> tensor<3x3xf64>
// CHECK-NEXT:    func.return %g
func.func @det(%a: tensor<3x3xf64>) -> tensor<3x3xf64> {
  %d = irtk.det %a : tensor<3x3xf64> -> tensor<f64>
  %g = irtk.grad %d wrt %a : tensor<f64>, tensor<3x3xf64>
  return %g : tensor<3x3xf64>
}
