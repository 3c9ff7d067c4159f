// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ %mlir_opt %s --mlir-print-op-generic | irtk-opt | filecheck %s %}

// memref.cast, memref.copy and memref.rank in MLIR's custom syntax, which xDSL 0.74 lacks
// (irtk/dialects/upstream/memref.py); memref.rank of an unranked memref and a copy between compatible
// shapes (static to dynamic) verify, as in MLIR.

// CHECK-LABEL: func.func @casts_copies_ranks(
// CHECK:         %[[A:.*]] = memref.cast %{{.*}} : memref<4xf32> to memref<?xf32>
// CHECK-NEXT:    %[[U:.*]] = memref.cast %[[A]] : memref<?xf32> to memref<*xf32>
// CHECK-NEXT:    memref.copy %{{.*}}, %[[A]] : memref<4xf32> to memref<?xf32>
// CHECK-NEXT:    %{{.*}} = memref.rank %[[U]] : memref<*xf32>
// CHECK-NEXT:    %{{.*}} = memref.rank %[[A]] : memref<?xf32>
// GENERIC:       "memref.cast"(%{{.*}}) : (memref<4xf32>) -> memref<?xf32>
// GENERIC:       "memref.copy"(%{{.*}}, %{{.*}}) : (memref<4xf32>, memref<?xf32>) -> ()
// GENERIC:       "memref.rank"(%{{.*}}) : (memref<*xf32>) -> index
// MLIR-LABEL:  func.func @casts_copies_ranks(
// MLIR:          memref.cast
// MLIR:          memref.copy
// MLIR:          memref.rank
func.func @casts_copies_ranks(%m: memref<4xf32>) -> (index, index) {
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %u = memref.cast %a : memref<?xf32> to memref<*xf32>
  memref.copy %m, %a : memref<4xf32> to memref<?xf32>
  %r = memref.rank %u : memref<*xf32>
  %s = memref.rank %a : memref<?xf32>
  return %r, %s : index, index
}
