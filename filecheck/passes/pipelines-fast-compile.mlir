// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize | filecheck %s
// RUN: irtk-opt %s --split-input-file -p fast-compile,lower-to-structured,fuse | filecheck %s --check-prefix=FUSED
// RUN: irtk-opt %s --split-input-file -p fast-compile,lower-to-structured,fuse | filecheck %s --check-prefix=FUSED-GENERICS

// `fast-compile` is stabilize, autodiff, canonicalize, then lower-to-structured (the FAST_COMPILE evaluator
// runs the generics). After autodiff and canonicalize each gradient request is expanded, its seed's
// multiplications by 1 are folded away, and the broadcast of the output gradient sinks into the product.

// CHECK-LABEL: func.func @train_step(
// CHECK-SAME:    %x: tensor<?xf32>, %target: tensor<f32>, %W: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
// CHECK-NEXT:    %p = irtk.mul %x, %W : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %y = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
// CHECK-NEXT:    %d = irtk.sub %target, %y : tensor<f32>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %[[TWO:.*]] = irtk.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[D2:.*]] = irtk.mul %d, %[[TWO]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %[[GY:.*]] = irtk.neg %[[D2]] : tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %[[GY1:.*]] = irtk.dimshuffle %[[GY]] [x] : tensor<f64> -> tensor<1xf64>
// CHECK-NEXT:    %g = irtk.mul %[[GY1]], %x : tensor<1xf64>, tensor<?xf32> -> tensor<?xf64>
// CHECK-NEXT:    %rate = irtk.constant dense<1.000000e-01> : tensor<1xf64>
// CHECK-NEXT:    %step = irtk.mul %rate, %g
// CHECK-NEXT:    %W_new = irtk.sub %W, %step
// CHECK-NEXT:    func.return %y, %W_new : tensor<f64>, tensor<?xf64>
// CHECK-NOT:     irtk.grad
// CHECK-NOT:     dense<1.000000e+00>
//
// Then fused, the step is two generics: the reduction for y, and one elementwise loop for W_new that
// reads W, target, y and x directly.
// FUSED-LABEL:   func.func @train_step(
// FUSED-COUNT-2: linalg.generic
// FUSED-NOT:     linalg.generic
// FUSED:         func.return %y, %W_new
// FUSED-GENERICS-LABEL: func.func @train_step(
// FUSED-GENERICS:         %y = linalg.generic
// FUSED-GENERICS-SAME:      iterator_types = ["reduction"]
// FUSED-GENERICS-SAME:      ins(%x, %W : tensor<?xf32>, tensor<?xf64>)
// FUSED-GENERICS:         %W_new = linalg.generic
// FUSED-GENERICS-SAME:      iterator_types = ["parallel"]
// FUSED-GENERICS-SAME:      ins(%W, %target, %y, %x : tensor<?xf64>, tensor<f32>, tensor<f64>, tensor<?xf32>)
func.func @train_step(%x: tensor<?xf32>, %target: tensor<f32>, %W: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
  %p = irtk.mul %x, %W : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
  %y = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %d = irtk.sub %target, %y : tensor<f32>, tensor<f64> -> tensor<f64>
  %cost = irtk.sqr %d : tensor<f64> -> tensor<f64>
  %g = irtk.grad %cost wrt %W : tensor<f64>, tensor<?xf64>
  %rate = irtk.constant dense<0.1> : tensor<1xf64>
  %step = irtk.mul %rate, %g : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %W_new = irtk.sub %W, %step : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  func.return %y, %W_new : tensor<f64>, tensor<?xf64>
}

// -----

// Two requests in one function are both expanded. d(x^2)/dx is x * 2 once the seed is folded, and
// d(exp y)/dy is exp(y) itself: the forward value is reused, nothing is recomputed.
// CHECK-LABEL: func.func @two_requests(
// CHECK-NEXT:    %[[TWO:.*]] = irtk.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %ga = irtk.mul %x, %[[TWO]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %b = irtk.exp %y : tensor<f64> -> tensor<f64>
// CHECK-NEXT:    func.return %ga, %b : tensor<f64>, tensor<f64>
// FUSED-LABEL: func.func @two_requests(
func.func @two_requests(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %a = irtk.sqr %x : tensor<f64> -> tensor<f64>
  %ga = irtk.grad %a wrt %x : tensor<f64>, tensor<f64>
  %b = irtk.exp %y : tensor<f64> -> tensor<f64>
  %gb = irtk.grad %b wrt %y : tensor<f64>, tensor<f64>
  return %ga, %gb : tensor<f64>, tensor<f64>
}

// -----

// A gradient of a gradient: the second request differentiates the adjoint code of the first.
// d/dx (d/dx x^3) = 6x, built from the expanded first request.
// CHECK-LABEL: func.func @second_order(
// CHECK-NOT:     irtk.grad
// CHECK-NOT:     irtk.sqr
// CHECK:         %gg = irtk.add
// CHECK-NEXT:    func.return %gg : tensor<f64>
func.func @second_order(%x: tensor<f64>) -> tensor<f64> {
  %sq = irtk.sqr %x : tensor<f64> -> tensor<f64>
  %cube = irtk.mul %sq, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = irtk.grad %cube wrt %x : tensor<f64>, tensor<f64>
  %gg = irtk.grad %g wrt %x : tensor<f64>, tensor<f64>
  return %gg : tensor<f64>
}
