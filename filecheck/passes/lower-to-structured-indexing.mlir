// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A gather checks every index (a reduction, then cf.assert), wraps negative ones, and reads x at the computed
// place in one generic (tensor.extract in its body). inc_subtensor checks and wraps the same way, broadcasts the
// values to x[indices]'s shape and scatters them with an adding body.

// CHECK-LABEL: func.func @gather(
// CHECK:         cf.assert %{{.*}}, "irtk.advanced_subtensor: index #0 is out of bounds for dimension 0
// CHECK:         %[[W:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %i : tensor<?xi1>, tensor<?xi64>, tensor<?xi64>)
// CHECK:           arith.select %{{.*}} : i64
// CHECK:         %g = linalg.generic {{.*}} ins(%[[W]] : tensor<?xi64>) outs(%{{.*}} : tensor<?x3xf64>) {
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i64, %{{.*}}: f64):
// CHECK-NEXT:      %[[ROW:.*]] = arith.index_cast %[[I]] : i64 to index
// CHECK-NEXT:      %[[COL:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[V:.*]] = tensor.extract %x[%[[ROW]], %[[COL]]] : tensor<?x3xf64>
// CHECK-NEXT:      linalg.yield %[[V]] : f64
func.func @gather(%x: tensor<?x3xf64>, %i: tensor<?xi64>) -> tensor<?x3xf64> {
  %g = irtk.advanced_subtensor %x[%i] : tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
  return %g : tensor<?x3xf64>
}

// -----

// CHECK-LABEL: func.func @inc(
// CHECK:         cf.assert %{{.*}}, "irtk.advanced_inc_subtensor: index #0 is out of bounds for dimension 0
// CHECK:         %[[ROW:.*]] = linalg.generic {{.*}} ins(%y : tensor<f64>) outs(%{{.*}} : tensor<1x1xf64>)
// CHECK:         %[[UPDATES:.*]] = linalg.generic {{.*}} ins(%[[ROW]] : tensor<1x1xf64>) outs(%{{.*}} : tensor<?x3xf64>)
// CHECK:         %u = irtk_ext.scatter ins(%[[UPDATES]], %{{.*}} : tensor<?x3xf64>, tensor<?xi64>) outs(%x : tensor<?x3xf64>) {
// CHECK-NEXT:    ^bb0(%update: f64, %current: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %current, %update : f64
// CHECK-NEXT:      irtk_ext.yield %[[S]] : f64
func.func @inc(%x: tensor<?x3xf64>, %i: tensor<?xi64>, %y: tensor<f64>) -> tensor<?x3xf64> {
  %u = irtk.advanced_inc_subtensor %x[%i], %y : tensor<?x3xf64>, tensor<f64>, tensor<?xi64> -> tensor<?x3xf64>
  return %u : tensor<?x3xf64>
}
