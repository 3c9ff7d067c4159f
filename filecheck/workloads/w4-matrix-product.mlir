// RUN: irtk-opt %s --split-input-file -p fast-run | filecheck %s
// RUN: irtk-opt %s --split-input-file -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W4 (benchmarks/workloads.py): `dot(a, b)` of two square matrices, float64 and float32, as the frontend builds
// it (`f.tensor_ir`). The product is one `irtk_blas.gemm` into the result's buffer and no loop at all; in C++
// it is a call of `irtk_gemm_<type>`, which calls numpy's OpenBLAS (`scipy_cblas_dgemm64_`/`sgemm64_`,
// irtk/codegen/blas_calls.py) once the product is large enough (below that, a loop that accumulates in double).

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %a: memref<?x?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
// CHECK-NOT:     scf.
// CHECK:         cf.assert %{{.*}}, "irtk.dot: size mismatch in dimension 0 of operand #1
// CHECK:         %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK-NEXT:    irtk_blas.gemm ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%[[OUT]] : memref<?x?xf64>)
// CHECK-NEXT:    func.return %[[OUT]] : memref<?x?xf64>

// CPP:         extern "C" void scipy_cblas_dgemm64_(
// CPP:         inline void irtk_gemm_double(
// CPP:           scipy_cblas_dgemm64_(IRTK_CBLAS_ROW_MAJOR, A.trans(), B.trans(), m, n, k, double(1),
// CPP-LABEL:   static void irtk_fn_main(irtk_arena& arena, double* a, {{.*}}) {
// CPP-NOT:       for (
// CPP:           double* [[OUT:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>(irtk_element_count({{.*}}));
// CPP-NEXT:      irtk_gemm_double(a_d0, b_d1, a_d1, a, a_d1, 1, b, b_d1, 1, [[OUT]], {{v[0-9]+}}, 1);
// CPP-NEXT:      out0 = [[OUT]];
// CPP-NOT:       for (
// CPP:         }
func.func @main(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = irtk.dot %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  func.return %0 : tensor<?x?xf64>
}

// -----

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %a: memref<?x?xf32>, %b: memref<?x?xf32>) -> memref<?x?xf32> {
// CHECK-NOT:     scf.
// CHECK:         %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf32>
// CHECK-NEXT:    irtk_blas.gemm ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%[[OUT]] : memref<?x?xf32>)
// CHECK-NEXT:    func.return %[[OUT]] : memref<?x?xf32>

// CPP:         extern "C" void scipy_cblas_sgemm64_(
// CPP:         inline void irtk_gemm_float(
// CPP:           scipy_cblas_sgemm64_(IRTK_CBLAS_ROW_MAJOR, A.trans(), B.trans(), m, n, k, float(1),
// CPP-LABEL:   static void irtk_fn_main(irtk_arena& arena, float* a, {{.*}}) {
// CPP-NOT:       for (
// CPP:           float* [[OUT:v[0-9]+]] = arena.{{alloc|alloc_result}}<float>(irtk_element_count({{.*}}));
// CPP-NEXT:      irtk_gemm_float(a_d0, b_d1, a_d1, a, a_d1, 1, b, b_d1, 1, [[OUT]], {{v[0-9]+}}, 1);
// CPP-NEXT:      out0 = [[OUT]];
// CPP-NOT:       for (
// CPP:         }
func.func @main(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = irtk.dot %a, %b : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  func.return %0 : tensor<?x?xf32>
}
