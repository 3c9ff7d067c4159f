// RUN: irtk-opt %s -p fast-compile --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=COMPILE
// RUN: irtk-opt %s -p fast-run --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=FULL
// RUN: irtk-opt %s -p 'cse,fast-compile,dce' --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=MIXED
// RUN: not irtk-opt %s -p 'fast-run{x=1}' 2>&1 | filecheck %s --check-prefix=OPTIONS

// A named pipeline (irtk.registry.PIPELINES) stands for its passes wherever a pass name may appear;
// the dumps show it expanded, pass by pass.

// COMPILE:      IR Dump After autodiff
// COMPILE-NEXT: builtin.module
// COMPILE:      IR Dump After canonicalize
// COMPILE-NOT:  IR Dump

// FULL:    IR Dump After autodiff
// FULL:    IR Dump After canonicalize
// FULL:    IR Dump After cse
// FULL:    IR Dump After lower-to-structured
// FULL:    IR Dump After fuse
// FULL:    IR Dump After canonicalize
// FULL:    IR Dump After bufferize
// FULL:    IR Dump After lower-to-loops
// FULL:    IR Dump After canonicalize
// FULL:    IR Dump After cse
// FULL-NOT: IR Dump

// MIXED:      IR Dump After cse
// MIXED:      IR Dump After autodiff
// MIXED:      IR Dump After canonicalize
// MIXED:      IR Dump After dce
// MIXED-NOT:  IR Dump

// OPTIONS: <pass-pipeline>:1:1: error: named pipeline 'fast-run' takes no options
func.func @scale(%m: memref<4xf64>, %k: f64) {
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0] : memref<4xf64>
  %y = arith.mulf %x, %k : f64
  memref.store %y, %m[%c0] : memref<4xf64>
  return
}
