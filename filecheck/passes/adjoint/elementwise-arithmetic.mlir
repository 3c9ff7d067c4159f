// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the elementwise arithmetic ops after autodiff, canonicalize and cse: each function's whole
// body is checked, so no x*1, x+0, 0*x, x-0, x/1, double negation, broadcast to its own shape or repeated
// subexpression is left. The seed's ones sink into the products and vanish.

// x + y - y: the gradients are ones and zeros of the shape (the +1 and -1 reaching y cancel to a constant 0).
// CHECK-LABEL: func.func @add_sub(
// CHECK-NEXT:    %a = irtk.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %b = irtk.sub %a, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[V0]] to %b : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.constant dense<0.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.broadcast %[[V1]] to %b : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g, %[[V2]]
func.func @add_sub(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %a = irtk.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.sub %a, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %b [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %y : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %g#0, %g#1 : tensor<?xf64>, tensor<?xf64>
}

// -----

// x * y / y: the gradient rules of mul and div; -(a/b) + c becomes c - a/b.
// CHECK-LABEL: func.func @mul_div(
// CHECK-NEXT:    %a = irtk.mul %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.div %[[V0]], %y : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.mul %y, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.div %a, %[[V2]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.mul %[[V1]], %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.mul %[[V1]], %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V5:.*]] = irtk.sub %[[V4]], %[[V3]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g, %[[V5]]
func.func @mul_div(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %a = irtk.mul %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.div %a, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %b [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %y : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %g#0, %g#1 : tensor<?xf64>, tensor<?xf64>
}

// -----

// (-x)^2 + |x|: the negations of the sqr rule and of neg cancel, leaving x * 2.
// CHECK-LABEL: func.func @neg_sqr_abs(
// CHECK-NEXT:    %[[V0:.*]] = irtk.sgn %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.mul %x, %[[V1]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.add %[[V0]], %[[V2]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @neg_sqr_abs(%x: tensor<?xf64>) -> tensor<?xf64> {
  %n = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sqr %n : tensor<?xf64> -> tensor<?xf64>
  %a = irtk.abs %x : tensor<?xf64> -> tensor<?xf64>
  %t = irtk.add %s, %a : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %t [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// A row broadcast against a matrix: its gradient is summed over the stretched dimension; the matrix gets the row stretched.
// CHECK-LABEL: func.func @broadcast_operand(
// CHECK-NEXT:    %a = irtk.mul %x, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.broadcast %b to %a : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.sum %x [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.dimshuffle %[[V0]] [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
// CHECK-NEXT:    func.return %g, %[[V1]]
func.func @broadcast_operand(%x: tensor<?x?xf64>, %b: tensor<1x?xf64>) -> (tensor<?x?xf64>, tensor<1x?xf64>) {
  %a = irtk.mul %x, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %a [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %b : tensor<f64>, tensor<?x?xf64>, tensor<1x?xf64>
  return %g#0, %g#1 : tensor<?x?xf64>, tensor<1x?xf64>
}

// -----

// floor and sgn have zero gradients: their terms vanish entirely (0 * g, then + 0).
// CHECK-LABEL: func.func @piecewise_constant(
// CHECK-NEXT:    %m = irtk.maximum %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.eq %x, %m : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
// CHECK-NEXT:    %g = irtk.cast %[[V0]] : tensor<?xi1> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @piecewise_constant(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %f = irtk.floor %x : tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sgn %x : tensor<?xf64> -> tensor<?xf64>
  %m = irtk.maximum %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = irtk.add %f, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.add %a, %m : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %b [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
