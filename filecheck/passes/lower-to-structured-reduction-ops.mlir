// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// The reductions beside sum (lower-to-structured-reductions.mlir): one generic with a `reduction` iterator per
// reduced axis (any of them, not only trailing ones), the output read through the kept dimensions, and an
// accumulator filled with the reduction's identity: 1 for prod, -inf or the smallest integer for max, +inf or
// the largest for min, true for all, false for any. The body combines the accumulator with the element
// converted to the result dtype: prod and sum of integers and booleans in int64, max/min NaN-propagating for
// floats, all/any on the element's truth value (`!= 0`, NaN is true).

// Two non-adjacent reduced axes: loops (d0, d1, d2) with d0 and d2 reduced, the output read at (d1). A float32
// product accumulates in float64 and is rounded to float32 by a generic of its own.
// CHECK-LABEL: func.func @prod_two_axes(
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[N:.*]] = tensor.dim %m, %[[C1]] : tensor<?x?x3xf32>
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?xf64>
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[ONE]] : f64) outs(%[[EMPTY]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT:    %[[PRODS:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1)>], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x?x3xf32>) outs(%[[ACC]] : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[A]], %[[XE]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
// CHECK:         %r = linalg.generic
// CHECK-SAME:      ins(%[[PRODS]] : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[T:.*]]: f64, %{{.*}}: f32):
// CHECK-NEXT:      arith.truncf %[[T]] : f64 to f32
func.func @prod_two_axes(%m: tensor<?x?x3xf32>) -> tensor<?xf32> {
  %r = irtk.prod %m [0, 2] : tensor<?x?x3xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// int32 multiplies in int64 (sign-extended); bool sums in int64 (zero-extended: True counts 1).
// CHECK-LABEL: func.func @wide_accumulators(
// CHECK:         %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[ONE]] : i64) outs(%{{.*}} : tensor<i64>) -> tensor<i64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME:      ins(%m : tensor<?xi32>) outs(%[[ACC]] : tensor<i64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[A:.*]]: i64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extsi %[[X]] : i32 to i64
// CHECK-NEXT:      %[[P:.*]] = arith.muli %[[A]], %[[XE]] : i64
// CHECK-NEXT:      linalg.yield %[[P]] : i64
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:    %[[ACC2:.*]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.*}} : tensor<i64>) -> tensor<i64>
// CHECK-NEXT:    %s = linalg.generic
// CHECK-SAME:      ins(%b : tensor<?xi1>) outs(%[[ACC2]] : tensor<i64>)
// CHECK-NEXT:    ^bb0(%[[B:.*]]: i1, %[[A2:.*]]: i64):
// CHECK-NEXT:      %[[BE:.*]] = arith.extui %[[B]] : i1 to i64
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[A2]], %[[BE]] : i64
// CHECK-NEXT:      linalg.yield %[[S]] : i64
func.func @wide_accumulators(%m: tensor<?xi32>, %b: tensor<?xi1>) -> (tensor<i64>, tensor<i64>) {
  %r = irtk.prod %m [0] : tensor<?xi32> -> tensor<i64>
  %s = irtk.sum %b [0] : tensor<?xi1> -> tensor<i64>
  return %r, %s : tensor<i64>, tensor<i64>
}

// -----

// Float max/min start from -inf/+inf and use maximumf/minimumf, so a NaN anywhere in the row gives NaN.
// CHECK-LABEL: func.func @float_extrema(
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<4xf64>
// CHECK-NEXT:    %[[NEG_INF:.*]] = arith.constant 0xfff0000000000000 : f64
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[NEG_INF]] : f64) outs(%[[EMPTY]] : tensor<4xf64>) -> tensor<4xf64>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x4xf64>) outs(%[[ACC]] : tensor<4xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[HI:.*]] = arith.maximumf %[[A]], %[[X]] : f64
// CHECK-NEXT:      linalg.yield %[[HI]] : f64
// CHECK:         %[[POS_INF:.*]] = arith.constant 0x7ff0000000000000 : f64
// CHECK-NEXT:    %[[ACC2:.*]] = linalg.fill ins(%[[POS_INF]] : f64)
// CHECK-NEXT:    %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f64, %[[A2:.*]]: f64):
// CHECK-NEXT:      %[[LO:.*]] = arith.minimumf %[[A2]], %[[X2]] : f64
// CHECK-NEXT:      linalg.yield %[[LO]] : f64
func.func @float_extrema(%m: tensor<?x4xf64>) -> (tensor<4xf64>, tensor<?xf64>) {
  %a = irtk.max %m [0] : tensor<?x4xf64> -> tensor<4xf64>
  %b = irtk.min %m [1] : tensor<?x4xf64> -> tensor<?xf64>
  return %a, %b : tensor<4xf64>, tensor<?xf64>
}

