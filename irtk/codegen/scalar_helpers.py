"""C++ helpers that give generated code MLIR's scalar semantics without undefined behaviour.

C++ and MLIR disagree on integers: signed overflow is undefined in C++ and wraps in MLIR, shifts past
the width are undefined in C++, i1 `true` is -1 when read as signed. Division by zero and INT_MIN / -1
trap on x86 and would kill the Python process, so they fail the call instead. On floats, MLIR's
`maximumf`/`minimumf` propagate NaN and order -0 below +0, which `std::fmax` does not. Each helper is a
small template, so GCC inlines it and the generated code stays as fast as plain operators.

The text uses `IRTK_HELPER` for its function specifiers (`inline` for host C++; a device target defines
it as it needs) and `irtk_fail`, which the target's runtime provides.

Complex numbers have helpers of their own, `COMPLEX_HELPERS`, which a translation unit includes (with
`<complex>`, whose parsing costs a fifth of a second) only when it computes with complex numbers. C++'s
`operator*` and `operator/` on `std::complex` follow C99's Annex G (GCC calls `__muldc3` and `__divdc3`,
which turn some NaN results into infinities and scale the quotient), while numpy computes the schoolbook
product and Smith's quotient: the helpers compute numpy's formulas, one rounding per step, as the
FAST_COMPILE evaluator does (`irtk/evaluator/complex_ops.py`).
"""

