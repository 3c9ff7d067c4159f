// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A dimshuffle is a copy through a map: the operand is read through the inverse of the pattern, a
// dropped size-1 dimension at index 0; a new axis is a loop of size 1 the operand does not see.

// CHECK-LABEL: func.func @transpose(
// CHECK:         %[[N:.*]] = tensor.dim %m, %{{.*}} : tensor<?x3xf64>
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<3x?xf64>
// CHECK-NEXT:    %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x3xf64>) outs(%[[EMPTY]] : tensor<3x?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      linalg.yield %[[X]] : f64
func.func @transpose(%m: tensor<?x3xf64>) -> tensor<3x?xf64> {
  %t = irtk.dimshuffle %m [1, 0] : tensor<?x3xf64> -> tensor<3x?xf64>
  return %t : tensor<3x?xf64>
}

// -----

// CHECK-LABEL: func.func @drop_and_insert(
// CHECK:         %t = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, 0, d0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x1x3xi32>)
func.func @drop_and_insert(%m: tensor<?x1x3xi32>) -> tensor<3x1x?xi32> {
  %t = irtk.dimshuffle %m [2, x, 0] : tensor<?x1x3xi32> -> tensor<3x1x?xi32>
  return %t : tensor<3x1x?xi32>
}

// -----

// To a scalar and back.
// CHECK-LABEL: func.func @scalar(
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<() -> (0, 0)>, affine_map<() -> ()>], iterator_types = []}
// CHECK:         %v = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
func.func @scalar(%u: tensor<1x1xf64>) -> tensor<1xf64> {
  %s = irtk.dimshuffle %u [] : tensor<1x1xf64> -> tensor<f64>
  %v = irtk.dimshuffle %s [x] : tensor<f64> -> tensor<1xf64>
  return %v : tensor<1xf64>
}
