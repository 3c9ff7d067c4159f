// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.constant` takes a dense elements attribute; its type is the result type.

func.func @not_dense() -> tensor<f64> {
  // expected-error @+1 {{expected a dense elements attribute, e.g. dense<1.0> : tensor<f64>}}
  %c = irtk.constant 1.0 : f64
  return %c : tensor<f64>
}

// -----

func.func @result_type_differs() -> tensor<2xf32> {
  // expected-error @+1 {{irtk.constant: value type tensor<2xf64> differs from result type tensor<2xf32>}}
  %c = "irtk.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf64>}> : () -> tensor<2xf32>
  return %c : tensor<2xf32>
}
