// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The verifier re-infers each elementwise result type from the operands; any other result type, an
// incompatible pair of static sizes or a rank mismatch is an error at the op.

func.func @wrong_result_dtype(%x: tensor<?xf64>, %y: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'irtk.add' op irtk.add: result type tensor<?xf32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.add %x, %y : tensor<?xf64>, tensor<?xf32> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

func.func @wrong_result_shape(%x: tensor<1x?xf64>, %y: tensor<?x1xf64>) -> tensor<1x?xf64> {
  // expected-error @+1 {{result type tensor<1x?xf64> does not match the inferred type tensor<?x?xf64>}}
  %a = irtk.mul %x, %y : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<1x?xf64>
  return %a : tensor<1x?xf64>
}

// -----

func.func @static_result_for_dynamic(%x: tensor<?xf64>) -> tensor<4xf64> {
  // expected-error @+1 {{'irtk.neg' op irtk.neg: result type tensor<4xf64> does not match the inferred type tensor<?xf64>}}
  %a = irtk.neg %x : tensor<?xf64> -> tensor<4xf64>
  return %a : tensor<4xf64>
}

// -----

func.func @int_division_is_float(%x: tensor<?xi32>) -> tensor<?xi32> {
  // expected-error @+1 {{does not match the inferred type tensor<?xf64>}}
  %a = irtk.div %x, %x : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>
  return %a : tensor<?xi32>
}

// -----

func.func @incompatible_static_sizes(%x: tensor<3x4xf64>, %y: tensor<3x5xf64>) -> tensor<3x5xf64> {
  // expected-error @+1 {{'irtk.sub' op irtk.sub: dimension 1 has incompatible sizes [4, 5]}}
  %a = irtk.sub %x, %y : tensor<3x4xf64>, tensor<3x5xf64> -> tensor<3x5xf64>
  return %a : tensor<3x5xf64>
}

// -----

func.func @ranks_differ(%x: tensor<?xf64>, %y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.add: operands have different ranks [1, 2]; insert irtk.dimshuffle first}}
  %a = irtk.add %x, %y : tensor<?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @broadcast_result(%x: tensor<1x3xf32>, %like: tensor<?x3xf64>) -> tensor<?x3xf64> {
  // expected-error @+1 {{'irtk.broadcast' op irtk.broadcast: result type tensor<?x3xf64> does not match the inferred type tensor<?x3xf32>}}
  %a = irtk.broadcast %x to %like : tensor<1x3xf32>, tensor<?x3xf64> -> tensor<?x3xf64>
  return %a : tensor<?x3xf64>
}

// -----

func.func @unsupported_dtype(%x: tensor<?xf16>) -> tensor<?xf16> {
  // expected-error @+1 {{irtk does not support element type f16}}
  %a = irtk.exp %x : tensor<?xf16> -> tensor<?xf16>
  return %a : tensor<?xf16>
}
