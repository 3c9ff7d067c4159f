// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p autodiff

// autodiff fails at the request when the cost does not depend on a wrt value (Theano's
// DisconnectedInputError), and at the op when the path from a wrt value to the cost crosses an op
// without a gradient rule.

func.func @disconnected(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{irtk.grad: the cost does not depend on wrt operand #0 (a disconnected input)}}
  %g = irtk.grad %s wrt %y : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @second_wrt_disconnected(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %c = irtk.exp %x : tensor<f64> -> tensor<f64>
  // expected-error @+1 {{the cost does not depend on wrt operand #1}}
  %g:2 = irtk.grad %c wrt %x, %y : tensor<f64>, tensor<f64>, tensor<f64>
  return %g#0, %g#1 : tensor<f64>, tensor<f64>
}

// -----

// Depending on y only through a value computed *after* the request does not count.
func.func @used_after(%x: tensor<f64>, %y: tensor<f64>) -> tensor<f64> {
  %c = irtk.sqr %x : tensor<f64> -> tensor<f64>
  // expected-error @+1 {{the cost does not depend on wrt operand #0}}
  %g = irtk.grad %c wrt %y : tensor<f64>, tensor<f64>
  %later = irtk.mul %g, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  return %later : tensor<f64>
}

// -----

// Integers carry no gradient: the path through a cast from int32 is cut.
func.func @through_integer(%i: tensor<?xi32>) -> tensor<?xi32> {
  %f = irtk.cast %i : tensor<?xi32> -> tensor<?xf64>
  %s = irtk.sum %f [0] : tensor<?xf64> -> tensor<f64>
  // expected-error @+1 {{the cost does not depend on wrt operand #0}}
  %g = irtk.grad %s wrt %i : tensor<f64>, tensor<?xi32>
  return %g : tensor<?xi32>
}

// -----

func.func private @black_box(tensor<?xf64>) -> tensor<?xf64>

func.func @through_call(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{autodiff: cannot differentiate through func.call}}
  %y = func.call @black_box(%x) : (tensor<?xf64>) -> tensor<?xf64>
  %s = irtk.sum %y [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %s wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
