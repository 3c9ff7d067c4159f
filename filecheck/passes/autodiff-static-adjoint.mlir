// RUN: irtk-opt %s -p autodiff | filecheck %s
// A constant operand makes the adjoint's type more static (tensor<3xf64>) than the wrt value's (tensor<?xf64>):
// autodiff casts it back, so the request's users keep their types.

// CHECK-LABEL: func.func @constant_weights
// CHECK-NOT:   irtk.grad
// CHECK:       %[[G:.*]] = irtk.cast %{{.*}} : tensor<3xf64> -> tensor<?xf64>
// CHECK:       irtk.mul %[[G]], %[[G]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
func.func @constant_weights(%x: tensor<?xf64>) -> tensor<?xf64> {
  %w = irtk.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %p = irtk.mul %x, %w : tensor<?xf64>, tensor<3xf64> -> tensor<3xf64>
  %c = irtk.sum %p [0] : tensor<3xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  %sq = irtk.mul %g, %g : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  func.return %sq : tensor<?xf64>
}
