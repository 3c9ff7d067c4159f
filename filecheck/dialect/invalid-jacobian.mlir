// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.jacobian` differentiates a float vector, with respect to at least one value; each result has the shape
// (len(y), *wrt.shape) and the wrt value's dtype.

func.func @scalar_y(%x: tensor<f64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.jacobian: the differentiated value must be a float vector, got tensor<f64>}}
  %j = irtk.jacobian %x wrt %x : tensor<f64>, tensor<f64>
  return %j : tensor<f64>
}

// -----

func.func @matrix_y(%x: tensor<2x2xf64>) -> tensor<2x2x2xf64> {
  // expected-error @+1 {{irtk.jacobian: the differentiated value must be a float vector, got tensor<2x2xf64>}}
  %j = "irtk.jacobian"(%x, %x) : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<2x2x2xf64>
  return %j : tensor<2x2x2xf64>
}

// -----

func.func @integer_y(%i: tensor<?xi64>, %x: tensor<?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.jacobian: the differentiated value must be a float vector, got tensor<?xi64>}}
  %j = irtk.jacobian %i wrt %x : tensor<?xi64>, tensor<?xf64>
  return %j : tensor<?x?xf64>
}

// -----

func.func @result_type(%x: tensor<3xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk.jacobian: each result must have the shape (len(y), *wrt.shape) and the wrt value's dtype}}
  %j = "irtk.jacobian"(%x, %x) : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  return %j : tensor<3xf64>
}

// -----

func.func @no_wrt(%x: tensor<3xf64>) {
  // expected-error @+1 {{irtk.jacobian: expected at least one wrt value}}
  "irtk.jacobian"(%x) : (tensor<3xf64>) -> ()
  return
}

// -----

func.func @type_count(%x: tensor<?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{expected 2 types: y's, then one per wrt value}}
  %j = irtk.jacobian %x wrt %x : tensor<?xf64>
  return %j : tensor<?x?xf64>
}
