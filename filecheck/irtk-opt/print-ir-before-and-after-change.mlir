// RUN: irtk-opt %s -p 'cse,canonicalize,cse' --print-ir-before-all 2>&1 >/dev/null | filecheck %s --check-prefix=BEFORE
// RUN: irtk-opt %s -p 'cse,canonicalize,cse' --print-ir-after-change 2>&1 >/dev/null | filecheck %s --check-prefix=CHANGE
// RUN: irtk-opt %s -p 'cse,canonicalize,cse' -mlir-print-ir-before-all -mlir-print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=BOTH

// --print-ir-before-all shows the IR before each pass; --print-ir-after-change shows it after each pass
// that changed it (here the first cse merges the two additions, canonicalize folds `+ 0`, and the second cse
// finds nothing left to do). The mlir-opt spellings (--mlir-print-ir-...) are accepted too.

// BEFORE:      // -----// IR Dump Before cse //----- //
// BEFORE-NEXT: builtin.module {
// BEFORE:        %t = arith.addi %a, %b : i32
// BEFORE:      // -----// IR Dump Before canonicalize //----- //
// BEFORE-NOT:    %t = arith.addi
// BEFORE:      // -----// IR Dump Before cse //----- //
// BEFORE-NOT:  IR Dump

// CHANGE:      // -----// IR Dump After cse //----- //
// CHANGE:      // -----// IR Dump After canonicalize //----- //
// CHANGE-NOT:  IR Dump

// BOTH:        IR Dump Before cse
// BOTH-NEXT:   builtin.module
// BOTH:        IR Dump After cse
// BOTH:        IR Dump Before canonicalize
// BOTH:        IR Dump After canonicalize
// BOTH:        IR Dump Before cse
// BOTH:        IR Dump After cse
// BOTH-NOT:    IR Dump
func.func @f(%a: i32, %b: i32) -> i32 {
  %s = arith.addi %a, %b : i32
  %t = arith.addi %a, %b : i32
  %c0 = arith.constant 0 : i32
  %u = arith.addi %t, %c0 : i32
  %p = arith.muli %s, %u : i32
  return %p : i32
}
