// RUN: irtk-opt %s --emit=cpp | filecheck %s

// A view is a pointer to its first element with its sizes and strides: `memref.subview` moves the pointer by the
// offsets times the source's strides and multiplies the strides by the steps (the dimension a rank-reduced result
// drops is left out); loads through it use the strides. A reshape of a contiguous buffer is the same pointer with
// new sizes. A copy out of a view runs a loop per dimension.

// CHECK-LABEL: static void irtk_fn_views(irtk_arena& arena, double* x, int64_t x_d0, int64_t x_d1, int64_t s, int64_t n, int64_t k, double*& out0, int64_t& out0_d0) {
// CHECK:         double* v = x + (s * x_d1 + 1);
// CHECK-NEXT:    const int64_t v_d0 = n;
// CHECK-NEXT:    const int64_t v_s0 = x_d1 * k;
// CHECK-NEXT:    double* out = arena.alloc<double>(n);
// CHECK-NEXT:    for (int64_t [[C:.*]] = 0; [[C]] < v_d0; ++[[C]]) {
// CHECK-NEXT:      out[[[C]]] = v[[[C]] * v_s0];
// CHECK-NEXT:    }
// CHECK-NEXT:    const double e = v[c0 * v_s0];
// CHECK-NEXT:    const int64_t [[FLAT:.*]] = (x_d0) * (x_d1);
// CHECK-NEXT:    const int64_t [[ROWS:.*]] = n;
// CHECK-NEXT:    const double h = x[c1 * 4 + c1];
func.func private @views(%x: memref<?x?xf64>, %s: index, %n: index, %k: index) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.subview %x[%s, 1] [%n, 1] [%k, 1] : memref<?x?xf64> to memref<?xf64, strided<[?], offset: ?>>
  %out = memref.alloc(%n) : memref<?xf64>
  "memref.copy"(%v, %out) : (memref<?xf64, strided<[?], offset: ?>>, memref<?xf64>) -> ()
  %e = memref.load %v[%c0] : memref<?xf64, strided<[?], offset: ?>>
  %f = memref.collapse_shape %x [[0, 1]] : memref<?x?xf64> into memref<?xf64>
  %g = memref.expand_shape %f [[0, 1]] output_shape [%n, 4] : memref<?xf64> into memref<?x4xf64>
  %h = memref.load %g[%c1, %c1] : memref<?x4xf64>
  %sum = arith.addf %e, %h : f64
  memref.store %sum, %out[%c0] : memref<?xf64>
  func.return %out : memref<?xf64>
}

func.func @main(%x: memref<?x?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = func.call @views(%x, %c0, %c1, %c1) : (memref<?x?xf64>, index, index, index) -> memref<?xf64>
  func.return %r : memref<?xf64>
}
