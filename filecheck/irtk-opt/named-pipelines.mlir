// RUN: irtk-opt %s -p fast-compile --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=COMPILE
// RUN: irtk-opt %s -p fast-run --print-ir-after-all 2>&1 >/dev/null | grep -o "IR Dump After [a-z-]*" > %t.dumps
// RUN: %python -c "from irtk.registry import PIPELINES; print(*('IR Dump After ' + p for p in PIPELINES['fast-run'].split(',')), sep=chr(10))" | diff - %t.dumps
// RUN: irtk-opt %s -p 'cse,fast-compile,dce' --print-ir-after-all 2>&1 >/dev/null | filecheck %s --check-prefix=MIXED
// RUN: not irtk-opt %s -p 'fast-run{x=1}' 2>&1 | filecheck %s --check-prefix=OPTIONS

// A named pipeline (irtk.registry.PIPELINES) stands for its passes wherever a pass name may appear;
// the dumps show it expanded, pass by pass. For fast-run the dumps are compared with the registry's
// list itself, so that the test follows the pipeline when its passes change.

// COMPILE:      IR Dump After autodiff
// COMPILE-NEXT: builtin.module
// COMPILE:      IR Dump After canonicalize
// COMPILE:      IR Dump After lower-to-structured
// COMPILE-NOT:  IR Dump

// MIXED:      IR Dump After cse
// MIXED:      IR Dump After autodiff
// MIXED:      IR Dump After canonicalize
// MIXED:      IR Dump After lower-to-structured
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
