// RUN: irtk-opt %s -p lower-to-loops | filecheck %s
// RUN: irtk-opt %s -p lower-to-loops --print-debuginfo | filecheck %s --check-prefix=LOC

// Elementwise ops: every dimension is parallel, so the whole op is one scf.parallel whose
// bounds come from the operands (memref.dim for dynamic sizes, constants for static ones).

// CHECK-LABEL: func.func @add_dynamic(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %out: memref<?x?xf64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %0 = memref.dim %a, %c0 : memref<?x?xf64>
// CHECK-NEXT:    %1 = memref.dim %a, %c1 : memref<?x?xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %c0, %0, %1, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:      %x = memref.load %a[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:      %y = memref.load %b[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:      %s = arith.addf %x, %y : f64
// CHECK-NEXT:      memref.store %s, %out[%i0, %i1] : memref<?x?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index, index, index, index) -> ()
// CHECK-NEXT:    func.return
// CHECK-NOT:   linalg.

// LOC-LABEL: func.func @add_dynamic
// LOC:         "scf.parallel"
// LOC-NEXT:    ^bb0(%i0: index loc("model.py":7:1), %i1: index loc("model.py":7:1)):
// LOC-NEXT:      memref.load {{.*}} loc("model.py":7:1)
// LOC-NEXT:      memref.load {{.*}} loc("model.py":7:1)
// LOC-NEXT:      arith.addf {{.*}} loc("model.py":7:5)
// LOC-NEXT:      memref.store {{.*}} loc("model.py":7:1)
// LOC-NEXT:      scf.reduce loc("model.py":7:1)
// LOC-NEXT:    }) : {{.*}} loc("model.py":7:1)
func.func @add_dynamic(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %out: memref<?x?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%out : memref<?x?xf64>) {
  ^bb0(%x: f64, %y: f64, %o: f64):
    %s = arith.addf %x, %y : f64 loc("model.py":7:5)
    linalg.yield %s : f64
  } loc("model.py":7:1)
  func.return
}

// A constant-0 map result reads index 0 of a size-1 (broadcast) dimension. The bound of d1 is
// taken from an operand with a static size there, even if an earlier operand is dynamic.

// CHECK-LABEL: func.func @broadcast_row(%a: memref<?x3xf32>, %row: memref<1x3xf32>, %out: memref<?x3xf32>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c3 = arith.constant 3 : index
// CHECK-NEXT:    %0 = memref.dim %a, %c0 : memref<?x3xf32>
// CHECK-NEXT:    "scf.parallel"(%c0, %c0, %0, %c3, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:      %x = memref.load %a[%i0, %i1] : memref<?x3xf32>
// CHECK-NEXT:      %r = memref.load %row[%c0, %i1] : memref<1x3xf32>
// CHECK-NEXT:      %m = arith.mulf %x, %r : f32
// CHECK-NEXT:      memref.store %m, %out[%i0, %i1] : memref<?x3xf32>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
func.func @broadcast_row(%a: memref<?x3xf32>, %row: memref<1x3xf32>, %out: memref<?x3xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %row : memref<?x3xf32>, memref<1x3xf32>) outs(%out : memref<?x3xf32>) {
  ^bb0(%x: f32, %r: f32, %o: f32):
    %m = arith.mulf %x, %r : f32
    linalg.yield %m : f32
  }
  func.return
}

// A transposed read, a math op, and linalg.index (which becomes the induction variable).

// CHECK-LABEL: func.func @transpose_plus_index(%a: memref<3x2xf64>, %out: memref<2x3xf64>) {
// CHECK:         "scf.parallel"(%c0, %c0, %c2, %c3, %c1, %c1)
// CHECK-NEXT:    ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:      %x = memref.load %a[%i1, %i0] : memref<3x2xf64>
// CHECK-NEXT:      %i = arith.index_cast %i1 : index to i64
// CHECK-NEXT:      %f = arith.sitofp %i : i64 to f64
// CHECK-NEXT:      %e = math.exp %x : f64
// CHECK-NEXT:      %s = arith.addf %e, %f : f64
// CHECK-NEXT:      memref.store %s, %out[%i0, %i1] : memref<2x3xf64>
func.func @transpose_plus_index(%a: memref<3x2xf64>, %out: memref<2x3xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<3x2xf64>) outs(%out : memref<2x3xf64>) {
  ^bb0(%x: f64, %o: f64):
    %j = linalg.index 1 : index
    %i = arith.index_cast %j : index to i64
    %f = arith.sitofp %i : i64 to f64
    %e = math.exp %x : f64
    %s = arith.addf %e, %f : f64
    linalg.yield %s : f64
  }
  func.return
}

// Rank 0: no loops at all, just the body between a load and a store.

// CHECK-LABEL: func.func @scalar(%a: memref<f64>, %out: memref<f64>) {
// CHECK-NEXT:    %x = memref.load %a[] : memref<f64>
// CHECK-NEXT:    %n = arith.negf %x : f64
// CHECK-NEXT:    memref.store %n, %out[] : memref<f64>
// CHECK-NEXT:    func.return
func.func @scalar(%a: memref<f64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
      ins(%a : memref<f64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %o: f64):
    %n = arith.negf %x : f64
    linalg.yield %n : f64
  }
  func.return
}

// linalg.fill: its scalar input is stored as it is, at every index.

// CHECK-LABEL: func.func @fill(%out: memref<4x?xf64>) {
// CHECK-NEXT:    %zero = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c4 = arith.constant 4 : index
// CHECK-NEXT:    %0 = memref.dim %out, %c1 : memref<4x?xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %c0, %c4, %0, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^bb0(%i0: index, %i1: index):
// CHECK-NEXT:      memref.store %zero, %out[%i0, %i1] : memref<4x?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NEXT:    func.return

// CHECK-LABEL: func.func @fill_scalar(%out: memref<f32>) {
// CHECK-NEXT:    %one = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:    memref.store %one, %out[] : memref<f32>
// CHECK-NEXT:    func.return
func.func @fill(%out: memref<4x?xf64>) {
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%out : memref<4x?xf64>)
  func.return
}
func.func @fill_scalar(%out: memref<f32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%out : memref<f32>)
  func.return
}
