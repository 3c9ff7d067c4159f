// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The result types of the reductions beyond sum (see invalid-sum.mlir): prod of integers is int64, max keeps
// the dtype, all is bool; argmax's index is int64; count is an int64 scalar; iota is int64 and takes exactly
// one axis.

func.func @prod_int32(%x: tensor<?xi32>) -> tensor<i32> {
  // expected-error @+1 {{'irtk.prod' op irtk.prod: result type tensor<i32> does not match the inferred type tensor<i64>}}
  %a = irtk.prod %x [0] : tensor<?xi32> -> tensor<i32>
  return %a : tensor<i32>
}

// -----

func.func @max_keeps_reduced_dim(%x: tensor<?xi8>) -> tensor<?xi8> {
  // expected-error @+1 {{irtk.max: result type tensor<?xi8> does not match the inferred type tensor<i8>}}
  %a = irtk.max %x [0] : tensor<?xi8> -> tensor<?xi8>
  return %a : tensor<?xi8>
}

// -----

func.func @all_not_bool(%x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.all: result type tensor<f64> does not match the inferred type tensor<i1>}}
  %a = irtk.all %x [0] : tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @argmax_int32_index(%x: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xi32>) {
  // expected-error @+1 {{irtk.argmax: result type tensor<?xf64>, tensor<?xi32> does not match the inferred type tensor<?xf64>, tensor<?xi64>}}
  %v, %i = irtk.argmax %x [1] : tensor<?x?xf64> -> tensor<?xf64>, tensor<?xi32>
  return %v, %i : tensor<?xf64>, tensor<?xi32>
}

// -----

func.func @argmin_unsorted_axes(%x: tensor<?x?xf64>) -> (tensor<f64>, tensor<i64>) {
  // expected-error @+1 {{irtk.argmin: axes [1, 0] must be distinct, sorted dimensions of a rank-2 operand}}
  %v, %i = irtk.argmin %x [1, 0] : tensor<?x?xf64> -> tensor<f64>, tensor<i64>
  return %v, %i : tensor<f64>, tensor<i64>
}

// -----

func.func @count_not_scalar(%x: tensor<?x?xf64>) -> tensor<?xi64> {
  // expected-error @+1 {{irtk.count: result type tensor<?xi64> does not match the inferred type tensor<i64>}}
  %a = irtk.count %x [1] : tensor<?x?xf64> -> tensor<?xi64>
  return %a : tensor<?xi64>
}

// -----

func.func @count_axis_out_of_range(%x: tensor<?x?xf64>) -> tensor<i64> {
  // expected-error @+1 {{irtk.count: axes [2] must be distinct, sorted dimensions of a rank-2 operand}}
  %a = irtk.count %x [2] : tensor<?x?xf64> -> tensor<i64>
  return %a : tensor<i64>
}

// -----

func.func @iota_two_axes(%x: tensor<?x?xf64>) -> tensor<?x?xi64> {
  // expected-error @+1 {{irtk.iota: expected one dimension, got [0, 1]}}
  %a = irtk.iota %x [0, 1] : tensor<?x?xf64> -> tensor<?x?xi64>
  return %a : tensor<?x?xi64>
}

// -----

func.func @iota_int32(%x: tensor<?x?xf64>) -> tensor<?x?xi32> {
  // expected-error @+1 {{irtk.iota: result type tensor<?x?xi32> does not match the inferred type tensor<?x?xi64>}}
  %a = irtk.iota %x [1] : tensor<?x?xf64> -> tensor<?x?xi32>
  return %a : tensor<?x?xi32>
}
