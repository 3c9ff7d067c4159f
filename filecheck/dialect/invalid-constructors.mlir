// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// A constructor has one 0-d integer size operand per dynamic dimension of its result; the value of an alloc
// broadcasts only from size 1; eye is 2-d; arange is 1-d with number operands and a non-bool result.

func.func @alloc_missing_size(%v: tensor<f64>, %n: tensor<i64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.alloc: expected 2 size operand(s), one per dynamic dimension of the result, got 1}}
  %a = irtk.alloc %v, %n : tensor<f64>, tensor<i64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @alloc_float_size(%v: tensor<f64>, %n: tensor<f64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.alloc: size operand #0 must be an integer scalar (a 0-d tensor), got tensor<f64>}}
  %a = irtk.alloc %v, %n : tensor<f64>, tensor<f64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @alloc_vector_size(%v: tensor<f64>, %n: tensor<1xi64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.alloc: size operand #0 must be an integer scalar (a 0-d tensor), got tensor<1xi64>}}
  %a = irtk.alloc %v, %n : tensor<f64>, tensor<1xi64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @alloc_value_too_wide(%v: tensor<3xf64>) -> tensor<2x4xf64> {
  // expected-error @+1 {{irtk.alloc: dimension 0 of the value (size 3) cannot be broadcast to size 4}}
  %a = irtk.alloc %v : tensor<3xf64> -> tensor<2x4xf64>
  return %a : tensor<2x4xf64>
}

// -----

func.func @alloc_value_rank(%v: tensor<?x?xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.alloc: the value has rank 2, more than the 1 dimension(s) of the shape}}
  %a = irtk.alloc %v : tensor<?x?xf64> -> tensor<3xf64>
  return %a : tensor<3xf64>
}

// -----

func.func @alloc_dtype(%v: tensor<f64>) -> tensor<3xf32> {
  // expected-error @+1 {{result type tensor<3xf32> does not match the inferred type tensor<3xf64>}}
  %a = irtk.alloc %v : tensor<f64> -> tensor<3xf32>
  return %a : tensor<3xf32>
}

// -----

func.func @negative_static_size(%v: tensor<f64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.alloc: static sizes must be non-negative (or -1 for a dynamic one), got [-2]}}
  %a = "irtk.alloc"(%v) <{static_shape = array<i64: -2>}> : (tensor<f64>) -> tensor<3xf64>
  return %a : tensor<3xf64>
}

// -----

func.func @eye_rank(%k: tensor<i64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.eye: the result must have rank 2, got 1}}
  %e = irtk.eye %k : tensor<i64> -> tensor<3xf64>
  return %e : tensor<3xf64>
}

// -----

func.func @eye_float_k(%k: tensor<f64>) -> tensor<3x3xf64> {
  // expected-error @+1 {{irtk.eye: the diagonal k must be an integer scalar (a 0-d tensor), got tensor<f64>}}
  %e = irtk.eye %k : tensor<f64> -> tensor<3x3xf64>
  return %e : tensor<3x3xf64>
}

// -----

func.func @arange_rank(%a: tensor<i64>) -> tensor<?x?xi64> {
  // expected-error @+1 {{irtk.arange: the result must have rank 1, got 2}}
  %r = irtk.arange %a, %a, %a : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?x?xi64>
  return %r : tensor<?x?xi64>
}

// -----

func.func @arange_bool_operand(%a: tensor<i64>, %b: tensor<i1>) -> tensor<?xi64> {
  // expected-error @+1 {{irtk.arange: step must be an integer or float scalar (a 0-d tensor), got tensor<i1>}}
  %r = irtk.arange %a, %a, %b : tensor<i64>, tensor<i64>, tensor<i1> -> tensor<?xi64>
  return %r : tensor<?xi64>
}

// -----

func.func @arange_bool_result(%a: tensor<i64>) -> tensor<?xi1> {
  // expected-error @+1 {{irtk.arange: the result cannot be bool}}
  %r = irtk.arange %a, %a, %a : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?xi1>
  return %r : tensor<?xi1>
}

// -----

func.func @operand_count(%a: tensor<i64>) -> tensor<?xi64> {
  // expected-error @+1 {{expected 2 operand type(s), got 1}}
  %r = irtk.arange %a, %a : tensor<i64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}

// -----

func.func @result_not_a_tensor(%v: tensor<f64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.alloc: the result must be a tensor, got f64}}
  %a = irtk.alloc %v : tensor<f64> -> f64
  return %a : tensor<3xf64>
}
