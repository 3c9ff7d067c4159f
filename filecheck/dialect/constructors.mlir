// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// The constructors `irtk.alloc`, `irtk.eye` and `irtk.arange`: a size is static (in the result type) or given
// by a 0-d integer operand, one per `?` of the result type, in order. The custom syntax derives the properties
// from the result type: `static_shape` (-1 where dynamic) and, for eye and arange, the result `dtype`.

// CHECK-LABEL: func.func @alloc(
// CHECK-NEXT:    %z = irtk.alloc %v, %n : tensor<f64>, tensor<i64> -> tensor<?x3xf64>
// CHECK-NEXT:    %s = irtk.alloc %row : tensor<1x3xf32> -> tensor<2x4x3xf32>
// CHECK-NEXT:    %d = irtk.alloc %v, %n, %m : tensor<f64>, tensor<i64>, tensor<i8> -> tensor<?x1x?xf64>
// GENERIC-LABEL: "func.func"() <{sym_name = "alloc"
// GENERIC:         "irtk.alloc"(%v, %n) <{static_shape = array<i64: -1, 3>}> : (tensor<f64>, tensor<i64>) -> tensor<?x3xf64>
// GENERIC:         "irtk.alloc"(%row) <{static_shape = array<i64: 2, 4, 3>}> : (tensor<1x3xf32>) -> tensor<2x4x3xf32>
// GENERIC:         "irtk.alloc"(%v, %n, %m) <{static_shape = array<i64: -1, 1, -1>}>
func.func @alloc(%v: tensor<f64>, %row: tensor<1x3xf32>, %n: tensor<i64>, %m: tensor<i8>) -> (tensor<?x3xf64>, tensor<2x4x3xf32>, tensor<?x1x?xf64>) {
  %z = irtk.alloc %v, %n : tensor<f64>, tensor<i64> -> tensor<?x3xf64>
  %s = irtk.alloc %row : tensor<1x3xf32> -> tensor<2x4x3xf32>
  %d = irtk.alloc %v, %n, %m : tensor<f64>, tensor<i64>, tensor<i8> -> tensor<?x1x?xf64>
  return %z, %s, %d : tensor<?x3xf64>, tensor<2x4x3xf32>, tensor<?x1x?xf64>
}

// CHECK-LABEL: func.func @eye(
// CHECK-NEXT:    %e = irtk.eye %n, %k : tensor<i64>, tensor<i32> -> tensor<?x4xf32>
// CHECK-NEXT:    %i = irtk.eye %n, %n, %k : tensor<i64>, tensor<i64>, tensor<i32> -> tensor<?x?xi8>
// GENERIC-LABEL: "func.func"() <{sym_name = "eye"
// GENERIC:         "irtk.eye"(%n, %k) <{static_shape = array<i64: -1, 4>, dtype = f32}> : (tensor<i64>, tensor<i32>) -> tensor<?x4xf32>
// GENERIC:         "irtk.eye"(%n, %n, %k) <{static_shape = array<i64: -1, -1>, dtype = i8}>
func.func @eye(%n: tensor<i64>, %k: tensor<i32>) -> (tensor<?x4xf32>, tensor<?x?xi8>) {
  %e = irtk.eye %n, %k : tensor<i64>, tensor<i32> -> tensor<?x4xf32>
  %i = irtk.eye %n, %n, %k : tensor<i64>, tensor<i64>, tensor<i32> -> tensor<?x?xi8>
  return %e, %i : tensor<?x4xf32>, tensor<?x?xi8>
}

// CHECK-LABEL: func.func @arange(
// CHECK-NEXT:    %r = irtk.arange %a, %b, %c : tensor<i64>, tensor<f32>, tensor<i8> -> tensor<?xf32>
// CHECK-NEXT:    %s = irtk.arange %a, %a, %c : tensor<i64>, tensor<i64>, tensor<i8> -> tensor<5xi32>
// GENERIC-LABEL: "func.func"() <{sym_name = "arange"
// GENERIC:         "irtk.arange"(%a, %b, %c) <{static_shape = array<i64: -1>, dtype = f32}>
// GENERIC:         "irtk.arange"(%a, %a, %c) <{static_shape = array<i64: 5>, dtype = i32}>
func.func @arange(%a: tensor<i64>, %b: tensor<f32>, %c: tensor<i8>) -> (tensor<?xf32>, tensor<5xi32>) {
  %r = irtk.arange %a, %b, %c : tensor<i64>, tensor<f32>, tensor<i8> -> tensor<?xf32>
  %s = irtk.arange %a, %a, %c : tensor<i64>, tensor<i64>, tensor<i8> -> tensor<5xi32>
  return %r, %s : tensor<?xf32>, tensor<5xi32>
}
