// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.constant` holds a dense elements attribute whose type is the result type.

// CHECK-LABEL: func.func @constants(
// CHECK-NEXT:    %splat = irtk.constant dense<2.500000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %vec = irtk.constant dense<[1.000000e+00, -2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK-NEXT:    %ints = irtk.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi32>
// CHECK-NEXT:    %bools = irtk.constant dense<[true, false]> : tensor<2xi1>
// CHECK-NEXT:    %unsigned = irtk.constant dense<255> : tensor<ui8>
// CHECK-NEXT:    %scalar = irtk.constant dense<-0.000000e+00> : tensor<f64>
// CHECK-NEXT:    %tagged = irtk.constant dense<1> : tensor<i64> {tag = 7 : i64}
// GENERIC-LABEL: "func.func"() <{sym_name = "constants"
// GENERIC:         %splat = "irtk.constant"() <{value = dense<2.500000e+00> : tensor<1x1xf64>}> : () -> tensor<1x1xf64>
// GENERIC:         %tagged = "irtk.constant"() <{value = dense<1> : tensor<i64>}> {tag = 7 : i64} : () -> tensor<i64>
func.func @constants() -> (tensor<1x1xf64>, tensor<3xf32>, tensor<2x2xi32>, tensor<2xi1>, tensor<ui8>, tensor<f64>, tensor<i64>) {
  %splat = irtk.constant dense<2.5> : tensor<1x1xf64>
  %vec = irtk.constant dense<[1.0, -2.0, 3.0]> : tensor<3xf32>
  %ints = irtk.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %bools = irtk.constant dense<[true, false]> : tensor<2xi1>
  %unsigned = irtk.constant dense<255> : tensor<ui8>
  %scalar = irtk.constant dense<-0.0> : tensor<f64>
  %tagged = irtk.constant dense<1> : tensor<i64> {tag = 7 : i64}
  return %splat, %vec, %ints, %bools, %unsigned, %scalar, %tagged : tensor<1x1xf64>, tensor<3xf32>, tensor<2x2xi32>, tensor<2xi1>, tensor<ui8>, tensor<f64>, tensor<i64>
}
