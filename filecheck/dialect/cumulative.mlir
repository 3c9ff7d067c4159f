// RUN: irtk-opt %s --split-input-file | irtk-opt --split-input-file | filecheck %s
// RUN: irtk-opt %s --split-input-file --print-op-generic | irtk-opt --split-input-file | filecheck %s

// irtk.cumsum and irtk.cumprod: one axis, an optional `reverse`; booleans and integers accumulate in 64 bits, floats
// keep their dtype.

// CHECK-LABEL: func.func @cumulative(
// CHECK-NEXT:    %a = irtk.cumsum %x [1] : tensor<?x3xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %b = irtk.cumprod %x [0] reverse : tensor<?x3xf32> -> tensor<?x3xf32>
// CHECK-NEXT:    %c = irtk.cumsum %i [0] : tensor<4xi8> -> tensor<4xi64>
// CHECK-NEXT:    %d = irtk.cumprod %p [0] : tensor<?xi1> -> tensor<?xi64>
func.func @cumulative(%x: tensor<?x3xf32>, %i: tensor<4xi8>, %p: tensor<?xi1>) -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<4xi64>, tensor<?xi64>) {
  %a = irtk.cumsum %x [1] : tensor<?x3xf32> -> tensor<?x3xf32>
  %b = irtk.cumprod %x [0] reverse : tensor<?x3xf32> -> tensor<?x3xf32>
  %c = irtk.cumsum %i [0] : tensor<4xi8> -> tensor<4xi64>
  %d = irtk.cumprod %p [0] : tensor<?xi1> -> tensor<?xi64>
  return %a, %b, %c, %d : tensor<?x3xf32>, tensor<?x3xf32>, tensor<4xi64>, tensor<?xi64>
}

// -----

// irtk_ext.scan, the structured form: on tensors it returns its outs type; on buffers it has no result.
// CHECK-LABEL: func.func @scan(
// CHECK:         %r = irtk_ext.scan dimension(0) reverse ins(%x : tensor<?xi64>) outs(%init : tensor<?xi64>) {
// CHECK-NEXT:    ^bb0(%carry: i64, %element: i64):
// CHECK-NEXT:      %s = arith.muli %carry, %element : i64
// CHECK-NEXT:      irtk_ext.yield %s : i64
// CHECK-NEXT:    } -> tensor<?xi64>
// CHECK:         irtk_ext.scan dimension(1) ins(%m : memref<2x?xf64>) outs(%out : memref<2x?xf64>) {
// CHECK:         }
// CHECK-NOT:     ->
func.func @scan(%x: tensor<?xi64>, %init: tensor<?xi64>, %m: memref<2x?xf64>, %out: memref<2x?xf64>) -> tensor<?xi64> {
  %r = irtk_ext.scan dimension(0) reverse ins(%x : tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%carry: i64, %element: i64):
    %s = arith.muli %carry, %element : i64
    irtk_ext.yield %s : i64
  } -> tensor<?xi64>
  irtk_ext.scan dimension(1) ins(%m : memref<2x?xf64>) outs(%out : memref<2x?xf64>) {
  ^bb0(%carry: f64, %element: f64):
    %s = arith.addf %carry, %element : f64
    irtk_ext.yield %s : f64
  }
  return %r : tensor<?xi64>
}
