// RUN: irtk-opt %s -p 'cse,canonicalize' --print-ir-after-all 2>&1 >/dev/null | filecheck %s
// RUN: irtk-opt %s -p 'cse,canonicalize' --print-ir-after-all 2>/dev/null | filecheck %s --check-prefix=OUT

// --print-ir-after-all shows the IR on stderr after each pass, under a header naming the pass (as
// mlir-opt does); the final IR still goes to stdout, alone.

// CHECK:      // -----// IR Dump After cse //----- //
// CHECK-NEXT: builtin.module {
// CHECK:        %[[S:.*]] = arith.addf %a, %b : f32
// CHECK-NEXT:   %{{.*}} = arith.mulf %[[S]], %[[S]] : f32
// CHECK:      // -----// IR Dump After canonicalize //----- //
// CHECK-NEXT: builtin.module {
// CHECK-NOT:  IR Dump

// OUT-NOT:    IR Dump
// OUT:        builtin.module {
// OUT-NOT:    IR Dump
func.func @twice(%a: f32, %b: f32) -> f32 {
  %0 = arith.addf %a, %b : f32
  %1 = arith.addf %a, %b : f32
  %2 = arith.mulf %0, %1 : f32
  return %2 : f32
}
