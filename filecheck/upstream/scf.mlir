// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream scf IR: for (with and without iter_args), if (with and without results), while, and
// parallel with an empty scf.reduce. xDSL 0.74 has no custom syntax for scf.parallel, so it is written
// and printed in the generic form, which MLIR reads too.

// CHECK-LABEL: func.func @sum(%m: memref<?xf64>, %n: index) -> f64
// CHECK:         %{{.*}} = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
// CHECK-NEXT:      %x = memref.load %m[%i] : memref<?xf64>
// CHECK-NEXT:      %{{.*}} = arith.addf %acc, %x : f64
// CHECK-NEXT:      scf.yield %{{.*}} : f64
// CHECK-NEXT:    }
// MLIR-LABEL:  func.func @sum
// MLIR:          scf.for {{.*}} iter_args
func.func @sum(%m: memref<?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %x = memref.load %m[%i] : memref<?xf64>
    %t = arith.addf %acc, %x : f64
    scf.yield %t : f64
  }
  return %s : f64
}

// CHECK-LABEL: func.func @nested_for_if(%m: memref<4x4xf32>)
// CHECK:         scf.for %i = %c0 to %c4 step %c1 {
// CHECK-NEXT:      scf.for %j = %c0 to %c4 step %c1 {
// CHECK-NEXT:        %{{.*}} = arith.cmpi ult, %i, %j : index
// CHECK-NEXT:        scf.if %{{.*}} {
// CHECK-NEXT:          memref.store %one, %m[%i, %j] : memref<4x4xf32>
// CHECK-NEXT:        }
func.func @nested_for_if(%m: memref<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %lower = arith.cmpi ult, %i, %j : index
      scf.if %lower {
        memref.store %one, %m[%i, %j] : memref<4x4xf32>
      }
    }
  }
  return
}

// CHECK-LABEL: func.func @if_else(%c: i1, %a: f32, %b: f32) -> f32
// CHECK:         %{{.*}} = scf.if %c -> (f32) {
// CHECK:           scf.yield %{{.*}} : f32
// CHECK-NEXT:    } else {
// CHECK-NEXT:      scf.yield %b : f32
// CHECK-NEXT:    }
func.func @if_else(%c: i1, %a: f32, %b: f32) -> f32 {
  %r = scf.if %c -> (f32) {
    %d = arith.mulf %a, %a : f32
    scf.yield %d : f32
  } else {
    scf.yield %b : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @while_loop(%n: i32) -> i32
// CHECK:         %{{.*}} = scf.while (%{{.*}} = %{{.*}}) : (i32) -> i32 {
// CHECK:           scf.condition(%{{.*}}) %{{.*}} : i32
// CHECK:         } do {
// CHECK:           scf.yield %{{.*}} : i32
// MLIR-LABEL:  func.func @while_loop
// MLIR:          scf.while
func.func @while_loop(%n: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %r = scf.while (%i = %c0) : (i32) -> i32 {
    %more = arith.cmpi slt, %i, %n : i32
    scf.condition(%more) %i : i32
  } do {
  ^bb0(%j: i32):
    %next = arith.addi %j, %c1 : i32
    scf.yield %next : i32
  }
  return %r : i32
}

// CHECK-LABEL: func.func @parallel_fill(%m: memref<8x?xf32>, %n: index)
// CHECK:         "scf.parallel"(%c0, %c0, %c8, %n, %c1, %c1)
// CHECK:           memref.store %v, %m[%{{.*}}, %{{.*}}] : memref<8x?xf32>
// CHECK-NEXT:      scf.reduce
// MLIR-LABEL:  func.func @parallel_fill
// MLIR:          scf.parallel
// MLIR:            scf.reduce
func.func @parallel_fill(%m: memref<8x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %v = arith.constant 3.0 : f32
  "scf.parallel"(%c0, %c0, %c8, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    memref.store %v, %m[%i, %j] : memref<8x?xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  return
}
