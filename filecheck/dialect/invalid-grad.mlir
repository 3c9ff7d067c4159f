// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The cost of `irtk.grad` is a float scalar, and each gradient has its wrt value's type; a known gradient has its
// value's dtype, rank and static sizes; without a cost there must be known gradients.

func.func @vector_cost(%x: tensor<3xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{'irtk.grad' op irtk.grad: the cost must be a float scalar, got tensor<3xf64>}}
  %g = irtk.grad %x wrt %x : tensor<3xf64>, tensor<3xf64>
  return %g : tensor<3xf64>
}

// -----

func.func @unit_vector_cost(%x: tensor<1xf64>) -> tensor<1xf64> {
  // expected-error @+1 {{irtk.grad: the cost must be a float scalar, got tensor<1xf64>}}
  %g = irtk.grad %x wrt %x : tensor<1xf64>, tensor<1xf64>
  return %g : tensor<1xf64>
}

// -----

func.func @integer_cost(%x: tensor<?xi32>) -> tensor<?xi32> {
  %s = irtk.sum %x [0] : tensor<?xi32> -> tensor<i64>
  // expected-error @+1 {{irtk.grad: the cost must be a float scalar, got tensor<i64>}}
  %g = irtk.grad %s wrt %x : tensor<i64>, tensor<?xi32>
  return %g : tensor<?xi32>
}

// -----

func.func @gradient_type(%x: tensor<?xf64>) -> tensor<?xf32> {
  %s = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{irtk.grad: each gradient must have the type of its wrt value}}
  %g = "irtk.grad"(%s, %x) <{operandSegmentSizes = array<i32: 1, 0, 0, 1>}> : (tensor<f64>, tensor<?xf64>) -> tensor<?xf32>
  return %g : tensor<?xf32>
}

// -----

func.func @type_count(%x: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{expected 2 types: the cost's, then one per wrt value}}
  %g = irtk.grad %s wrt %x : tensor<f64>
  return %g : tensor<?xf64>
}

// -----

func.func @known_gradient_dtype(%x: tensor<?xf64>, %dx: tensor<?xf32>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.grad: known gradient #0: the gradient has dtype float32, its value float64}}
  %g = irtk.grad known(%x = %dx) wrt %x : tensor<?xf64>, tensor<?xf32>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @known_gradient_shape(%x: tensor<3xf64>, %dx: tensor<?xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.grad: known gradient #0: the gradient's type tensor<?xf64> does not have the shape of its value's type tensor<3xf64>}}
  %g = irtk.grad known(%x = %dx) wrt %x : tensor<3xf64>, tensor<?xf64>, tensor<3xf64>
  return %g : tensor<3xf64>
}

// -----

func.func @known_integer(%i: tensor<?xi32>, %x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.grad: known gradient #0: only float values have gradients, got tensor<?xi32>}}
  %g = irtk.grad known(%i = %i) wrt %x : tensor<?xi32>, tensor<?xi32>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @nothing_to_differentiate(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.grad: expected a cost or at least one known gradient}}
  %g = "irtk.grad"(%x) <{operandSegmentSizes = array<i32: 0, 0, 0, 1>}> : (tensor<?xf64>) -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @known_type_count(%x: tensor<?xf64>, %dx: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{expected 3 types: the cost's (if any), each known value's and its gradient's, then one per wrt value}}
  %g = irtk.grad known(%x = %dx) wrt %x : tensor<?xf64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