SCALAR_HELPERS = r"""
/* Signless integers: irtk_u/irtk_s read a value as unsigned/signed, widened to at least unsigned int
   so that arithmetic on the result wraps instead of overflowing after promotion; irtk_to truncates back. */
template <class T> struct irtk_int {
  using exact_u = std::make_unsigned_t<T>;
  using u = decltype(std::make_unsigned_t<T>() + 0u);
  using s = std::make_signed_t<T>;
};
template <> struct irtk_int<bool> { using exact_u = bool; using u = unsigned; using s = int; };
template <class T> IRTK_HELPER typename irtk_int<T>::u irtk_u(T x) {
  return static_cast<typename irtk_int<T>::exact_u>(x);
}
template <class T> IRTK_HELPER typename irtk_int<T>::s irtk_s(T x) { return static_cast<typename irtk_int<T>::s>(x); }
IRTK_HELPER int irtk_s(bool x) { return x ? -1 : 0; }
template <class T, class X> IRTK_HELPER T irtk_to(X x) {
  if constexpr (std::is_same<T, bool>::value) return (x & 1) != 0;
  else return static_cast<T>(x);
}
template <class T> constexpr unsigned irtk_bits = std::is_same<T, bool>::value ? 1u : 8u * sizeof(T);

template <class T> IRTK_HELPER T irtk_addi(T a, T b) { return irtk_to<T>(irtk_u(a) + irtk_u(b)); }
template <class T> IRTK_HELPER T irtk_subi(T a, T b) { return irtk_to<T>(irtk_u(a) - irtk_u(b)); }
template <class T> IRTK_HELPER T irtk_muli(T a, T b) { return irtk_to<T>(irtk_u(a) * irtk_u(b)); }
template <class T> IRTK_HELPER T irtk_negi(T a) { return irtk_to<T>(0u - irtk_u(a)); }
template <class T> IRTK_HELPER T irtk_divsi(T a, T b) {
  if (irtk_s(b) == 0) irtk_fail("integer division by zero");
  if (irtk_s(b) == -1) return irtk_negi(a);  /* INT_MIN / -1 wraps */
  return irtk_to<T>(irtk_s(a) / irtk_s(b));
}
template <class T> IRTK_HELPER T irtk_remsi(T a, T b) {
  if (irtk_s(b) == 0) irtk_fail("integer division by zero");
  if (irtk_s(b) == -1) return irtk_to<T>(0);
  return irtk_to<T>(irtk_s(a) % irtk_s(b));
}
template <class T> IRTK_HELPER T irtk_floordivsi(T a, T b) {
  if (irtk_s(b) == 0) irtk_fail("integer division by zero");
  if (irtk_s(b) == -1) return irtk_negi(a);
  auto q = irtk_s(a) / irtk_s(b), r = irtk_s(a) % irtk_s(b);
  return irtk_to<T>(r != 0 && ((r < 0) != (irtk_s(b) < 0)) ? q - 1 : q);
}
template <class T> IRTK_HELPER T irtk_ceildivsi(T a, T b) {
  if (irtk_s(b) == 0) irtk_fail("integer division by zero");
  if (irtk_s(b) == -1) return irtk_negi(a);
  auto q = irtk_s(a) / irtk_s(b), r = irtk_s(a) % irtk_s(b);
  return irtk_to<T>(r != 0 && ((r < 0) == (irtk_s(b) < 0)) ? q + 1 : q);
}
template <class T> IRTK_HELPER T irtk_divui(T a, T b) {
  if (irtk_u(b) == 0) irtk_fail("integer division by zero");
  return irtk_to<T>(irtk_u(a) / irtk_u(b));
}
template <class T> IRTK_HELPER T irtk_remui(T a, T b) {
  if (irtk_u(b) == 0) irtk_fail("integer division by zero");
  return irtk_to<T>(irtk_u(a) % irtk_u(b));
}
template <class T> IRTK_HELPER T irtk_ceildivui(T a, T b) {
  if (irtk_u(b) == 0) irtk_fail("integer division by zero");
  return irtk_to<T>(irtk_u(a) / irtk_u(b) + (irtk_u(a) % irtk_u(b) != 0));
}
/* Shifts by the width or more are poison in MLIR; they give 0 (or the sign) here. */
template <class T> IRTK_HELPER T irtk_shli(T a, T b) {
  return irtk_u(b) >= irtk_bits<T> ? irtk_to<T>(0) : irtk_to<T>(irtk_u(a) << irtk_u(b));
}
template <class T> IRTK_HELPER T irtk_shrui(T a, T b) {
  return irtk_u(b) >= irtk_bits<T> ? irtk_to<T>(0) : irtk_to<T>(irtk_u(a) >> irtk_u(b));
}
template <class T> IRTK_HELPER T irtk_shrsi(T a, T b) {
  const unsigned shift = irtk_u(b) >= irtk_bits<T> ? irtk_bits<T> - 1 : static_cast<unsigned>(irtk_u(b));
  return irtk_to<T>(irtk_s(a) >> shift);
}
template <class T> IRTK_HELPER T irtk_absi(T a) { return irtk_s(a) < 0 ? irtk_negi(a) : a; }
/* math.ipowi: exponentiation by squaring with wrapping products; negative exponents as MLIR expands them. */
template <class T> IRTK_HELPER T irtk_ipowi(T base, T exponent) {
  if (irtk_s(exponent) < 0) {
    if (irtk_s(base) == 1) return base;
    if (irtk_s(base) == -1) return (irtk_u(exponent) & 1u) ? base : irtk_to<T>(1);
    return irtk_to<T>(0);
  }
  T result = irtk_to<T>(1);
  for (auto e = irtk_u(exponent); e != 0; e >>= 1) {
    if (e & 1u) result = irtk_muli(result, base);
    base = irtk_muli(base, base);
  }
  return result;
}
template <class T> IRTK_HELPER T irtk_ctlz(T a) {
  const uint64_t x = irtk_u(a);
  return irtk_to<T>(x == 0 ? irtk_bits<T> : __builtin_clzll(x) - (64u - irtk_bits<T>));
}
template <class T> IRTK_HELPER T irtk_cttz(T a) {
  const uint64_t x = irtk_u(a);
  return irtk_to<T>(x == 0 ? irtk_bits<T> : static_cast<unsigned>(__builtin_ctzll(x)));
}
template <class T> IRTK_HELPER T irtk_ctpop(T a) { return irtk_to<T>(__builtin_popcountll(irtk_u(a))); }

/* Float to integer. Out-of-range inputs are poison in MLIR and undefined in C++; here they give what
   numpy's astype gives on x86-64 (cvttsd2si): truncate toward zero into 32 bits (targets of up to 32
   bits) or 64 bits; NaN, infinities and values whose truncation does not fit give INT_MIN of that width;
   narrower targets keep the low bits of the 32-bit value. The range is tested before converting, so
   C++ never converts an out-of-range float. Comparisons are in double, which holds every float exactly. */
IRTK_HELPER int32_t irtk_fp_to_i32(double x) {
  return x > -2147483649.0 && x < 2147483648.0 ? static_cast<int32_t>(x) : INT32_MIN;
}
IRTK_HELPER int64_t irtk_fp_to_i64(double x) {
  return x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? static_cast<int64_t>(x) : INT64_MIN;
}
template <class T, class F> IRTK_HELPER T irtk_fptosi(F x) {
  if constexpr (irtk_bits<T> <= 32) return irtk_to<T>(irtk_fp_to_i32(static_cast<double>(x)));
  else return irtk_to<T>(irtk_fp_to_i64(static_cast<double>(x)));
}
/* Unsigned: 8 and 16 bits as signed; 32 bits keep the low bits of the 64-bit value (numpy's scalar
   loop; its AVX-512 loop differs out of range); 64 bits convert [2^63, 2^64) exactly, larger values
   give 0, anything below 2^63 goes through the signed 64-bit rule (so -1.0 gives 2^64 - 1, NaN 2^63). */
template <class T, class F> IRTK_HELPER T irtk_fptoui(F x) {
  const double d = static_cast<double>(x);
  if constexpr (irtk_bits<T> < 32) {
    return irtk_to<T>(irtk_fp_to_i32(d));
  } else if constexpr (irtk_bits<T> == 32) {
    return irtk_to<T>(irtk_fp_to_i64(d));
  } else {
    if (d >= 9223372036854775808.0) return irtk_to<T>(d < 18446744073709551616.0 ? static_cast<uint64_t>(d) : 0u);
    return irtk_to<T>(irtk_fp_to_i64(d));
  }
}
template <class To, class From> IRTK_HELPER To irtk_bitcast(From x) {
  static_assert(sizeof(To) == sizeof(From), "arith.bitcast between types of different widths");
  To y;
  std::memcpy(&y, &x, sizeof y);
  return y;
}
IRTK_HELPER double irtk_f64_from_bits(uint64_t bits) { return irtk_bitcast<double>(bits); }
IRTK_HELPER float irtk_f32_from_bits(uint32_t bits) { return irtk_bitcast<float>(bits); }

/* `c ? a : b` for float and double, as bit masks over both operands: GCC if-converts a floating-point `?:` only
   when it can prove the comparison cannot trap, which it sometimes cannot (the max of a blocked reduction's lanes
   then stays a scalar loop with branches), while masks are integer operations it always vectorizes. */
template <class T> IRTK_HELPER T irtk_select_bits(bool c, T a, T b) {
  using U = typename std::conditional<sizeof(T) == 8, uint64_t, uint32_t>::type;
  static_assert(sizeof(T) == sizeof(U), "irtk_select_bits: float or double");
  U ua, ub;
  std::memcpy(&ua, &a, sizeof ua);
  std::memcpy(&ub, &b, sizeof ub);
  const U mask = U(0) - U(c);
  const U r = (ua & mask) | (ub & ~mask);
  T out;
  std::memcpy(&out, &r, sizeof out);
  return out;
}

/* arith.maximumf/minimumf: NaN if either operand is NaN (a's first), and -0 < +0. Written as selects over
   values computed on every path, so that GCC vectorizes loops that use them (a branch, or std::signbit, which
   has no vector form in GCC, keeps the whole loop scalar); the sign test of a tie is `copysign(1, a) < 0`. */
template <class T> IRTK_HELPER T irtk_maximumf(T a, T b) {
  T larger = irtk_select_bits(a > b, a, b);
  T tie = irtk_select_bits(std::copysign(T(1), a) < T(0), b, a);
  T result = irtk_select_bits(a == b, tie, larger);
  result = irtk_select_bits(b != b, b, result);
  return irtk_select_bits(a != a, a, result);
}
template <class T> IRTK_HELPER T irtk_minimumf(T a, T b) {
  T smaller = irtk_select_bits(a < b, a, b);
  T tie = irtk_select_bits(std::copysign(T(1), a) < T(0), a, b);
  T result = irtk_select_bits(a == b, tie, smaller);
  result = irtk_select_bits(b != b, b, result);
  return irtk_select_bits(a != a, a, result);
}
template <class T> IRTK_HELPER T irtk_rsqrt(T x) { return T(1) / std::sqrt(x); }
"""

