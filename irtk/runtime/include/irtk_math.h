/* irtk_math.h - exp, expm1, log, log1p and tanh of float and double that a compiler can vectorize.
 *
 * Why irtk has its own: the C library's scalar functions (glibc's exp, tanh, ...) are opaque calls, so
 * a loop that calls one runs one element at a time. These are written for the vectorizer: every
 * function is a fixed sequence of IEEE additions, multiplications, divisions, comparisons, selects
 * (bit masks over values already computed: irtk_math_select) and integer operations on the bits; no
 * branches, no tables, no errno, no fma. g++ -O3 -march=native -ffp-contract=off -fno-math-errno
 * vectorizes a loop that calls them.
 *
 * Why the same bits everywhere: IEEE basic operations are correctly rounded, so a scalar, SSE2, AVX2
 * or AVX-512 build of this header computes the same bits, provided the compiler neither contracts
 * a*b+c into an fma nor reassociates (-ffp-contract=off, no -ffast-math). Compiled kernels embed this
 * header; irtk._native compiles it with the same flags for the FAST_COMPILE evaluator, and
 * irtk/evaluator/vector_math.py performs the same operations in numpy: change all three together.
 *
 * The algorithms are fdlibm's (Sun Microsystems, 1993: "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved."), with their
 * branches turned into selects. Error bounds for double:
 *   exp    Cody-Waite reduction x = k ln2 + r, |r| <= ln2/2, fdlibm's rational approximation of
 *          exp(r), then y * 2^k in two steps (2^(k/2) twice) so that subnormal results are rounded
 *          once and 2^1024 needs no special case.                                    <= 1 ulp
 *   expm1  fdlibm's expm1: the same reduction, a rational approximation of expm1(r), and the
 *          combination that avoids cancellation for each k, chosen by selects.       <= 1 ulp
 *   log    x = 2^k (1+f), sqrt(2)/2 <= 1+f < sqrt(2), s = f/(2+f), log(1+f) = f - (f^2/2 - s(f^2/2 +
 *          R(s^2))); subnormal inputs are scaled by 2^54 first.                      <= 1 ulp
 *   log1p  u = 1+x reduced as in log, plus the rounding error of 1+x, ((1+x)-u)/u.   <= 1 ulp
 *   tanh   1 - 2/(exp(2|x|)+1) for |x| >= 0.625; below, Cephes' rational approximation
 *          x + x s P(s)/Q(s), s = x^2 (Cephes Math Library, Stephen L. Moshier, 1984-1987,
 *          "may be used freely"), x itself below 2^-28; the sign of x.               <= 1.5 ulp
 *          (1.30 measured; fdlibm's expm1 form, which glibc uses, measured 2.11 and costs
 *          four times as much)
 * The float versions convert to double, run the double algorithm and round once: the double result
 * is within 1.5 * 2^-52 relative, so the float result is within 0.5 ulp + 2^-26 ulp, and a float that
 * over- or underflows does so in that rounding. tests/test_vector_math.py measures these bounds
 * against extended precision and checks the special values of C99 Annex F (exp(-inf) = 0,
 * log(0) = -inf, log(-1) = NaN, expm1(-0) = -0, tanh(+-inf) = +-1, ...).
 */
#ifndef IRTK_MATH_H
#define IRTK_MATH_H

#include <cstdint>
#include <cstring>
#include <limits>

#define IRTK_MATH_INLINE static inline __attribute__((always_inline))

