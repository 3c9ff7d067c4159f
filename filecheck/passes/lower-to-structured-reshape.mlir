// RUN: irtk-opt %s -p lower-to-structured | filecheck %s

// A reshape checks the element counts agree, then one parallel generic over the result computes each element's
// row-major number (the result's strides are scalar inputs) and reads x at that number's multi-index in x's shape:
// the last dimension first, by remainder and quotient.

// CHECK-LABEL: func.func @reshape(
// CHECK:         cf.assert %{{.*}}, "irtk.reshape: the new shape does not have the operand's number of elements
// CHECK:         %r = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[S0:.*]], %[[S1:.*]] : index, index) outs(%{{.*}} : tensor<?x6xf64>) {
// CHECK-NEXT:    ^bb0(%[[STRIDE0:.*]]: index, %[[STRIDE1:.*]]: index, %{{.*}}: f64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[A:.*]] = arith.muli %[[I]], %[[STRIDE0]] : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[B:.*]] = arith.muli %[[J]], %[[STRIDE1]] : index
// CHECK-NEXT:      %[[N:.*]] = arith.addi %[[A]], %[[B]] : index
// CHECK-NEXT:      %[[LAST:.*]] = arith.remui %[[N]], %{{.*}} : index
// CHECK-NEXT:      %[[Q:.*]] = arith.divui %[[N]], %{{.*}} : index
// CHECK-NEXT:      %[[FIRST:.*]] = arith.remui %[[Q]], %{{.*}} : index
// CHECK:           %[[V:.*]] = tensor.extract %x[%[[FIRST]], %[[LAST]]] : tensor<?x?xf64>
// CHECK-NEXT:      linalg.yield %[[V]] : f64
func.func @reshape(%x: tensor<?x?xf64>, %n: tensor<i64>) -> tensor<?x6xf64> {
  %r = irtk.reshape %x, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>
  return %r : tensor<?x6xf64>
}
