// RUN: timeout 60 irtk-opt %s --split-input-file -p canonicalize | filecheck %s
// RUN: timeout 60 irtk-opt %s --split-input-file -p 'canonicalize{test-convergence}' > /dev/null
// RUN: timeout 60 irtk-opt %s --split-input-file -p 'canonicalize{top-down=false}' | filecheck %s
// RUN: %if mlir-opt %{ %mlir_opt %s --split-input-file -canonicalize | filecheck %s --check-prefix=MLIR %}

// Loops made of blocks that only branch on (`^bb1: cf.br ^bb2`, `^bb2: cf.br ^bb1`) used to hang
// canonicalize: the pass-through fold redirected the entry branch to ^bb2, then back to ^bb1, forever. It now
// shrinks such a loop to one block that branches to itself, as mlir-opt does, and reaches a fixed point
// (test-convergence checks that). `timeout` turns a hang into a failure.

// CHECK-LABEL: func.func @two_block_loop() {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]]
// CHECK-NEXT:  ^[[L]]:
// CHECK-NEXT:    cf.br ^[[L]]
// CHECK-NEXT:  }
// MLIR-LABEL:  func.func @two_block_loop() {
// MLIR-NEXT:     cf.br ^[[L:bb[0-9]+]]
// MLIR-NEXT:   ^[[L]]:
// MLIR-NEXT:     cf.br ^[[L]]
// MLIR-NEXT:   }
func.func @two_block_loop() {
  cf.br ^bb1
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
}

// -----

// CHECK-LABEL: func.func @three_block_loop_with_arguments(%x: i32) {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]](%x : i32)
// CHECK-NEXT:  ^[[L]](%{{.*}}: i32):
// CHECK-NEXT:    cf.br ^[[L]](%{{.*}} : i32)
// CHECK-NEXT:  }
func.func @three_block_loop_with_arguments(%x: i32) {
  cf.br ^bb1(%x : i32)
^bb1(%a: i32):
  cf.br ^bb2(%a : i32)
^bb2(%b: i32):
  cf.br ^bb3(%b : i32)
^bb3(%c: i32):
  cf.br ^bb1(%c : i32)
}

// -----

// A chain that runs into a loop, and conditional branches and switches into one.
// CHECK-LABEL: func.func @chain_into_loop() {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]]
// CHECK-NEXT:  ^[[L]]:
// CHECK-NEXT:    cf.br ^[[L]]
// CHECK-NEXT:  }
func.func @chain_into_loop() {
  cf.br ^bb1
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb3
^bb3:
  cf.br ^bb2
}

// -----

// CHECK-LABEL: func.func @cond_br_into_loop(%c: i1) {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]]
// CHECK-NEXT:  ^[[L]]:
// CHECK-NEXT:    cf.br ^[[L]]
// CHECK-NEXT:  }
func.func @cond_br_into_loop(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb3
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
^bb3:
  cf.br ^bb2
}

// -----

// CHECK-LABEL: func.func @switch_into_loop(%f: i32) {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]]
// CHECK-NEXT:  ^[[L]]:
// CHECK-NEXT:    cf.br ^[[L]]
// CHECK-NEXT:  }
func.func @switch_into_loop(%f: i32) {
  cf.switch %f : i32, [
    default: ^bb1,
    4: ^bb2
  ]
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
}

// -----

// A loop that does work is left alone; the empty block in it is folded away.
// CHECK-LABEL: func.func @loop_with_work(%m: memref<f32>, %v: f32) {
// CHECK-NEXT:    cf.br ^[[L:bb[0-9]+]]
// CHECK-NEXT:  ^[[L]]:
// CHECK-NEXT:    memref.store %v, %m[] : memref<f32>
// CHECK-NEXT:    cf.br ^[[L]]
// CHECK-NEXT:  }
func.func @loop_with_work(%m: memref<f32>, %v: f32) {
  cf.br ^bb1
^bb1:
  memref.store %v, %m[] : memref<f32>
  cf.br ^bb2
^bb2:
  cf.br ^bb1
}
