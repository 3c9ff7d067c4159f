// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s
// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s --check-prefix=FUSED

// fuse merges an elementwise producer with a single use into its consumer: an elementwise chain and
// the reduction that consumes it become ONE linalg.generic, which reads the chain's inputs directly and
// computes every scalar op inline, in the original order.

// CHECK-LABEL: func.func @chain_into_sum(
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
// CHECK:         func.return
//
// FUSED-LABEL: func.func @chain_into_sum(
// FUSED:         %[[ACC:.*]] = linalg.fill
// FUSED-NEXT:    %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// FUSED-SAME:      ins(%x, %y : tensor<?x?xf64>, tensor<?x?xf64>) outs(%[[ACC]] : tensor<f64>)
// FUSED-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %[[A:.*]]: f64):
// FUSED-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f64
// FUSED-NEXT:      %[[S:.*]] = arith.mulf %[[D]], %[[D]] : f64
// FUSED-NEXT:      %[[E:.*]] = math.exp %[[S]] : f64
// FUSED-NEXT:      %[[R:.*]] = arith.addf %[[A]], %[[E]] : f64
// FUSED-NEXT:      linalg.yield %[[R]] : f64
// FUSED-NEXT:    } -> tensor<f64>
// FUSED-NEXT:    func.return %c : tensor<f64>
func.func @chain_into_sum(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>) -> tensor<f64> {
  %d = irtk.sub %x, %y : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sqr %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %e = irtk.exp %s : tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %e [0, 1] : tensor<?x?xf64> -> tensor<f64>
  return %c : tensor<f64>
}

// -----

// A chain of elementwise ops alone, with broadcasting of a row and a scalar constant: one generic.
// CHECK-LABEL: func.func @elementwise_chain(
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
// FUSED-LABEL: func.func @elementwise_chain(
// FUSED:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// FUSED-SAME:      ins(%m, %row : tensor<?x?xf32>, tensor<1x?xf64>)
// FUSED:           arith.extf
// FUSED-NEXT:      arith.addf
// FUSED-NEXT:      arith.constant 2.000000e+00 : f64
// FUSED-NEXT:      arith.mulf
// FUSED-NEXT:      math.sqrt
func.func @elementwise_chain(%m: tensor<?x?xf32>, %row: tensor<1x?xf64>) -> tensor<?x?xf64> {
  %a = irtk.add %m, %row : tensor<?x?xf32>, tensor<1x?xf64> -> tensor<?x?xf64>
  %two = irtk.constant dense<2.0> : tensor<1x1xf64>
  %b = irtk.mul %a, %two : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
  %c = irtk.sqrt %b : tensor<?x?xf64> -> tensor<?x?xf64>
  return %c : tensor<?x?xf64>
}

// -----

// A transpose read through a permutation fuses into the dot that consumes it: A^T v reads A directly.
// CHECK-LABEL: func.func @transpose_into_dot(
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
// FUSED-LABEL: func.func @transpose_into_dot(
// FUSED:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// FUSED-SAME:      ins(%a, %v : tensor<?x?xf64>, tensor<?xf64>)
func.func @transpose_into_dot(%a: tensor<?x?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %t = irtk.dimshuffle %a [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %r = irtk.dot %t, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// A single-element producer is recomputed inside a consumer that stretches it (cheaper than a temporary).
// CHECK-LABEL: func.func @single_element_producer(
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
// FUSED-LABEL: func.func @single_element_producer(
// FUSED:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// FUSED-SAME:      ins(%s, %m : tensor<1x1xf64>, tensor<?x?xf64>)
// FUSED:           math.exp
// FUSED-NEXT:      arith.addf
func.func @single_element_producer(%s: tensor<1x1xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %s : tensor<1x1xf64> -> tensor<1x1xf64>
  %a = irtk.add %e, %m : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// irtk.broadcast reads `like` only for its shape: the input is dropped, so the producer of `like` is left
// with its single real use and fuses.
// CHECK-LABEL: func.func @broadcast_like_dropped(
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
// FUSED-LABEL: func.func @broadcast_like_dropped(
// FUSED:         linalg.generic
// FUSED-SAME:      ins(%row, %x : tensor<1x3xf32>, tensor<?x3xf64>)
// FUSED-NEXT:    ^bb0(%{{.*}}: f32, %[[X:.*]]: f64, %{{.*}}: f32):
// FUSED-NEXT:      math.exp %[[X]] : f64
func.func @broadcast_like_dropped(%x: tensor<?x3xf64>, %row: tensor<1x3xf32>) -> tensor<?x3xf32> {
  %e = irtk.exp %x : tensor<?x3xf64> -> tensor<?x3xf64>
  %b = irtk.broadcast %row to %e : tensor<1x3xf32>, tensor<?x3xf64> -> tensor<?x3xf32>
  %n = irtk.neg %e : tensor<?x3xf64> -> tensor<?x3xf64>
  %c = irtk.cast %n : tensor<?x3xf64> -> tensor<?x3xf32>
  %s = irtk.add %b, %c : tensor<?x3xf32>, tensor<?x3xf32> -> tensor<?x3xf32>
  return %s : tensor<?x3xf32>
}
