// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.logsoftmax` and `irtk.softmax_crossentropy` take float logits; the crossentropy's target is integer labels
// (one dimension less than the logits) or probabilities of the logits' dtype and shape.

func.func @integer_logits(%x: tensor<?x?xi32>) -> tensor<?x?xi32> {
  // expected-error @+1 {{irtk.logsoftmax: needs float logits, got int32}}
  %r = irtk.logsoftmax %x [1] : tensor<?x?xi32> -> tensor<?x?xi32>
  return %r : tensor<?x?xi32>
}

// -----

func.func @scalar_logits(%x: tensor<f64>, %t: tensor<f64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.softmax_crossentropy: the logits need at least one dimension, got tensor<f64>}}
  %r = irtk.softmax_crossentropy %x, %t : tensor<f64>, tensor<f64> -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @label_rank(%x: tensor<?x?xf64>, %t: tensor<?x?xi64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.softmax_crossentropy: integer labels need one dimension less than the logits, got tensor<?x?xi64> for tensor<?x?xf64>}}
  %r = irtk.softmax_crossentropy %x, %t : tensor<?x?xf64>, tensor<?x?xi64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @probability_shape(%x: tensor<?x4xf64>, %t: tensor<?x5xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.softmax_crossentropy: target probabilities must have the logits' shape, got tensor<?x5xf64> for tensor<?x4xf64>}}
  %r = irtk.softmax_crossentropy %x, %t : tensor<?x4xf64>, tensor<?x5xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @target_dtype(%x: tensor<?x?xf64>, %t: tensor<?x?xf32>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.softmax_crossentropy: the target must be integer labels or probabilities of the logits' dtype (float64), got float32}}
  %r = irtk.softmax_crossentropy %x, %t : tensor<?x?xf64>, tensor<?x?xf32> -> tensor<?xf64>
  return %r : tensor<?xf64>
}
