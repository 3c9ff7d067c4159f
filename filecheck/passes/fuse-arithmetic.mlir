// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse on arithmetic: a chain of mixed-dtype ops becomes one generic whose body keeps every conversion where
// the op put it, and integer division (whose body holds arith.floordivsi / arith.remsi, ops the `may_trap`
// rule of fuse.py guards) fuses only where each quotient is still computed exactly once: into a reduction or
// under a transposed read over the same loops, yes; stretched as a single element over a bigger loop, no
// (it would run once per consumer element, or never for an empty one). The same shapes with a multiplication,
// or with float floor division (no trapping op), fuse.

// (int32 + float32) * float64 row, then neg: the conversions to float64 come first, as in the unfused ops.
// CHECK-LABEL: func.func @mixed_chain(
// CHECK-NOT:     linalg.yield
// CHECK:         %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%i, %f, %row : tensor<?x?xi32>, tensor<?x?xf32>, tensor<1x?xf64>)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i32, %[[F:.*]]: f32, %[[R:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i32 to f64
// CHECK-NEXT:      %[[FF:.*]] = arith.extf %[[F]] : f32 to f64
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[IF]], %[[FF]] : f64
// CHECK-NEXT:      %[[B:.*]] = arith.mulf %[[A]], %[[R]] : f64
// CHECK-NEXT:      %[[C:.*]] = arith.negf %[[B]] : f64
// CHECK-NEXT:      linalg.yield %[[C]] : f64
// CHECK-NOT:     linalg.generic
func.func @mixed_chain(%i: tensor<?x?xi32>, %f: tensor<?x?xf32>, %row: tensor<1x?xf64>) -> tensor<?x?xf64> {
  %a = irtk.add %i, %f : tensor<?x?xi32>, tensor<?x?xf32> -> tensor<?x?xf64>
  %b = irtk.mul %a, %row : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %c = irtk.neg %b : tensor<?x?xf64> -> tensor<?x?xf64>
  return %c : tensor<?x?xf64>
}
// -----

// Into a full sum: the sum's loops are the quotient's loops, each quotient is added once.
// CHECK-LABEL: func.func @int_div_into_sum(
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK-NEXT:    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME:      ins(%a, %b : tensor<?x?xi64>, tensor<?x?xi64>) outs(%[[ACC]] : tensor<i64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %[[S:.*]]: i64):
// CHECK:           %[[Q:.*]] = arith.floordivsi %[[A]], %{{.*}} : i64
// CHECK-NEXT:      %[[QZ:.*]] = arith.select %{{.*}}, %{{.*}}, %[[Q]] : i64
// CHECK-NEXT:      %[[T:.*]] = arith.addi %[[S]], %[[QZ]] : i64
// CHECK-NEXT:      linalg.yield %[[T]] : i64
// CHECK-NOT:     linalg.generic
func.func @int_div_into_sum(%a: tensor<?x?xi64>, %b: tensor<?x?xi64>) -> tensor<i64> {
  %q = irtk.int_div %a, %b : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %s = irtk.sum %q [0, 1] : tensor<?x?xi64> -> tensor<i64>
  return %s : tensor<i64>
}

// -----

// Under a transpose, then an add: both operands of the division are read transposed, still once each.
// CHECK-LABEL: func.func @int_div_transposed(
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%a, %b, %c : tensor<?x?xi32>, tensor<?x?xi32>, tensor<?x?xi32>)
// CHECK:           arith.floordivsi
// CHECK:           arith.addi
// CHECK-NOT:     linalg.generic
func.func @int_div_transposed(%a: tensor<?x?xi32>, %b: tensor<?x?xi32>, %c: tensor<?x?xi32>) -> tensor<?x?xi32> {
  %q = irtk.int_div %a, %b : tensor<?x?xi32>, tensor<?x?xi32> -> tensor<?x?xi32>
  %t = irtk.dimshuffle %q [1, 0] : tensor<?x?xi32> -> tensor<?x?xi32>
  %r = irtk.add %t, %c : tensor<?x?xi32>, tensor<?x?xi32> -> tensor<?x?xi32>
  return %r : tensor<?x?xi32>
}

// -----

// A single quotient stretched over a matrix stays a generic of its own, read at (0, 0).
// CHECK-LABEL: func.func @single_element_int_div(
// CHECK:         %q = linalg.generic
// CHECK-SAME:      ins(%a, %b : tensor<1x1xi64>, tensor<1x1xi64>)
// CHECK:           arith.floordivsi
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      ins(%q, %m : tensor<1x1xi64>, tensor<?x?xi64>)
// CHECK-NOT:       arith.floordivsi
// CHECK:         func.return %r
func.func @single_element_int_div(%a: tensor<1x1xi64>, %b: tensor<1x1xi64>, %m: tensor<?x?xi64>) -> tensor<?x?xi64> {
  %q = irtk.int_div %a, %b : tensor<1x1xi64>, tensor<1x1xi64> -> tensor<1x1xi64>
  %r = irtk.add %q, %m : tensor<1x1xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  return %r : tensor<?x?xi64>
}

// -----

// The same for `%` (arith.remsi).
// CHECK-LABEL: func.func @single_element_mod(
// CHECK:         %q = linalg.generic
// CHECK:           arith.remsi
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>]
// CHECK-SAME:      ins(%v, %q : tensor<?xi32>, tensor<1xi32>)
// CHECK-NOT:       arith.remsi
// CHECK:         func.return %r
func.func @single_element_mod(%a: tensor<1xi32>, %b: tensor<1xi32>, %v: tensor<?xi32>) -> tensor<?xi32> {
  %q = irtk.mod %a, %b : tensor<1xi32>, tensor<1xi32> -> tensor<1xi32>
  %r = irtk.mul %v, %q : tensor<?xi32>, tensor<1xi32> -> tensor<?xi32>
  return %r : tensor<?xi32>
}

// -----

// A single product cannot trap: it is recomputed in the consumer, which reads its operands at (0, 0).
// CHECK-LABEL: func.func @single_element_mul(
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      ins(%a, %b, %m : tensor<1x1xi64>, tensor<1x1xi64>, tensor<?x?xi64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %[[M:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[P:.*]] = arith.muli %[[A]], %[[B]] : i64
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[P]], %[[M]] : i64
// CHECK-NEXT:      linalg.yield %[[S]] : i64
// CHECK-NOT:     linalg.generic
func.func @single_element_mul(%a: tensor<1x1xi64>, %b: tensor<1x1xi64>, %m: tensor<?x?xi64>) -> tensor<?x?xi64> {
  %q = irtk.mul %a, %b : tensor<1x1xi64>, tensor<1x1xi64> -> tensor<1x1xi64>
  %r = irtk.add %q, %m : tensor<1x1xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  return %r : tensor<?x?xi64>
}

// -----

// Float floor division has no trapping op (a float divided by 0 is inf or NaN): it fuses like the product.
// CHECK-LABEL: func.func @single_element_float_floor_div(
// CHECK:         %r = linalg.generic
// CHECK-SAME:      ins(%a, %b, %m : tensor<1x1xf64>, tensor<1x1xf64>, tensor<?x?xf64>)
// CHECK-NOT:       arith.floordivsi
// CHECK:           arith.addf
// CHECK-NOT:     linalg.generic
func.func @single_element_float_floor_div(%a: tensor<1x1xf64>, %b: tensor<1x1xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %q = irtk.int_div %a, %b : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>
  %r = irtk.add %q, %m : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
