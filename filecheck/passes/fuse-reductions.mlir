// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse and the reduction family: an elementwise producer read once per element fuses into max, prod, all
// (not only sum; see fuse.mlir), integer division included since each quotient is still computed once. A
// reduction's result is never fused into its consumer (it needs the whole loop nest first), even when the
// consumer broadcasts it back over the reduced axis as softmax does; nor is a producer that the reduction
// stretches over its reduced axis (it would be recomputed once per reduced row).

// The denominator of softmax: sum(exp(m - max(m, 1)[:, None]), 1). The max stays a generic with its own
// reduction loop; the copy stretching it to ?x1 fuses away (a copy costs nothing to recompute), and sub and exp
// are computed inside the sum, which reads the row maxima vector directly at (d0).
// CHECK-LABEL: func.func @softmax_denominator(
// CHECK:         %mx = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%{{.*}}: f64, %{{.*}}: f64):
// CHECK-NEXT:      arith.maximumf
// CHECK-NEXT:      linalg.yield
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%m, %mx : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[MAX:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[MAX]] : f64
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[D]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[E]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @softmax_denominator(%m: tensor<?x?xf64>) -> tensor<?xf64> {
  %mx = irtk.max %m [1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.dimshuffle %mx [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %d = irtk.sub %m, %c : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}

// -----

// max(|x - y|) over both axes: one generic from -inf, NaN-propagating.
// CHECK-LABEL: func.func @max_abs_diff(
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xff800000 : f32
// CHECK-NEXT:    %[[ACC:.*]] = linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME:      ins(%x, %y : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[ACC]] : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[A:.*]]: f32):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[D]] : f32
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[A]], %[[ABS]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
// CHECK-NOT:     linalg.generic
func.func @max_abs_diff(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<f32> {
  %d = irtk.sub %x, %y : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %a = irtk.abs %d : tensor<?x?xf32> -> tensor<?x?xf32>
  %r = irtk.max %a [0, 1] : tensor<?x?xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// prod over d0 of exp(row) * m: the product fuses, exp of the row does not (it would run once per row of m).
// CHECK-LABEL: func.func @stretched_into_reduction(
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%row : tensor<1x?xf64>)
// CHECK:           math.exp
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%e, %m : tensor<1x?xf64>, tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[E:.*]]: f64, %[[M:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[E]], %[[M]] : f64
// CHECK-NEXT:      %[[R:.*]] = arith.mulf %[[A]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
func.func @stretched_into_reduction(%row: tensor<1x?xf64>, %m: tensor<?x?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %row : tensor<1x?xf64> -> tensor<1x?xf64>
  %a = irtk.mul %e, %m : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.prod %a [0] : tensor<?x?xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}

// -----

// all(a // b, axis 0): the quotient, then its truth value, then the and, per element.
// CHECK-LABEL: func.func @all_of_int_div(
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%a, %b : tensor<?x?xi32>, tensor<?x?xi32>)
// CHECK-NEXT:    ^bb0(%{{.*}}: i32, %{{.*}}: i32, %[[ACC:.*]]: i1):
// CHECK:           arith.floordivsi
// CHECK-NEXT:      %[[Q:.*]] = arith.select
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[T:.*]] = arith.cmpi ne, %[[Q]], %[[ZERO]] : i32
// CHECK-NEXT:      %[[R:.*]] = arith.andi %[[ACC]], %[[T]] : i1
// CHECK-NEXT:      linalg.yield %[[R]] : i1
// CHECK-NOT:     linalg.generic
func.func @all_of_int_div(%a: tensor<?x?xi32>, %b: tensor<?x?xi32>) -> tensor<?xi1> {
  %q = irtk.int_div %a, %b : tensor<?x?xi32>, tensor<?x?xi32> -> tensor<?x?xi32>
  %r = irtk.all %q [0] : tensor<?x?xi32> -> tensor<?xi1>
  return %r : tensor<?xi1>
}

// -----

// A reduction of a reduction: two generics, each with its own reduction loop.
// CHECK-LABEL: func.func @reduction_of_reduction(
// CHECK:         %s = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      ins(%m : tensor<?x?x?xf64>)
// CHECK:         %t = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%s : tensor<?x?xf64>)
// CHECK:           arith.minimumf
func.func @reduction_of_reduction(%m: tensor<?x?x?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %m [2] : tensor<?x?x?xf64> -> tensor<?x?xf64>
  %t = irtk.min %s [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %t : tensor<?xf64>
}
