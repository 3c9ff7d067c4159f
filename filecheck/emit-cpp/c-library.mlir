// RUN: irtk-opt %s --emit=cpp | filecheck %s

// math.erfc and arith.remf print as their <cmath> functions; a call of a declared C library function prints as
// that function (std::lgamma on a float picks lgammaf), and the declaration itself prints nothing.
// CHECK-NOT:     lgammaf(
// CHECK-LABEL: static void irtk_fn_main(
// CHECK:         const double e = std::erfc(a);
// CHECK-NEXT:    const double r = std::fmod(e, a);
// CHECK-NEXT:    const double l = std::lgamma(r);
// CHECK:         const float g = std::tgamma(f);
func.func @main(%x: memref<f64>, %y: memref<f32>) -> (memref<f64>, memref<f32>) {
  %a = memref.load %x[] : memref<f64>
  %e = math.erfc %a : f64
  %r = arith.remf %e, %a : f64
  %l = func.call @lgamma(%r) : (f64) -> f64
  %f = memref.load %y[] : memref<f32>
  %g = func.call @tgammaf(%f) : (f32) -> f32
  %out = memref.alloc() : memref<f64>
  memref.store %l, %out[] : memref<f64>
  %out32 = memref.alloc() : memref<f32>
  memref.store %g, %out32[] : memref<f32>
  func.return %out, %out32 : memref<f64>, memref<f32>
}
func.func private @lgamma(f64) -> f64
func.func private @tgammaf(f32) -> f32