IRTK_MATH_INLINE uint64_t irtk_math_bits(double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

IRTK_MATH_INLINE double irtk_math_double(uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

IRTK_MATH_INLINE uint32_t irtk_math_bits(float x) {
  uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

IRTK_MATH_INLINE float irtk_math_float(uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

/* `c ? a : b`, as bit masks. A plain `?:` lets g++ sink the computation of an operand into a branch
 * of its own, which it may then not if-convert (floating-point operations may trap), and so not
 * vectorize the loop; masks keep every operand computed on every lane. */
IRTK_MATH_INLINE double irtk_math_select(bool c, double a, double b) {
  const uint64_t mask = uint64_t(0) - uint64_t(c);
  return irtk_math_double((irtk_math_bits(a) & mask) | (irtk_math_bits(b) & ~mask));
}

IRTK_MATH_INLINE float irtk_math_select(bool c, float a, float b) {
  const uint32_t mask = uint32_t(0) - uint32_t(c);
  return irtk_math_float((irtk_math_bits(a) & mask) | (irtk_math_bits(b) & ~mask));
}

/* 0x1.8p52: adding it to |v| < 2^51 rounds v to an integer k, and the sum's low bits are k. */
#define IRTK_MATH_SHIFT 6755399441055744.0

/* y * 2^k for the integer k = bits(kd) - bits(IRTK_MATH_SHIFT), -2000 < k < 2000, as y * 2^(k/2) *
 * 2^(k - k/2): each factor is a normal double, so the product is rounded once, also when it is
 * subnormal or overflows. Unsigned arithmetic only (no UB, and AVX2 has no 64-bit arithmetic shift). */
IRTK_MATH_INLINE double irtk_math_scale(double y, double kd) {
  const uint64_t biased = irtk_math_bits(kd) - irtk_math_bits(IRTK_MATH_SHIFT) + 2048u;  // k + 2048 > 0
  const uint64_t half = biased >> 1;  // floor(k/2) + 1024
  const uint64_t rest = biased - half;  // k - floor(k/2) + 1024
  return y * irtk_math_double((half - 1u) << 52) * irtk_math_double((rest - 1u) << 52);
}

/* v rounded to an integer (as a double), clamped to [-1100, 1100]; NaN stays NaN. The clamp keeps
 * out-of-range lanes harmless; the callers select their overflow and underflow results for them. */
IRTK_MATH_INLINE double irtk_math_round_k(double v) {
  double k = (v + IRTK_MATH_SHIFT) - IRTK_MATH_SHIFT;  // exact for |v| < 2^51; larger v is clamped
  k = irtk_math_select(k > 1100.0, 1100.0, k);
  return irtk_math_select(k < -1100.0, -1100.0, k);
}

/* Each function is a template over its argument type T, float or double: the work is done in double,
 * rounded to T once, and the special cases are selected in T after that rounding. (Selecting in double
 * first would let g++ move the rounding into one arm of the select, where it may trap, which stops
 * if-conversion and so vectorization of a float loop.) */

/* ---- exp ---------------------------------------------------------------------------------------- */

template <class T>
IRTK_MATH_INLINE T irtk_math_exp(T x_in) {
  const double ln2_hi = 6.93147180369123816490e-01;  // 32 significant bits: k * ln2_hi is exact
  const double ln2_lo = 1.90821492927058770002e-10;
  const double inv_ln2 = 1.44269504088896338700e+00;
  const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
               P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
               P5 = 4.13813679705723846039e-08;
  const double x = x_in;
  const double k = irtk_math_round_k(x * inv_ln2);
  const double kd = k + IRTK_MATH_SHIFT;
  const double hi = x - k * ln2_hi;
  const double lo = k * ln2_lo;
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  T result = static_cast<T>(irtk_math_scale(y, kd));
  // Out of range, k was clamped: exp(x) overflows above 710 and rounds to 0 below -746.
  result = irtk_math_select(x_in > T(710), std::numeric_limits<T>::infinity(), result);
  return irtk_math_select(x_in < T(-746), T(0), result);
}

/* ---- expm1 -------------------------------------------------------------------------------------- */

/* expm1(x) for -1100 < x/ln2 < 1100, NaN for NaN; the caller selects the rest. */
IRTK_MATH_INLINE double irtk_math_expm1_core(double x) {
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const double inv_ln2 = 1.44269504088896338700e+00;
  const double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
               Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
               Q5 = -2.01099218183624371326e-07;
  const double k = irtk_math_round_k(x * inv_ln2);
  const double kd = k + IRTK_MATH_SHIFT;
  const double hi = x - k * ln2_hi;
  const double lo = k * ln2_lo;
  const double r = hi - lo;  // the reduced argument, and the rounding error of hi - lo:
  const double c = (hi - r) - lo;
  const double hfx = 0.5 * r;
  const double hxs = r * hfx;
  const double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const double t3 = 3.0 - r1 * hfx;
  const double e0 = hxs * ((r1 - t3) / (6.0 - r * t3));
  // k = 0: expm1(r) itself.
  const double at_0 = r - (r * e0 - hxs);
  const double e = (r * (e0 - c) - c) - hxs;  // for k != 0
  // k = -1 and k = 1.
  const double at_minus_1 = 0.5 * (r - e) - 0.5;
  const double at_1 = irtk_math_select(r < -0.25, -2.0 * (e - (r + 0.5)), 1.0 + 2.0 * (r - e));
  // k <= -2 or k > 56: 2^k (1 + expm1(r)) - 1.
  const double far = irtk_math_scale(1.0 - (e - r), kd) - 1.0;
  // 2 <= k <= 56: 2^k ((1 - 2^-k) + expm1(r)), with 2^-k added where it is exact.
  const uint64_t k_bits = irtk_math_bits(kd) - irtk_math_bits(IRTK_MATH_SHIFT);  // k, mod 2^64
  const double two_minus_k = irtk_math_double((1023u - k_bits) << 52);  // 2^-k for 0 <= k <= 56
  const double below_20 = irtk_math_scale((1.0 - two_minus_k) - (e - r), kd);
  const double from_20 = irtk_math_scale((r - (e + two_minus_k)) + 1.0, kd);
  double result = irtk_math_select(k < 20.0, below_20, from_20);
  result = irtk_math_select((k <= -2.0) | (k > 56.0), far, result);
  result = irtk_math_select(k == 1.0, at_1, result);
  result = irtk_math_select(k == -1.0, at_minus_1, result);
  return irtk_math_select(k == 0.0, at_0, result);
}

template <class T>
IRTK_MATH_INLINE T irtk_math_expm1(T x) {
  T result = static_cast<T>(irtk_math_expm1_core(x));
  // Out of range, k was clamped: expm1(x) overflows above 710 and rounds to -1 below -40.
  result = irtk_math_select(x > T(710), std::numeric_limits<T>::infinity(), result);
  result = irtk_math_select(x < T(-40), T(-1), result);
  // |x| < 2^-54 (zeros and subnormals included): x itself, with its sign; NaN: NaN.
  const T ax = irtk_math_select(x < T(0), -x, x);
  result = irtk_math_select(ax < T(5.551115123125783e-17), x, result);
  return irtk_math_select(x != x, x + x, result);
}

/* ---- log and log1p ------------------------------------------------------------------------------ */

/* log(2^k (1+f)) for sqrt(2)/2 - 1 <= f < sqrt(2) - 1, plus `correction` (small), as fdlibm computes it:
 * s = f/(2+f), log(1+f) = f - (f^2/2 - s (f^2/2 + R(s^2))). */
IRTK_MATH_INLINE double irtk_math_log_core(double dk, double f, double correction) {
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
               Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
               Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
               Lg7 = 1.479819860511658591e-01;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + (dk * ln2_lo + correction))) - f);
}

/* The exponent k (as a double) and the fraction f of a positive normal u = 2^k (1+f), with
 * sqrt(2)/2 <= 1+f < sqrt(2). */
IRTK_MATH_INLINE void irtk_math_log_reduce(double u, double* dk, double* f) {
  // Adding 1 - sqrt(2)/2's bits moves mantissas at or above sqrt(2) into the next binade.
  const uint64_t bits = irtk_math_bits(u) + ((uint64_t(0x3ff00000u) - 0x3fe6a09eu) << 32);
  // k + 1023 + 2^52 as a double, exactly, without an int64 conversion (AVX2 has none).
  *dk = irtk_math_double((bits >> 52) | 0x4330000000000000u) - (4503599627370496.0 + 1023.0);
  *f = irtk_math_double((bits & 0x000fffffffffffffu) + (uint64_t(0x3fe6a09eu) << 32)) - 1.0;
}

template <class T>
IRTK_MATH_INLINE T irtk_math_log(T x_in) {
  const double x = x_in;
  // Subnormals are scaled into the normal range.
  const bool subnormal = x < 2.2250738585072014e-308;
  const double u = irtk_math_select(subnormal, x * 18014398509481984.0, x);  // 2^54
  double dk, f;
  irtk_math_log_reduce(u, &dk, &f);
  dk = irtk_math_select(subnormal, dk - 54.0, dk);
  T result = static_cast<T>(irtk_math_log_core(dk, f, 0.0));
  const T inf = std::numeric_limits<T>::infinity();
  result = irtk_math_select(x_in == inf, x_in, result);
  result = irtk_math_select(x_in == T(0), -inf, result);
  result = irtk_math_select(x_in < T(0), std::numeric_limits<T>::quiet_NaN(), result);
  return irtk_math_select(x_in != x_in, x_in + x_in, result);
}

template <class T>
IRTK_MATH_INLINE T irtk_math_log1p(T x_in) {
  const double x = x_in;
  const double u = 1.0 + x;
  double dk, f;
  irtk_math_log_reduce(u, &dk, &f);
  // (1+x) - u, exactly (Sterbenz: u - x is exact from u = 2 on, u - 1 below), divided by u:
  // log(1+x) = log(u) + log(1 + ((1+x)-u)/u).
  const double correction = irtk_math_select(u >= 2.0, 1.0 - (u - x), x - (u - 1.0)) / u;
  T result = static_cast<T>(irtk_math_log_core(dk, f, correction));
  const T inf = std::numeric_limits<T>::infinity();
  const T ax = irtk_math_select(x_in < T(0), -x_in, x_in);
  result = irtk_math_select(ax < T(5.551115123125783e-17), x_in, result);  // |x| < 2^-54: x, with its sign
  result = irtk_math_select(x_in == inf, x_in, result);
  result = irtk_math_select(x_in == T(-1), -inf, result);
  result = irtk_math_select(x_in < T(-1), std::numeric_limits<T>::quiet_NaN(), result);
  return irtk_math_select(x_in != x_in, x_in + x_in, result);
}

/* ---- tanh --------------------------------------------------------------------------------------- */

template <class T>
IRTK_MATH_INLINE T irtk_math_tanh(T x_in) {
  // Cephes' rational approximation below |x| = 0.625 (tanh(x) = x + x s P(s)/Q(s), s = x^2), and
  // 1 - 2/(exp(2|x|) + 1) from there on; both quotients are one division, of the selected operands.
  const double P0 = -9.64399179425052238628e-01, P1 = -9.92877231001918586564e+01,
               P2 = -1.61468768441708447952e+03;
  const double Q0 = 1.12811678491632931402e+02, Q1 = 2.23548839060100448583e+03,
               Q2 = 4.84406305325125486048e+03;
  const double x = x_in;
  const uint64_t sign = irtk_math_bits(x) & 0x8000000000000000u;
  const double ax = irtk_math_double(irtk_math_bits(x) & 0x7fffffffffffffffu);
  const bool large = ax >= 0.625;
  const double e = irtk_math_exp<double>(2.0 * ax);  // inf from |x| = 355 on: the quotient is then 0
  const double s = ax * ax;
  const double numerator = irtk_math_select(large, 2.0, (P0 * s + P1) * s + P2);
  const double denominator = irtk_math_select(large, e + 1.0, ((s + Q0) * s + Q1) * s + Q2);
  const double q = numerator / denominator;
  const double z = irtk_math_select(large, 1.0 - q, ax + ax * (s * q));  // from |x| = 19.1 on: 1
  const T result = static_cast<T>(irtk_math_double(irtk_math_bits(z) | sign));
  const T ax_in = irtk_math_select(x_in < T(0), -x_in, x_in);
  // |x| < 2^-28: tanh(x) = x - x^3/3 rounds to x (and subnormals keep their bits). NaN: NaN.
  return irtk_math_select((ax_in < T(3.725290298461914e-09)) | (x_in != x_in), x_in, result);
}

/* ---- the overloads kernels call ---------------------------------------------------------------- */

IRTK_MATH_INLINE double irtk_exp(double x) { return irtk_math_exp(x); }
IRTK_MATH_INLINE float irtk_exp(float x) { return irtk_math_exp(x); }
IRTK_MATH_INLINE double irtk_expm1(double x) { return irtk_math_expm1(x); }
IRTK_MATH_INLINE float irtk_expm1(float x) { return irtk_math_expm1(x); }
IRTK_MATH_INLINE double irtk_log(double x) { return irtk_math_log(x); }
IRTK_MATH_INLINE float irtk_log(float x) { return irtk_math_log(x); }
IRTK_MATH_INLINE double irtk_log1p(double x) { return irtk_math_log1p(x); }
IRTK_MATH_INLINE float irtk_log1p(float x) { return irtk_math_log1p(x); }
IRTK_MATH_INLINE double irtk_tanh(double x) { return irtk_math_tanh(x); }
IRTK_MATH_INLINE float irtk_tanh(float x) { return irtk_math_tanh(x); }

#endif /* IRTK_MATH_H */
