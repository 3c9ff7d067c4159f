// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p autodiff

// A Jacobian with respect to a value y does not depend on is an error (Theano's DisconnectedInputError) unless the
// request says allow_disconnected. An expanded Jacobian is a loop, through which nothing differentiates; a known
// gradient seeds only what it names.

func.func @disconnected(%x: tensor<?xf64>, %z: tensor<?xf64>) -> tensor<?x?xf64> {
  %y = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  // expected-error @+1 {{irtk.jacobian: y does not depend on wrt operand #0 (a disconnected input)}}
  %j = irtk.jacobian %y wrt %z : tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?x?xf64>
}

// -----

func.func @grad_of_a_jacobian(%x: tensor<?xf64>) -> tensor<?xf64> {
  %y = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  // expected-error @+1 {{autodiff: cannot differentiate through scf.for}}
  %j = irtk.jacobian %y wrt %x : tensor<?xf64>, tensor<?xf64>
  %c = irtk.sum %j [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

func.func @known_only_disconnected(%x: tensor<?xf64>, %z: tensor<?xf64>, %dh: tensor<?xf64>) -> tensor<?xf64> {
  %h = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  // expected-error @+1 {{irtk.grad: no value with a known gradient does depend on wrt operand #0 (a disconnected input)}}
  %g = irtk.grad known(%h = %dh) wrt %z : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
