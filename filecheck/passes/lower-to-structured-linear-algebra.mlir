// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// matrix_inverse is Gauss-Jordan with partial pivoting, written once as structured IR: an scf.for over the pivots
// carrying the matrix being reduced and the inverse being built (from the identity); each step finds the pivot row
// (a reduction over the rows of column k, which a generic gathers with tensor.extract), checks the pivot, and
// computes the next matrices reading the rows that the swap puts in place.

// CHECK-LABEL: func.func @inverse(
// CHECK:         cf.assert %{{.*}}, "irtk.matrix_inverse: the matrix must be square
// CHECK:         %[[I:.*]] = linalg.generic
// CHECK:           arith.cmpi eq
// CHECK:           arith.select
// CHECK:         %{{.*}}, %y = scf.for %k = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[M:.*]] = %a, %[[R:.*]] = %[[I]]) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
// CHECK:           linalg.generic
// CHECK:             tensor.extract %[[M]][%{{.*}}, %k] : tensor<?x?xf64>
// CHECK:           %{{.*}}, %[[ROW:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK:             math.absf
// CHECK:             arith.cmpf ogt
// CHECK:           %[[P:.*]] = tensor.extract %[[ROW]][] : tensor<i64>
// CHECK:           %[[PIVOT:.*]] = tensor.extract %[[M]][%{{.*}}, %k] : tensor<?x?xf64>
// CHECK:           cf.assert %{{.*}}, "irtk.matrix_inverse: the matrix is singular
// CHECK:           %[[M2:.*]] = linalg.generic
// CHECK:             arith.divf %{{.*}}, %[[PIVOT]] : f64
// CHECK:           %[[R2:.*]] = linalg.generic
// CHECK:           scf.yield %[[M2]], %[[R2]] : tensor<?x?xf64>, tensor<?x?xf64>
// CHECK:         func.return %y
func.func @inverse(%a: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %y = irtk.matrix_inverse %a : tensor<?x?xf64> -> tensor<?x?xf64>
  return %y : tensor<?x?xf64>
}

// -----

// det carries the determinant as a scalar: each pivot (negated after a row swap) multiplies into it.
// CHECK-LABEL: func.func @det(
// CHECK:         %{{.*}}, %[[D:.*]] = scf.for %k = %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[ACC:.*]] = %{{.*}}) -> (tensor<3x3xf32>, f32) {
// CHECK:           arith.negf
// CHECK:           arith.mulf %[[ACC]]
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<f32>) {
// CHECK-NEXT:    ^bb0(%{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[D]] : f32
func.func @det(%a: tensor<3x3xf32>) -> tensor<f32> {
  %d = irtk.det %a : tensor<3x3xf32> -> tensor<f32>
  return %d : tensor<f32>
}
