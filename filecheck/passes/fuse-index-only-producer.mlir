// RUN: irtk-opt %s -p fuse | filecheck %s

// A producer that reads no tensor (an arange, or a gather from a captured tensor: `x[::2]`) has its loop bounded by
// its output alone. Fused into a reduction, its init stays an input of the fused op, read nowhere, to bound the
// loop (dropping unused inputs keeps it for that); so `x[::2].sum()` makes no strided copy of x.

// CHECK-LABEL: func.func @strided_sum(
// CHECK:         %[[INIT:.*]] = tensor.empty(%n) : tensor<?xf64>
// CHECK-NEXT:    %s = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%two, %[[INIT]] : index, tensor<?xf64>) outs(%zero : tensor<f64>) {
// CHECK-NEXT:    ^bb0(%[[STEP:.*]]: index, %{{.*}}: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[J:.*]] = arith.muli %[[I]], %[[STEP]] : index
// CHECK-NEXT:      %[[V:.*]] = tensor.extract %x[%[[J]]] : tensor<?xf64>
// CHECK-NEXT:      %[[SUM:.*]] = arith.addf %[[ACC]], %[[V]] : f64
// CHECK-NEXT:      linalg.yield %[[SUM]] : f64
func.func @strided_sum(%x: tensor<?xf64>, %n: index, %two: index, %zero: tensor<f64>) -> tensor<f64> {
  %init = tensor.empty(%n) : tensor<?xf64>
  %g = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%two : index) outs(%init : tensor<?xf64>) {
  ^bb0(%step: index, %o: f64):
    %i = linalg.index 0 : index
    %j = arith.muli %i, %step : index
    %v = tensor.extract %x[%j] : tensor<?xf64>
    linalg.yield %v : f64
  } -> tensor<?xf64>
  %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g : tensor<?xf64>) outs(%zero : tensor<f64>) {
  ^bb0(%a: f64, %acc: f64):
    %t = arith.addf %acc, %a : f64
    linalg.yield %t : f64
  } -> tensor<f64>
  return %s : tensor<f64>
}
