// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// More dimshuffle patterns than lower-to-structured-dimshuffle.mlir: a 3-d permutation, a kept size-1
// dimension, new axes around a vector, dropping all size-1 dimensions but one, and the identity. One loop per
// result dimension; result dimension k reads operand dimension pattern[k], so the operand's map is the
// inverse pattern (a new axis appears in no map but the result's, a dropped one as the constant 0). The result
// is sized by the operand dimension each result dimension takes. Every body is a plain copy.

// Result (a, b, c) = x[b, c, a]; the result's dynamic sizes are x's dimension 2, then dimension 0.
// CHECK-LABEL: func.func @permute3(
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[D0:.*]] = tensor.dim %x, %[[C0]] : tensor<?x5x?xf32>
// CHECK-NEXT:    %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT:    %[[D2:.*]] = tensor.dim %x, %[[C2]] : tensor<?x5x?xf32>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[D2]], %[[D0]]) : tensor<?x?x5xf32>
// CHECK-NEXT:    %t = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2, d0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x5x?xf32>) outs(%[[INIT]] : tensor<?x?x5xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[X]] : f32
func.func @permute3(%x: tensor<?x5x?xf32>) -> tensor<?x?x5xf32> {
  %t = irtk.dimshuffle %x [2, 0, 1] : tensor<?x5x?xf32> -> tensor<?x?x5xf32>
  return %t : tensor<?x?x5xf32>
}

// -----

// A size-1 dimension named in the pattern is kept and permuted like any other (a loop of size 1), not read
// at a constant index.
// CHECK-LABEL: func.func @unit_kept(
// CHECK:         %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<1x?xi64>)
func.func @unit_kept(%x: tensor<1x?xi64>) -> tensor<?x1xi64> {
  %t = irtk.dimshuffle %x [1, 0] : tensor<1x?xi64> -> tensor<?x1xi64>
  return %t : tensor<?x1xi64>
}

// -----

// New axes: a row reads the vector along loop 1, a column with two new axes along loop 0; the new loops have
// size 1 (the static sizes of the result type), the vector's length is the dynamic one.
// CHECK-LABEL: func.func @new_axes(
// CHECK:         %[[N:.*]] = tensor.dim %v, %{{.*}} : tensor<?xf64>
// CHECK-NEXT:    %[[ROW:.*]] = tensor.empty(%[[N]]) : tensor<1x?xf64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%v : tensor<?xf64>) outs(%[[ROW]] : tensor<1x?xf64>)
// CHECK:         %[[N2:.*]] = tensor.dim %v, %{{.*}} : tensor<?xf64>
// CHECK-NEXT:    %[[COL:.*]] = tensor.empty(%[[N2]]) : tensor<?x1x1xf64>
// CHECK-NEXT:    %c = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%v : tensor<?xf64>) outs(%[[COL]] : tensor<?x1x1xf64>)
func.func @new_axes(%v: tensor<?xf64>) -> (tensor<1x?xf64>, tensor<?x1x1xf64>) {
  %r = irtk.dimshuffle %v [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %c = irtk.dimshuffle %v [0, x, x] : tensor<?xf64> -> tensor<?x1x1xf64>
  return %r, %c : tensor<1x?xf64>, tensor<?x1x1xf64>
}

// -----

// Dropping the size-1 dimensions on both sides of the kept one: each is read at index 0.
// CHECK-LABEL: func.func @drop_around(
// CHECK:         %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (0, d0, 0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%x : tensor<1x?x1xi1>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      linalg.yield %[[X]] : i1
func.func @drop_around(%x: tensor<1x?x1xi1>) -> tensor<?xi1> {
  %t = irtk.dimshuffle %x [1] : tensor<1x?x1xi1> -> tensor<?xi1>
  return %t : tensor<?xi1>
}

// -----

// The identity pattern is still a copy here (canonicalize removes it; lowering does not).
// CHECK-LABEL: func.func @identity(
// CHECK:         %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x?xf64>)
func.func @identity(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = irtk.dimshuffle %x [0, 1] : tensor<?x?xf64> -> tensor<?x?xf64>
  return %t : tensor<?x?xf64>
}
