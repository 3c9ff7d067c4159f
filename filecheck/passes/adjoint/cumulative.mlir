// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the cumulative ops after autodiff, canonicalize and cse (whole bodies checked).

// The gradient of a cumulative sum is the reverse cumulative sum of the output gradient.
// CHECK-LABEL: func.func @cumsum(
// CHECK-NEXT:    %g = irtk.cumsum %w [1] reverse : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @cumsum(%x: tensor<?x?xf64>, %w: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %s = irtk.cumsum %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %s, %w : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// Theano's rule for cumprod: the reverse cumulative sum of g * result, over x.
// CHECK-LABEL: func.func @cumprod(
// CHECK-NEXT:    %p = irtk.cumprod %x [0] : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.cumsum %p [0] reverse : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.div %[[V0]], %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %g
func.func @cumprod(%x: tensor<?xf64>) -> tensor<?xf64> {
  %p = irtk.cumprod %x [0] : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
