// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// A draw reads its stream's state, `tensor<2xi64>` (key and counter; `tensor<?xi64>` is checked when it runs),
// and gives float32 or float64 values.

func.func @state_size(%s: tensor<3xi64>) -> tensor<4xf64> {
  // expected-error @+1 {{irtk.random_uniform: the state must be tensor<2xi64> (key and counter), got tensor<3xi64>}}
  %r = irtk.random_uniform %s : tensor<3xi64> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

func.func @state_dtype(%s: tensor<2xi32>) -> tensor<4xf64> {
  // expected-error @+1 {{irtk.random_normal: the state must be tensor<2xi64> (key and counter), got tensor<2xi32>}}
  %r = irtk.random_normal %s : tensor<2xi32> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

func.func @integer_draws(%s: tensor<2xi64>) -> tensor<4xi64> {
  // expected-error @+1 {{irtk.random_uniform: draws are float32 or float64, not int64}}
  %r = irtk.random_uniform %s : tensor<2xi64> -> tensor<4xi64>
  return %r : tensor<4xi64>
}
