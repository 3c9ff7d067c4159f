// RUN: irtk-opt %s --split-input-file -p forward-stores | filecheck %s

// A load of a private buffer (an allocation only loaded, stored into, measured and freed) at the indices a store
// just wrote reads the stored value, when nothing from the store to the load may write the buffer; a private
// buffer left without loads goes, with its stores and deallocation.

// A row's maximum stored, then read inside the loop over the row: the loop uses the value, and the vector of row
// maxima is gone.
// CHECK-LABEL: func.func @row_value_in_a_register(
// CHECK-NOT:     memref.alloc
// CHECK:         "scf.parallel"
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index):
// CHECK-NEXT:      %[[M:.*]] = memref.load %x[%[[I]], %c0] : memref<?x?xf64>
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %c step %c1 {
// CHECK-NEXT:        %[[E:.*]] = memref.load %x[%[[I]], %[[J]]] : memref<?x?xf64>
// CHECK-NEXT:        %[[D:.*]] = arith.subf %[[E]], %[[M]] : f64
// CHECK-NEXT:        memref.store %[[D]], %out[%[[I]], %[[J]]] : memref<?x?xf64>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NOT:     memref.dealloc
func.func @row_value_in_a_register(%x: memref<?x?xf64>, %out: memref<?x?xf64>, %r: index, %c: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.alloc(%r) : memref<?xf64>
  "scf.parallel"(%c0, %r, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %m = memref.load %x[%i, %c0] : memref<?x?xf64>
    memref.store %m, %v[%i] : memref<?xf64>
    scf.for %j = %c0 to %c step %c1 {
      %e = memref.load %x[%i, %j] : memref<?x?xf64>
      %mv = memref.load %v[%i] : memref<?xf64>
      %d = arith.subf %e, %mv : f64
      memref.store %d, %out[%i, %j] : memref<?x?xf64>
    }
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return
}

// -----

// A store at other indices (%k, which may equal %i at run time) comes between: the load stays, and so does the
// buffer.
// CHECK-LABEL: func.func @another_store_between(
// CHECK:         memref.alloc
// CHECK:         memref.store %a, %v[%i]
// CHECK-NEXT:    memref.store %b, %v[%k]
// CHECK-NEXT:    %[[L:.*]] = memref.load %v[%i]
// CHECK-NEXT:    memref.dealloc %v
// CHECK-NEXT:    func.return %[[L]]
func.func @another_store_between(%a: f64, %b: f64, %i: index, %k: index) -> f64 {
  %c4 = arith.constant 4 : index
  %v = memref.alloc(%c4) : memref<?xf64>
  memref.store %a, %v[%i] : memref<?xf64>
  memref.store %b, %v[%k] : memref<?xf64>
  %l = memref.load %v[%i] : memref<?xf64>
  memref.dealloc %v : memref<?xf64>
  func.return %l : f64
}

// -----

// The loop that holds the load also writes the buffer (its second iteration would read what the first stored):
// nothing is forwarded into it.
// CHECK-LABEL: func.func @written_in_the_loop_that_reads(
// CHECK:         scf.for
// CHECK-NEXT:      %[[L:.*]] = memref.load %v[%c0]
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[L]], %a
// CHECK-NEXT:      memref.store %[[S]], %v[%c0]
func.func @written_in_the_loop_that_reads(%a: f64, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.alloc() : memref<1xf64>
  memref.store %a, %v[%c0] : memref<1xf64>
  scf.for %j = %c0 to %n step %c1 {
    %l = memref.load %v[%c0] : memref<1xf64>
    %s = arith.addf %l, %a : f64
    memref.store %s, %v[%c0] : memref<1xf64>
  }
  %r = memref.load %v[%c0] : memref<1xf64>
  memref.dealloc %v : memref<1xf64>
  func.return %r : f64
}

// -----

// A buffer the function returns, or one a view reads, is not private: its loads stay.
// CHECK-LABEL: func.func @not_private(
// CHECK:         memref.store %a, %v[]
// CHECK-NEXT:    %[[L:.*]] = memref.load %v[]
// CHECK:         memref.store %a, %w[%c0, %c0]
// CHECK-NEXT:    memref.subview %w
// CHECK-NEXT:    memref.load %w[%c0, %c0]
func.func @not_private(%a: f64) -> (memref<f64>, f64, memref<1xf64, strided<[2]>>, f64) {
  %c0 = arith.constant 0 : index
  %v = memref.alloc() : memref<f64>
  memref.store %a, %v[] : memref<f64>
  %l = memref.load %v[] : memref<f64>
  %w = memref.alloc() : memref<2x2xf64>
  memref.store %a, %w[%c0, %c0] : memref<2x2xf64>
  %s = memref.subview %w[0, 0] [1, 1] [1, 1] : memref<2x2xf64> to memref<1xf64, strided<[2]>>
  %m = memref.load %w[%c0, %c0] : memref<2x2xf64>
  func.return %v, %l, %s, %m : memref<f64>, f64, memref<1xf64, strided<[2]>>, f64
}
