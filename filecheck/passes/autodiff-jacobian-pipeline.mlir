// RUN: irtk-opt %s -p fast-compile | filecheck %s --check-prefix=STRUCTURED
// RUN: irtk-opt %s -p fast-run | filecheck %s --check-prefix=LOOPS

// An expanded Jacobian goes down both pipelines: lower-to-structured lowers the irtk ops inside the loop body like
// any others (the row update becomes an irtk_ext.scatter into the carried tensor), fuse keeps the forward work
// outside the loop (the hoisted 1 - y^2 is read by the row's generic, never fused into it), and bufferize
// keeps each carried tensor in one buffer, so that the loop level is a plain scf.for over y's elements.

// STRUCTURED-LABEL: func.func @tanh(
// STRUCTURED-NOT:     = irtk.
// STRUCTURED:         %{{.*}}, %j = scf.for %k = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[K:.*]] = %{{.*}}, %[[J:.*]] = %{{.*}}) -> (tensor<i64>, tensor<?x?xf64>) {
// STRUCTURED:           linalg.generic
// STRUCTURED-NOT:       = irtk.
// STRUCTURED:           %[[NEXT:.*]] = irtk_ext.scatter ins(%{{.*}}, %[[K]] : tensor<?xf64>, tensor<i64>) outs(%[[J]] : tensor<?x?xf64>)
// STRUCTURED-NOT:       = irtk.
// STRUCTURED:           scf.yield %{{.*}}, %[[NEXT]] : tensor<i64>, tensor<?x?xf64>
// STRUCTURED:         func.return %j : tensor<?x?xf64>

// LOOPS-LABEL: func.func @tanh(%x: memref<?xf64>) -> memref<?x?xf64> {
// LOOPS-NOT:     tensor<
// LOOPS:         scf.for %k = %{{.*}} to %{{.*}} step %{{.*}} {
// LOOPS-NOT:     tensor<
// LOOPS:         func.return %{{.*}} : memref<?x?xf64>
func.func @tanh(%x: tensor<?xf64>) -> tensor<?x?xf64> {
  %y = irtk.tanh %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.jacobian %y wrt %x : tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?x?xf64>
}
