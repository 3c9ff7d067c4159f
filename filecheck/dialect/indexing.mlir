// RUN: irtk-opt %s --split-input-file | irtk-opt --split-input-file | filecheck %s
// RUN: irtk-opt %s --split-input-file --print-op-generic | irtk-opt --split-input-file | filecheck %s

// Advanced indexing: integer index tensors, broadcast together to B, address the leading dimensions; the result
// of a gather has shape B followed by the remaining dimensions. inc and set return x's type.

// CHECK-LABEL: func.func @indexing(
// CHECK-NEXT:    %g = irtk.advanced_subtensor %x[%r, %c] : tensor<?x?x5xf32>, tensor<?x1xi64>, tensor<1x4xi32> -> tensor<?x4x5xf32>
// CHECK-NEXT:    %u = irtk.advanced_inc_subtensor %x[%r], %y : tensor<?x?x5xf32>, tensor<5xf64>, tensor<?x1xi64> -> tensor<?x?x5xf32>
// CHECK-NEXT:    %s = irtk.advanced_set_subtensor %x[%r, %c], %y : tensor<?x?x5xf32>, tensor<5xf64>, tensor<?x1xi64>, tensor<1x4xi32> -> tensor<?x?x5xf32>
func.func @indexing(%x: tensor<?x?x5xf32>, %r: tensor<?x1xi64>, %c: tensor<1x4xi32>, %y: tensor<5xf64>) -> (tensor<?x4x5xf32>, tensor<?x?x5xf32>, tensor<?x?x5xf32>) {
  %g = irtk.advanced_subtensor %x[%r, %c] : tensor<?x?x5xf32>, tensor<?x1xi64>, tensor<1x4xi32> -> tensor<?x4x5xf32>
  %u = irtk.advanced_inc_subtensor %x[%r], %y : tensor<?x?x5xf32>, tensor<5xf64>, tensor<?x1xi64> -> tensor<?x?x5xf32>
  %s = irtk.advanced_set_subtensor %x[%r, %c], %y : tensor<?x?x5xf32>, tensor<5xf64>, tensor<?x1xi64>, tensor<1x4xi32> -> tensor<?x?x5xf32>
  return %g, %u, %s : tensor<?x4x5xf32>, tensor<?x?x5xf32>, tensor<?x?x5xf32>
}

// -----

// The structured scatter: updates of shape B + remaining dims, int64 indices of shape B, a body combining.
// CHECK-LABEL: func.func @scatter(
// CHECK:         %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
// CHECK-NEXT:    ^bb0(%update: f64, %current: f64):
// CHECK-NEXT:      %s = arith.addf %current, %update : f64
// CHECK-NEXT:      irtk_ext.yield %s : f64
// CHECK-NEXT:    } -> tensor<?x4xf64>
func.func @scatter(%u: tensor<?x4xf64>, %i: tensor<?xi64>, %t: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}
