// RUN: irtk-opt %s --split-input-file | filecheck %s
// RUN: not irtk-opt %s --split-input-file -p 'demo-reject{op="arith.muli"}' --load-plugin %irtk_plugin 2>&1 >/dev/null | filecheck %s --check-prefix=ERR

// Each piece between `// -----` lines is parsed and printed on its own (the same names can be reused),
// and the outputs are joined by `// -----`. A failing piece prints nothing; the others still run, and
// the error's line number is the line in this file, not in the piece.

// CHECK:      builtin.module {
// CHECK-NEXT:   func.func @first(%x: i32) -> i32 {
// CHECK-NEXT:     func.return %x : i32
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: builtin.module {
// CHECK-NEXT:   func.func @first(%x: i32) -> i32 {
// CHECK-NEXT:     %y = arith.muli %x, %x : i32
// CHECK-NEXT:     func.return %y : i32
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: builtin.module {
// CHECK-NEXT: }

// ERR:     split-input-file.mlir:[[# @LINE + 12]]:3: error: demo-reject: refusing 'arith.muli'
// ERR-NEXT: %y = arith.muli %x, %x : i32
// ERR-NEXT: ^
// ERR-NOT: error
func.func @first(%x: i32) -> i32 {
  return %x : i32
}

// -----

// A function with the same name as in the first piece: no clash, the pieces are independent.
func.func @first(%x: i32) -> i32 {
  %y = arith.muli %x, %x : i32
  return %y : i32
}

// -----
