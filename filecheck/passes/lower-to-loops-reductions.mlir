// RUN: irtk-opt %s -p lower-to-loops | filecheck %s

// Reduction dimensions become scf.for loops inside the scf.parallel of the parallel ones, in
// index order (left to right, never reassociated). When the output's map does not use a
// reduction dimension, the output element is loaded once, carried in iter_args, stored once.
// A float sum or product along a loop whose length is known only at run time chooses at run time
// between that sequential loop (under 32 elements) and the blocked order of
// docs/numerical-policy.md (lower-to-loops-blocked.mlir shows its loops); one of a static length
// under 32 is the sequential loop alone.

// A full reduction to rank 0: no scf.parallel, one scf.for.

// CHECK-LABEL: func.func @sum_all(%a: memref<?xf64>, %out: memref<f64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK:         %[[N:.*]] = memref.dim %a, %c0 : memref<?xf64>
// CHECK-NEXT:    %[[INIT:.*]] = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %[[SHORT:.*]] = arith.cmpi slt, %[[N]], %c32 : index
// CHECK-NEXT:    %[[SUM:.*]] = scf.if %[[SHORT]] -> (f64) {
// CHECK-NEXT:      %[[SEQ:.*]] = scf.for %i0 = %c0 to %[[N]] step %c1 iter_args(%acc = %[[INIT]]) -> (f64) {
// CHECK-NEXT:        %x = memref.load %a[%i0] : memref<?xf64>
// CHECK-NEXT:        %s = arith.addf %acc, %x : f64
// CHECK-NEXT:        scf.yield %s : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield %[[SEQ]] : f64
// CHECK-NEXT:    } else {
// CHECK:         memref.store %[[SUM]], %out[] : memref<f64>
// CHECK-NEXT:    func.return
func.func @sum_all(%a: memref<?xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a : memref<?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}

// Row sums (reduce the last axis): parallel d0 outside, sequential d1 inside.

// CHECK-LABEL: func.func @sum_rows(%a: memref<?x?xf64>, %out: memref<?xf64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK:         %[[ROWS:.*]] = memref.dim %a, %c0 : memref<?x?xf64>
// CHECK-NEXT:    %[[COLS:.*]] = memref.dim %a, %c1 : memref<?x?xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %[[ROWS]], %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:    ^bb0(%i0: index):
// CHECK-NEXT:      %[[INIT:.*]] = memref.load %out[%i0] : memref<?xf64>
// CHECK-NEXT:      %[[SHORT:.*]] = arith.cmpi slt, %[[COLS]], %c32 : index
// CHECK-NEXT:      %[[SUM:.*]] = scf.if %[[SHORT]] -> (f64) {
// CHECK-NEXT:        %[[SEQ:.*]] = scf.for %i1 = %c0 to %[[COLS]] step %c1 iter_args(%acc = %[[INIT]]) -> (f64) {
// CHECK-NEXT:          %x = memref.load %a[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:          %s = arith.addf %acc, %x : f64
// CHECK-NEXT:          scf.yield %s : f64
// CHECK-NEXT:        }
// CHECK-NEXT:        scf.yield %[[SEQ]] : f64
// CHECK-NEXT:      } else {
// CHECK:             memref.store %[[SUM]], %out[%i0] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index) -> ()
func.func @sum_rows(%a: memref<?x?xf64>, %out: memref<?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<?x?xf64>) outs(%out : memref<?xf64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}

// Column maxima (reduce the first axis, keep it as a size-1 dim): the parallel d1 still goes outside.

// CHECK-LABEL: func.func @max_cols(%a: memref<5x7xf32>, %out: memref<1x7xf32>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c5 = arith.constant 5 : index
// CHECK-NEXT:    %c7 = arith.constant 7 : index
// CHECK-NEXT:    "scf.parallel"(%c0, %c7, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:    ^bb0(%i1: index):
// CHECK-NEXT:      %[[INIT:.*]] = memref.load %out[%c0, %i1] : memref<1x7xf32>
// CHECK-NEXT:      %[[MAX:.*]] = scf.for %i0 = %c0 to %c5 step %c1 iter_args(%acc = %[[INIT]]) -> (f32) {
// CHECK-NEXT:        %x = memref.load %a[%i0, %i1] : memref<5x7xf32>
// CHECK-NEXT:        %m = arith.maximumf %acc, %x : f32
// CHECK-NEXT:        scf.yield %m : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      memref.store %[[MAX]], %out[%c0, %i1] : memref<1x7xf32>
// CHECK-NEXT:      scf.reduce
func.func @max_cols(%a: memref<5x7xf32>, %out: memref<1x7xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>],
                  iterator_types = ["reduction", "parallel"]}
      ins(%a : memref<5x7xf32>) outs(%out : memref<1x7xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %m = arith.maximumf %acc, %x : f32
    linalg.yield %m : f32
  }
  func.return
}

