// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s
// RUN: irtk-opt %s --split-input-file -p fast-run | filecheck %s --check-prefix=LOOPS

// Second order from hand-written requests: `autodiff` expands them in block order, so a request may differentiate
// code an earlier request produced — a gradient of a gradient (the diagonal of a Hessian, summed), and a Hessian-
// vector product as the forward-mode derivative of a gradient. Both then lower through the whole pipeline.

// d/dx sum(d/dx sum(x^3)) = d/dx sum(3 x^2) = 6 x
// CHECK-LABEL: func.func @grad_of_grad(
// CHECK-NOT:     irtk.grad
// CHECK:         %[[TWO_X:.*]] = irtk.mul %{{.*}}, %{{.*}} : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %h = irtk.mul %k, %[[TWO_X]]
// CHECK-NEXT:    func.return %h
// LOOPS-LABEL: func.func @grad_of_grad(
// LOOPS-NOT:     = irtk.
// LOOPS:         func.return
func.func @grad_of_grad(%x: tensor<?xf64>) -> tensor<?xf64> {
  %c3 = irtk.constant dense<3.0> : tensor<f64>
  %k = irtk.dimshuffle %c3 [-1] : tensor<f64> -> tensor<1xf64>
  %y = irtk.pow %x, %k : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %c = irtk.sum %y [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  %s = irtk.sum %g [0] : tensor<?xf64> -> tensor<f64>
  %h = irtk.grad %s wrt %x : tensor<f64>, tensor<?xf64>
  return %h : tensor<?xf64>
}

// -----

// H v for the cost sum(exp(x)): the gradient exp(x), then its directional derivative along v, exp(x) * v.
// CHECK-LABEL: func.func @hessian_vector(
// CHECK-NOT:     irtk.rop
// CHECK-NOT:     irtk.grad
// CHECK:         %[[E:.*]] = irtk.exp %x
// CHECK:         irtk.mul {{.*}}%[[E]]
// CHECK:         func.return
// LOOPS-LABEL: func.func @hessian_vector(
// LOOPS-NOT:     = irtk.
// LOOPS:         math.exp
// LOOPS:         func.return
func.func @hessian_vector(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  %hv = irtk.rop %g wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %hv : tensor<?xf64>
}
