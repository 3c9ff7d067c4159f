// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the advanced indexing ops after autodiff, canonicalize and cse (whole bodies checked): a
// gather's gradient scatter-adds into zeros of the source's shape; a scatter-add passes the gradient through and
// gathers it for the added values.

// x[i] squared: 2 x[i] scattered (added) into zeros of x's shape.
// CHECK-LABEL: func.func @gather(
// CHECK-NEXT:    %g0 = irtk.advanced_subtensor %x[%i] : tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %g0, %[[V0]] : tensor<?x3xf64>, tensor<1x1xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.constant dense<0.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.broadcast %[[V2]] to %x : tensor<1x1xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %g = irtk.advanced_inc_subtensor %[[V3]][%i], %[[V1]] : tensor<?x3xf64>, tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
// CHECK-NEXT:    func.return %g
func.func @gather(%x: tensor<?x3xf64>, %i: tensor<?xi64>) -> tensor<?x3xf64> {
  %g0 = irtk.advanced_subtensor %x[%i] : tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
  %q = irtk.sqr %g0 : tensor<?x3xf64> -> tensor<?x3xf64>
  %c = irtk.sum %q [0, 1] : tensor<?x3xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x3xf64>
  return %g : tensor<?x3xf64>
}

// -----

// The negative log-likelihood indexing of the tutorial models: -1 scattered into zeros at (rows, y).
// CHECK-LABEL: func.func @pick_per_row(
// CHECK-NEXT:    %p = irtk.advanced_subtensor %l[%rows, %y] : tensor<?x?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<-1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.broadcast %[[V0]] to %p : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.constant dense<0.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.broadcast %[[V2]] to %l : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.advanced_inc_subtensor %[[V3]][%rows, %y], %[[V1]] : tensor<?x?xf64>, tensor<?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @pick_per_row(%l: tensor<?x?xf64>, %rows: tensor<?xi64>, %y: tensor<?xi64>) -> tensor<?x?xf64> {
  %p = irtk.advanced_subtensor %l[%rows, %y] : tensor<?x?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?xf64>
  %s = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %c = irtk.neg %s : tensor<f64> -> tensor<f64>
  %g = irtk.grad %c wrt %l : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// inc_subtensor: x gets the gradient as it is, y the gradient gathered at i.
// CHECK-LABEL: func.func @scatter_add(
// CHECK-NEXT:    %u = irtk.advanced_inc_subtensor %x[%i], %y : tensor<?x3xf64>, tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NEXT:    %g = irtk.mul %u, %[[V0]] : tensor<?x3xf64>, tensor<1x1xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.advanced_subtensor %g[%i] : tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
// CHECK-NEXT:    func.return %g, %[[V1]]
func.func @scatter_add(%x: tensor<?x3xf64>, %y: tensor<?x3xf64>, %i: tensor<?xi64>) -> (tensor<?x3xf64>, tensor<?x3xf64>) {
  %u = irtk.advanced_inc_subtensor %x[%i], %y : tensor<?x3xf64>, tensor<?x3xf64>, tensor<?xi64> -> tensor<?x3xf64>
  %q = irtk.sqr %u : tensor<?x3xf64> -> tensor<?x3xf64>
  %c = irtk.sum %q [0, 1] : tensor<?x3xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %y : tensor<f64>, tensor<?x3xf64>, tensor<?x3xf64>
  return %g#0, %g#1 : tensor<?x3xf64>, tensor<?x3xf64>
}
