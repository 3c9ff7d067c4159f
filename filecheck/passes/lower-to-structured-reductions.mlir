// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// sum and dot: the accumulator starts as a linalg.fill of zero; the generic has a reduction loop for each
// summed dimension (dot: the contracted one, innermost) and the body adds to the accumulator.

// A float32 sum accumulates in float64 (each element extended), then a parallel generic rounds it to float32.
// CHECK-LABEL: func.func @sum_one_axis(
// CHECK:         %[[N:.*]] = tensor.dim %m, %{{.*}} : tensor<?x4xf32>
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?xf64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[EMPTY]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT:    %[[SUMS:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x4xf32>) outs(%[[ACC]] : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[XE]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK:         %[[OUT:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%[[SUMS]] : tensor<?xf64>) outs(%[[OUT]] : tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[T:.*]]: f64, %{{.*}}: f32):
// CHECK-NEXT:      %[[R:.*]] = arith.truncf %[[T]] : f64 to f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @sum_one_axis(%m: tensor<?x4xf32>) -> tensor<?xf32> {
  %r = irtk.sum %m [1] : tensor<?x4xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @sum_leading_axis(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
func.func @sum_leading_axis(%m: tensor<?x4xf64>) -> tensor<4xf64> {
  %r = irtk.sum %m [0] : tensor<?x4xf64> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

// A full sum of int8 accumulates in int64: the fill is an i64 zero, each element is sign-extended.
// CHECK-LABEL: func.func @sum_all_int8(
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<i64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : i64) outs(%[[EMPTY]] : tensor<i64>) -> tensor<i64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i8, %[[A:.*]]: i64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extsi %[[X]] : i8 to i64
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[A]], %[[XE]] : i64
// CHECK-NEXT:      linalg.yield %[[S]] : i64
func.func @sum_all_int8(%m: tensor<?x?xi8>) -> tensor<i64> {
  %r = irtk.sum %m [0, 1] : tensor<?x?xi8> -> tensor<i64>
  return %r : tensor<i64>
}

// -----

// matrix . matrix: loops (i, j, k), k the reduction; A read at (i, k), B at (k, j).
// CHECK-LABEL: func.func @dot_mm(
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%a, %b : tensor<?x?xf64>, tensor<?x?xf32>) outs(%[[ACC]] : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f32, %[[C:.*]]: f64):
// CHECK-NEXT:      %[[BE:.*]] = arith.extf %[[B]] : f32 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[A]], %[[BE]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[C]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @dot_mm(%a: tensor<?x?xf64>, %b: tensor<?x?xf32>) -> tensor<?x?xf64> {
  %r = irtk.dot %a, %b : tensor<?x?xf64>, tensor<?x?xf32> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// CHECK-LABEL: func.func @dot_mv(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
func.func @dot_mv(%a: tensor<?x?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %r = irtk.dot %a, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// CHECK-LABEL: func.func @dot_vm(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
func.func @dot_vm(%u: tensor<?xf64>, %b: tensor<?x?xf64>) -> tensor<?xf64> {
  %r = irtk.dot %u, %b : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// CHECK-LABEL: func.func @dot_vv(
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<f64>
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
func.func @dot_vv(%u: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<f64> {
  %r = irtk.dot %u, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  return %r : tensor<f64>
}
