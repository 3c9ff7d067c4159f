// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s

// Gradients through the ops that move data between dimensions: dot (all four rank combinations; each
// gradient is a contraction of the adjoint with the other operand, see also autodiff-contraction.mlir),
// dimshuffle (the inverse pattern), sum (dimshuffle back, then broadcast), and broadcasting (the adjoint
// of a stretched size-1 dimension is summed over it and the dimension put back).

// vector . vector: du = g v, dv = g u, the scalar adjoint times the other vector.
// CHECK-LABEL: func.func @dot_vv(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %gu = irtk.contract %[[ONE]], %v {spec = ",a->a"} : tensor<f64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %gv = irtk.contract %[[ONE]], %u {spec = ",a->a"} : tensor<f64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %gu, %gv
func.func @dot_vv(%u: tensor<?xf64>, %v: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %c = irtk.dot %u, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %gu, %gv = irtk.grad %c wrt %u, %v : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %gu, %gv : tensor<?xf64>, tensor<?xf64>
}

// -----

// matrix . vector: dA = outer(g, v), dv = A^T g.
// CHECK-LABEL: func.func @dot_mv(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %p : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %ga = irtk.contract %[[G]], %v {spec = "a,b->ab"} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %gv = irtk.contract %[[G]], %a {spec = "a,ab->b"} : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %ga, %gv
func.func @dot_mv(%a: tensor<?x?xf64>, %v: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %p = irtk.dot %a, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %ga, %gv = irtk.grad %c wrt %a, %v : tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %ga, %gv : tensor<?x?xf64>, tensor<?xf64>
}

// -----

// vector . matrix: du = B g, dB = outer(u, g).
// CHECK-LABEL: func.func @dot_vm(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %p : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %gu = irtk.contract %[[G]], %b {spec = "b,ab->a"} : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %gb = irtk.contract %[[G]], %u {spec = "b,a->ab"} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %gu, %gb
func.func @dot_vm(%u: tensor<?xf64>, %b: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?x?xf64>) {
  %p = irtk.dot %u, %b : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %gu, %gb = irtk.grad %c wrt %u, %b : tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
  return %gu, %gb : tensor<?xf64>, tensor<?x?xf64>
}

// -----

// matrix . matrix: dA = g B^T, dB = A^T g, contractions that read B and A transposed (no transposed copy).
// CHECK-LABEL: func.func @dot_mm(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %p : tensor<1x1xf64>, tensor<3x5xf64> -> tensor<3x5xf64>
// CHECK-NEXT:    %ga = irtk.contract %[[G]], %b {spec = "ac,bc->ab"} : tensor<3x5xf64>, tensor<?x5xf64> -> tensor<3x?xf64>
// CHECK-NEXT:    %gb = irtk.contract %[[G]], %a {spec = "ac,ab->bc"} : tensor<3x5xf64>, tensor<3x?xf64> -> tensor<?x5xf64>
// CHECK-NEXT:    func.return %ga, %gb
func.func @dot_mm(%a: tensor<3x?xf64>, %b: tensor<?x5xf64>) -> (tensor<3x?xf64>, tensor<?x5xf64>) {
  %p = irtk.dot %a, %b : tensor<3x?xf64>, tensor<?x5xf64> -> tensor<3x5xf64>
  %c = irtk.sum %p [0, 1] : tensor<3x5xf64> -> tensor<f64>
  %ga, %gb = irtk.grad %c wrt %a, %b : tensor<f64>, tensor<3x?xf64>, tensor<?x5xf64>
  return %ga, %gb : tensor<3x?xf64>, tensor<?x5xf64>
}

// -----

// dimshuffle: the adjoint goes back through the inverse pattern; a new axis of the result is dropped,
// a dropped operand dimension comes back as a new axis.
// CHECK-LABEL: func.func @dimshuffle(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %t : tensor<1x1xf64>, tensor<3x?xf64> -> tensor<3x?xf64>
// CHECK-NEXT:    %g = irtk.dimshuffle %[[G]] [1, x, 0] : tensor<3x?xf64> -> tensor<?x1x3xf64>
// CHECK-NEXT:    func.return %g
func.func @dimshuffle(%m: tensor<?x1x3xf64>) -> tensor<?x1x3xf64> {
  %t = irtk.dimshuffle %m [2, 0] : tensor<?x1x3xf64> -> tensor<3x?xf64>
  %c = irtk.sum %t [0, 1] : tensor<3x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %m : tensor<f64>, tensor<?x1x3xf64>
  return %g : tensor<?x1x3xf64>
}

