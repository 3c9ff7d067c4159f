// RUN: irtk-opt %s --split-input-file --verify-diagnostics | filecheck %s

// irtk.reshape: sizes static in the result type or given by 0-d integer operands, one per `?`; when both shapes are
// static their element counts must agree.

// CHECK-LABEL: func.func @reshapes(
// CHECK-NEXT:    %a = irtk.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %b = irtk.reshape %y, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>
// CHECK-NEXT:    %c = irtk.reshape %z : tensor<1xi8> -> tensor<i8>
func.func @reshapes(%x: tensor<2x6xf32>, %y: tensor<?x?xf64>, %n: tensor<i64>, %z: tensor<1xi8>) -> (tensor<3x4xf32>, tensor<?x6xf64>, tensor<i8>) {
  %a = irtk.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %b = irtk.reshape %y, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>
  %c = irtk.reshape %z : tensor<1xi8> -> tensor<i8>
  return %a, %b, %c : tensor<3x4xf32>, tensor<?x6xf64>, tensor<i8>
}

// -----

func.func @counts_differ(%x: tensor<2x6xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{irtk.reshape: cannot reshape 12 elements (2, 6) into shape (4, 4)}}
  %a = irtk.reshape %x : tensor<2x6xf32> -> tensor<4x4xf32>
  return %a : tensor<4x4xf32>
}
