// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The cost of `irtk.grad` is a float scalar, and each gradient has its wrt value's type.

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
  %g = "irtk.grad"(%s, %x) : (tensor<f64>, tensor<?xf64>) -> tensor<?xf32>
  return %g : tensor<?xf32>
}

// -----

func.func @type_count(%x: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{expected 2 types: the cost's, then one per wrt value}}
  %g = irtk.grad %s wrt %x : tensor<f64>
  return %g : tensor<?xf64>
}
