// RUN: irtk-opt %s --emit=cpp | filecheck %s

// The file starts with irtk_abi.h itself, then the standard headers; everything but the two exports is in
// an anonymous namespace.
// CHECK:       /* irtk_abi.h
// CHECK:       #define IRTK_ALIGNMENT 64
// CHECK:       #include <cmath>
// CHECK:       #include <cstdint>
// CHECK:       #include <cstdlib>
// CHECK:       #include <cstring>
// CHECK:       namespace {
// CHECK:       class irtk_arena {

// The entry point becomes a static function that takes the arena first, each memref as a data pointer
// plus one int64_t per dynamic dimension, and its results as reference parameters.
// CHECK-LABEL: static void irtk_fn_scale(irtk_arena& arena, double* m, int64_t m_d1, double* s, double*& out0, int64_t& out0_d1) {
// CHECK:         const double k = s[0];
// CHECK:         const int64_t n = m_d1;
// CHECK-NEXT:    double* out = arena.alloc_result<double>(irtk_element_count({4, n}));
// CHECK-NEXT:    for (int64_t i = c0; i < c4; i += c1) {
// CHECK-NEXT:      for (int64_t j = c0; j < n; j += c1) {
// CHECK-NEXT:        const double x = m[i * m_d1 + j];
// CHECK-NEXT:        const double y = x * k;
// CHECK-NEXT:        out[i * n + j] = y;
// CHECK:         out0 = out;
// CHECK-NEXT:    out0_d1 = n;
// CHECK-NEXT:  }
// CHECK:       }  // namespace

// irtk_entry checks each argument's rank and static dimensions, unpacks it, calls the entry point, then
// claims every result (copying where needed) before releasing them all to the caller.
// CHECK-LABEL: extern "C" IRTK_EXPORT int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results, irtk_error* error) {
// CHECK-NEXT:    if (args[0].rank != 2 || args[0].shape[0] != 4) return irtk_reject(error, results, 1, "argument 0 does not match f64[4x?]");
// CHECK-NEXT:    if (args[1].rank != 0) return irtk_reject(error, results, 1, "argument 1 does not match f64[]");
// CHECK-NEXT:    try {
// CHECK-NEXT:      irtk_arena arena(context);
// CHECK-NEXT:      double* m = static_cast<double*>(args[0].data);
// CHECK-NEXT:      const int64_t m_d1 = args[0].shape[1];
// CHECK-NEXT:      double* s = static_cast<double*>(args[1].data);
// CHECK-NEXT:      double* result0; int64_t result0_d1;
// CHECK-NEXT:      irtk_fn_scale(arena, m, m_d1, s, result0, result0_d1);
// CHECK-NEXT:      void* data0 = arena.claim(result0, 4 * result0_d1, sizeof(double));
// CHECK-NEXT:      arena.release_claimed();
// CHECK-NEXT:      results[0].data = data0;
// CHECK-NEXT:      results[0].rank = 2;
// CHECK-NEXT:      results[0].shape[0] = 4;
// CHECK-NEXT:      results[0].shape[1] = result0_d1;
// CHECK-NEXT:      return 0;
// CHECK-NEXT:    } catch (const irtk_failure& failure) {
// CHECK-NEXT:      return irtk_reject(error, results, 1, failure.message);
// CHECK-NEXT:    } catch (...) {
// CHECK-NEXT:      return irtk_reject(error, results, 1, "unexpected C++ exception");
// CHECK-NEXT:    }
// CHECK-NEXT:  }
func.func @scale(%m: memref<4x?xf64>, %s: memref<f64>) -> memref<4x?xf64> {
  %k = memref.load %s[] : memref<f64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = memref.dim %m, %c1 : memref<4x?xf64>
  %out = memref.alloc(%n) : memref<4x?xf64>
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %n step %c1 {
      %x = memref.load %m[%i, %j] : memref<4x?xf64>
      %y = arith.mulf %x, %k : f64
      memref.store %y, %out[%i, %j] : memref<4x?xf64>
    }
  }
  func.return %out : memref<4x?xf64>
}
