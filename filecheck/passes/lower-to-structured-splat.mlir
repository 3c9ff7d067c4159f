// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// Splat constants read by elementwise ops, beyond lower-to-structured-constants.mlir: the scalar keeps the
// sign of zero (dense<-0.0> is not 0.0, and x + -0.0 is not x + 0.0 for x = -0.0); several splats and a
// boolean splat all become scalars of the body, with no tensor input; a constant that another, non-elementwise
// op also reads stays a dense tensor for that op only; an op whose operands are all constant still runs,
// reading the non-splat one as a tensor.

// CHECK-LABEL: func.func @negative_zero(
// CHECK:         %a = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[C:.*]] = arith.constant -0.000000e+00 : f64
// CHECK-NEXT:      %[[R:.*]] = arith.addf %[[X]], %[[C]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
func.func @negative_zero(%x: tensor<?xf64>) -> tensor<?xf64> {
  %c = irtk.constant dense<-0.0> : tensor<1xf64>
  %a = irtk.add %x, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

// switch between two splats: one input (the condition), both branches are constants in the body.
// CHECK-LABEL: func.func @two_splats(
// CHECK-NOT:     arith.constant dense
// CHECK:         %e = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%x : tensor<?xi32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[C:.*]] = arith.cmpi ne, %[[X]], %[[ZERO]] : i32
// CHECK-NEXT:      %[[THREE:.*]] = arith.constant 3 : i32
// CHECK-NEXT:      %[[SEVEN:.*]] = arith.constant 7 : i32
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[C]], %[[THREE]], %[[SEVEN]] : i32
// CHECK-NEXT:      linalg.yield %[[R]] : i32
func.func @two_splats(%x: tensor<?xi32>) -> tensor<?xi32> {
  %c = irtk.constant dense<3> : tensor<1xi32>
  %d = irtk.constant dense<7> : tensor<1xi32>
  %e = irtk.switch %x, %c, %d : tensor<?xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<?xi32>
  return %e : tensor<?xi32>
}

// -----

// A boolean splat condition is an i1 constant, used by the select as it is.
// CHECK-LABEL: func.func @bool_condition(
// CHECK:         %r = linalg.generic
// CHECK-SAME:      ins(%a, %b : tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[T:.*]] = arith.constant true
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[T]], %[[A]], %[[B]] : f32
func.func @bool_condition(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %t = irtk.constant dense<true> : tensor<1xi1>
  %r = irtk.switch %t, %a, %b : tensor<1xi1>, tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// The multiplication reads the splat as a scalar; the sum reads the same constant as a dense tensor.
// CHECK-LABEL: func.func @shared_with_a_reduction(
// CHECK:         %c = arith.constant dense<2.000000e+00> : tensor<1x3xf64>
// CHECK:         %a = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[TWO:.*]] = arith.constant 2.000000e+00 : f64
// CHECK-NEXT:      arith.mulf %[[X]], %[[TWO]] : f64
// CHECK:         %s = linalg.generic
// CHECK-SAME:      ins(%c : tensor<1x3xf64>)
func.func @shared_with_a_reduction(%x: tensor<?x3xf64>) -> (tensor<?x3xf64>, tensor<f64>) {
  %c = irtk.constant dense<2.0> : tensor<1x3xf64>
  %a = irtk.mul %x, %c : tensor<?x3xf64>, tensor<1x3xf64> -> tensor<?x3xf64>
  %s = irtk.sum %c [0, 1] : tensor<1x3xf64> -> tensor<f64>
  return %a, %s : tensor<?x3xf64>, tensor<f64>
}

// -----

// 3 - [1, 2]: the dense constant is the only input; the splat 3 is inline, the op's operand order kept.
// CHECK-LABEL: func.func @all_constant(
// CHECK-NOT:     dense<3.000000e+00>
// CHECK:         %d = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf64>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty() : tensor<2xf64>
// CHECK-NEXT:    %e = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%d : tensor<2xf64>) outs(%[[INIT]] : tensor<2xf64>)
// CHECK-NEXT:    ^bb0(%[[D:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[THREE:.*]] = arith.constant 3.000000e+00 : f64
// CHECK-NEXT:      %[[R:.*]] = arith.subf %[[THREE]], %[[D]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK-NOT:     dense<3.000000e+00>
func.func @all_constant() -> tensor<2xf64> {
  %c = irtk.constant dense<3.0> : tensor<2xf64>
  %d = irtk.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %e = irtk.sub %c, %d : tensor<2xf64>, tensor<2xf64> -> tensor<2xf64>
  return %e : tensor<2xf64>
}

// -----

// An integer divisor that is a splat: the scalar goes through the same zero guard as a tensor element would
// (canonicalize folds the guard later).
// CHECK-LABEL: func.func @splat_divisor(
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[FOUR:.*]] = arith.constant 4 : i64
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:      %[[BY_ZERO:.*]] = arith.cmpi eq, %[[FOUR]], %[[ZERO]] : i64
// CHECK:           arith.floordivsi %[[X]], %{{.*}} : i64
func.func @splat_divisor(%x: tensor<?xi64>) -> tensor<?xi64> {
  %c = irtk.constant dense<4> : tensor<1xi64>
  %e = irtk.int_div %x, %c : tensor<?xi64>, tensor<1xi64> -> tensor<?xi64>
  return %e : tensor<?xi64>
}
