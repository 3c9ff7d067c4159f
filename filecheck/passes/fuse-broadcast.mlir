// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// Broadcasts: a vector stretched to ?x1 or 1x? by a copy generic, read by the consumer through a map with the
// constant 0 of the size-1 dimension. The consumer's map composed with the copy's maps reads the vector
// directly, and the copy disappears: a copy's body costs nothing, however often it is recomputed.

// A row vector added to every row: the consumer reads %b at (d1).
// CHECK-LABEL: func.func @row_bias(
// CHECK-NOT:     tensor<1x?xf64>
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m, %b : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[B:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[X]], %[[B]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK-NOT:     linalg.generic
func.func @row_bias(%m: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?x?xf64> {
  %c = irtk.dimshuffle %b [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %a = irtk.add %m, %c : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// A column: the consumer reads %v at (d0).
// CHECK-LABEL: func.func @column(
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m, %v : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NOT:     linalg.generic
func.func @column(%m: tensor<?x?xf64>, %v: tensor<?xf64>) -> tensor<?x?xf64> {
  %c = irtk.dimshuffle %v [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %a = irtk.mul %m, %c : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// exp of the vector fuses into the copy (which reads each element once: its second loop has size 1), but not
// into the consumer: there exp would run once per element of %m instead of once per row, and the row length
// is dynamic, so only a body that costs nothing may be recomputed along it. One small nest over the rows stays.
// CHECK-LABEL: func.func @column_of_exp(
// CHECK:         %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%v : tensor<?xf64>) outs(%{{.*}} : tensor<?x1xf64>)
// CHECK:           math.exp
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m, %c : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK-NOT:       math.exp
func.func @column_of_exp(%m: tensor<?x?xf64>, %v: tensor<?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %v : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.dimshuffle %e [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %a = irtk.mul %m, %c : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// Over 4 static columns a negation is recomputed 3 more times per row: 3 units, within the default
// recompute-limit of 10, so the whole expression is one nest reading %v at (d0).
// CHECK-LABEL: func.func @static_columns(
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m, %v : tensor<?x4xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[V:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[N:.*]] = arith.negf %[[V]] : f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[N]] : f64
// CHECK-NOT:     linalg.generic
func.func @static_columns(%m: tensor<?x4xf64>, %v: tensor<?xf64>) -> tensor<?x4xf64> {
  %e = irtk.neg %v : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.dimshuffle %e [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %a = irtk.mul %m, %c : tensor<?x4xf64>, tensor<?x1xf64> -> tensor<?x4xf64>
  return %a : tensor<?x4xf64>
}
