// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream func IR: declarations, visibility, calls, several results, argument and function attributes.

// CHECK: func.func private @external(f64) -> f64
// MLIR:  func.func private @external(f64) -> f64
func.func private @external(f64) -> f64

// CHECK-LABEL: func.func private @helper(%x: f64, %y: f64) -> (f64, f64)
// CHECK-NEXT:    %{{.*}} = arith.addf %x, %y : f64
// CHECK-NEXT:    func.return %{{.*}}, %y : f64, f64
func.func private @helper(%x: f64, %y: f64) -> (f64, f64) {
  %s = arith.addf %x, %y : f64
  return %s, %y : f64, f64
}

// CHECK-LABEL: func.func @caller(%a: f64) -> f64
// CHECK-SAME:    attributes {irtk.entry}
// CHECK:         %[[R:.*]], %[[R1:.*]] = func.call @helper(%a, %a) : (f64, f64) -> (f64, f64)
// CHECK:         %{{.*}} = func.call @external(%[[R1]]) : (f64) -> f64
// MLIR-LABEL:  func.func @caller
// MLIR:          call @helper
func.func @caller(%a: f64) -> f64 attributes {irtk.entry} {
  %r:2 = call @helper(%a, %a) : (f64, f64) -> (f64, f64)
  %e = call @external(%r#1) : (f64) -> f64
  return %e : f64
}

// CHECK-LABEL: func.func @no_results()
// CHECK-NEXT:    func.return
func.func @no_results() {
  return
}

// CHECK-LABEL: func.func @arg_attrs(%m: memref<4xf32> {irtk.noalias})
func.func @arg_attrs(%m: memref<4xf32> {irtk.noalias}) {
  return
}
