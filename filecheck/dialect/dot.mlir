// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.dot` in its four rank combinations: the last dimension of lhs meets the first of rhs.

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

// Mixed dtypes upcast; a static contracted size meets a dynamic one (checked when the program runs).
// CHECK-LABEL: func.func @mixed(
// CHECK-NEXT:    %r = irtk.dot %a, %b : tensor<2x4xf32>, tensor<?x?xi32> -> tensor<2x?xf64>
func.func @mixed(%a: tensor<2x4xf32>, %b: tensor<?x?xi32>) -> tensor<2x?xf64> {
  %r = irtk.dot %a, %b : tensor<2x4xf32>, tensor<?x?xi32> -> tensor<2x?xf64>
  return %r : tensor<2x?xf64>
}
