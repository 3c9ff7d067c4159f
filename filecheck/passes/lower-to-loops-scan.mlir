// RUN: irtk-opt %s -p bufferize,lower-to-loops | filecheck %s

// bufferize writes a scan into its outs buffer; lower-to-loops makes it a parallel loop over the other dimensions
// around, when the scanned dimension is not empty, the first element's copy and a sequential scf.for that carries
// the running value in a register. Reversed, positions count down from n - 1.

// CHECK-LABEL: func.func @reverse_scan(
// CHECK:         %[[OUT:.*]] = memref.alloc(%{{.*}}) : memref<?x?xf64>
// CHECK:         "scf.parallel"
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index):
// CHECK-NEXT:      %[[NONEMPTY:.*]] = arith.cmpi sgt, %[[N:.*]], %{{.*}} : index
// CHECK-NEXT:      scf.if %[[NONEMPTY]] {
// CHECK-NEXT:        %[[LAST:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK-NEXT:        %[[FIRST:.*]] = memref.load %x[%[[I]], %[[LAST]]] : memref<?x?xf64>
// CHECK-NEXT:        memref.store %[[FIRST]], %[[OUT]][%[[I]], %[[LAST]]] : memref<?x?xf64>
// CHECK-NEXT:        %{{.*}} = scf.for %[[K:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%carry = %[[FIRST]]) -> (f64) {
// CHECK-NEXT:          %[[POS:.*]] = arith.subi %[[LAST]], %[[K]] : index
// CHECK-NEXT:          %element = memref.load %x[%[[I]], %[[POS]]] : memref<?x?xf64>
// CHECK-NEXT:          %s = arith.addf %carry, %element : f64
// CHECK-NEXT:          memref.store %s, %[[OUT]][%[[I]], %[[POS]]] : memref<?x?xf64>
// CHECK-NEXT:          scf.yield %s : f64
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NOT:     irtk_ext
func.func @reverse_scan(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = tensor.dim %x, %c0 : tensor<?x?xf64>
  %m = tensor.dim %x, %c1 : tensor<?x?xf64>
  %init = tensor.empty(%n, %m) : tensor<?x?xf64>
  %r = irtk_ext.scan dimension(1) reverse ins(%x : tensor<?x?xf64>) outs(%init : tensor<?x?xf64>) {
  ^bb0(%carry: f64, %element: f64):
    %s = arith.addf %carry, %element : f64
    irtk_ext.yield %s : f64
  } -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
