// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the shape ops (dimshuffle, reshape, broadcast) after autodiff, canonicalize and cse
// (whole bodies checked).

// The gradient of a transpose is the transposed output gradient (here w itself).
// CHECK-LABEL: func.func @transpose(
// CHECK-NEXT:    %g = irtk.dimshuffle %w [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @transpose(%x: tensor<?x?xf64>, %w: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = irtk.dimshuffle %x [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %t, %w : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// A broadcast row: its gradient sums over the stretched rows; the dimshuffle that dropped the summed axis composes away.
// CHECK-LABEL: func.func @broadcast_row(
// CHECK-NEXT:    %r = irtk.dimshuffle %b [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
// CHECK-NEXT:    %s = irtk.add %x, %r : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %s, %[[V0]] : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.sum %[[V1]] [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @broadcast_row(%b: tensor<?xf64>, %x: tensor<?x?xf64>) -> tensor<?xf64> {
  %r = irtk.dimshuffle %b [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %s = irtk.add %x, %r : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %q = irtk.sqr %s : tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %q [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %b : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// The gradient of a reshape is the output gradient reshaped back.
// CHECK-LABEL: func.func @reshape(
// CHECK-NEXT:    %r = irtk.reshape %x : tensor<2x6xf64> -> tensor<3x4xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %r, %[[V0]] : tensor<3x4xf64>, tensor<1x1xf64> -> tensor<3x4xf64>
// CHECK-NEXT:    %g = irtk.reshape %[[V1]] : tensor<3x4xf64> -> tensor<2x6xf64>
// CHECK-NEXT:    func.return %g
func.func @reshape(%x: tensor<2x6xf64>) -> tensor<2x6xf64> {
  %r = irtk.reshape %x : tensor<2x6xf64> -> tensor<3x4xf64>
  %q = irtk.sqr %r : tensor<3x4xf64> -> tensor<3x4xf64>
  %c = irtk.sum %q [0, 1] : tensor<3x4xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<2x6xf64>
  return %g : tensor<2x6xf64>
}

// -----

// A value broadcast to a shape (`fill`) collects the sum of the gradient over the shape.
// CHECK-LABEL: func.func @fill(
// CHECK-NEXT:    %g = irtk.sum %x [0] : tensor<?xf64> -> tensor<f64>
// CHECK-NEXT:    func.return %g
func.func @fill(%x: tensor<?xf64>, %v: tensor<f64>) -> tensor<f64> {
  %d = irtk.dimshuffle %v [x] : tensor<f64> -> tensor<1xf64>
  %f = irtk.broadcast %d to %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %p = irtk.mul %f, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %v : tensor<f64>, tensor<f64>
  return %g : tensor<f64>
}
