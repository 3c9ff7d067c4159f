// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s %}

// Upstream ops that xDSL 0.74 lacks and irtk adds to its arith and math dialects (irtk/dialects/upstream.py),
// and the C library reached through a private declaration (irtk/dialects/c_library.py): irtk-opt reads and
// prints them in MLIR's syntax, and mlir-opt accepts what it prints.

// CHECK-LABEL: func.func @missing_ops
// CHECK:         %{{.*}} = math.erfc %{{.*}} : f64
// CHECK:         %{{.*}} = math.erfc %{{.*}} fastmath<fast> : f32
// CHECK:         %{{.*}} = arith.remf %{{.*}}, %{{.*}} : f64
// CHECK:         %{{.*}} = {{(func\.)?}}call @lgamma(%{{.*}}) : (f64) -> f64
// CHECK:         %{{.*}} = {{(func\.)?}}call @tgammaf(%{{.*}}) : (f32) -> f32
// CHECK:       func.func private @lgamma(f64) -> f64
// CHECK:       func.func private @tgammaf(f32) -> f32
func.func @missing_ops(%x: f64, %y: f32) -> (f64, f32) {
  %a = math.erfc %x : f64
  %b = math.erfc %y fastmath<fast> : f32
  %c = arith.remf %a, %x : f64
  %d = func.call @lgamma(%c) : (f64) -> f64
  %e = func.call @tgammaf(%b) : (f32) -> f32
  func.return %d, %e : f64, f32
}
func.func private @lgamma(f64) -> f64
func.func private @tgammaf(f32) -> f32
