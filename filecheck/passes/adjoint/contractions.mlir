// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the contractions after autodiff, canonicalize and cse (whole bodies checked): the
// gradient of a dot is a contraction of the output gradient with the other operand.

// A matrix-vector product: an outer product for the matrix, a vector-matrix product for the vector.
// CHECK-LABEL: func.func @matrix_vector(
// CHECK-NEXT:    %y = irtk.dot %a, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.broadcast %[[V0]] to %y : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.contract %[[V1]], %v {spec = "a,b->ab"} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.contract %[[V1]], %a {spec = "a,ab->b"} : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g, %[[V2]]
func.func @matrix_vector(%a: tensor<?x?xf64>, %v: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %y = irtk.dot %a, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %y [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %a, %v : tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %g#0, %g#1 : tensor<?x?xf64>, tensor<?xf64>
}

// -----

// A matrix product: g b^T and a^T g, as contractions (no transposes materialized).
// CHECK-LABEL: func.func @matrix_matrix(
// CHECK-NEXT:    %p = irtk.dot %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %p, %[[V0]] : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.contract %[[V1]], %b {spec = "ac,bc->ab"} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.contract %[[V1]], %a {spec = "ac,ab->bc"} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g, %[[V2]]
func.func @matrix_matrix(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %p = irtk.dot %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %q = irtk.sqr %p : tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %q [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %a, %b : tensor<f64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %g#0, %g#1 : tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// A dot product seeded with 1: the contraction with the scalar 1 is the other vector itself.
// CHECK-LABEL: func.func @vector_vector(
// CHECK-NEXT:    func.return %v, %u
func.func @vector_vector(%u: tensor<?xf64>, %v: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %c = irtk.dot %u, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %u, %v : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %g#0, %g#1 : tensor<?xf64>, tensor<?xf64>
}