// -----

// CHECK-LABEL: func.func @dimshuffle_new_axis(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %t : tensor<1x1x1xf32>, tensor<1x?x1xf32> -> tensor<1x?x1xf32>
// CHECK-NEXT:    %g = irtk.dimshuffle %[[G]] [1] : tensor<1x?x1xf32> -> tensor<?xf32>
func.func @dimshuffle_new_axis(%v: tensor<?xf32>) -> tensor<?xf32> {
  %t = irtk.dimshuffle %v [x, 0, x] : tensor<?xf32> -> tensor<1x?x1xf32>
  %c = irtk.sum %t [0, 1, 2] : tensor<1x?x1xf32> -> tensor<f32>
  %g = irtk.grad %c wrt %v : tensor<f32>, tensor<?xf32>
  return %g : tensor<?xf32>
}

// -----

// sum over one axis: the adjoint gets the reduced axis back (size 1) and is broadcast to the operand.
// CHECK-LABEL: func.func @sum_axis(
// CHECK:         %[[GR:.*]] = irtk.broadcast %{{.*}} to %r : tensor<1xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[COL:.*]] = irtk.dimshuffle %[[GR]] [0, x] : tensor<?xf32> -> tensor<?x1xf32>
// CHECK-NEXT:    %g = irtk.broadcast %[[COL]] to %m : tensor<?x1xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
// CHECK-NEXT:    func.return %g
func.func @sum_axis(%m: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = irtk.sum %m [1] : tensor<?x4xf32> -> tensor<?xf32>
  %c = irtk.sum %r [0] : tensor<?xf32> -> tensor<f32>
  %g = irtk.grad %c wrt %m : tensor<f32>, tensor<?x4xf32>
  return %g : tensor<?x4xf32>
}

// -----

// sum over all axes: the scalar adjoint becomes a 1x1 tensor, broadcast to the operand.
// CHECK-LABEL: func.func @sum_all(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[ONE11:.*]] = irtk.dimshuffle %[[ONE]] [x, x] : tensor<f64> -> tensor<1x1xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[ONE11]] to %m : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @sum_all(%m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c = irtk.sum %m [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %m : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// Broadcasting a row over a matrix: the row's adjoint is summed over the stretched dimension 0, which
// comes back as a size-1 dimension.
// CHECK-LABEL: func.func @broadcasting(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %s : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[GM:.*]] = irtk.mul %[[G]], %m : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK:         %[[SUM:.*]] = irtk.sum %[[GM]] [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.dimshuffle %[[SUM]] [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
// CHECK-NEXT:    func.return %g
func.func @broadcasting(%row: tensor<1x?xf64>, %m: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %s = irtk.mul %row, %m : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %s [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %row : tensor<f64>, tensor<1x?xf64>
  return %g : tensor<1x?xf64>
}

// -----

// irtk.broadcast: x's adjoint is the result's, summed over the stretched dimensions; `like` gets none.
// CHECK-LABEL: func.func @broadcast_op(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %b : tensor<1x1xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %[[SUM:.*]] = irtk.sum %[[G]] [0] : tensor<?x3xf64> -> tensor<3xf64>
// CHECK-NEXT:    %g = irtk.dimshuffle %[[SUM]] [x, 0] : tensor<3xf64> -> tensor<1x3xf64>
// CHECK-NEXT:    func.return %g, %b
func.func @broadcast_op(%x: tensor<1x3xf64>, %like: tensor<?x3xf64>) -> (tensor<1x3xf64>, tensor<?x3xf64>) {
  %b = irtk.broadcast %x to %like : tensor<1x3xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
  %c = irtk.sum %b [0, 1] : tensor<?x3xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<1x3xf64>
  return %g, %b : tensor<1x3xf64>, tensor<?x3xf64>
}
