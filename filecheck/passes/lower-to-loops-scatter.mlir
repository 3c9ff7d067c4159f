// RUN: irtk-opt %s -p bufferize,lower-to-loops | filecheck %s

// A scatter writes into (a private copy of) its target: sequential loops over the indices' positions, in order, so
// that repeated indices combine one after the other, around a parallel loop over the remaining dimensions.

// CHECK-LABEL: func.func @scatter(
// CHECK:         %[[OUT:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK-NEXT:    "memref.copy"(%t, %[[OUT]])
// CHECK:         scf.for %b0 = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:      %[[I:.*]] = memref.load %i[%b0] : memref<?xi64>
// CHECK-NEXT:      %[[ROW:.*]] = arith.index_cast %[[I]] : i64 to index
// CHECK-NEXT:      "scf.parallel"
// CHECK-NEXT:      ^bb0(%r0: index):
// CHECK-NEXT:        %[[U:.*]] = memref.load %u[%b0, %r0] : memref<?x4xf64>
// CHECK-NEXT:        %[[C:.*]] = memref.load %[[OUT]][%[[ROW]], %r0] : memref<?x4xf64>
// CHECK-NEXT:        %s = arith.addf %[[C]], %[[U]] : f64
// CHECK-NEXT:        memref.store %s, %[[OUT]][%[[ROW]], %r0] : memref<?x4xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NOT:     irtk_ext
func.func @scatter(%u: tensor<?x4xf64>, %i: tensor<?xi64>, %t: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}
