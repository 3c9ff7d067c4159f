// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the reductions after autodiff, canonicalize and cse (whole bodies checked): a reduction's
// gradient restores the reduced axes (dimshuffle) and broadcasts over them; a seed of ones vanishes.

// sum over axes 0 and 2, squared: 2 s broadcast back over the summed axes.
// CHECK-LABEL: func.func @sum_axes(
// CHECK-NEXT:    %s = irtk.sum %x [0, 2] : tensor<?x?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %s, %[[V0]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.dimshuffle %[[V1]] [x, 0, x] : tensor<?xf64> -> tensor<1x?x1xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[V2]] to %x : tensor<1x?x1xf64>, tensor<?x?x?xf64> -> tensor<?x?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @sum_axes(%x: tensor<?x?x?xf64>) -> tensor<?x?x?xf64> {
  %s = irtk.sum %x [0, 2] : tensor<?x?x?xf64> -> tensor<?xf64>
  %q = irtk.sqr %s : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %q [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?x?xf64>
  return %g : tensor<?x?x?xf64>
}

// -----

// max and min pass the gradient to the elements equal to the extremum: the broadcast ones vanish, leaving the masks.
// CHECK-LABEL: func.func @max_min(
// CHECK-NEXT:    %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %n = irtk.min %x [0, 1] : tensor<?x?xf64> -> tensor<f64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.dimshuffle %n [x, x] : tensor<f64> -> tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.eq %x, %[[V0]] : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xi1>
// CHECK-NEXT:    %[[V2:.*]] = irtk.cast %[[V1]] : tensor<?x?xi1> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.eq %x, %[[V3]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xi1>
// CHECK-NEXT:    %[[V5:.*]] = irtk.cast %[[V4]] : tensor<?x?xi1> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.add %[[V2]], %[[V5]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @max_min(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
  %n = irtk.min %x [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %s = irtk.sum %m [0] : tensor<?xf64> -> tensor<f64>
  %c = irtk.add %s, %n : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// The gradient of a product is prod / x (Theano's rule).
// CHECK-LABEL: func.func @prod(
// CHECK-NEXT:    %p = irtk.prod %x [0] : tensor<?xf64> -> tensor<f64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.dimshuffle %p [x] : tensor<f64> -> tensor<1xf64>
// CHECK-NEXT:    %g = irtk.div %[[V0]], %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @prod(%x: tensor<?xf64>) -> tensor<?xf64> {
  %p = irtk.prod %x [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %p wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// A mean of a static shape: its gradient is the constant 1/20 broadcast to the shape.
// CHECK-LABEL: func.func @mean(
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<5.000000e-02> : tensor<1x1xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[V0]] to %x : tensor<1x1xf64>, tensor<4x5xf64> -> tensor<4x5xf64>
// CHECK-NEXT:    func.return %g
func.func @mean(%x: tensor<4x5xf64>) -> tensor<4x5xf64> {
  %s = irtk.sum %x [0, 1] : tensor<4x5xf64> -> tensor<f64>
  %n = irtk.constant dense<20.0> : tensor<f64>
  %m = irtk.div %s, %n : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = irtk.grad %m wrt %x : tensor<f64>, tensor<4x5xf64>
  return %g : tensor<4x5xf64>
}