// A contraction (matmul): parallel (d0, d1), then the sequential k loop.

// CHECK-LABEL: func.func @matmul(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK:         %[[M:.*]] = memref.dim %a, %c0 : memref<?x?xf64>
// CHECK-NEXT:    %[[N:.*]] = memref.dim %b, %c1 : memref<?x?xf64>
// CHECK-NEXT:    %[[K:.*]] = memref.dim %a, %c1 : memref<?x?xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %c0, %[[M]], %[[N]], %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:      %[[INIT:.*]] = memref.load %c[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:      %[[SHORT:.*]] = arith.cmpi slt, %[[K]], %c32 : index
// CHECK-NEXT:      %[[DOT:.*]] = scf.if %[[SHORT]] -> (f64) {
// CHECK-NEXT:        %[[SEQ:.*]] = scf.for %i2 = %c0 to %[[K]] step %c1 iter_args(%acc = %[[INIT]]) -> (f64) {
// CHECK-NEXT:          %x = memref.load %a[%i0, %i2] : memref<?x?xf64>
// CHECK-NEXT:          %y = memref.load %b[%i2, %i1] : memref<?x?xf64>
// CHECK-NEXT:          %p = arith.mulf %x, %y : f64
// CHECK-NEXT:          %s = arith.addf %acc, %p : f64
// CHECK-NEXT:          scf.yield %s : f64
// CHECK-NEXT:        }
// CHECK-NEXT:        scf.yield %[[SEQ]] : f64
// CHECK-NEXT:      } else {
// CHECK:             memref.store %[[DOT]], %c[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:      scf.reduce
func.func @matmul(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%c : memref<?x?xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return
}

// Two reduction dims (sum of a matrix to rank 0): two nested scf.for, d0 outermost, one carried value.

// CHECK-LABEL: func.func @sum_matrix(%a: memref<2x3xf64>, %out: memref<f64>) {
// CHECK:         %[[INIT:.*]] = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %[[SUM:.*]] = scf.for %i0 = %c0 to %c2 step %c1 iter_args(%[[OUTER:.*]] = %[[INIT]]) -> (f64) {
// CHECK-NEXT:      %[[ROW:.*]] = scf.for %i1 = %c0 to %c3 step %c1 iter_args(%acc = %[[OUTER]]) -> (f64) {
// CHECK-NEXT:        %x = memref.load %a[%i0, %i1] : memref<2x3xf64>
// CHECK-NEXT:        %s = arith.addf %acc, %x : f64
// CHECK-NEXT:        scf.yield %s : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield %[[ROW]] : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.store %[[SUM]], %out[] : memref<f64>
func.func @sum_matrix(%a: memref<2x3xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>],
                  iterator_types = ["reduction", "reduction"]}
      ins(%a : memref<2x3xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}

// An output whose map uses the reduction dim cannot be carried: it is loaded and stored in
// every iteration instead (a running sum: out[i] = out[i] + a[i], sequentially).

// CHECK-LABEL: func.func @output_on_reduction_dim(%a: memref<4xf64>, %out: memref<4xf64>) {
// CHECK:         scf.for %i0 = %c0 to %c4 step %c1 {
// CHECK-NEXT:      %acc = memref.load %out[%i0] : memref<4xf64>
// CHECK-NEXT:      %x = memref.load %a[%i0] : memref<4xf64>
// CHECK-NEXT:      %s = arith.addf %acc, %x : f64
// CHECK-NEXT:      memref.store %s, %out[%i0] : memref<4xf64>
// CHECK-NEXT:    }
func.func @output_on_reduction_dim(%a: memref<4xf64>, %out: memref<4xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["reduction"]}
      ins(%a : memref<4xf64>) outs(%out : memref<4xf64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}
