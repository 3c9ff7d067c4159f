// RUN: irtk-opt %s --split-input-file --emit=cpp | filecheck %s

// A module that calls none of exp, expm1, log, log1p, tanh does without irtk_math.h: it only lengthens the
// compile.
// CHECK-NOT:   IRTK_MATH_H
// CHECK-LABEL: static void irtk_fn_plain(
// CHECK:         const double s = std::sqrt(a);
func.func @plain(%x: memref<f64>) -> memref<f64> {
  %a = memref.load %x[] : memref<f64>
  %s = math.sqrt %a : f64
  %out = memref.alloc() : memref<f64>
  memref.store %s, %out[] : memref<f64>
  func.return %out : memref<f64>
}

// -----

// exp, expm1, log, log1p and tanh of f32 and f64 call irtk_math.h's vectorizable functions (the overload of
// the operand's type), whose text precedes the kernel's code; other math ops and the complex functions stay
// <cmath>'s and <complex>'s.
// CHECK:       #ifndef IRTK_MATH_H
// CHECK:       IRTK_MATH_INLINE double irtk_exp(double x)
// CHECK:       namespace {
// CHECK-LABEL: static void irtk_fn_math(
// CHECK:         const double e = irtk_exp(a);
// CHECK-NEXT:    const double em = irtk_expm1(e);
// CHECK-NEXT:    const double l = irtk_log(em);
// CHECK-NEXT:    const double lp = irtk_log1p(l);
// CHECK-NEXT:    const double t = irtk_tanh(lp);
// CHECK-NEXT:    const double c = std::cos(t);
// CHECK:         const float ef = irtk_exp(f);
// CHECK-NEXT:    const float tf = irtk_tanh(ef);
// CHECK:         const std::complex<double> ez = std::exp(z);
func.func @math(%x: memref<f64>, %y: memref<f32>, %w: memref<complex<f64>>) -> (memref<f64>, memref<f32>, memref<complex<f64>>) {
  %a = memref.load %x[] : memref<f64>
  %e = math.exp %a : f64
  %em = math.expm1 %e : f64
  %l = math.log %em : f64
  %lp = math.log1p %l : f64
  %t = math.tanh %lp : f64
  %c = math.cos %t : f64
  %f = memref.load %y[] : memref<f32>
  %ef = math.exp %f : f32
  %tf = math.tanh %ef : f32
  %z = memref.load %w[] : memref<complex<f64>>
  %ez = complex.exp %z : complex<f64>
  %out = memref.alloc() : memref<f64>
  memref.store %c, %out[] : memref<f64>
  %out32 = memref.alloc() : memref<f32>
  memref.store %tf, %out32[] : memref<f32>
  %outz = memref.alloc() : memref<complex<f64>>
  memref.store %ez, %outz[] : memref<complex<f64>>
  func.return %out, %out32, %outz : memref<f64>, memref<f32>, memref<complex<f64>>
}
