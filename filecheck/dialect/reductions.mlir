// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// The reductions other than sum (see sum.mlir), with sum's syntax: `irtk.<op> %x [axes] : T -> U`, the result
// dropping the reduced dimensions. prod accumulates integers and booleans in 64 bits like sum; max and min keep
// the operand's dtype; all and any return bool.

// CHECK-LABEL: func.func @reductions(
// CHECK-NEXT:    %p = irtk.prod %m [0, 2] : tensor<?x?x3xf32> -> tensor<?xf32>
// CHECK-NEXT:    %pi = irtk.prod %i [0] : tensor<?x4xi32> -> tensor<4xi64>
// CHECK-NEXT:    %pb = irtk.prod %b [0, 1] : tensor<?x?xi1> -> tensor<i64>
// CHECK-NEXT:    %hi = irtk.max %i [1] : tensor<?x4xi32> -> tensor<?xi32>
// CHECK-NEXT:    %lo = irtk.min %m [0, 1, 2] : tensor<?x?x3xf32> -> tensor<f32>
// CHECK-NEXT:    %all = irtk.all %b [1] : tensor<?x?xi1> -> tensor<?xi1>
// CHECK-NEXT:    %any = irtk.any %m [1] : tensor<?x?x3xf32> -> tensor<?x3xi1>
// GENERIC-LABEL: "func.func"() <{sym_name = "reductions"
// GENERIC:         %p = "irtk.prod"(%m) <{axes = array<i64: 0, 2>}> : (tensor<?x?x3xf32>) -> tensor<?xf32>
// GENERIC:         %hi = "irtk.max"(%i) <{axes = array<i64: 1>}> : (tensor<?x4xi32>) -> tensor<?xi32>
// GENERIC:         %all = "irtk.all"(%b) <{axes = array<i64: 1>}> : (tensor<?x?xi1>) -> tensor<?xi1>
func.func @reductions(%m: tensor<?x?x3xf32>, %i: tensor<?x4xi32>, %b: tensor<?x?xi1>) -> (tensor<?xf32>, tensor<4xi64>, tensor<i64>, tensor<?xi32>, tensor<f32>, tensor<?xi1>, tensor<?x3xi1>) {
  %p = irtk.prod %m [0, 2] : tensor<?x?x3xf32> -> tensor<?xf32>
  %pi = irtk.prod %i [0] : tensor<?x4xi32> -> tensor<4xi64>
  %pb = irtk.prod %b [0, 1] : tensor<?x?xi1> -> tensor<i64>
  %hi = irtk.max %i [1] : tensor<?x4xi32> -> tensor<?xi32>
  %lo = irtk.min %m [0, 1, 2] : tensor<?x?x3xf32> -> tensor<f32>
  %all = irtk.all %b [1] : tensor<?x?xi1> -> tensor<?xi1>
  %any = irtk.any %m [1] : tensor<?x?x3xf32> -> tensor<?x3xi1>
  return %p, %pi, %pb, %hi, %lo, %all, %any : tensor<?xf32>, tensor<4xi64>, tensor<i64>, tensor<?xi32>, tensor<f32>, tensor<?xi1>, tensor<?x3xi1>
}
