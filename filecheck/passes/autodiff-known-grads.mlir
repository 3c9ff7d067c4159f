// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s

// Known gradients (Theano's known_grads) seed the reverse sweep beside the cost: `known(%h = %dh)` says the gradient
// reaching h from above is dh, and it is propagated down like the cost's (and added to it where both reach).
// `allow_disconnected` makes the gradient of a value nothing depends on zero instead of an error.

// No cost: the sweep starts from dh alone; d exp = g * exp(x).
// CHECK-LABEL: func.func @known(
// CHECK:         %h = irtk.exp %x
// CHECK-NEXT:    %g = irtk.mul %dh, %h : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @known(%x: tensor<?xf64>, %dh: tensor<?xf64>) -> tensor<?xf64> {
  %h = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %g = irtk.grad known(%h = %dh) wrt %x : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// A cost and a known gradient reaching the same value: their adjoints add (dh + 2 h) before exp's rule.
// CHECK-LABEL: func.func @cost_and_known(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[A:.*]] = irtk.mul %[[ONE]], %h
// CHECK-NEXT:    %[[TWO:.*]] = irtk.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[B:.*]] = irtk.mul %[[A]], %[[TWO]]
// CHECK-NEXT:    %[[SUM:.*]] = irtk.add %dh, %[[B]]
// CHECK-NEXT:    %g = irtk.mul %[[SUM]], %h
// CHECK-NEXT:    func.return %g
func.func @cost_and_known(%x: tensor<f64>, %dh: tensor<f64>) -> tensor<f64> {
  %h = irtk.exp %x : tensor<f64> -> tensor<f64>
  %c = irtk.sqr %h : tensor<f64> -> tensor<f64>
  %g = irtk.grad %c known(%h = %dh) wrt %x : tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>
  return %g : tensor<f64>
}

// -----

// allow_disconnected: z gets zeros of its type (its dynamic size read from z), x its gradient as usual.
// CHECK-LABEL: func.func @allowed(
// CHECK:         %g = irtk.broadcast %{{.*}} to %x
// CHECK-NEXT:    %[[N:.*]] = irtk.count %z [0] : tensor<?x3xf32> -> tensor<i64>
// CHECK-NEXT:    %[[ZERO:.*]] = irtk.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %g_1 = irtk.alloc %[[ZERO]], %[[N]] : tensor<f32>, tensor<i64> -> tensor<?x3xf32>
// CHECK-NEXT:    func.return %g, %g_1
func.func @allowed(%x: tensor<?x3xf64>, %z: tensor<?x3xf32>) -> (tensor<?x3xf64>, tensor<?x3xf32>) {
  %c = irtk.sum %x [0, 1] : tensor<?x3xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %z allow_disconnected : tensor<f64>, tensor<?x3xf64>, tensor<?x3xf32>
  return %g#0, %g#1 : tensor<?x3xf64>, tensor<?x3xf32>
}

// -----

// A Jacobian with respect to nothing y depends on, allowed: zeros of shape (len(y), 2), and no loop at all.
// CHECK-LABEL: func.func @no_loop(
// CHECK:         %j = irtk.alloc %{{.*}}, %{{.*}} : tensor<f64>, tensor<i64> -> tensor<?x2xf64>
// CHECK-NOT:     scf.for
// CHECK:         func.return %j
func.func @no_loop(%x: tensor<?xf64>, %z: tensor<2xf64>) -> tensor<?x2xf64> {
  %y = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.jacobian %y wrt %z allow_disconnected : tensor<?xf64>, tensor<2xf64>
  return %j : tensor<?x2xf64>
}
