// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse and dimshuffle: a dimshuffle is a copy read through a permutation (plus new and dropped size-1
// dimensions), so it disappears into its consumer and its producer's inputs are read through the composed
// map: two transposes compose to the identity, a 3-d permutation reaches a reduction, a transposed operand
// meets an untransposed one. A scalar producer made a 1x1 matrix by new axes is recomputed per element,
// read through a map with no results.

// exp, transpose, transpose back, add: one generic reading %x and %y through the identity.
// CHECK-LABEL: func.func @double_transpose(
// CHECK-NOT:     linalg.yield
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x, %y : tensor<?x?xf64>, tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[X]] : f64
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[E]], %[[Y]] : f64
// CHECK-NEXT:      linalg.yield %[[A]] : f64
// CHECK-NOT:     linalg.generic
func.func @double_transpose(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %x : tensor<?x?xf64> -> tensor<?x?xf64>
  %t = irtk.dimshuffle %e [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %u = irtk.dimshuffle %t [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %a = irtk.add %u, %y : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// sum over axis 1 of t[a, b, c] = tanh(x[b, c, a]): loops (a, b, c) with b reduced; x read at (d1, d2, d0); the
// float64 sums are then rounded to float32.
// CHECK-LABEL: func.func @permute_into_sum(
// CHECK-NOT:     linalg.yield
// CHECK:         %[[SUMS:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2, d0)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x?x?xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[T:.*]] = math.tanh %[[X]] : f32
// CHECK-NEXT:      %[[T64:.*]] = arith.extf %[[T]] : f32 to f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[T64]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK:         %s = linalg.generic
// CHECK-SAME:      ins(%[[SUMS]] : tensor<?x?xf64>)
// CHECK:           arith.truncf
// CHECK-NOT:     linalg.generic
func.func @permute_into_sum(%x: tensor<?x?x?xf32>) -> tensor<?x?xf32> {
  %e = irtk.tanh %x : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  %t = irtk.dimshuffle %e [2, 0, 1] : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  %s = irtk.sum %t [1] : tensor<?x?x?xf32> -> tensor<?x?xf32>
  return %s : tensor<?x?xf32>
}

// -----

// a^T * b: %a is read transposed, %b directly, in the same loops.
// CHECK-LABEL: func.func @transpose_one_operand(
// CHECK-NOT:     linalg.yield
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%a, %b : tensor<?x3xf64>, tensor<3x?xf64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      arith.mulf %[[A]], %[[B]] : f64
// CHECK-NOT:     linalg.generic
func.func @transpose_one_operand(%a: tensor<?x3xf64>, %b: tensor<3x?xf64>) -> tensor<3x?xf64> {
  %t = irtk.dimshuffle %a [1, 0] : tensor<?x3xf64> -> tensor<3x?xf64>
  %s = irtk.mul %t, %b : tensor<3x?xf64>, tensor<3x?xf64> -> tensor<3x?xf64>
  return %s : tensor<3x?xf64>
}

// -----

// exp of a 0-d tensor, given two new axes, times a matrix: one generic reading %s through `(d0, d1) -> ()`.
// CHECK-LABEL: func.func @scalar_with_new_axes(
// CHECK-NOT:     linalg.yield
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%s, %m : tensor<f64>, tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[S:.*]]: f64, %[[M:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[S]] : f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[E]], %[[M]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
// CHECK-NOT:     linalg.generic
func.func @scalar_with_new_axes(%s: tensor<f64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %s : tensor<f64> -> tensor<f64>
  %r = irtk.dimshuffle %e [x, x] : tensor<f64> -> tensor<1x1xf64>
  %a = irtk.mul %r, %m : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}
