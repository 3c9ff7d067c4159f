// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.dot` is numpy's dot for every rank: the last dimension of lhs meets the only one of a vector rhs, or
// the second-to-last of rhs; the result has lhs's other dimensions, then rhs's. A scalar multiplies.

// CHECK-LABEL: func.func @ranks(
// CHECK-NEXT:    %vv = irtk.dot %u, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
// CHECK-NEXT:    %mv = irtk.dot %a, %v : tensor<3x?xf64>, tensor<?xf64> -> tensor<3xf64>
// CHECK-NEXT:    %vm = irtk.dot %u, %b : tensor<?xf64>, tensor<?x5xf64> -> tensor<5xf64>
// CHECK-NEXT:    %mm = irtk.dot %a, %b : tensor<3x?xf64>, tensor<?x5xf64> -> tensor<3x5xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "ranks"
// GENERIC:         %vv = "irtk.dot"(%u, %v) : (tensor<?xf64>, tensor<?xf64>) -> tensor<f64>
// GENERIC:         %mm = "irtk.dot"(%a, %b) : (tensor<3x?xf64>, tensor<?x5xf64>) -> tensor<3x5xf64>
func.func @ranks(%u: tensor<?xf64>, %v: tensor<?xf64>, %a: tensor<3x?xf64>, %b: tensor<?x5xf64>) -> (tensor<f64>, tensor<3xf64>, tensor<5xf64>, tensor<3x5xf64>) {
  %vv = irtk.dot %u, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %mv = irtk.dot %a, %v : tensor<3x?xf64>, tensor<?xf64> -> tensor<3xf64>
  %vm = irtk.dot %u, %b : tensor<?xf64>, tensor<?x5xf64> -> tensor<5xf64>
  %mm = irtk.dot %a, %b : tensor<3x?xf64>, tensor<?x5xf64> -> tensor<3x5xf64>
  return %vv, %mv, %vm, %mm : tensor<f64>, tensor<3xf64>, tensor<5xf64>, tensor<3x5xf64>
}

// Higher ranks: (2x3x4) . (4) -> (2x3); (2x3x4) . (6x4x5) -> (2x3x6x5); (4) . (6x4x5) -> (6x5).
// CHECK-LABEL: func.func @higher_ranks(
// CHECK-NEXT:    %tv = irtk.dot %t, %v : tensor<2x3x4xf64>, tensor<4xf64> -> tensor<2x3xf64>
// CHECK-NEXT:    %tt = irtk.dot %t, %s : tensor<2x3x4xf64>, tensor<6x?x5xf64> -> tensor<2x3x6x5xf64>
// CHECK-NEXT:    %vt = irtk.dot %v, %s : tensor<4xf64>, tensor<6x?x5xf64> -> tensor<6x5xf64>
func.func @higher_ranks(%t: tensor<2x3x4xf64>, %v: tensor<4xf64>, %s: tensor<6x?x5xf64>) -> (tensor<2x3xf64>, tensor<2x3x6x5xf64>, tensor<6x5xf64>) {
  %tv = irtk.dot %t, %v : tensor<2x3x4xf64>, tensor<4xf64> -> tensor<2x3xf64>
  %tt = irtk.dot %t, %s : tensor<2x3x4xf64>, tensor<6x?x5xf64> -> tensor<2x3x6x5xf64>
  %vt = irtk.dot %v, %s : tensor<4xf64>, tensor<6x?x5xf64> -> tensor<6x5xf64>
  return %tv, %tt, %vt : tensor<2x3xf64>, tensor<2x3x6x5xf64>, tensor<6x5xf64>
}

// A scalar operand multiplies the other elementwise.
// CHECK-LABEL: func.func @scalars(
// CHECK-NEXT:    %sm = irtk.dot %s, %m : tensor<f32>, tensor<?x3xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %ss = irtk.dot %s, %s : tensor<f32>, tensor<f32> -> tensor<f32>
func.func @scalars(%s: tensor<f32>, %m: tensor<?x3xf64>) -> (tensor<?x3xf64>, tensor<f32>) {
  %sm = irtk.dot %s, %m : tensor<f32>, tensor<?x3xf64> -> tensor<?x3xf64>
  %ss = irtk.dot %s, %s : tensor<f32>, tensor<f32> -> tensor<f32>
  return %sm, %ss : tensor<?x3xf64>, tensor<f32>
}

// Mixed dtypes upcast; a static contracted size meets a dynamic one (checked when the program runs).
// CHECK-LABEL: func.func @mixed(
// CHECK-NEXT:    %r = irtk.dot %a, %b : tensor<2x4xf32>, tensor<?x?xi32> -> tensor<2x?xf64>
func.func @mixed(%a: tensor<2x4xf32>, %b: tensor<?x?xi32>) -> tensor<2x?xf64> {
  %r = irtk.dot %a, %b : tensor<2x4xf32>, tensor<?x?xi32> -> tensor<2x?xf64>
  return %r : tensor<2x?xf64>
}
