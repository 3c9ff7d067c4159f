// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// memref folds of MLIR's canonicalize that xDSL 0.74 lacks (irtk/passes/upstream_folds/memref.py).

// CHECK-LABEL: func.func @cast_folds_into_consumers(
// CHECK-NEXT:    %[[M:.*]] = "test.source"() : () -> memref<4xf32>
// CHECK-NEXT:    %[[V:.*]] = memref.load %[[M]][%{{.*}}] : memref<4xf32>
// CHECK-NEXT:    memref.store %[[V]], %[[M]][%{{.*}}] : memref<4xf32>
// CHECK-NEXT:    %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT:    memref.dealloc %[[M]] : memref<4xf32>
// CHECK-NEXT:    func.return %[[C4]] : index
func.func @cast_folds_into_consumers(%i: index) -> index {
  %c0 = arith.constant 0 : index
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %v = memref.load %a[%i] : memref<?xf32>
  memref.store %v, %a[%i] : memref<?xf32>
  %d = memref.dim %a, %c0 : memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return %d : index
}

// -----

// A cast that makes a size static does not fold into its consumer.
// CHECK-LABEL: func.func @cast_to_static_stays(
// CHECK:         memref.cast %{{.*}} : memref<?xf32> to memref<4xf32>
// CHECK:         memref.load
func.func @cast_to_static_stays(%i: index) -> f32 {
  %m = "test.source"() : () -> memref<?xf32>
  %a = memref.cast %m : memref<?xf32> to memref<4xf32>
  %v = memref.load %a[%i] : memref<4xf32>
  return %v : f32
}

// -----

// CHECK-LABEL: func.func @cast_of_cast(
// CHECK-NEXT:    %[[M:.*]] = "test.source"() : () -> memref<4xf32>
// CHECK-NEXT:    %[[U:.*]] = memref.cast %[[M]] : memref<4xf32> to memref<*xf32>
// CHECK-NEXT:    "test.use"(%[[M]], %[[U]])
func.func @cast_of_cast() {
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %b = memref.cast %a : memref<?xf32> to memref<4xf32>
  %u = memref.cast %a : memref<?xf32> to memref<*xf32>
  "test.use"(%b, %u) : (memref<4xf32>, memref<*xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @dims_and_ranks(
// CHECK-SAME:      %[[N:.*]]: index, %[[I:.*]]: index
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK:         %[[R:.*]] = memref.rank %{{.*}} : memref<*xf32>
// CHECK:         %[[D:.*]] = memref.dim %{{.*}}, %[[I]] : memref<?x8xf32>
// CHECK:         func.return %[[N]], %[[C8]], %[[C2]], %[[R]], %[[D]]
func.func @dims_and_ranks(%n: index, %i: index) -> (index, index, index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.alloc(%n) : memref<?x8xf32>
  "test.use"(%m) : (memref<?x8xf32>) -> ()
  %u = "test.source"() : () -> memref<*xf32>
  %d0 = memref.dim %m, %c0 : memref<?x8xf32>
  %d1 = memref.dim %m, %c1 : memref<?x8xf32>
  %r = memref.rank %m : memref<?x8xf32>
  %ru = memref.rank %u : memref<*xf32>
  %di = memref.dim %m, %i : memref<?x8xf32>
  return %d0, %d1, %r, %ru, %di : index, index, index, index, index
}

// -----

// An allocation only written to is dead; one that is read, or stored somewhere, is not.
// CHECK-LABEL: func.func @dead_allocs(
// CHECK-NOT:     memref.alloca
// CHECK:         %[[KEPT:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    "test.source"
// CHECK-NEXT:    memref.store %[[KEPT]], %{{.*}}[] : memref<memref<4xf32>>
// CHECK-NEXT:    memref.dealloc %[[KEPT]]
// CHECK-NEXT:    func.return
func.func @dead_allocs(%v: f32, %i: index) {
  %dead = memref.alloca() : memref<4xf32>
  memref.store %v, %dead[%i] : memref<4xf32>
  %kept = memref.alloc() : memref<4xf32>
  %box = "test.source"() : () -> memref<memref<4xf32>>
  memref.store %kept, %box[] : memref<memref<4xf32>>
  memref.dealloc %kept : memref<4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @copies(
// CHECK-NEXT:    %[[M:.*]] = "test.source"() : () -> memref<4xf32>
// CHECK-NEXT:    %[[N:.*]] = "test.source"() : () -> memref<4xf32>
// CHECK-NEXT:    memref.copy %[[M]], %[[N]] : memref<4xf32> to memref<4xf32>
// CHECK-NEXT:    func.return
func.func @copies() {
  %m = "test.source"() : () -> memref<4xf32>
  %n = "test.source"() : () -> memref<4xf32>
  memref.copy %m, %m : memref<4xf32> to memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %b = memref.cast %n : memref<4xf32> to memref<?xf32>
  memref.copy %a, %b : memref<?xf32> to memref<?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @reshapes_and_subviews(
// CHECK-NEXT:    %[[M:.*]] = "test.source"() : () -> memref<2x3x4xf32>
// CHECK-NEXT:    %[[C:.*]] = memref.collapse_shape %[[M]] {{\[\[}}0{{( : i64)?}}, 1{{( : i64)?}}, 2{{( : i64)?}}]] : memref<2x3x4xf32> into memref<24xf32>
// CHECK-NEXT:    "test.use"(%[[C]], %[[C]], %[[M]])
func.func @reshapes_and_subviews() {
  %m = "test.source"() : () -> memref<2x3x4xf32>
  %a = memref.collapse_shape %m [[0, 1], [2]] : memref<2x3x4xf32> into memref<6x4xf32>
  %b = memref.collapse_shape %a [[0, 1]] : memref<6x4xf32> into memref<24xf32>
  %e = memref.expand_shape %b [[0, 1]] output_shape [6, 4] : memref<24xf32> into memref<6x4xf32>
  %f = memref.collapse_shape %e [[0, 1]] : memref<6x4xf32> into memref<24xf32>
  %s = memref.subview %m[0, 0, 0] [2, 3, 4] [1, 1, 1] : memref<2x3x4xf32> to memref<2x3x4xf32>
  "test.use"(%b, %f, %s) : (memref<24xf32>, memref<24xf32>, memref<2x3x4xf32>) -> ()
  return
}