// -----

// Integer max/min keep the dtype and start from its extreme values; a bool max is unsigned (True > False).
// CHECK-LABEL: func.func @integer_extrema(
// CHECK:         %[[LOWEST:.*]] = arith.constant -32768 : i16
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[LOWEST]] : i16)
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i16, %[[A:.*]]: i16):
// CHECK-NEXT:      arith.maxsi %[[A]], %[[X]] : i16
// CHECK:         %[[HIGHEST:.*]] = arith.constant 32767 : i16
// CHECK-NEXT:    %[[ACC2:.*]] = linalg.fill ins(%[[HIGHEST]] : i16)
// CHECK-NEXT:    %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: i16, %[[A2:.*]]: i16):
// CHECK-NEXT:      arith.minsi %[[A2]], %[[X2]] : i16
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK-NEXT:    %[[ACC3:.*]] = linalg.fill ins(%[[FALSE]] : i1)
// CHECK-NEXT:    %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i1, %[[A3:.*]]: i1):
// CHECK-NEXT:      arith.maxui %[[A3]], %[[P]] : i1
func.func @integer_extrema(%m: tensor<?x?xi16>, %p: tensor<?xi1>) -> (tensor<i16>, tensor<?xi16>, tensor<i1>) {
  %a = irtk.max %m [0, 1] : tensor<?x?xi16> -> tensor<i16>
  %b = irtk.min %m [0] : tensor<?x?xi16> -> tensor<?xi16>
  %c = irtk.max %p [0] : tensor<?xi1> -> tensor<i1>
  return %a, %b, %c : tensor<i16>, tensor<?xi16>, tensor<i1>
}

// -----

// all/any: the identity is true/false; a bool element is combined as is, a number by its truth value.
// CHECK-LABEL: func.func @all_any(
// CHECK:         %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[TRUE]] : i1) outs(%{{.*}} : tensor<?xi1>) -> tensor<?xi1>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i1, %[[A:.*]]: i1):
// CHECK-NEXT:      %[[AND:.*]] = arith.andi %[[A]], %[[P]] : i1
// CHECK-NEXT:      linalg.yield %[[AND]] : i1
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK-NEXT:    %[[ACC2:.*]] = linalg.fill ins(%[[FALSE]] : i1) outs(%{{.*}} : tensor<5xi1>) -> tensor<5xi1>
// CHECK-NEXT:    %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[A2:.*]]: i1):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[TRUTH:.*]] = arith.cmpf une, %[[X]], %[[ZERO]] : f64
// CHECK-NEXT:      %[[OR:.*]] = arith.ori %[[A2]], %[[TRUTH]] : i1
// CHECK-NEXT:      linalg.yield %[[OR]] : i1
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i32, %[[A3:.*]]: i1):
// CHECK-NEXT:      %[[IZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[ITRUTH:.*]] = arith.cmpi ne, %[[I]], %[[IZERO]] : i32
// CHECK-NEXT:      %[[AND2:.*]] = arith.andi %[[A3]], %[[ITRUTH]] : i1
// CHECK-NEXT:      linalg.yield %[[AND2]] : i1
func.func @all_any(%p: tensor<?x?xi1>, %x: tensor<?x5xf64>, %i: tensor<?xi32>) -> (tensor<?xi1>, tensor<5xi1>, tensor<i1>) {
  %a = irtk.all %p [1] : tensor<?x?xi1> -> tensor<?xi1>
  %b = irtk.any %x [0] : tensor<?x5xf64> -> tensor<5xi1>
  %c = irtk.all %i [0] : tensor<?xi32> -> tensor<i1>
  return %a, %b, %c : tensor<?xi1>, tensor<5xi1>, tensor<i1>
}

// -----

// A reduced axis of static size 1 is still a reduction loop (of one iteration), with the int64 accumulator.
// CHECK-LABEL: func.func @unit_axis(
// CHECK:         %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%u : tensor<1x3xi8>) outs(%{{.*}} : tensor<3xi64>)
func.func @unit_axis(%u: tensor<1x3xi8>) -> tensor<3xi64> {
  %b = irtk.sum %u [0] : tensor<1x3xi8> -> tensor<3xi64>
  return %b : tensor<3xi64>
}
