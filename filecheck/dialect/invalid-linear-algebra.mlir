// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The eliminations (`irtk.det`, `irtk.matrix_inverse`, ...) take a square matrix of integers or floats.

func.func @bool_matrix(%x: tensor<?x?xi1>) -> tensor<f64> {
  // expected-error @+1 {{irtk.det: bool matrices are not supported}}
  %d = irtk.det %x : tensor<?x?xi1> -> tensor<f64>
  return %d : tensor<f64>
}

// -----

func.func @complex_matrix(%x: tensor<?x?xcomplex<f64>>) -> tensor<?x?xcomplex<f64>> {
  // expected-error @+1 {{irtk.matrix_inverse: complex128 matrices are not supported}}
  %d = irtk.matrix_inverse %x : tensor<?x?xcomplex<f64>> -> tensor<?x?xcomplex<f64>>
  return %d : tensor<?x?xcomplex<f64>>
}
