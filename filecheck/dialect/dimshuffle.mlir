// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.dimshuffle %v [pattern]`: each entry names the operand dimension a result dimension takes, `x` a new
// size-1 dimension. Dimensions left out must have static size 1. In the generic form the pattern is the
// `pattern` property, an i64 array with -1 for `x`.

// CHECK-LABEL: func.func @transpose(
// CHECK-NEXT:    %t = irtk.dimshuffle %m [1, 0] : tensor<?x3xf64> -> tensor<3x?xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "transpose"
// GENERIC:         "irtk.dimshuffle"(%m) <{pattern = array<i64: 1, 0>}> : (tensor<?x3xf64>) -> tensor<3x?xf64>
func.func @transpose(%m: tensor<?x3xf64>) -> tensor<3x?xf64> {
  %t = irtk.dimshuffle %m [1, 0] : tensor<?x3xf64> -> tensor<3x?xf64>
  return %t : tensor<3x?xf64>
}

// CHECK-LABEL: func.func @new_axes(
// CHECK-NEXT:    %row = irtk.dimshuffle %v [x, 0] : tensor<?xf32> -> tensor<1x?xf32>
// CHECK-NEXT:    %col3 = irtk.dimshuffle %v [0, x, x] : tensor<?xf32> -> tensor<?x1x1xf32>
// CHECK-NEXT:    %vec = irtk.dimshuffle %s [x] : tensor<f32> -> tensor<1xf32>
// GENERIC-LABEL: "func.func"() <{sym_name = "new_axes"
// GENERIC:         <{pattern = array<i64: -1, 0>}>
// GENERIC:         <{pattern = array<i64: 0, -1, -1>}>
// GENERIC:         <{pattern = array<i64: -1>}>
func.func @new_axes(%v: tensor<?xf32>, %s: tensor<f32>) -> (tensor<1x?xf32>, tensor<?x1x1xf32>, tensor<1xf32>) {
  %row = irtk.dimshuffle %v [x, 0] : tensor<?xf32> -> tensor<1x?xf32>
  %col3 = irtk.dimshuffle %v [0, x, x] : tensor<?xf32> -> tensor<?x1x1xf32>
  %vec = irtk.dimshuffle %s [x] : tensor<f32> -> tensor<1xf32>
  return %row, %col3, %vec : tensor<1x?xf32>, tensor<?x1x1xf32>, tensor<1xf32>
}

// Dropping size-1 dimensions, down to a scalar with the empty pattern.
// CHECK-LABEL: func.func @drop(
// CHECK-NEXT:    %v = irtk.dimshuffle %row [1] : tensor<1x?xi64> -> tensor<?xi64>
// CHECK-NEXT:    %s = irtk.dimshuffle %unit [] : tensor<1x1xi64> -> tensor<i64>
// CHECK-NEXT:    %mixed = irtk.dimshuffle %t3 [x, 2, 0] : tensor<?x1x5xi64> -> tensor<1x5x?xi64>
// GENERIC-LABEL: "func.func"() <{sym_name = "drop"
// GENERIC:         <{pattern = array<i64: 1>}>
// GENERIC:         <{pattern = array<i64>}>
// GENERIC:         <{pattern = array<i64: -1, 2, 0>}>
func.func @drop(%row: tensor<1x?xi64>, %unit: tensor<1x1xi64>, %t3: tensor<?x1x5xi64>) -> (tensor<?xi64>, tensor<i64>, tensor<1x5x?xi64>) {
  %v = irtk.dimshuffle %row [1] : tensor<1x?xi64> -> tensor<?xi64>
  %s = irtk.dimshuffle %unit [] : tensor<1x1xi64> -> tensor<i64>
  %mixed = irtk.dimshuffle %t3 [x, 2, 0] : tensor<?x1x5xi64> -> tensor<1x5x?xi64>
  return %v, %s, %mixed : tensor<?xi64>, tensor<i64>, tensor<1x5x?xi64>
}
