// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse on the float-valued functions: their bodies (math ops, or the composed nnet activations) fuse into each
// other and into a reduction, each op still applied to the same operands, in the same dtype, as before fusing
// (an int8 upgraded to float32 is exp'd in float32, then extended). A function of a row that the consumer
// stretches over a reduced axis stays apart, so that it is computed once per element, not once per row.

// sum(softplus(tanh(x) * sigmoid(y)), axis 1): one reduction generic. tanh(x) and sigmoid(y) do not depend on
// each other; their product, softplus, then the accumulation (in float64) follow in that order. Rounding the
// float64 sums to float32 is a generic of its own, over the result.
// CHECK-LABEL: func.func @activation_chain(
// CHECK-NOT:     linalg.yield
// CHECK:         %[[SUMS:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%x, %y : tensor<?x?xf32>, tensor<?x?xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f64):
// CHECK-DAG:       %[[T:.*]] = math.tanh %[[X]] : f32
// CHECK-DAG:       %[[NY:.*]] = arith.negf %[[Y]] : f32
// CHECK-DAG:       %[[E:.*]] = math.exp %[[NY]] : f32
// CHECK-DAG:       %[[D:.*]] = arith.addf %[[ONE:.*]], %[[E]] : f32
// CHECK-DAG:       %[[S:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK:           %[[P:.*]] = arith.mulf %[[T]], %[[S]] : f32
// CHECK:           %[[POS:.*]] = arith.maximumf %[[P]], %{{.*}} : f32
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[P]] : f32
// CHECK-NEXT:      %[[NABS:.*]] = arith.negf %[[ABS]] : f32
// CHECK-NEXT:      %[[E2:.*]] = math.exp %[[NABS]] : f32
// CHECK-NEXT:      %[[L:.*]] = math.log1p %[[E2]] : f32
// CHECK-NEXT:      %[[SP:.*]] = arith.addf %[[POS]], %[[L]] : f32
// CHECK-NEXT:      %[[SP64:.*]] = arith.extf %[[SP]] : f32 to f64
// CHECK-NEXT:      %[[R:.*]] = arith.addf %[[ACC]], %[[SP64]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK:         %r = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel"]} ins(%[[SUMS]] : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[T64:.*]]: f64, %{{.*}}: f32):
// CHECK-NEXT:      %[[T32:.*]] = arith.truncf %[[T64]] : f64 to f32
// CHECK-NEXT:      linalg.yield %[[T32]] : f32
// CHECK-NOT:     linalg.generic
func.func @activation_chain(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?xf32> {
  %t = irtk.tanh %x : tensor<?x?xf32> -> tensor<?x?xf32>
  %s = irtk.sigmoid %y : tensor<?x?xf32> -> tensor<?x?xf32>
  %p = irtk.mul %t, %s : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %q = irtk.softplus %p : tensor<?x?xf32> -> tensor<?x?xf32>
  %r = irtk.sum %q [1] : tensor<?x?xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// exp of an int8 is a float32 exp; the add extends its result to float64 afterwards, not before.
// CHECK-LABEL: func.func @upgraded_in_chain(
// CHECK-NOT:     linalg.yield
// CHECK:         %a = linalg.generic
// CHECK-SAME:      ins(%i, %d : tensor<?xi8>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i8, %[[D:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i8 to f32
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[IF]] : f32
// CHECK-NEXT:      %[[EE:.*]] = arith.extf %[[E]] : f32 to f64
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[EE]], %[[D]] : f64
// CHECK-NEXT:      linalg.yield %[[A]] : f64
// CHECK-NOT:     linalg.generic
func.func @upgraded_in_chain(%i: tensor<?xi8>, %d: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %i : tensor<?xi8> -> tensor<?xf32>
  %a = irtk.add %e, %d : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

// erf of a row, read by arctan2 at (0, d1) inside a sum over d0: erf stays a generic of its own (one erf per
// column, not one per element); arctan2 fuses into the sum, reading %m and the erf row.
// CHECK-LABEL: func.func @stretched_math(
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%row : tensor<1x?xf64>)
// CHECK:           math.erf
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%m, %e : tensor<?x?xf64>, tensor<1x?xf64>)
// CHECK-NEXT:    ^bb0(%[[M:.*]]: f64, %[[E:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[A:.*]] = math.atan2 %[[M]], %[[E]] : f64
// CHECK-NEXT:      %[[R:.*]] = arith.addf %[[ACC]], %[[A]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
func.func @stretched_math(%row: tensor<1x?xf64>, %m: tensor<?x?xf64>) -> tensor<?xf64> {
  %e = irtk.erf %row : tensor<1x?xf64> -> tensor<1x?xf64>
  %a = irtk.arctan2 %m, %e : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %a [0] : tensor<?x?xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}
