// RUN: not irtk-opt %s --split-input-file 2>&1 | filecheck %s

// Every error is `FILE:LINE:COL: error: MESSAGE`, then the source line and a caret under the column,
// and irtk-opt exits with status 1. Each piece below is one kind of bad input.

// CHECK:      diagnostics.mlir:[[# @LINE + 4]]:23: error: operand expected
// CHECK-NEXT:   %s = arith.addf %x, : f64
// CHECK-NEXT: {{^                      \^$}}
func.func @syntax(%x: f64) -> f64 {
  %s = arith.addf %x, : f64
  return %s : f64
}

// -----

// CHECK:      diagnostics.mlir:[[# @LINE + 3]]:3: error: 'func.return' op Expected arguments to have the same types as the function output types
// CHECK-NEXT:   return %x : i32
func.func @verifier(%x: i32) -> f32 {
  return %x : i32
}

// -----

// CHECK:      diagnostics.mlir:[[# @LINE + 2]]:8: error: unknown operation 'mystery.op'
func.func @unknown_dialect() {
  %0 = mystery.op : i32
  return
}

// -----

// CHECK:      diagnostics.mlir:[[# @LINE + 2]]:19: error: operand is used with type f32, but has been previously used or defined with type i64
func.func @types(%a: i64) -> f32 {
  %0 = arith.negf %a : f32
  return %0 : f32
}

// -----

// CHECK:      diagnostics.mlir:[[# @LINE + 4]]:1: error: expected an operation, a block label or '}', found '42'
// CHECK-NEXT: 42
// CHECK-NEXT: {{^\^$}}
func.func @stray_token() {
42
}

// -----

// The last piece is cut off in the middle of a function.
// CHECK:      diagnostics.mlir:[[# @LINE + 4]]:1: error: unexpected end of input: expected '}' to close a region
// CHECK-NOT:  Traceback
func.func @truncated(%x: f64) -> f64 {
  %y = arith.addf %x, %x : f64