COMPLEX_HELPERS = r"""
/* A product, rounded, that the compiler cannot see into. GCC recognises the shape of a complex product in
   its vectorizer and emits fused multiply-add-subtract instructions for it even with -ffp-contract=off (one
   rounding fewer than numpy's); an empty asm statement hides the products from that pattern matcher. */
template <class T> IRTK_HELPER T irtk_rounded(T x) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __asm__("" : "+x"(x));
#elif defined(__GNUC__) && defined(__aarch64__)
  __asm__("" : "+w"(x));
#endif
  return x;
}
/* complex.mul: (ar*br - ai*bi) + (ar*bi + ai*br) i, numpy's product. */
template <class T> IRTK_HELPER std::complex<T> irtk_cmul(std::complex<T> a, std::complex<T> b) {
  const T ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  return std::complex<T>(irtk_rounded(ar * br) - irtk_rounded(ai * bi), irtk_rounded(ar * bi) + irtk_rounded(ai * br));
}
/* complex.div: numpy's Smith division, scaled by the divisor's part of larger magnitude; a zero divisor
   divides each part by a zero (inf or NaN), and a NaN in the divisor takes the second branch, as in numpy. */
template <class T> IRTK_HELPER std::complex<T> irtk_cdiv(std::complex<T> a, std::complex<T> b) {
  const T ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  const T abs_br = std::fabs(br), abs_bi = std::fabs(bi);
  if (abs_br >= abs_bi) {
    if (abs_br == 0 && abs_bi == 0) return std::complex<T>(ar / abs_br, ai / abs_bi);
    const T rat = bi / br;
    const T scl = T(1) / (br + bi * rat);
    return std::complex<T>((ar + ai * rat) * scl, (ai - ar * rat) * scl);
  }
  const T rat = br / bi;
  const T scl = T(1) / (bi + br * rat);
  return std::complex<T>((ar * rat + ai) * scl, (ai * rat - ar) * scl);
}
template <class T> IRTK_HELPER std::complex<T> irtk_conj(std::complex<T> z) { return std::complex<T>(z.real(), -z.imag()); }
/* complex.abs and complex.angle: the C library's hypot and atan2 of the parts (numpy's abs and angle). */
template <class T> IRTK_HELPER T irtk_cabs(std::complex<T> z) { return std::hypot(z.real(), z.imag()); }
template <class T> IRTK_HELPER T irtk_carg(std::complex<T> z) { return std::atan2(z.imag(), z.real()); }
"""
