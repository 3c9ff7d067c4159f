// RUN: irtk-opt %s -p 'tile{sizes=0,16}' | filecheck %s --check-prefix=SECOND
// RUN: irtk-opt %s -p 'tile{sizes=32}' | filecheck %s --check-prefix=FIRST
// RUN: irtk-opt %s -p 'tile{sizes=0}' | filecheck %s --check-prefix=NONE
// RUN: irtk-opt %s -p 'tile' | filecheck %s --check-prefix=NONE

// A size of 0, or a missing one, leaves that dimension untiled: the outer loop runs over the tiled
// dimensions only, and the inner loop keeps the untiled dimension's own bounds. Sizes past a loop's
// rank are ignored. With nothing to tile, the pass changes nothing.

// SECOND-LABEL: func.func @rows_cols(%a: memref<?x?xf64>) {
// SECOND:         %c16 = arith.constant 16 : index
// SECOND-NEXT:    "scf.parallel"(%c0, %n, %c16) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// SECOND-NEXT:    ^bb0(%tile1: index):
// SECOND-NEXT:      %[[E:.*]] = arith.addi %tile1, %c16 : index
// SECOND-NEXT:      %[[END:.*]] = arith.minsi %[[E]], %n : index
// SECOND-NEXT:      "scf.parallel"(%c0, %tile1, %m, %[[END]], %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// SECOND-NEXT:      ^bb0(%i0: index, %i1: index):
// SECOND-NEXT:        memref.store %one, %a[%i0, %i1] : memref<?x?xf64>

// FIRST-LABEL: func.func @rows_cols(%a: memref<?x?xf64>) {
// FIRST:         %c32 = arith.constant 32 : index
// FIRST-NEXT:    "scf.parallel"(%c0, %m, %c32) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// FIRST-NEXT:    ^bb0(%tile0: index):
// FIRST-NEXT:      %[[E:.*]] = arith.addi %tile0, %c32 : index
// FIRST-NEXT:      %[[END:.*]] = arith.minsi %[[E]], %m : index
// FIRST-NEXT:      "scf.parallel"(%tile0, %c0, %[[END]], %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({

// NONE-LABEL: func.func @rows_cols(%a: memref<?x?xf64>) {
// NONE-NEXT:    %c0 = arith.constant 0 : index
// NONE-NEXT:    %c1 = arith.constant 1 : index
// NONE-NEXT:    %one = arith.constant 1.000000e+00 : f64
// NONE-NEXT:    %m = memref.dim %a, %c0 : memref<?x?xf64>
// NONE-NEXT:    %n = memref.dim %a, %c1 : memref<?x?xf64>
// NONE-NEXT:    "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// NONE-NEXT:    ^bb0(%i0: index, %i1: index):
// NONE-NEXT:      memref.store %one, %a[%i0, %i1] : memref<?x?xf64>
// NONE-NEXT:      scf.reduce
// NONE-NEXT:    })
func.func @rows_cols(%a: memref<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  "scf.parallel"(%c0, %c0, %m, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i0: index, %i1: index):
    memref.store %one, %a[%i0, %i1] : memref<?x?xf64>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}

// Only the outermost scf.parallel is tiled, never one nested in another. A step that is not 1 is
// scaled by the size (a constant step gives a constant; another one an arith.muli), and a lower
// bound that is not 0 is kept.

// SECOND-LABEL: func.func @nested_and_strided(%a: memref<64x64xf64>, %s: index) {
// SECOND:         "scf.parallel"(%c2, %c64, %[[STEP:.*]]) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// SECOND-NEXT:    ^bb0(%tile1: index):
// SECOND-NEXT:      %[[END:.*]] = arith.addi %tile1, %[[STEP]] : index
// SECOND-NEXT:      %[[MIN:.*]] = arith.minsi %[[END]], %c64 : index
// SECOND-NEXT:      "scf.parallel"(%c0, %tile1, %c64, %[[MIN]], %c1, %s) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// SECOND-NEXT:      ^bb0(%i: index, %j: index):
// SECOND-NEXT:        "scf.parallel"(%c0, %c1, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// SECOND-NOT:     arith.minsi

// FIRST-LABEL: func.func @nested_and_strided(%a: memref<64x64xf64>, %s: index) {
// FIRST:         %c32 = arith.constant 32 : index
// FIRST-NEXT:    "scf.parallel"(%c0, %c64, %c32) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// FIRST-NEXT:    ^bb0(%tile0: index):
// FIRST-NEXT:      %[[END:.*]] = arith.addi %tile0, %c32 : index
// FIRST-NEXT:      "scf.parallel"(%tile0, %c2, %[[END]], %c64, %c1, %s) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({

// NONE-LABEL: func.func @nested_and_strided
// NONE-NOT:   arith.minsi
// NONE-NOT:   %tile
func.func @nested_and_strided(%a: memref<64x64xf64>, %s: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f64
  "scf.parallel"(%c0, %c2, %c64, %c64, %c1, %s) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    "scf.parallel"(%c0, %c1, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb1(%k: index):
      memref.store %one, %a[%i, %j] : memref<64x64xf64>
      scf.reduce
    }) : (index, index, index) -> ()
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return
}
