// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// The ops over `axes` that are not plain reductions. argmax/argmin have two results, the extreme value (the
// operand's dtype) and its int64 index, so their type list reads `: T -> V, I`. count is an int64 scalar
// whatever the axes; iota has the operand's shape and is int64.

// CHECK-LABEL: func.func @arg_extrema(
// CHECK-NEXT:    %v, %i = irtk.argmax %m [1] : tensor<?x4xf64> -> tensor<?xf64>, tensor<?xi64>
// CHECK-NEXT:    %w, %j = irtk.argmin %n [0, 1] : tensor<?x?xi16> -> tensor<i16>, tensor<i64>
// CHECK-NEXT:    %u, %k = irtk.argmax %m [0] {tag = 1 : i64} : tensor<?x4xf64> -> tensor<4xf64>, tensor<4xi64>
// GENERIC-LABEL: "func.func"() <{sym_name = "arg_extrema"
// GENERIC:         %v, %i = "irtk.argmax"(%m) <{axes = array<i64: 1>}> : (tensor<?x4xf64>) -> (tensor<?xf64>, tensor<?xi64>)
// GENERIC:         %w, %j = "irtk.argmin"(%n) <{axes = array<i64: 0, 1>}> : (tensor<?x?xi16>) -> (tensor<i16>, tensor<i64>)
func.func @arg_extrema(%m: tensor<?x4xf64>, %n: tensor<?x?xi16>) -> (tensor<?xf64>, tensor<?xi64>, tensor<i16>, tensor<i64>, tensor<4xi64>) {
  %v, %i = irtk.argmax %m [1] : tensor<?x4xf64> -> tensor<?xf64>, tensor<?xi64>
  %w, %j = irtk.argmin %n [0, 1] : tensor<?x?xi16> -> tensor<i16>, tensor<i64>
  %u, %k = irtk.argmax %m [0] {tag = 1 : i64} : tensor<?x4xf64> -> tensor<4xf64>, tensor<4xi64>
  return %v, %i, %w, %j, %k : tensor<?xf64>, tensor<?xi64>, tensor<i16>, tensor<i64>, tensor<4xi64>
}

// CHECK-LABEL: func.func @count_and_iota(
// CHECK-NEXT:    %rows = irtk.count %m [1] : tensor<?x4x?xf32> -> tensor<i64>
// CHECK-NEXT:    %all = irtk.count %m [0, 1, 2] : tensor<?x4x?xf32> -> tensor<i64>
// CHECK-NEXT:    %one = irtk.count %m [] : tensor<?x4x?xf32> -> tensor<i64>
// CHECK-NEXT:    %pos = irtk.iota %m [2] : tensor<?x4x?xf32> -> tensor<?x4x?xi64>
// GENERIC-LABEL: "func.func"() <{sym_name = "count_and_iota"
// GENERIC:         %rows = "irtk.count"(%m) <{axes = array<i64: 1>}> : (tensor<?x4x?xf32>) -> tensor<i64>
// GENERIC:         %pos = "irtk.iota"(%m) <{axes = array<i64: 2>}> : (tensor<?x4x?xf32>) -> tensor<?x4x?xi64>
func.func @count_and_iota(%m: tensor<?x4x?xf32>) -> (tensor<i64>, tensor<i64>, tensor<i64>, tensor<?x4x?xi64>) {
  %rows = irtk.count %m [1] : tensor<?x4x?xf32> -> tensor<i64>
  %all = irtk.count %m [0, 1, 2] : tensor<?x4x?xf32> -> tensor<i64>
  %one = irtk.count %m [] : tensor<?x4x?xf32> -> tensor<i64>
  %pos = irtk.iota %m [2] : tensor<?x4x?xf32> -> tensor<?x4x?xi64>
  return %rows, %all, %one, %pos : tensor<i64>, tensor<i64>, tensor<i64>, tensor<?x4x?xi64>
}
