// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.sum %x [axes]` drops the reduced dimensions; integers accumulate in 64 bits.

// CHECK-LABEL: func.func @axes(
// CHECK-NEXT:    %rows = irtk.sum %m [1] : tensor<?x4xf64> -> tensor<?xf64>
// CHECK-NEXT:    %cols = irtk.sum %m [0] : tensor<?x4xf64> -> tensor<4xf64>
// CHECK-NEXT:    %all = irtk.sum %m [0, 1] : tensor<?x4xf64> -> tensor<f64>
// CHECK-NEXT:    %none = irtk.sum %m [] : tensor<?x4xf64> -> tensor<?x4xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "axes"
// GENERIC:         "irtk.sum"(%m) <{axes = array<i64: 1>}> : (tensor<?x4xf64>) -> tensor<?xf64>
// GENERIC:         "irtk.sum"(%m) <{axes = array<i64: 0>}> : (tensor<?x4xf64>) -> tensor<4xf64>
// GENERIC:         "irtk.sum"(%m) <{axes = array<i64: 0, 1>}> : (tensor<?x4xf64>) -> tensor<f64>
// GENERIC:         "irtk.sum"(%m) <{axes = array<i64>}> : (tensor<?x4xf64>) -> tensor<?x4xf64>
func.func @axes(%m: tensor<?x4xf64>) -> (tensor<?xf64>, tensor<4xf64>, tensor<f64>, tensor<?x4xf64>) {
  %rows = irtk.sum %m [1] : tensor<?x4xf64> -> tensor<?xf64>
  %cols = irtk.sum %m [0] : tensor<?x4xf64> -> tensor<4xf64>
  %all = irtk.sum %m [0, 1] : tensor<?x4xf64> -> tensor<f64>
  %none = irtk.sum %m [] : tensor<?x4xf64> -> tensor<?x4xf64>
  return %rows, %cols, %all, %none : tensor<?xf64>, tensor<4xf64>, tensor<f64>, tensor<?x4xf64>
}

// CHECK-LABEL: func.func @accumulator_dtypes(
// CHECK-NEXT:    %a = irtk.sum %b [0] : tensor<?xi8> -> tensor<i64>
// CHECK-NEXT:    %c = irtk.sum %u [0] : tensor<?xui16> -> tensor<ui64>
// CHECK-NEXT:    %d = irtk.sum %p [0] : tensor<?xi1> -> tensor<i64>
// CHECK-NEXT:    %e = irtk.sum %f [0] : tensor<?xf32> -> tensor<f32>
func.func @accumulator_dtypes(%b: tensor<?xi8>, %u: tensor<?xui16>, %p: tensor<?xi1>, %f: tensor<?xf32>) -> (tensor<i64>, tensor<ui64>, tensor<i64>, tensor<f32>) {
  %a = irtk.sum %b [0] : tensor<?xi8> -> tensor<i64>
  %c = irtk.sum %u [0] : tensor<?xui16> -> tensor<ui64>
  %d = irtk.sum %p [0] : tensor<?xi1> -> tensor<i64>
  %e = irtk.sum %f [0] : tensor<?xf32> -> tensor<f32>
  return %a, %c, %d, %e : tensor<i64>, tensor<ui64>, tensor<i64>, tensor<f32>
}
