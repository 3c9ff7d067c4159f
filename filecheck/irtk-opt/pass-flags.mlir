// RUN: irtk-opt %s --canonicalize --cse | filecheck %s
// RUN: irtk-opt %s -canonicalize -cse | filecheck %s
// RUN: irtk-opt %s --canonicalize=max-iterations=3 --cse --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=ORDER
// RUN: irtk-opt %s --load-plugin %irtk_plugin --demo-tag=label=\"a\" --demo-tag=count=7 | filecheck %s --check-prefix=LAST
// RUN: irtk-opt %s --load-plugin %irtk_plugin '--demo-tag=label="b" count=2' | filecheck %s --check-prefix=TWO
// RUN: irtk-opt %s --load-plugin %irtk_plugin '--demo-tag={count=5}' | filecheck %s --check-prefix=BRACES
// RUN: irtk-opt %s --tile=sizes=4,4 --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=TILE
// RUN: irtk-opt %s --tile="sizes=4,4" --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=TILE
// RUN: irtk-opt %s -fast-compile --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=NAMED
// RUN: not irtk-opt %s --cse -p canonicalize 2>&1 | filecheck %s --check-prefix=BOTH
// RUN: not irtk-opt %s --canonicalize=max-iterations=many 2>&1 | filecheck %s --check-prefix=BADVALUE
// RUN: %if mlir-opt %{ %mlir_opt %s -canonicalize -cse | filecheck %s --check-prefix=MLIR %}

// As in mlir-opt, every pass is also a flag (one dash or two), with its options after `=`, in the
// pipeline's `key=value` form (`--tile=sizes=4,4`, or in braces); the flags run in command-line order.
// They replace -p/--pass-pipeline: giving both is an error, as in mlir-opt.

// CHECK-LABEL: func.func @twice(%a: f32) -> f32 {
// CHECK-NEXT:    %s = arith.addf %a, %a : f32
// CHECK-NEXT:    %p = arith.mulf %s, %s : f32
// CHECK-NEXT:    func.return %p : f32
// MLIR-LABEL:  func.func @twice(%arg0: f32) -> f32 {
// MLIR-NEXT:     %0 = arith.addf %arg0, %arg0 : f32
// MLIR-NEXT:     %1 = arith.mulf %0, %0 : f32
// MLIR-NEXT:     return %1 : f32

// ORDER:      IR Dump After canonicalize{max-iterations=3} //
// ORDER:      IR Dump After cse //
// ORDER-NOT:  IR Dump

// LAST:       func.func @twice(%a: f32) -> f32 attributes {demo.label = "none", demo.count = 7 : i64}
// TWO:        func.func @twice(%a: f32) -> f32 attributes {demo.label = "b", demo.count = 2 : i64}
// BRACES:     func.func @twice(%a: f32) -> f32 attributes {demo.label = "none", demo.count = 5 : i64}
// TILE:       IR Dump After tile{sizes=4,4} //
// NAMED:      IR Dump After autodiff
// NAMED:      IR Dump After lower-to-structured
// BOTH:       irtk-opt: error: passes given as flags (--cse) cannot be combined with -p/--pass-pipeline
// BADVALUE:   <pass-pipeline>:1:14: error: invalid value for option 'max-iterations' of pass 'canonicalize' (max-iterations="many"): expected int
func.func @twice(%a: f32) -> f32 {
  %s = arith.addf %a, %a : f32
  %t = arith.addf %a, %a : f32
  %p = arith.mulf %s, %t : f32
  return %p : f32
}
