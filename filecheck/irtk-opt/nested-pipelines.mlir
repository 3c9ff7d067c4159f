// RUN: irtk-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,cse))' | filecheck %s
// RUN: irtk-opt %s -pass-pipeline='builtin.module(func.func(canonicalize,cse))' | filecheck %s
// RUN: irtk-opt %s -p 'func.func(canonicalize,cse)' | filecheck %s
// RUN: irtk-opt %s -p 'builtin.module(func.func(canonicalize,cse))' --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=DUMPS
// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'builtin.module(builtin.module(demo-tag{label="inner"}))' | filecheck %s --check-prefix=INNER
// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'builtin.module(any(demo-tag{label="any"}))' | filecheck %s --check-prefix=ANY
// RUN: not irtk-opt %s -p 'builtin.module(func.func(cse)' 2>&1 | filecheck %s --check-prefix=UNCLOSED
// RUN: not irtk-opt %s -p 'builtin.module(func.func(cse,bogus))' 2>&1 | filecheck %s --check-prefix=UNKNOWN
// RUN: %if mlir-opt %{ %mlir_opt %s -pass-pipeline='builtin.module(func.func(canonicalize,cse))' | filecheck %s --check-prefix=MLIR %}

// A pipeline nests as mlir-opt's does: `func.func(...)` runs its passes on each func.func directly inside
// the module, the whole list on one function before the next; `builtin.module(...)` inside the top level
// runs on nested modules, and `any(...)` on every op directly inside. A pass run on a function sees only that
// function. The result is the one mlir-opt gives.

// CHECK-LABEL: func.func @twice(%a: f32) -> f32 {
// CHECK-NEXT:    %s = arith.addf %a, %a : f32
// CHECK-NEXT:    %p = arith.mulf %s, %s : f32
// CHECK-NEXT:    func.return %p : f32
// CHECK-LABEL: func.func @plus_zero(%a: i32) -> i32 {
// CHECK-NEXT:    func.return %a : i32
// MLIR-LABEL:  func.func @twice(%arg0: f32) -> f32 {
// MLIR-NEXT:     %0 = arith.addf %arg0, %arg0 : f32
// MLIR-NEXT:     %1 = arith.mulf %0, %0 : f32
// MLIR-NEXT:     return %1 : f32
// MLIR-LABEL:  func.func @plus_zero(%arg0: i32) -> i32 {
// MLIR-NEXT:     return %arg0 : i32

// Each dump shows the function the pass ran on, as mlir-opt's do; @inner is not directly inside the module.
// DUMPS:      // -----// IR Dump After canonicalize //----- //
// DUMPS-NEXT: func.func @twice
// DUMPS:      // -----// IR Dump After cse //----- //
// DUMPS-NEXT: func.func @twice
// DUMPS:      // -----// IR Dump After canonicalize //----- //
// DUMPS-NEXT: func.func @plus_zero
// DUMPS:      // -----// IR Dump After cse //----- //
// DUMPS-NEXT: func.func @plus_zero
// DUMPS-NOT:  IR Dump

// INNER:     func.func @twice(%a: f32) -> f32 {
// INNER:     func.func @plus_zero(%a: i32) -> i32 {
// INNER:     func.func @inner() attributes {demo.label = "inner", demo.count = 1 : i64} {

// ANY:       func.func @twice(%a: f32) -> f32 attributes {demo.label = "any", demo.count = 1 : i64} {
// ANY:       func.func @plus_zero(%a: i32) -> i32 attributes {demo.label = "any", demo.count = 1 : i64} {
// ANY:       func.func @inner() attributes {demo.label = "any", demo.count = 1 : i64} {

// UNCLOSED:  <pass-pipeline>:1:30: error: invalid pass pipeline: expected ',' or ')' before the end
// UNKNOWN:   <pass-pipeline>:1:30: error: 'bogus' does not refer to a registered pass or pass pipeline
func.func @twice(%a: f32) -> f32 {
  %s = arith.addf %a, %a : f32
  %t = arith.addf %a, %a : f32
  %p = arith.mulf %s, %t : f32
  return %p : f32
}
func.func @plus_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
}
builtin.module {
  func.func @inner() {
    return
  }
}
