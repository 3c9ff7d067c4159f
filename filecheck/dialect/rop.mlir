// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.rop %f... wrt %x... tangents %v... : f types, wrt types, tangent types`: one result per f value, of its
// type. The operand groups' sizes are the `operandSegmentSizes` property. Without the autodiff pass the request
// round-trips unchanged.

// CHECK-LABEL: func.func @one(
// CHECK-NEXT:    %y = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %j = irtk.rop %y wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
// CHECK-NEXT:    func.return %j : tensor<?xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "one"
// GENERIC:         %j = "irtk.rop"(%y, %x, %v) <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
func.func @one(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %y = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.rop %y wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}

// Several f values and wrt values; a tangent may know static sizes its wrt value leaves dynamic; attributes are
// kept; an integer f value is allowed (its product is zero).
// CHECK-LABEL: func.func @several(
// CHECK:         %j, %j_1, %j_2 = irtk.rop %y, %s, %n wrt %a, %b tangents %u, %w {note = "three"} : tensor<?x2xf32>, tensor<f32>, tensor<?xi32>, tensor<?x2xf32>, tensor<1x2xf32>, tensor<3x2xf32>, tensor<1x2xf32>
// CHECK-NEXT:    func.return %j, %j_1, %j_2 : tensor<?x2xf32>, tensor<f32>, tensor<?xi32>
// GENERIC-LABEL: "func.func"() <{sym_name = "several"
// GENERIC:         "irtk.rop"(%y, %s, %n, %a, %b, %u, %w) <{operandSegmentSizes = array<i32: 3, 2, 2>}> {note = "three"}
func.func @several(%a: tensor<?x2xf32>, %b: tensor<1x2xf32>, %u: tensor<3x2xf32>, %w: tensor<1x2xf32>, %n: tensor<?xi32>)
    -> (tensor<?x2xf32>, tensor<f32>, tensor<?xi32>) {
  %y = irtk.mul %a, %b : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x2xf32>
  %s = irtk.sum %y [0, 1] : tensor<?x2xf32> -> tensor<f32>
  %j:3 = irtk.rop %y, %s, %n wrt %a, %b tangents %u, %w {note = "three"}
      : tensor<?x2xf32>, tensor<f32>, tensor<?xi32>, tensor<?x2xf32>, tensor<1x2xf32>, tensor<3x2xf32>, tensor<1x2xf32>
  return %j#0, %j#1, %j#2 : tensor<?x2xf32>, tensor<f32>, tensor<?xi32>
}
