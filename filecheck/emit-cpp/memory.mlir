// RUN: irtk-opt %s --emit=cpp | filecheck %s

// Constant globals are aligned arrays: spelled out, zero-initialised, or (long splats) filled at load time.
// CHECK:       alignas(64) const float irtk_g_table[4] = {
// CHECK-NEXT:      0.5f, -1.0f, 0.1f, 1e-08f,
// CHECK-NEXT:  };
// CHECK:       alignas(64) const double irtk_g_zeros[8] = {};
// CHECK:       alignas(64) int32_t irtk_g_sevens[1000];
// CHECK-NEXT:  const bool irtk_filled_sevens = [] {
// CHECK-NEXT:    for (int64_t k = 0; k < 1000; ++k) irtk_g_sevens[k] = 7;
"memref.global"() <{sym_name = "table", type = memref<4xf32>, sym_visibility = "private", constant,
  initial_value = dense<[0.5, -1.0, 0.1, 1.0e-8]> : tensor<4xf32>}> : () -> ()
"memref.global"() <{sym_name = "zeros", type = memref<2x4xf64>, sym_visibility = "private", constant,
  initial_value = dense<0.0> : tensor<2x4xf64>}> : () -> ()
"memref.global"() <{sym_name = "sevens", type = memref<1000xi32>, sym_visibility = "private", constant,
  initial_value = dense<7> : tensor<1000xi32>}> : () -> ()

// Heap buffers come from the call's arena (64-byte aligned, freed with the arena unless handed out);
// small static allocas live on the stack, others in an irtk_scratch freed at the end of their block. A count that
// multiplies a run-time size is checked for overflow (`irtk_element_count`).
// CHECK-LABEL: static void irtk_fn_buffers(irtk_arena& arena, float* v, int64_t v_d0, float*& out0, int64_t& out0_d0) {
// CHECK:         float* t = const_cast<float*>(irtk_g_table);
// CHECK-NEXT:    double* z = const_cast<double*>(irtk_g_zeros);
// CHECK-NEXT:    int32_t* s = const_cast<int32_t*>(irtk_g_sevens);
// CHECK-NEXT:    alignas(64) float small[4];
// CHECK-NEXT:    irtk_scratch<float> big_storage(irtk_element_count({n, 4}), 64);
// CHECK-NEXT:    float* big = big_storage.data;
// CHECK-NEXT:    float* wide = arena.alloc<float>(irtk_element_count({n, 4}), 128);
// CHECK-NEXT:    irtk_copy(small, t, 4);
// CHECK-NEXT:    arena.dealloc(wide);
// CHECK-NEXT:    float* out = arena.alloc_result<float>(n);
// CHECK-NEXT:    irtk_copy(out, v, v_d0);
func.func @buffers(%v: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %v, %c0 : memref<?xf32>
  %t = memref.get_global @table : memref<4xf32>
  %z = memref.get_global @zeros : memref<2x4xf64>
  %s = memref.get_global @sevens : memref<1000xi32>
  %small = memref.alloca() : memref<4xf32>
  %big = memref.alloca(%n) : memref<?x4xf32>
  %wide = memref.alloc(%n) {alignment = 128 : i64} : memref<?x4xf32>
  "memref.copy"(%t, %small) : (memref<4xf32>, memref<4xf32>) -> ()
  memref.dealloc %wide : memref<?x4xf32>
  %out = memref.alloc(%n) : memref<?xf32>
  "memref.copy"(%v, %out) : (memref<?xf32>, memref<?xf32>) -> ()
  func.return %out : memref<?xf32>
}
