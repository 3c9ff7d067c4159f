// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the math functions after autodiff, canonicalize and cse (whole bodies checked): each rule's
// formula reads the forward values it needs (exp's result, sigmoid's result) instead of recomputing them.

// d exp = exp(x) (the forward value), d log = 1 / x.
// CHECK-LABEL: func.func @exp_log(
// CHECK-NEXT:    %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.div %[[V0]], %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.add %[[V1]], %e : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @exp_log(%x: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %l = irtk.log %x : tensor<?xf64> -> tensor<?xf64>
  %a = irtk.add %e, %l : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %a [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// The chain rule through sqrt and tanh: 1 / (2 sqrt(t)) * (1 - t^2).
// CHECK-LABEL: func.func @tanh_sqrt(
// CHECK-NEXT:    %t = irtk.tanh %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %s = irtk.sqrt %t : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.mul %[[V1]], %s : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.div %[[V0]], %[[V2]] : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.sqr %t : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V5:.*]] = irtk.sub %[[V0]], %[[V4]] : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.mul %[[V3]], %[[V5]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @tanh_sqrt(%x: tensor<?xf64>) -> tensor<?xf64> {
  %t = irtk.tanh %x : tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sqrt %t : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %s [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// sigmoid(x) * softplus(x): softplus' is sigmoid, read from the forward value once (cse).
// CHECK-LABEL: func.func @sigmoid_softplus(
// CHECK-NEXT:    %s = irtk.sigmoid %x : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %p = irtk.softplus %x : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[V0:.*]] = irtk.mul %s, %s : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[V1:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK-NEXT:    %[[V2:.*]] = irtk.sub %[[V1]], %s : tensor<1xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[V3:.*]] = irtk.mul %s, %[[V2]] : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[V4:.*]] = irtk.mul %p, %[[V3]] : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %g = irtk.add %[[V0]], %[[V4]] : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    func.return %g
func.func @sigmoid_softplus(%x: tensor<?xf32>) -> tensor<?xf32> {
  %s = irtk.sigmoid %x : tensor<?xf32> -> tensor<?xf32>
  %p = irtk.softplus %x : tensor<?xf32> -> tensor<?xf32>
  %a = irtk.mul %s, %p : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %c = irtk.sum %a [0] : tensor<?xf32> -> tensor<f32>
  %g = irtk.grad %c wrt %x : tensor<f32>, tensor<?xf32>
  return %g : tensor<?xf32>
}

// -----

// x ** y: y * x ** (y - 1) and x ** y * log(x).
// CHECK-LABEL: func.func @pow(
// CHECK-NEXT:    %p = irtk.pow %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.sub %y, %[[V0]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.pow %x, %[[V1]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.mul %y, %[[V2]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.log %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.mul %p, %[[V3]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g, %[[V4]]
func.func @pow(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %p = irtk.pow %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %y : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %g#0, %g#1 : tensor<?xf64>, tensor<?xf64>
}
