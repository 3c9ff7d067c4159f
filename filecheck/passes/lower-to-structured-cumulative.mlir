// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A cumulative op becomes one irtk_ext.scan along its axis, into a fresh tensor of the result's sizes; an integer
// operand is first widened to int64 by an elementwise generic, so that the scan accumulates in the result dtype.

// CHECK-LABEL: func.func @cumsum_float(
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x4xf32>
// CHECK-NEXT:    %c = irtk_ext.scan dimension(1) ins(%x : tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>) {
// CHECK-NEXT:    ^bb0(%carry: f32, %element: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %carry, %element : f32
// CHECK-NEXT:      irtk_ext.yield %[[S]] : f32
// CHECK-NEXT:    } -> tensor<?x4xf32>
func.func @cumsum_float(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %c = irtk.cumsum %x [1] : tensor<?x4xf32> -> tensor<?x4xf32>
  return %c : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @cumprod_int_reverse(
// CHECK:         %[[W:.*]] = linalg.generic
// CHECK:           arith.extsi %{{.*}} : i8 to i64
// CHECK:         irtk_ext.scan dimension(0) reverse ins(%[[W]] : tensor<?xi64>) outs(%{{.*}} : tensor<?xi64>) {
// CHECK-NEXT:    ^bb0(%carry: i64, %element: i64):
// CHECK-NEXT:      %[[P:.*]] = arith.muli %carry, %element : i64
// CHECK-NEXT:      irtk_ext.yield %[[P]] : i64
func.func @cumprod_int_reverse(%x: tensor<?xi8>) -> tensor<?xi64> {
  %c = irtk.cumprod %x [0] reverse : tensor<?xi8> -> tensor<?xi64>
  return %c : tensor<?xi64>
}

// -----

// A size read from a scan's result is read from its init instead (the scan's result need not stay alive for it).
// CHECK-LABEL: func.func @size_of_a_scan(
// CHECK:         %[[D:.*]] = tensor.dim %x, %{{.*}} : tensor<?xf64>
// CHECK-NOT:     tensor.dim %c
func.func @size_of_a_scan(%x: tensor<?xf64>) -> tensor<?xf64> {
  %c = irtk.cumsum %x [0] : tensor<?xf64> -> tensor<?xf64>
  %n = irtk.neg %c : tensor<?xf64> -> tensor<?xf64>
  return %n : tensor<?xf64>
}
