// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A splat constant operand of an elementwise op becomes a scalar arith.constant inside the body (the
// tensor constant is then gone); any other constant becomes a dense arith.constant tensor, read like
// any operand. Constants nobody uses disappear.

// CHECK-LABEL: func.func @splat_operand(
// CHECK-NOT:     dense<
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[HALF]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
// CHECK-NOT:     irtk.constant
func.func @splat_operand(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %c = irtk.constant dense<0.5> : tensor<1x1xf64>
  %a = irtk.mul %x, %c : tensor<?x3xf64>, tensor<1x1xf64> -> tensor<?x3xf64>
  return %a : tensor<?x3xf64>
}

// -----

// The scalar takes the constant's dtype, then is converted to the compute dtype like any operand.
// CHECK-LABEL: func.func @splat_of_other_dtype(
// CHECK:         ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[TWO:.*]] = arith.constant 2 : i8
// CHECK-NEXT:      %[[TWOF:.*]] = arith.sitofp %[[TWO]] : i8 to f64
// CHECK-NEXT:      %[[Q:.*]] = arith.divf %[[X]], %[[TWOF]] : f64
func.func @splat_of_other_dtype(%x: tensor<?xf64>) -> tensor<?xf64> {
  %c = irtk.constant dense<2> : tensor<1xi8>
  %a = irtk.div %x, %c : tensor<?xf64>, tensor<1xi8> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

// CHECK-LABEL: func.func @dense_operand(
// CHECK:         %d = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<1x3xf64>
// CHECK:         %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%d, %x : tensor<1x3xf64>, tensor<?x3xf64>)
func.func @dense_operand(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %d = irtk.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf64>
  %b = irtk.add %d, %x : tensor<1x3xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
  return %b : tensor<?x3xf64>
}

// -----

// Returned constants (splat or not) stay dense tensors; unused ones are erased.
// CHECK-LABEL: func.func @returned_and_unused(
// CHECK-NEXT:    %s = arith.constant dense<7> : tensor<2xi32>
// CHECK-NEXT:    %v = arith.constant dense<[4, 5]> : tensor<2xi32>
// CHECK-NEXT:    func.return %s, %v : tensor<2xi32>, tensor<2xi32>
func.func @returned_and_unused() -> (tensor<2xi32>, tensor<2xi32>) {
  %unused = irtk.constant dense<7.0> : tensor<5xf64>
  %s = irtk.constant dense<7> : tensor<2xi32>
  %v = irtk.constant dense<[4, 5]> : tensor<2xi32>
  return %s, %v : tensor<2xi32>, tensor<2xi32>
}
