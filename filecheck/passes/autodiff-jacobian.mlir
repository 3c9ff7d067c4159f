// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s

// `irtk.jacobian %y wrt %x` becomes ONE tensor-level scf.for over y's elements, not one reverse sweep per element
// written out. Before the loop: len(y), the zero Jacobians (irtk.alloc), y's positions (irtk.iota) and every part of
// the sweep that does not depend on the seed (hoisted). The loop carries the position k as a 0-d int64 tensor and
// the Jacobians; iteration k seeds y with the one-hot (positions == k), runs the sweep, and writes the gradient into
// row k (irtk.advanced_set_subtensor, in bounds by construction). The forward values are computed once, above.

// tanh: the row is the one-hot times 1 - y^2, which is computed once, before the loop.
// CHECK-LABEL: func.func @tanh(
// CHECK:         %y = irtk.tanh %x
// CHECK-NEXT:    %[[ROWS:.*]] = irtk.count %y [0]
// CHECK-NEXT:    %[[COLS:.*]] = irtk.count %x [0]
// CHECK-NEXT:    %[[ZERO:.*]] = irtk.constant dense<0.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[J0:.*]] = irtk.alloc %[[ZERO]], %[[ROWS]], %[[COLS]] : tensor<f64>, tensor<i64>, tensor<i64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[POS:.*]] = irtk.iota %y [0] : tensor<?xf64> -> tensor<?xi64>
// CHECK-NEXT:    %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[SQ:.*]] = irtk.sqr %y
// CHECK-NEXT:    %[[D:.*]] = irtk.sub %[[ONE]], %[[SQ]]
// CHECK-NEXT:    %[[STEP:.*]] = irtk.constant dense<1> : tensor<i64>
// CHECK-NEXT:    %[[K0:.*]] = irtk.constant dense<0> : tensor<i64>
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[N:.*]] = tensor.dim %y, %[[C0]] : tensor<?xf64>
// CHECK-NEXT:    %{{.*}}, %j = scf.for %k = %[[C0]] to %[[N]] step %[[C1]] iter_args(%[[K:.*]] = %[[K0]], %[[J:.*]] = %[[J0]]) -> (tensor<i64>, tensor<?x?xf64>) {
// CHECK-NEXT:      %[[KV:.*]] = irtk.dimshuffle %[[K]] [x] : tensor<i64> -> tensor<1xi64>
// CHECK-NEXT:      %[[HOT:.*]] = irtk.eq %[[POS]], %[[KV]] : tensor<?xi64>, tensor<1xi64> -> tensor<?xi1>
// CHECK-NEXT:      %[[SEED:.*]] = irtk.cast %[[HOT]] : tensor<?xi1> -> tensor<?xf64>
// CHECK-NEXT:      %[[ROW:.*]] = irtk.mul %[[SEED]], %[[D]]
// CHECK-NEXT:      %[[NEXT:.*]] = irtk.advanced_set_subtensor %[[J]][%[[K]]], %[[ROW]] in_bounds [0] : tensor<?x?xf64>, tensor<?xf64>, tensor<i64> -> tensor<?x?xf64>
// CHECK-NEXT:      %[[K1:.*]] = irtk.add %[[K]], %[[STEP]]
// CHECK-NEXT:      scf.yield %[[K1]], %[[NEXT]] : tensor<i64>, tensor<?x?xf64>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %j : tensor<?x?xf64>
// CHECK-NOT:     irtk.jacobian
func.func @tanh(%x: tensor<?xf64>) -> tensor<?x?xf64> {
  %y = irtk.tanh %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.jacobian %y wrt %x : tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?x?xf64>
}

// -----

