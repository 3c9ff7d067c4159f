// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect --print-op-generic | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --split-input-file --allow-unregistered-dialect | %mlir_opt --split-input-file --allow-unregistered-dialect --verify-each | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s %}

// MLIR's custom syntax of scf ops that xDSL 0.74 does not read or print: scf.if with one result type
// written without parentheses, scf.if whose region ends in an unregistered op (its scf.yield is implicit),
// and scf.parallel with and without reductions (read in MLIR's custom syntax, printed in the generic form as
// the loops irtk's passes build are).

// CHECK-LABEL: func.func @if_single_result
// CHECK:         %{{.*}} = scf.if %{{.*}} -> (index) {
// CHECK-NEXT:      %{{.*}} = "test.source"() : () -> index
// CHECK-NEXT:      scf.yield %{{.*}} : index
// CHECK-NEXT:    } else {
func.func @if_single_result(%c: i1) -> index {
  %r = scf.if %c -> index {
    %a = "test.source"() : () -> index
    scf.yield %a : index
  } else {
    %b = "test.other"() : () -> index
    scf.yield %b : index
  }
  return %r : index
}

// -----

// CHECK-LABEL: func.func @if_ends_in_unregistered_op
// CHECK:         scf.if %{{.*}} {
// CHECK-NEXT:      "test.effect"() : () -> ()
// CHECK-NEXT:    }
func.func @if_ends_in_unregistered_op(%c: i1) {
  scf.if %c {
    "test.effect"() : () -> ()
  }
  return
}

// -----

// CHECK-LABEL: func.func @parallel_without_reductions
// CHECK:         "scf.parallel"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
// CHECK-NEXT:    ^{{.*}}(%{{.*}}: index, %{{.*}}: index):
// CHECK-NEXT:      %{{.*}} = "test.source"(%{{.*}}, %{{.*}}) : (index, index) -> f32
// CHECK-NEXT:      memref.store
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    }) : (index, index, index, index, index, index) -> ()
func.func @parallel_without_reductions(%m: memref<?x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %n) step (%c1, %c1) {
    %x = "test.source"(%i, %j) : (index, index) -> f32
    memref.store %x, %m[%i, %j] : memref<?x?xf32>
  }
  return
}

// -----

// CHECK-LABEL: func.func @parallel_with_reduction
// CHECK:         {{.*}} = "scf.parallel"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
// CHECK:           scf.reduce(%{{.*}} : f32) {
// CHECK-NEXT:      ^{{.*}}(%{{.*}}: f32, %{{.*}}: f32):
// CHECK-NEXT:        %{{.*}} = arith.addf
// CHECK-NEXT:        scf.reduce.return %{{.*}} : f32
// CHECK-NEXT:      }
// CHECK-NEXT:    }) : (index, index, index, f32) -> f32
func.func @parallel_with_reduction(%m: memref<?xf32>, %n: index, %zero: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f32 {
    %x = memref.load %m[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}
