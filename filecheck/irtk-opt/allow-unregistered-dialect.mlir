// RUN: irtk-opt %s --allow-unregistered-dialect | filecheck %s
// RUN: not irtk-opt %s 2>&1 | filecheck %s --check-prefix=STRICT

// Ops of dialects irtk does not know are an error, unless --allow-unregistered-dialect lets them through
// opaquely (printed in the generic form).

// CHECK:  %0 = "other.produce"() {note = "kept"} : () -> f32
// CHECK:  "other.consume"(%0) : (f32) -> ()
// STRICT: allow-unregistered-dialect.mlir:[[# @LINE + 2]]:9: error: unknown operation 'other.produce': dialect 'other' is not registered (--allow-unregistered-dialect accepts it)
func.func @f() {
  %0 = "other.produce"() {note = "kept"} : () -> f32
  "other.consume"(%0) : (f32) -> ()
  return
}
