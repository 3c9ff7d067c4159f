// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// irtk.argsort takes exactly one axis of a real operand and gives int64 positions.

func.func @two_axes(%x: tensor<?x?xf64>) -> tensor<?x?xi64> {
  // expected-error @+1 {{irtk.argsort: expected one axis, got [0, 1]}}
  %a = irtk.argsort %x [0, 1] : tensor<?x?xf64> -> tensor<?x?xi64>
  return %a : tensor<?x?xi64>
}

// -----

func.func @result_dtype(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.argsort: result type tensor<?xf64> does not match the inferred type tensor<?xi64>}}
  %a = irtk.argsort %x [0] : tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @complex(%x: tensor<?xcomplex<f64>>) -> tensor<?xi64> {
  // expected-error @+1 {{irtk.argsort: complex tensors are not supported}}
  %a = irtk.argsort %x [0] : tensor<?xcomplex<f64>> -> tensor<?xi64>
  return %a : tensor<?xi64>
}
