// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.grad %cost wrt %w... : cost type, wrt types`: one result per wrt value, of its type. Without the
// autodiff pass the request round-trips unchanged. The generic form names the operand groups (cost, known values,
// their gradients, wrt values) in `operandSegmentSizes`.

// CHECK-LABEL: func.func @one(
// CHECK-NEXT:    %cost = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
// CHECK-NEXT:    %g = irtk.grad %cost wrt %x : tensor<f64>, tensor<?xf64>
// CHECK-NEXT:    func.return %g : tensor<?xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "one"
// GENERIC:         %g = "irtk.grad"(%cost, %x) <{operandSegmentSizes = array<i32: 1, 0, 0, 1>}> : (tensor<f64>, tensor<?xf64>) -> tensor<?xf64>
func.func @one(%x: tensor<?xf64>) -> tensor<?xf64> {
  %cost = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %cost wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// CHECK-LABEL: func.func @several(
// CHECK:         %g, %g_1, %g_2 = irtk.grad %cost wrt %a, %b, %s {note = "three"} : tensor<f32>, tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>
// CHECK-NEXT:    func.return %g, %g_1, %g_2 : tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>
// GENERIC-LABEL: "func.func"() <{sym_name = "several"
// GENERIC:         "irtk.grad"(%cost, %a, %b, %s) <{operandSegmentSizes = array<i32: 1, 0, 0, 3>}> {note = "three"} : (tensor<f32>, tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>) -> (tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>)
func.func @several(%a: tensor<?x2xf32>, %b: tensor<1x2xf64>, %s: tensor<f32>) -> (tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>) {
  %ab = irtk.mul %a, %b : tensor<?x2xf32>, tensor<1x2xf64> -> tensor<?x2xf64>
  %t = irtk.sum %ab [0, 1] : tensor<?x2xf64> -> tensor<f64>
  %t32 = irtk.cast %t : tensor<f64> -> tensor<f32>
  %cost = irtk.mul %t32, %s : tensor<f32>, tensor<f32> -> tensor<f32>
  %g:3 = irtk.grad %cost wrt %a, %b, %s {note = "three"} : tensor<f32>, tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>
  return %g#0, %g#1, %g#2 : tensor<?x2xf32>, tensor<1x2xf64>, tensor<f32>
}

// Known gradients (Theano's known_grads), with or without a cost, and `allow_disconnected`.
// CHECK-LABEL: func.func @known(
// CHECK:         %g = irtk.grad %cost known(%h = %dh) wrt %x allow_disconnected : tensor<f64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
// CHECK-NEXT:    %g2, %g2_1 = irtk.grad known(%h = %dh, %cost = %one) wrt %x, %y : tensor<?xf64>, tensor<?xf64>, tensor<f64>, tensor<f64>, tensor<?xf64>, tensor<f64>
// GENERIC-LABEL: "func.func"() <{sym_name = "known"
// GENERIC:         "irtk.grad"(%cost, %h, %dh, %x) <{allow_disconnected, operandSegmentSizes = array<i32: 1, 1, 1, 1>}>
// GENERIC:         "irtk.grad"(%h, %cost, %dh, %one, %x, %y) <{operandSegmentSizes = array<i32: 0, 2, 2, 2>}>
func.func @known(%x: tensor<?xf64>, %y: tensor<f64>, %dh: tensor<?xf64>, %one: tensor<f64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<f64>) {
  %h = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %cost = irtk.sum %h [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %cost known(%h = %dh) wrt %x allow_disconnected : tensor<f64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  %g2:2 = irtk.grad known(%h = %dh, %cost = %one) wrt %x, %y : tensor<?xf64>, tensor<?xf64>, tensor<f64>, tensor<f64>, tensor<?xf64>, tensor<f64>
  return %g, %g2#0, %g2#1 : tensor<?xf64>, tensor<?xf64>, tensor<f64>
}
