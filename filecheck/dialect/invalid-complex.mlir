// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// Complex numbers have no order, so comparisons other than == and != and the extrema refuse them; casting one to
// a real dtype is ambiguous (Theano's message); the functions the complex dialect lacks refuse complex operands.
// The verifier re-infers each op's type, so IR says what the frontend says.

func.func @less(%x: tensor<?xcomplex<f64>>) -> tensor<?xi1> {
  // expected-error @+1 {{irtk.lt: not defined for complex operands (got complex128, complex128)}}
  %a = irtk.lt %x, %x : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xi1>
  return %a : tensor<?xi1>
}

// -----

func.func @to_real(%x: tensor<?xcomplex<f32>>) -> tensor<?xf32> {
  // expected-error @+1 {{irtk.cast: Casting from complex to real is ambiguous: consider real(), imag(), angle() or abs() (a cast from complex64 to float32)}}
  %a = irtk.cast %x : tensor<?xcomplex<f32>> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

func.func @maximum(%x: tensor<?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  // expected-error @+1 {{irtk.maximum: not defined for complex operands}}
  %a = irtk.maximum %x, %x : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %a : tensor<?xcomplex<f64>>
}

// -----

func.func @max(%x: tensor<?xcomplex<f64>>) -> tensor<complex<f64>> {
  // expected-error @+1 {{irtk.max: complex numbers are not ordered, so complex128 has no maximum or minimum}}
  %a = irtk.max %x [0] : tensor<?xcomplex<f64>> -> tensor<complex<f64>>
  return %a : tensor<complex<f64>>
}

// -----

func.func @sinh(%x: tensor<?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  // expected-error @+1 {{irtk.sinh: not defined for complex operands}}
  %a = irtk.sinh %x : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %a : tensor<?xcomplex<f64>>
}

// -----

// abs of a complex number is a float of its parts' width
func.func @abs_type(%x: tensor<?xcomplex<f32>>) -> tensor<?xcomplex<f32>> {
  // expected-error @+1 {{irtk.abs: result type tensor<?xcomplex<f32>> does not match the inferred type tensor<?xf32>}}
  %a = irtk.abs %x : tensor<?xcomplex<f32>> -> tensor<?xcomplex<f32>>
  return %a : tensor<?xcomplex<f32>>
}
