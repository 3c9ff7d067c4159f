// RUN: irtk-opt %s --split-input-file --emit=cpp | filecheck %s

// irtk_blas.gemm on buffers prints as a call of a helper that calls numpy's OpenBLAS (ILP64, its symbols prefixed
// and suffixed). Each operand is passed as the logical matrix op() makes of it: its pointer, then its row and
// column strides (a transposition swaps them); a view passes its own strides. Only the routines a module uses
// are declared, and a module without a gemm declares none.

// CHECK:       extern "C" void scipy_cblas_dgemm64_(int order, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc);
// CHECK:       inline void irtk_gemm_double(
// CHECK:         scipy_cblas_dgemm64_(IRTK_CBLAS_ROW_MAJOR, A.trans(), B.trans(), m, n, k, double(1), A.data, A.ld, B.data, B.ld, double(0), c, ldc);
// CHECK:       extern "C" void scipy_cblas_sgemv64_(int order, int trans, int64_t m, int64_t n, float alpha, const float* a, int64_t lda, const float* x, int64_t incx, float beta, float* y, int64_t incy);
// CHECK-NOT:   scipy_cblas_sgemm64_
// CHECK-NOT:   scipy_cblas_dgemv64_
// CHECK-LABEL: static void irtk_fn_main({{.*}}) {
// CHECK:         irtk_gemm_double(a_d0, b_d1, a_d1, a, a_d1, 1, b, b_d1, 1, c, b1, 1);
// CHECK:         irtk_gemm_double(a_d1, a_d1, a_d0, a, 1, a_d1, a, a_d1, 1, t, a1, 1);
// CHECK:         double* v = a + (a_d1);
// CHECK:         irtk_gemm_double(v_d0, b_d1, v_d1, v, v_s0, 1, b, b_d1, 1, w, b1, 1);
// CHECK:         irtk_gemv_float(m_d1, m_d0, m, 1, m_d1, x, 1, y, 1);
func.func @main(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %m: memref<?x?xf32>, %x: memref<?xf32>)
    -> (memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>, memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a0 = memref.dim %a, %c0 : memref<?x?xf64>
  %a1 = memref.dim %a, %c1 : memref<?x?xf64>
  %b1 = memref.dim %b, %c1 : memref<?x?xf64>
  %m1 = memref.dim %m, %c1 : memref<?x?xf32>
  %n = memref.dim %b, %c0 : memref<?x?xf64>
  %c = memref.alloc(%a0, %b1) : memref<?x?xf64>
  irtk_blas.gemm ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%c : memref<?x?xf64>)
  %t = memref.alloc(%a1, %a1) : memref<?x?xf64>
  irtk_blas.gemm transpose_lhs ins(%a, %a : memref<?x?xf64>, memref<?x?xf64>) outs(%t : memref<?x?xf64>)
  %v = memref.subview %a[1, 0] [%n, %a1] [2, 1] : memref<?x?xf64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
  %w = memref.alloc(%n, %b1) : memref<?x?xf64>
  irtk_blas.gemm ins(%v, %b : memref<?x?xf64, strided<[?, 1], offset: ?>>, memref<?x?xf64>) outs(%w : memref<?x?xf64>)
  %y = memref.alloc(%m1) : memref<?xf32>
  irtk_blas.gemm transpose_lhs ins(%m, %x : memref<?x?xf32>, memref<?xf32>) outs(%y : memref<?xf32>)
  func.return %c, %t, %w, %y : memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>, memref<?xf32>
}

// -----

// A batched product: one gemm per batch index, each operand moved by its batch stride.
// CHECK:       extern "C" void scipy_cblas_sgemm64_(
// CHECK-LABEL: static void irtk_fn_main({{.*}}) {
// CHECK:         irtk_gemm_batched_float(4, 16, 32, 64, a, 16 * 64, 64, 1, b, 64 * 32, 32, 1, c, 16 * 32, 32, 1);
func.func @main(%a: memref<4x16x64xf32>, %b: memref<4x64x32xf32>) -> memref<4x16x32xf32> {
  %c = memref.alloc() : memref<4x16x32xf32>
  irtk_blas.gemm ins(%a, %b : memref<4x16x64xf32>, memref<4x64x32xf32>) outs(%c : memref<4x16x32xf32>)
  func.return %c : memref<4x16x32xf32>
}

// -----

// CHECK-NOT:   cblas
// CHECK-NOT:   irtk_blas
// CHECK-LABEL: static void irtk_fn_main({{.*}}) {
func.func @main(%a: memref<f64>) -> memref<f64> {
  %c = memref.alloc() : memref<f64>
  "memref.copy"(%a, %c) : (memref<f64>, memref<f64>) -> ()
  func.return %c : memref<f64>
}
