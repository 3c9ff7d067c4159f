// RUN: irtk-opt %s -p 'tile{sizes=4,8}' | filecheck %s
// RUN: irtk-opt %s -p 'tile{sizes=4,8}' --print-debuginfo | filecheck %s --check-prefix=LOC

// Each outermost scf.parallel becomes a loop over tiles (stepping by the tile size) around the
// original loop restricted to one tile, [start, min(start + size, ub)), with arith.minsi.

// CHECK-LABEL: func.func @add_dynamic(%a: memref<?x?xf64>, %out: memref<?x?xf64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %m = memref.dim %a, %c0 : memref<?x?xf64>
// CHECK-NEXT:    %n = memref.dim %a, %c1 : memref<?x?xf64>
// CHECK-NEXT:    %c4 = arith.constant 4 : index
// CHECK-NEXT:    %c8 = arith.constant 8 : index
// CHECK-NEXT:    "scf.parallel"(%c0, %c0, %m, %n, %c4, %c8) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^bb0(%tile0: index, %tile1: index):
// CHECK-NEXT:      %[[E0:.*]] = arith.addi %tile0, %c4 : index
// CHECK-NEXT:      %[[END0:.*]] = arith.minsi %[[E0]], %m : index
// CHECK-NEXT:      %[[E1:.*]] = arith.addi %tile1, %c8 : index
// CHECK-NEXT:      %[[END1:.*]] = arith.minsi %[[E1]], %n : index
// CHECK-NEXT:      "scf.parallel"(%tile0, %tile1, %[[END0]], %[[END1]], %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:      ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:        %x = memref.load %a[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:        %e = math.exp %x : f64
// CHECK-NEXT:        memref.store %e, %out[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      }) : (index, index, index, index, index, index) -> ()
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index, index, index, index) -> ()
// CHECK-NEXT:    func.return
// CHECK-NOT:   affine.

// LOC-LABEL: func.func @add_dynamic
// LOC:         %c4 = arith.constant 4 : index loc("model.py":2:1)
// LOC:         ^bb0(%tile0: index loc("model.py":2:1), %tile1: index loc("model.py":2:1)):
// LOC-NEXT:      arith.addi {{.*}} loc("model.py":2:1)
// LOC-NEXT:      arith.minsi {{.*}} loc("model.py":2:1)
// LOC:           math.exp {{.*}} loc("model.py":2:5)
func.func @add_dynamic(%a: memref<?x?xf64>, %out: memref<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i0: index, %i1: index):
    %x = memref.load %a[%i0, %i1] : memref<?x?xf64>
    %e = math.exp %x : f64 loc("model.py":2:5)
    memref.store %e, %out[%i0, %i1] : memref<?x?xf64>
    scf.reduce
  }) : (index, index, index, index, index, index) -> () loc("model.py":2:1)
  func.return
}

// Static bounds that split into whole tiles (16 = 4 * 4) need no arith.minsi; those that do not
// (10 is not a multiple of 8) keep it.

// CHECK-LABEL: func.func @static(%a: memref<16x10xf32>) {
// CHECK:         "scf.parallel"(%c0, %c0, %c16, %c10, %c4, %c8)
// CHECK-NEXT:    ^bb0(%tile0: index, %tile1: index):
// CHECK-NEXT:      %[[END0:.*]] = arith.addi %tile0, %c4 : index
// CHECK-NEXT:      %[[E1:.*]] = arith.addi %tile1, %c8 : index
// CHECK-NEXT:      %[[END1:.*]] = arith.minsi %[[E1]], %c10 : index
// CHECK-NEXT:      "scf.parallel"(%tile0, %tile1, %[[END0]], %[[END1]], %c1, %c1)
func.func @static(%a: memref<16x10xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c10 = arith.constant 10 : index
  %zero = arith.constant 0.0 : f32
  "scf.parallel"(%c0, %c0, %c16, %c10, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i0: index, %i1: index):
    memref.store %zero, %a[%i0, %i1] : memref<16x10xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}

// A reduction inside the parallel loop (here a matmul's k loop, carried in iter_args) moves into
// the tile unchanged: same order, same accumulator.

// CHECK-LABEL: func.func @matmul(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
// CHECK:         "scf.parallel"(%c0, %c0, %m, %n, %c4, %c8)
// CHECK:           "scf.parallel"(%tile0, %tile1, %{{.*}}, %{{.*}}, %c1, %c1)
// CHECK-NEXT:      ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:        %init = memref.load %c[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:        %dot = scf.for %i2 = %c0 to %k step %c1 iter_args(%acc = %init) -> (f64) {
// CHECK-NEXT:          %x = memref.load %a[%i0, %i2] : memref<?x?xf64>
// CHECK-NEXT:          %y = memref.load %b[%i2, %i1] : memref<?x?xf64>
// CHECK-NEXT:          %p = arith.mulf %x, %y : f64
// CHECK-NEXT:          %s = arith.addf %acc, %p : f64
// CHECK-NEXT:          scf.yield %s : f64
// CHECK-NEXT:        }
// CHECK-NEXT:        memref.store %dot, %c[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      })
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
func.func @matmul(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %b, %c1 : memref<?x?xf64>
  %k = memref.dim %a, %c1 : memref<?x?xf64>
  "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i0: index, %i1: index):
    %init = memref.load %c[%i0, %i1] : memref<?x?xf64>
    %dot = scf.for %i2 = %c0 to %k step %c1 iter_args(%acc = %init) -> (f64) {
      %x = memref.load %a[%i0, %i2] : memref<?x?xf64>
      %y = memref.load %b[%i2, %i1] : memref<?x?xf64>
      %p = arith.mulf %x, %y : f64
      %s = arith.addf %acc, %p : f64
      scf.yield %s : f64
    }
    memref.store %dot, %c[%i0, %i1] : memref<?x?xf64>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}
