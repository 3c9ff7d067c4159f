// RUN: not irtk-opt %s --split-input-file --verify-diagnostics 2>&1 | filecheck %s

// When errors and annotations disagree, --verify-diagnostics says how, at the line concerned, and fails:
// a produced error no annotation expects is "unexpected"; an annotation no error meets is "not produced".

// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 4]]:23: error: unexpected error: operand is used with type i32
// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 2]]:6: error: expected error "this text is not in the message" was not produced
func.func @wrong_text(%a: i32, %b: f32) -> i32 {
  // expected-error @+1 {{this text is not in the message}}
  %0 = arith.addi %a, %b : i32
  return %0 : i32
}

// -----

// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 2]]:23: error: unexpected error: use of undeclared SSA value name %nowhere
func.func @unannounced(%a: i32) -> i32 {
  %0 = arith.addi %a, %nowhere : i32
  return %0 : i32
}

// -----

// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 2]]:6: error: expected error "never happens" was not produced
func.func @no_error(%a: i32) -> i32 {
  // expected-error @+1 {{never happens}}
  return %a : i32
}

// -----

// The right message on the wrong line is both unexpected and not produced.
// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 3]]:3: error: unexpected error: 'func.return' op
// CHECK:      verify-diagnostics-mismatch.mlir:[[# @LINE + 3]]:6: error: expected error "'func.return' op" was not produced
func.func @wrong_line(%a: i32) -> f32 {
  return %a : i32
  // expected-error @-2 {{'func.return' op}}
}
