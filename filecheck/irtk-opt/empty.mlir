// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s --split-input-file | filecheck %s --check-prefix=SPLIT
// RUN: irtk-opt %s -p fast-compile | filecheck %s

// A file with nothing but comments is an empty module, as in mlir-opt.

// CHECK:      builtin.module {
// CHECK-NEXT: }
// CHECK-NOT:  {{.}}

// SPLIT:      builtin.module {
// SPLIT-NEXT: }
// SPLIT-NEXT: // -----
// SPLIT-NEXT: builtin.module {
// SPLIT-NEXT: }

// -----
