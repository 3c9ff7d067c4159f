// RUN: irtk-opt %s --split-input-file -p fuse-outer-loops | filecheck %s

// Consecutive scf.parallel nests over the same rows become one nest over the rows when each touches only row i
// of the buffers the other writes (and those buffers are the function's own allocations). Everything else is
// left as it was.

// A fill, a row reduction into the filled vector, and a 2-D nest that reads the row's result: one nest over the
// rows; the 2-D nest keeps its columns as an inner scf.parallel; the allocation and the constants between the
// nests move above the fused nest.
// CHECK-LABEL: func.func @row_chain(
// CHECK:         %[[V:.*]] = memref.alloc(%[[R:.*]]) : memref<?xf64>
// CHECK:         %[[OUT:.*]] = memref.alloc(%[[R]], %[[C:.*]]) : memref<?x?xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %[[R]], %c1)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index):
// CHECK-NEXT:      memref.store %{{.*}}, %[[V]][%[[I]]] : memref<?xf64>
// CHECK-NEXT:      memref.load %[[V]][%[[I]]] : memref<?xf64>
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %[[C]] step %c1
// CHECK:           memref.store %{{.*}}, %[[V]][%[[I]]] : memref<?xf64>
// CHECK-NEXT:      "scf.parallel"(%c0, %[[C]], %c1)
// CHECK-NEXT:      ^bb0(%[[K:.*]]: index):
// CHECK-NEXT:        memref.load %x[%[[I]], %[[K]]] : memref<?x?xf64>
// CHECK-NEXT:        memref.load %[[V]][%[[I]]] : memref<?xf64>
// CHECK-NEXT:        arith.subf
// CHECK-NEXT:        memref.store %{{.*}}, %[[OUT]][%[[I]], %[[K]]] : memref<?x?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      })
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NEXT:    memref.dealloc %[[V]] : memref<?xf64>
// CHECK-NEXT:    func.return %[[OUT]]
func.func @row_chain(%x: memref<?x?xf64>) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = memref.dim %x, %c0 : memref<?x?xf64>
  %v = memref.alloc(%r) : memref<?xf64>
  %zero = arith.constant 0.0 : f64
  "scf.parallel"(%c0, %r, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %zero, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %c = memref.dim %x, %c1 : memref<?x?xf64>
  "scf.parallel"(%c0, %r, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %init = memref.load %v[%i] : memref<?xf64>
    %s = scf.for %j = %c0 to %c step %c1 iter_args(%acc = %init) -> (f64) {
      %e = memref.load %x[%i, %j] : memref<?x?xf64>
      %n = arith.addf %acc, %e : f64
      scf.yield %n : f64
    }
    memref.store %s, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %out = memref.alloc(%r, %c) : memref<?x?xf64>
  "scf.parallel"(%c0, %c0, %r, %c, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %e = memref.load %x[%i, %j] : memref<?x?xf64>
    %m = memref.load %v[%i] : memref<?xf64>
    %d = arith.subf %e, %m : f64
    memref.store %d, %out[%i, %j] : memref<?x?xf64>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return %out : memref<?x?xf64>
}

// -----

// The second nest reads the vector the first writes at another row (the first element): it needs every row of
// the first nest done. Two nests.
// CHECK-LABEL: func.func @reads_another_row(
// CHECK:         "scf.parallel"
// CHECK:         "scf.parallel"
func.func @reads_another_row(%n: index, %out: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.alloc(%n) : memref<?xf64>
  %one = arith.constant 1.0 : f64
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %w = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %first = memref.load %v[%c0] : memref<?xf64>
    memref.store %first, %w[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  memref.dealloc %w : memref<?xf64>
  func.return
}

// -----

// A buffer the function did not allocate (an argument) is written by one nest and read by the other: another
// argument may be a view of the same memory, so row i of one is not known to be row i of the other. Two nests.
// CHECK-LABEL: func.func @argument_written(
// CHECK:         "scf.parallel"
// CHECK:         "scf.parallel"
func.func @argument_written(%n: index, %a: memref<?xf64>, %b: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %a[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %x = memref.load %b[%i] : memref<?xf64>
    memref.store %x, %b[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}

// -----

// Different rows (%n and %m, never checked equal), and a store between the nests: nothing moves, nothing fuses.
// CHECK-LABEL: func.func @other_rows_and_a_store_between(
// CHECK:         "scf.parallel"(%c0, %n, %c1)
// CHECK:         "scf.parallel"(%c0, %m, %c1)
// CHECK:         memref.store %one, %v[%c0]
// CHECK-NEXT:    "scf.parallel"(%c0, %m, %c1)
func.func @other_rows_and_a_store_between(%n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %v = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %m, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.store %one, %v[%c0] : memref<?xf64>
  "scf.parallel"(%c0, %m, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return
}

// -----

// A check between the nests that %m equals %n: it moves above the first nest (which neither checks nor writes the
// caller's memory), and after it the nest over %m runs over the same rows as the one over %n. One nest, the check
// first.
// CHECK-LABEL: func.func @rows_checked_equal(
// CHECK:         %[[EQ:.*]] = arith.cmpi eq, %n, %m : index
// CHECK-NEXT:    cf.assert %[[EQ]], "size mismatch"
// CHECK-NEXT:    "scf.parallel"(%c0, %n, %c1)
// CHECK-NOT:     "scf.parallel"(%c0, %m
// CHECK:         func.return
func.func @rows_checked_equal(%n: index, %m: index, %out: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %v = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %eq = arith.cmpi eq, %n, %m : index
  cf.assert %eq, "size mismatch"
  "scf.parallel"(%c0, %m, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %x = memref.load %v[%i] : memref<?xf64>
    memref.store %x, %out[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return
}

// -----

// The first nest writes the caller's memory: a check after it may not move above it (a failed call must leave
// the arguments as they were), so the nests stay apart.
// CHECK-LABEL: func.func @check_after_a_write_to_an_argument(
// CHECK:         "scf.parallel"(%c0, %n, %c1)
// CHECK:         cf.assert %ok, "index out of range"
// CHECK-NEXT:    memref.alloc
// CHECK-NEXT:    "scf.parallel"(%c0, %n, %c1)
func.func @check_after_a_write_to_an_argument(%n: index, %k: index, %out: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %out[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %ok = arith.cmpi slt, %k, %n : index
  cf.assert %ok, "index out of range"
  %v = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return
}

// -----

// Both nests hold a check: fused, the second nest's check at row 0 would fail before the first nest's at row 5,
// and the call would report a different error. Two nests.
// CHECK-LABEL: func.func @checks_in_both(
// CHECK:         "scf.parallel"
// CHECK:         "scf.parallel"
func.func @checks_in_both(%n: index, %k: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %ok = arith.cmpi slt, %i, %k : index
    cf.assert %ok, "first"
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %ok = arith.cmpi sgt, %i, %k : index
    cf.assert %ok, "second"
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}

// -----

// A nest of three dimensions runs on threads cut by its two outer dimensions; fused, it would be cut by its rows
// alone (a batch of two images: two blocks). It stays apart.
// CHECK-LABEL: func.func @three_dimensions(
// CHECK:         "scf.parallel"(%c0, %n, %c1)
// CHECK:         "scf.parallel"(%c0, %c0, %c0, %n, %h, %w, %c1, %c1, %c1)
func.func @three_dimensions(%n: index, %h: index, %w: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %v = memref.alloc(%n) : memref<?xf64>
  %t = memref.alloc(%n, %h, %w) : memref<?x?x?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %c0, %c0, %n, %h, %w, %c1, %c1, %c1) <{operandSegmentSizes = array<i32: 3, 3, 3, 0>}> ({
  ^bb0(%i: index, %j: index, %k: index):
    %x = memref.load %v[%i] : memref<?xf64>
    memref.store %x, %t[%i, %j, %k] : memref<?x?x?xf64>
    scf.reduce
  }) : (index, index, index, index, index, index, index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  memref.dealloc %t : memref<?x?x?xf64>
  func.return
}

// -----

// The second nest allocates a buffer in each iteration, so the C++ target runs it on one thread; fused, the first
// nest would lose its threads too. They stay apart.
// CHECK-LABEL: func.func @one_nest_allocates(
// CHECK:         "scf.parallel"(%c0, %n, %c1)
// CHECK:         "scf.parallel"(%c0, %n, %c1)
func.func @one_nest_allocates(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %v = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    memref.store %one, %v[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %t = memref.alloc(%n) : memref<?xf64>
    %x = memref.load %v[%i] : memref<?xf64>
    memref.store %x, %t[%i] : memref<?xf64>
    memref.dealloc %t : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  memref.dealloc %v : memref<?xf64>
  func.return
}
