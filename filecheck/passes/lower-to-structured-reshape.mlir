// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A reshape checks the element counts agree, then is a view: x collapsed to one dimension and expanded to the new
// shape (`tensor.collapse_shape`, `tensor.expand_shape`), which bufferize turns into views of x's buffer.

// CHECK-LABEL: func.func @reshape(
// CHECK:         cf.assert %{{.*}}, "irtk.reshape: the new shape does not have the operand's number of elements
// CHECK-NEXT:    %[[FLAT:.*]] = tensor.collapse_shape %x {{\[\[}}0 : i64, 1 : i64]] : tensor<?x?xf64> into tensor<?xf64>
// CHECK-NEXT:    %r = tensor.expand_shape %[[FLAT]] {{\[\[}}0 : i64, 1 : i64]] output_shape [%{{.*}}, 6] : tensor<?xf64> into tensor<?x6xf64>
// CHECK-NEXT:    func.return %r : tensor<?x6xf64>
// CHECK-NOT:     linalg.generic
func.func @reshape(%x: tensor<?x?xf64>, %n: tensor<i64>) -> tensor<?x6xf64> {
  %r = irtk.reshape %x, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>
  return %r : tensor<?x6xf64>
}

// -----

// Where MLIR's typing rules for the view ops do not fit (here a static element count becomes a dynamic size), one
// parallel generic over the result computes each element's row-major number (the result's strides are scalar
// inputs) and reads x at that number's multi-index in x's shape: the last dimension first, by remainder and
// quotient.

// CHECK-LABEL: func.func @gather(
// CHECK:         cf.assert %{{.*}}, "irtk.reshape: the new shape does not have the operand's number of elements
// CHECK:         %r = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[S0:.*]], %[[S1:.*]] : index, index) outs(%{{.*}} : tensor<?x2xf64>) {
// CHECK-NEXT:    ^bb0(%[[STRIDE0:.*]]: index, %[[STRIDE1:.*]]: index, %{{.*}}: f64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[A:.*]] = arith.muli %[[I]], %[[STRIDE0]] : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[B:.*]] = arith.muli %[[J]], %[[STRIDE1]] : index
// CHECK-NEXT:      %[[N:.*]] = arith.addi %[[A]], %[[B]] : index
// CHECK-NEXT:      %[[LAST:.*]] = arith.remui %[[N]], %{{.*}} : index
// CHECK-NEXT:      %[[Q:.*]] = arith.divui %[[N]], %{{.*}} : index
// CHECK-NEXT:      %[[FIRST:.*]] = arith.remui %[[Q]], %{{.*}} : index
// CHECK:           %[[V:.*]] = tensor.extract %x[%[[FIRST]], %[[LAST]]] : tensor<3x4xf64>
// CHECK-NEXT:      linalg.yield %[[V]] : f64
func.func @gather(%x: tensor<3x4xf64>, %n: tensor<i64>) -> tensor<?x2xf64> {
  %r = irtk.reshape %x, %n : tensor<3x4xf64>, tensor<i64> -> tensor<?x2xf64>
  return %r : tensor<?x2xf64>
}
