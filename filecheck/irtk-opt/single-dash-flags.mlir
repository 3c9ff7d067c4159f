// RUN: irtk-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect -mlir-print-op-generic -o %t
// RUN: filecheck %s --input-file=%t
// RUN: irtk-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect --mlir-print-op-generic -o - | filecheck %s
// RUN: not irtk-opt %s -split-input-file -no-such-flag 2>&1 | filecheck %s --check-prefix=UNKNOWN

// mlir-opt's long options take one dash or two; irtk-opt accepts both spellings of each. (The second
// piece meets its expected error, so it prints nothing, and the run succeeds.)

// CHECK:      "builtin.module"() ({
// CHECK:        "other.op"() : () -> ()
// CHECK:      // -----
// CHECK-NOT:  builtin.module
// UNKNOWN:    irtk-opt: error: unrecognized arguments: -no-such-flag
func.func @unregistered() {
  "other.op"() : () -> ()
  return
}

// -----

func.func @expected(%a: i32) -> f32 {
  // expected-error @+1 {{'func.return' op}}
  return %a : i32
}
