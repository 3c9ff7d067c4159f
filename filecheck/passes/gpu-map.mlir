// RUN: irtk-opt %s --split-input-file -p gpu-map | filecheck %s

// gpu-map marks each outermost scf.parallel whose body can run on a GPU thread as a kernel of blocks of 256
// threads over its flattened iteration space; everything else stays on the host.

// An elementwise loop nest is one kernel; the scf.parallel inside it is not marked (it runs sequentially in
// each thread), and the code between loops stays as it is.
// CHECK-LABEL: func.func @scale(
// CHECK:         %k = memref.load %s[] : memref<f64>
// CHECK:         "scf.parallel"
// CHECK:           "scf.parallel"
// CHECK:             arith.mulf
// CHECK:           }) : (index, index, index) -> ()
// CHECK:         }) {irtk.gpu_map = {threads_per_block = 256 : i64}} : (index, index, index) -> ()
// CHECK-NOT:     irtk.gpu_map
func.func @scale(%m: memref<?x4xf64>, %s: memref<f64>) -> memref<?x4xf64> {
  %k = memref.load %s[] : memref<f64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = memref.dim %m, %c0 : memref<?x4xf64>
  %out = memref.alloc(%n) : memref<?x4xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%j: index):
      %x = memref.load %m[%i, %j] : memref<?x4xf64>
      %y = arith.mulf %x, %k : f64
      memref.store %y, %out[%i, %j] : memref<?x4xf64>
      scf.reduce
    }) : (index, index, index) -> ()
    scf.reduce
  }) : (index, index, index) -> ()
  return %out : memref<?x4xf64>
}

// -----

// The chunks of a blocked sum are GPU threads (each keeps its 8 lanes in a local array); the fold of the chunk
// results, an scf.for, stays on the host, in order: the CPU's bits.
// CHECK-LABEL: func.func @chunks(
// CHECK:         "scf.parallel"
// CHECK:           memref.alloca() : memref<8xf64>
// CHECK:         }) {irtk.gpu_map = {threads_per_block = 256 : i64}} : (index, index, index) -> ()
// CHECK-NEXT:    %zero = arith.constant
// CHECK-NEXT:    %sum = scf.for
// CHECK-NOT:     irtk.gpu_map
func.func @chunks(%x: memref<?xf64>, %partial: memref<?xf64>, %out: memref<f64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %n = memref.dim %partial, %c0 : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%chunk: index):
    %lanes = memref.alloca() : memref<8xf64>
    scf.for %lane = %c0 to %c8 step %c1 {
      %v = memref.load %x[%lane] : memref<?xf64>
      memref.store %v, %lanes[%lane] : memref<8xf64>
    }
    %first = memref.load %lanes[%c0] : memref<8xf64>
    memref.store %first, %partial[%chunk] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  %zero = arith.constant 0.0 : f64
  %sum = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %p = memref.load %partial[%k] : memref<?xf64>
    %s = arith.addf %acc, %p : f64
    scf.yield %s : f64
  }
  memref.store %sum, %out[] : memref<f64>
  return
}

// -----

// A loop that allocates from the call's arena stays on the host; a parallel loop inside it is a kernel,
// launched once per iteration of the host loop.
// CHECK-LABEL: func.func @host_outer(
// CHECK:         "scf.parallel"
// CHECK:           memref.alloc
// CHECK:           "scf.parallel"
// CHECK:           }) {irtk.gpu_map = {threads_per_block = 256 : i64}} : (index, index, index) -> ()
// CHECK:         }) : (index, index, index) -> ()
func.func @host_outer(%x: memref<4x4xf64>, %y: memref<4x4xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %row = memref.alloc() : memref<4xf64>
    "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%j: index):
      %v = memref.load %x[%i, %j] : memref<4x4xf64>
      memref.store %v, %row[%j] : memref<4xf64>
      scf.reduce
    }) : (index, index, index) -> ()
    scf.for %j = %c0 to %c4 step %c1 {
      %v = memref.load %row[%j] : memref<4xf64>
      memref.store %v, %y[%i, %j] : memref<4x4xf64>
    }
    memref.dealloc %row : memref<4xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  return
}

// -----

// Complex numbers are host code (std::complex), and so is a local array over 16 KiB or of a size known only at
// run time: such loops are not kernels.
// CHECK-LABEL: func.func @not_on_gpu(
// CHECK-NOT:     irtk.gpu_map
func.func @not_on_gpu(%z: memref<4xcomplex<f64>>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %v0 = arith.constant 1.0 : f64
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %v = memref.load %z[%i] : memref<4xcomplex<f64>>
    memref.store %v, %z[%i] : memref<4xcomplex<f64>>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %big = memref.alloca() : memref<4096xf64>
    memref.store %v0, %big[%i] : memref<4096xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %dynamic = memref.alloca(%n) : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  return
}

// -----

// A global read in a kernel is taken before the loop (memref.get_global has no operands and no effect), so the
// kernel receives it like any other buffer.
// CHECK-LABEL: func.func @table(
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c4 = arith.constant 4 : index
// CHECK-NEXT:    %t = memref.get_global @weights : memref<4xf64>
// CHECK-NEXT:    "scf.parallel"
// CHECK-NEXT:    ^bb0(%i: index):
// CHECK-NEXT:      %w = memref.load %t[%i] : memref<4xf64>
"memref.global"() <{sym_name = "weights", type = memref<4xf64>, sym_visibility = "private", constant,
  initial_value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf64>}> : () -> ()
func.func @table(%x: memref<4xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %t = memref.get_global @weights : memref<4xf64>
    %w = memref.load %t[%i] : memref<4xf64>
    memref.store %w, %x[%i] : memref<4xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  return
}
