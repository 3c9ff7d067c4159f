// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse on comparisons, predicates and switch: a boolean produced by one generic is an i1 value inside the
// fused body, consumed by a select, a logical reduction, or a sum that counts it (zero-extended to int64). A
// condition computed on a column and stretched over the columns of the switch stays a generic of its own.

// where(x < y, x, y): one generic; the comparison happens in float64 (y extended), the select yields float64.
// CHECK-LABEL: func.func @where_less(
// CHECK-NOT:     linalg.yield
// CHECK:         %r = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK:           %[[YE:.*]] = arith.extf %{{.*}} : f32 to f64
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpf olt, %{{.*}}, %[[YE]] : f64
// CHECK:           %[[R:.*]] = arith.select %[[LT]], %{{.*}}, %{{.*}} : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK-NOT:     linalg.generic
func.func @where_less(%x: tensor<?x?xf64>, %y: tensor<?x?xf32>) -> tensor<?x?xf64> {
  %c = irtk.lt %x, %y : tensor<?x?xf64>, tensor<?x?xf32> -> tensor<?x?xi1>
  %r = irtk.switch %c, %x, %y : tensor<?x?xi1>, tensor<?x?xf64>, tensor<?x?xf32> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// any(isnan(x)) over both axes: the predicate is or-ed into the false-initialised accumulator directly.
// CHECK-LABEL: func.func @any_nan(
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[FALSE]] : i1)
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME:      ins(%x : tensor<?x?xf32>) outs(%[[ACC]] : tensor<i1>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[A:.*]]: i1):
// CHECK-NEXT:      %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.ori %[[A]], %[[NAN]] : i1
// CHECK-NEXT:      linalg.yield %[[R]] : i1
// CHECK-NOT:     linalg.generic
func.func @any_nan(%x: tensor<?x?xf32>) -> tensor<i1> {
  %n = irtk.isnan %x : tensor<?x?xf32> -> tensor<?x?xi1>
  %a = irtk.any %n [0, 1] : tensor<?x?xi1> -> tensor<i1>
  return %a : tensor<i1>
}

// -----

// sum(x > t) counts: the i1 is zero-extended (True is 1) and added in int64; the threshold, a 1-element
// tensor that is not a constant, is read at index 0.
// CHECK-LABEL: func.func @count_above(
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME:      ins(%x, %t : tensor<?xf64>, tensor<1xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[T:.*]]: f64, %[[A:.*]]: i64):
// CHECK-NEXT:      %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[T]] : f64
// CHECK-NEXT:      %[[ONE:.*]] = arith.extui %[[GT]] : i1 to i64
// CHECK-NEXT:      %[[R:.*]] = arith.addi %[[A]], %[[ONE]] : i64
// CHECK-NEXT:      linalg.yield %[[R]] : i64
// CHECK-NOT:     linalg.generic
func.func @count_above(%x: tensor<?xf64>, %t: tensor<1xf64>) -> tensor<i64> {
  %g = irtk.gt %x, %t : tensor<?xf64>, tensor<1xf64> -> tensor<?xi1>
  %s = irtk.sum %g [0] : tensor<?xi1> -> tensor<i64>
  return %s : tensor<i64>
}

// -----

// not(col < 0) fuses into one generic over the column; switch stretches that column over its columns, so it
// reads the condition at (d0, 0) instead of recomputing it per element.
// CHECK-LABEL: func.func @column_condition(
// CHECK:         %n = linalg.generic
// CHECK-SAME:      ins(%col : tensor<?x1xf64>)
// CHECK:           arith.cmpf olt
// CHECK-NEXT:      %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:      arith.xori %{{.*}}, %[[TRUE]] : i1
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      ins(%n, %a, %b : tensor<?x1xi1>, tensor<?x?xf64>, tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[C:.*]]: i1, %[[A:.*]]: f64, %[[B:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[C]], %[[A]], %[[B]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
func.func @column_condition(%col: tensor<?x1xf64>, %a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %z = irtk.constant dense<0.0> : tensor<1x1xf64>
  %c = irtk.lt %col, %z : tensor<?x1xf64>, tensor<1x1xf64> -> tensor<?x1xi1>
  %n = irtk.invert %c : tensor<?x1xi1> -> tensor<?x1xi1>
  %r = irtk.switch %n, %a, %b : tensor<?x1xi1>, tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
