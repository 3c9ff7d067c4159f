// RUN: irtk-opt %s --emit=cpp | filecheck %s

// Complex numbers are std::complex<double> (complex128, signature code c128) and std::complex<float> (complex64,
// c64), laid out as numpy lays them out. <complex> and the complex helpers come only with complex values. The
// product and the quotient are numpy's formulas (irtk_cmul, irtk_cdiv), not C++'s operators (C99 Annex G);
// the functions are <complex>'s overloads, which call the C library's cexp, cpowf, ...; abs and angle are
// hypot and atan2 of the parts.
// CHECK:       #include <complex>
// CHECK-NEXT:  {{$}}
// CHECK-NEXT:  namespace {
// CHECK:       std::complex<T> irtk_cmul(
// CHECK:       std::complex<T> irtk_cdiv(
// CHECK-LABEL: static void irtk_fn_main(irtk_arena& arena, std::complex<double>* x, int64_t x_d0, std::complex<float>* y, std::complex<double>*& out0, int64_t& out0_d0, double*& out1, int64_t& out1_d0, std::complex<float>*& out2) {
// CHECK:         std::complex<double>* out = arena.alloc_result<std::complex<double>>(n);
// CHECK:           const std::complex<double> a = x[i];
// CHECK-NEXT:      const std::complex<double> k = std::complex<double>(1.5, -0.0);
// CHECK-NEXT:      const std::complex<double> p = irtk_cmul(a, k);
// CHECK-NEXT:      const std::complex<double> q = irtk_cdiv(p, a);
// CHECK-NEXT:      const std::complex<double> e = std::exp(q);
// CHECK-NEXT:      const std::complex<double> s = e + a;
// CHECK-NEXT:      const double m = irtk_cabs(s);
// CHECK-NEXT:      const double re = s.real();
// CHECK-NEXT:      const double z = 0.0;
// CHECK-NEXT:      const std::complex<double> w = std::complex<double>(re, z);
// CHECK-NEXT:      const bool eq = w == s;
// CHECK-NEXT:      const std::complex<double> r = eq ? w : s;
// CHECK-NEXT:      out[i] = r;
// CHECK:         const std::complex<float> b = y[0];
// CHECK-NEXT:    const std::complex<float> c = irtk_conj(b);
// CHECK-NEXT:    const std::complex<float> t = std::pow(c, b);
// CHECK-NEXT:    const float g = irtk_carg(t);
// CHECK-NEXT:    const float quarter = 0.25f;
// CHECK-NEXT:    const std::complex<float> h = std::complex<float>(g, quarter);
// CHECK:       irtk_signature(void) { return "c128[?],c64[]->c128[?],f64[?],c64[]"; }
// CHECK:         std::complex<double>* x = static_cast<std::complex<double>*>(args[0].data);
// CHECK:         void* data0 = arena.claim(result0, result0_d0, sizeof(std::complex<double>));
func.func @main(%x: memref<?xcomplex<f64>>, %y: memref<complex<f32>>) -> (memref<?xcomplex<f64>>, memref<?xf64>, memref<complex<f32>>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xcomplex<f64>>
  %out = memref.alloc(%n) : memref<?xcomplex<f64>>
  %mag = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.load %x[%i] : memref<?xcomplex<f64>>
    %k = complex.constant [1.5 : f64, -0.0 : f64] : complex<f64>
    %p = complex.mul %a, %k : complex<f64>
    %q = complex.div %p, %a : complex<f64>
    %e = complex.exp %q : complex<f64>
    %s = complex.add %e, %a : complex<f64>
    %m = complex.abs %s : complex<f64>
    %re = complex.re %s : complex<f64>
    %z = arith.constant 0.0 : f64
    %w = complex.create %re, %z : complex<f64>
    %eq = complex.eq %w, %s : complex<f64>
    %r = arith.select %eq, %w, %s : complex<f64>
    memref.store %r, %out[%i] : memref<?xcomplex<f64>>
    memref.store %m, %mag[%i] : memref<?xf64>
  }
  %b = memref.load %y[] : memref<complex<f32>>
  %c = complex.conj %b : complex<f32>
  %t = complex.pow %c, %b : complex<f32>
  %g = complex.angle %t : complex<f32>
  %quarter = arith.constant 0.25 : f32
  %h = complex.create %g, %quarter : complex<f32>
  %one = memref.alloc() : memref<complex<f32>>
  memref.store %h, %one[] : memref<complex<f32>>
  func.return %out, %mag, %one : memref<?xcomplex<f64>>, memref<?xf64>, memref<complex<f32>>
}

