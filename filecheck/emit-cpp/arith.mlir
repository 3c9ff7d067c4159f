// RUN: irtk-opt %s --emit=cpp | filecheck %s

// One op is one statement on named temporaries, so the C++ compiler cannot reassociate or contract.
// Float constants read back bit for bit: shortest round-trip decimals, `f` on f32 (f32 math stays float),
// infinities as HUGE_VAL(F), NaNs through their bits.
// CHECK-LABEL: static void irtk_fn_ops(
// CHECK:         const float tenth = 0.1f;
// CHECK-NEXT:    const double third = 0.3333333333333333;
// CHECK-NEXT:    const double inf = HUGE_VAL;
// CHECK-NEXT:    const float ninf = -HUGE_VALF;
// CHECK-NEXT:    const double qnan = irtk_f64_from_bits(0x7ff8000000000001ull);
// CHECK-NEXT:    const int64_t lowest = INT64_MIN;
// CHECK-NEXT:    const int8_t byte = -1;
// CHECK-NEXT:    const bool yes = true;
// CHECK-NEXT:    const float a = x[0];
// CHECK-NEXT:    const float p = a * tenth;
// CHECK-NEXT:    const float q = p + a;
// CHECK-NEXT:    const float e = irtk_exp(q);
// CHECK-NEXT:    const double w = static_cast<double>(e);
// CHECK-NEXT:    const double m = irtk_maximumf(w, third);
// CHECK-NEXT:    const bool unordered_lt = !(m >= qnan);
// CHECK-NEXT:    const bool ordered_ne = (m < inf || m > inf);
// Integer ops that could overflow or trap in C++ go through helpers with MLIR's semantics.
// CHECK-NEXT:    const int64_t k = irtk_muli(lowest, lowest);
// CHECK-NEXT:    const int64_t d = irtk_floordivsi(k, lowest);
// CHECK-NEXT:    const bool below = irtk_u(k) < irtk_u(d);
// CHECK-NEXT:    const int8_t shifted = irtk_shrsi(byte, byte);
// CHECK-NEXT:    const int64_t widened = static_cast<int64_t>(irtk_s(yes));
// CHECK-NEXT:    const float picked = unordered_lt ? a : ninf;
func.func @ops(%x: memref<f32>) -> memref<f32> {
  %tenth = arith.constant 0.1 : f32
  %third = arith.constant 0.33333333333333331 : f64
  %inf = arith.constant 0x7FF0000000000000 : f64
  %ninf = arith.constant 0xFF800000 : f32
  %qnan = arith.constant 0x7FF8000000000001 : f64
  %lowest = arith.constant -9223372036854775808 : i64
  %byte = arith.constant 255 : i8
  %yes = arith.constant true
  %a = memref.load %x[] : memref<f32>
  %p = arith.mulf %a, %tenth : f32
  %q = arith.addf %p, %a : f32
  %e = math.exp %q : f32
  %w = arith.extf %e : f32 to f64
  %m = arith.maximumf %w, %third : f64
  %unordered_lt = arith.cmpf ult, %m, %qnan : f64
  %ordered_ne = arith.cmpf one, %m, %inf : f64
  %k = arith.muli %lowest, %lowest : i64
  %d = arith.floordivsi %k, %lowest : i64
  %below = arith.cmpi ult, %k, %d : i64
  %shifted = arith.shrsi %byte, %byte : i8
  %widened = arith.extsi %yes : i1 to i64
  %picked = arith.select %unordered_lt, %a, %ninf : f32
  %r = memref.alloc() : memref<f32>
  memref.store %picked, %r[] : memref<f32>
  func.return %r : memref<f32>
}
