// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: irtk-opt %s --mlir-print-debuginfo | filecheck %s --check-prefix=LOC
// RUN: irtk-opt %s --print-debuginfo | filecheck %s --check-prefix=LOC
// RUN: irtk-opt %s --mlir-print-debuginfo | irtk-opt --mlir-print-debuginfo -p canonicalize | filecheck %s --check-prefix=LOC

// Ops remember where they were parsed, but the default output shows no locations; --mlir-print-debuginfo
// prints them. An explicit loc(...) in the input is kept as written, and locations survive a pass.

// CHECK-NOT:  loc(
// CHECK:      %0 = arith.mulf %a, %a : f64
// GENERIC:    %0 = "arith.mulf"(%a, %a) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
// GENERIC:    "func.return"(%1) : (f64) -> ()
// LOC:        arith.mulf %a, %a : f64 loc("{{.*}}print-forms.mlir":[[# @LINE + 4]]:3)
// LOC:        arith.addf %0, %a : f64 loc("model.py":12:5)
// LOC:        func.return %1 : f64 loc("{{.*}}print-forms.mlir":[[# @LINE + 5]]:3)
func.func @f(%a: f64) -> f64 {
  %0 = arith.mulf %a, %a : f64
  %1 = arith.addf %0, %a : f64 loc("model.py":12:5)
  %2 = arith.subf %a, %a : f64
  return %1 : f64
}
