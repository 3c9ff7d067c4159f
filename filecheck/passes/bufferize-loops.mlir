// RUN: irtk-opt %s -p bufferize | filecheck %s

// An scf.for carrying a tensor keeps it in one buffer for the whole loop: a private copy of its initial value (an
// argument is never written), read by the body, which receives the yielded value at the end of each iteration; the
// buffers an iteration allocates are freed before it ends; scalars stay iter_args. A tensor.extract inside a
// generic's body (a gather from the carried tensor) becomes a memref.load of its buffer.

// CHECK-LABEL: func.func @loop(
// CHECK:         %[[CARRY:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%x, %[[CARRY]])
// CHECK-NEXT:    %s = scf.for %k = %c0 to %n step %c1 iter_args(%sum = %zero) -> (f64) {
// CHECK-NEXT:      %[[NEXT:.*]] = memref.alloc(%size) : memref<?xf64>
// CHECK-NEXT:      linalg.generic {{.*}} ins(%[[CARRY]] : memref<?xf64>) outs(%[[NEXT]] : memref<?xf64>) {
// CHECK:             %b = memref.load %[[CARRY]][%mirror] : memref<?xf64>
// CHECK:           %first = memref.load %[[NEXT]][%c0] : memref<?xf64>
// CHECK-NEXT:      %sum2 = arith.addf %sum, %first : f64
// CHECK-NEXT:      "memref.copy"(%[[NEXT]], %[[CARRY]])
// CHECK-NEXT:      memref.dealloc %[[NEXT]] : memref<?xf64>
// CHECK-NEXT:      scf.yield %sum2 : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[CARRY]], %s : memref<?xf64>, f64
func.func @loop(%x: tensor<?xf64>, %n: index) -> (tensor<?xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %size = tensor.dim %x, %c0 : tensor<?xf64>
  %r, %s = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %x, %sum = %zero) -> (tensor<?xf64>, f64) {
    %e = tensor.empty(%size) : tensor<?xf64>
    %next = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%acc : tensor<?xf64>) outs(%e : tensor<?xf64>) {
    ^bb0(%a: f64, %o: f64):
      %i = linalg.index 0 : index
      %last = arith.subi %size, %c1 : index
      %mirror = arith.subi %last, %i : index
      %b = tensor.extract %acc[%mirror] : tensor<?xf64>
      %t = arith.addf %a, %b : f64
      linalg.yield %t : f64
    } -> tensor<?xf64>
    %first = tensor.extract %next[%c0] : tensor<?xf64>
    %sum2 = arith.addf %sum, %first : f64
    scf.yield %next, %sum2 : tensor<?xf64>, f64
  }
  func.return %r, %s : tensor<?xf64>, f64
}