// Several wrt values share the loop; a float32 one gets float32 rows (the adjoint cast back). With
// allow_disconnected, a value y does not depend on keeps its zero Jacobian: it is carried, never written.
// Static sizes give a constant trip count and a static zero Jacobian.
// CHECK-LABEL: func.func @two(
// CHECK:         %[[JW:.*]] = irtk.alloc %{{.*}} : tensor<f32> -> tensor<2x2x3xf32>
// CHECK:         %[[JZ:.*]] = irtk.alloc %{{.*}} : tensor<f64> -> tensor<2xf64>
// CHECK:         %[[N:.*]] = arith.constant 2 : index
// CHECK:         %{{.*}}, %j, %j_1 = scf.for %k = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[K:.*]] = %{{.*}}, %[[W:.*]] = %[[JW]], %[[Z:.*]] = %[[JZ]])
// CHECK:           %[[G:.*]] = irtk.contract %{{.*}}, %a {spec = "a,b->ab"}
// CHECK:           %[[G32:.*]] = irtk.cast %[[G]] : tensor<2x3xf64> -> tensor<2x3xf32>
// CHECK-NEXT:      %[[NEXT:.*]] = irtk.advanced_set_subtensor %[[W]][%[[K]]], %[[G32]] in_bounds [0]
// CHECK-NEXT:      %[[K1:.*]] = irtk.add %[[K]], %{{.*}}
// CHECK-NEXT:      scf.yield %[[K1]], %[[NEXT]], %[[Z]] : tensor<i64>, tensor<2x2x3xf32>, tensor<2xf64>
// CHECK:         func.return %j, %j_1
func.func @two(%a: tensor<3xf64>, %w: tensor<2x3xf32>, %z: tensor<f64>) -> (tensor<2x2x3xf32>, tensor<2xf64>) {
  %wd = irtk.cast %w : tensor<2x3xf32> -> tensor<2x3xf64>
  %y = irtk.dot %wd, %a : tensor<2x3xf64>, tensor<3xf64> -> tensor<2xf64>
  %j:2 = irtk.jacobian %y wrt %w, %z allow_disconnected : tensor<2xf64>, tensor<2x3xf32>, tensor<f64>
  return %j#0, %j#1 : tensor<2x2x3xf32>, tensor<2xf64>
}

// -----

// A Hessian is the Jacobian of a gradient: requests are expanded in block order, so the loop differentiates the
// gradient's adjoint code (here g = 1 * exp(x), so row k is onehot_k * 1 * exp(x)).
// CHECK-LABEL: func.func @hessian(
// CHECK:         %[[ONES:.*]] = irtk.broadcast %{{.*}} to %e
// CHECK-NEXT:    %g = irtk.mul %[[ONES]], %e
// CHECK:         %{{.*}}, %h = scf.for
// CHECK:           %[[SEED:.*]] = irtk.cast %{{.*}} : tensor<?xi1> -> tensor<?xf64>
// CHECK:           %[[T:.*]] = irtk.mul %[[SEED]], %[[ONES]]
// CHECK:           %[[ROW:.*]] = irtk.mul %[[T]], %e
// CHECK-NEXT:      irtk.advanced_set_subtensor %{{.*}}, %[[ROW]] in_bounds [0]
// CHECK:         func.return %h
// CHECK-NOT:     irtk.grad
func.func @hessian(%x: tensor<?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  %h = irtk.jacobian %g wrt %x : tensor<?xf64>, tensor<?xf64>
  return %h : tensor<?x?xf64>
}

// -----

// The Jacobian of x itself is the identity: row k is the one-hot, with no sweep at all.
// CHECK-LABEL: func.func @identity(
// CHECK:         scf.for
// CHECK:           %[[SEED:.*]] = irtk.cast %{{.*}} : tensor<4xi1> -> tensor<4xf64>
// CHECK-NEXT:      irtk.advanced_set_subtensor %{{.*}}, %[[SEED]] in_bounds [0]
func.func @identity(%x: tensor<4xf64>) -> tensor<4x4xf64> {
  %j = irtk.jacobian %x wrt %x : tensor<4xf64>, tensor<4xf64>
  return %j : tensor<4x4xf64>
}
