// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse on irtk.cast and irtk.broadcast. A cast is an elementwise op whose body is one conversion: chains of
// casts fuse, and each rounding stays (float64 -> float32 -> float64 is not the identity). A broadcast is a
// copy that reads its `like` operand for its sizes only: once fused, `like` is no longer an input (its sizes
// still size the result). A producer of the broadcast value fuses when it is a single element (recomputed per
// iteration), not when it is a row that the broadcast stretches (once per column, not per element).

// x - float64(float32(x)): the rounding error of float32, in one generic.
// CHECK-LABEL: func.func @cast_round_trip(
// CHECK-NOT:     linalg.yield
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[X2:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[T:.*]] = arith.truncf %[[X2]] : f64 to f32
// CHECK-NEXT:      %[[E:.*]] = arith.extf %[[T]] : f32 to f64
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[E]] : f64
// CHECK-NEXT:      linalg.yield %[[D]] : f64
// CHECK-NOT:     linalg.generic
func.func @cast_round_trip(%x: tensor<?xf64>) -> tensor<?xf64> {
  %a = irtk.cast %x : tensor<?xf64> -> tensor<?xf32>
  %b = irtk.cast %a : tensor<?xf32> -> tensor<?xf64>
  %c = irtk.sub %x, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// A float32 matrix summed in float64: the extension happens per element inside the reduction, no float64 copy
// of the matrix is made.
// CHECK-LABEL: func.func @cast_into_sum(
// CHECK-NOT:     linalg.yield
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%x : tensor<?x?xf32>) outs(%{{.*}} : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[XE]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK-NOT:     linalg.generic
func.func @cast_into_sum(%x: tensor<?x?xf32>) -> tensor<?xf64> {
  %a = irtk.cast %x : tensor<?x?xf32> -> tensor<?x?xf64>
  %s = irtk.sum %a [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}

// -----

// exp of a row stays apart; the broadcast fuses into neg, which reads the row at (0, d1) and no longer reads
// %m, whose first size still sizes the result.
// CHECK-LABEL: func.func @broadcast_of_row(
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%row : tensor<1x?xf64>)
// CHECK:           math.exp
// CHECK:         %[[M0:.*]] = tensor.dim %m, %{{.*}} : tensor<?x?xf64>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[M0]], %{{.*}}) : tensor<?x?xf64>
// CHECK-NEXT:    %n = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%e : tensor<1x?xf64>) outs(%[[INIT]] : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[E:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[N:.*]] = arith.negf %[[E]] : f64
// CHECK-NEXT:      linalg.yield %[[N]] : f64
func.func @broadcast_of_row(%row: tensor<1x?xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %row : tensor<1x?xf64> -> tensor<1x?xf64>
  %b = irtk.broadcast %e to %m : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %n = irtk.neg %b : tensor<?x?xf64> -> tensor<?x?xf64>
  return %n : tensor<?x?xf64>
}

// -----

// exp of a single element fuses all the way: one generic reading %s at (0, 0).
// CHECK-LABEL: func.func @broadcast_of_single(
// CHECK-NOT:     linalg.yield
// CHECK:         %n = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%s : tensor<1x1xf32>)
// CHECK-NEXT:    ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[S]] : f32
// CHECK-NEXT:      %[[N:.*]] = arith.negf %[[E]] : f32
// CHECK-NEXT:      linalg.yield %[[N]] : f32
// CHECK-NOT:     linalg.generic
func.func @broadcast_of_single(%s: tensor<1x1xf32>, %m: tensor<?x?xf64>) -> tensor<?x?xf32> {
  %e = irtk.exp %s : tensor<1x1xf32> -> tensor<1x1xf32>
  %b = irtk.broadcast %e to %m : tensor<1x1xf32>, tensor<?x?xf64> -> tensor<?x?xf32>
  %n = irtk.neg %b : tensor<?x?xf32> -> tensor<?x?xf32>
  return %n : tensor<?x?xf32>
}
