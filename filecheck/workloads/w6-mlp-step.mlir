// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W6 (benchmarks/workloads.py): one SGD step of an MLP, `h = tanh(dot(X, W1) + b1)`, `softmax(dot(h, W2) + b2)`,
// the mean categorical cross-entropy of int64 labels, updates of W1, b1, W2, b2, as the frontend builds it
// (`f.tensor_ir`).
//
// The five matrix products are BLAS calls: the two forward ones and, backward, dlogits * W2^T, h^T * dlogits and
// X^T * da1. `lower-to-loops` makes 25 loop nests: the 19 computing nests of tests/test_fusion_counts.py (there
// with int32 labels) and the fills that start six of its row reductions (max: -inf, sums: 0). `fuse-outer-loops`
// runs those over the same rows with only row-local dependences as one nest, and `forward-stores` keeps the row
// maxima and sums in registers: nine top-level nests are left, all parallel on threads, and the mean cost's
// scalar reduction (its chunks on threads too). The forward softmax and cross-entropy over the batch's rows (max, sum of exps, log, the
// label's term) are one nest; backward, the softmax gradient's max, sum and row terms are another.
//
// `tanh(dot(X, W1) + b1)` is one gemm and ONE fused nest (bias add and tanh together, parallel over rows, the row
// the inner loop), and that nest writes h over the gemm's result (elementwise-in-place: nothing else reads the
// product), so h is the product's buffer, updated in place while its rows are in cache; no second buffer.
// Backward, da1 = dh * (1 - h^2) is written over dh the same way.
// The second layer's `dot(h, W2) + b2` is never stored: each nest that reads the logits adds b2 itself.

// NESTS:      irtk_blas.gemm ins(%X, %W1 :
// NESTS-NEXT: "scf.parallel"(%c0, %c0,
// NESTS-NEXT: irtk_blas.gemm ins(%{{.*}}, %W2 :
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: scf.if %short_{{[0-9]+}}
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: irtk_blas.gemm transpose_rhs ins(%{{.*}}, %W2 :
// NESTS-NEXT: irtk_blas.gemm transpose_lhs ins(
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: irtk_blas.gemm transpose_lhs ins(%X,
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: "scf.parallel"
// NESTS-NEXT: "scf.parallel"
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK:         %[[A1:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK-NEXT:    irtk_blas.gemm ins(%X, %W1 : memref<?x?xf64>, memref<?x?xf64>) outs(%[[A1]] : memref<?x?xf64>)
// CHECK-NOT:     memref.alloc
// CHECK:         "scf.parallel"(%c0, %c0,
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT:      memref.load %[[A1]][%[[I]], %[[J]]] : memref<?x?xf64>
// CHECK-NEXT:      memref.load %b1[%[[J]]] : memref<?xf64>
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      math.tanh
// CHECK-NEXT:      memref.store %{{.*}}, %[[A1]][%[[I]], %[[J]]] : memref<?x?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK:         %[[LOGITS:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK-NEXT:    irtk_blas.gemm ins(%[[A1]], %W2 : memref<?x?xf64>, memref<?x?xf64>) outs(%[[LOGITS]] : memref<?x?xf64>)
// The row max of the logits adds b2 on the fly.
// CHECK:           scf.for %[[K:.*]] = %c0 to %{{.*}} step %c1 iter_args
// CHECK-NEXT:        memref.load %[[LOGITS]][%{{.*}}, %[[K]]] : memref<?x?xf64>
// CHECK-NEXT:        memref.load %b2[%[[K]]] : memref<?xf64>
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        arith.maximumf
// Backward: dh = dlogits * W2^T and dW2 = h^T * dlogits; da1 = dh * (1 - h^2) in one nest; dW1 = X^T * da1.
// CHECK:         irtk_blas.gemm transpose_rhs ins(%[[DLOGITS:.*]], %W2 : memref<?x?xf64>, memref<?x?xf64>) outs(%[[DH:.*]] : memref<?x?xf64>)
// CHECK:         irtk_blas.gemm transpose_lhs ins(%[[A1]], %[[DLOGITS]] : memref<?x?xf64>, memref<?x?xf64>) outs(%{{.*}} : memref<?x?xf64>)
// CHECK:         "scf.parallel"(%c0, %c0,
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: index, %[[J2:.*]]: index):
// CHECK-NEXT:      memref.load %[[DH]][%[[I2]], %[[J2]]] : memref<?x?xf64>
// CHECK-NEXT:      memref.load %[[A1]][%[[I2]], %[[J2]]] : memref<?x?xf64>
// CHECK-NEXT:      arith.mulf
// CHECK-NEXT:      arith.subf
// CHECK-NEXT:      arith.mulf
// CHECK-NEXT:      memref.store %{{.*}}, %[[DH]][%[[I2]], %[[J2]]] : memref<?x?xf64>
// CHECK:         irtk_blas.gemm transpose_lhs ins(%X, %[[DH]] : memref<?x?xf64>, memref<?x?xf64>) outs(%{{.*}} : memref<?x?xf64>)
// CHECK-NOT:     irtk_blas.gemm
// CHECK:         memref.dealloc %[[A1]] : memref<?x?xf64>
// CHECK-NEXT:    memref.dealloc %[[LOGITS]] : memref<?x?xf64>
// CHECK:         func.return

// In C++: five irtk_gemm_double calls (numpy's OpenBLAS dgemm), and every nest a threaded loop; the fused bias
// and tanh nest keeps the row as its inner loop, unit stride in the gemm's result and in b1, calling only
// irtk_math.h's irtk_tanh.
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP:         double* [[A1:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>(irtk_element_count({{.*}}));
// CPP-NEXT:    irtk_gemm_double(X_d0, W1_d1, X_d1, X, X_d1, 1, W1, W1_d1, 1, [[A1]], [[COLS:v[0-9]+]], 1);
// CPP-NOT:     arena.{{alloc|alloc_result}}
// CPP:         irtk_parallel region(arena.threads, irtk_element_count({n0}), irtk_element_count({n1}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region)
// CPP:         for (int64_t unit = region.begin(block); unit < unit_end; ++unit) {
// CPP-NEXT:      const int64_t i0 = unit;
// CPP-NEXT:      for (int64_t i1 = c0; i1 < {{v[0-9]+}}; i1 += c1) {
// CPP-NEXT:        const double [[AV:v[0-9]+]] = [[A1]][i0 * [[COLS]] + i1];
// CPP-NEXT:        const double [[BV:v[0-9]+]] = b1[i1];
// CPP-NEXT:        const double [[SV:v[0-9]+]] = [[AV]] + [[BV]];
// CPP-NEXT:        const double [[TV:v[0-9]+]] = irtk_tanh([[SV]]);
// CPP-NEXT:        [[A1]][i0 * [[COLS]] + i1] = [[TV]];
// CPP-NEXT:      }
// CPP-NEXT:    }
// CPP:         region.finish();
// CPP-NEXT:  }
// CPP-NEXT:  const int64_t {{v[0-9]+}} = W2_d0;
// CPP:         irtk_gemm_double({{.*}}, [[A1]], {{.*}}, W2, {{.*}});
// CPP-COUNT-9: IRTK_PARALLEL_FOR(
// CPP-NOT:     IRTK_PARALLEL_FOR(
// CPP:         out0 =
builtin.module {
  func.func @main(%X: tensor<?x?xf64>, %y: tensor<?xi64>, %W1: tensor<?x?xf64>, %b1: tensor<?xf64>, %W2: tensor<?x?xf64>, %b2: tensor<?xf64>) -> (tensor<f64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?xf64>) {
    %0 = irtk.dot %X, %W1 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %1 = irtk.dimshuffle %b1 [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
    %2 = irtk.add %0, %1 : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
    %3 = irtk.tanh %2 : tensor<?x?xf64> -> tensor<?x?xf64>
    %4 = irtk.dot %3, %W2 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %5 = irtk.dimshuffle %b2 [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
    %6 = irtk.add %4, %5 : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
    %7 = irtk.max %6 [1] : tensor<?x?xf64> -> tensor<?xf64>
    %8 = irtk.dimshuffle %7 [0, x] : tensor<?xf64> -> tensor<?x1xf64>
    %9 = irtk.sub %6, %8 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
    %10 = irtk.exp %9 : tensor<?x?xf64> -> tensor<?x?xf64>
    %11 = irtk.sum %10 [1] : tensor<?x?xf64> -> tensor<?xf64>
    %12 = irtk.dimshuffle %11 [0, x] : tensor<?xf64> -> tensor<?x1xf64>
    %13 = irtk.div %10, %12 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
    %14 = irtk.iota %13 [1] : tensor<?x?xf64> -> tensor<?x?xi64>
    %15 = irtk.dimshuffle %y [0, x] : tensor<?xi64> -> tensor<?x1xi64>
    %16 = irtk.eq %14, %15 : tensor<?x?xi64>, tensor<?x1xi64> -> tensor<?x?xi1>
    %17 = irtk.cast %16 : tensor<?x?xi1> -> tensor<?x?xf64>
    %18 = irtk.log %13 : tensor<?x?xf64> -> tensor<?x?xf64>
    %19 = irtk.mul %17, %18 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %20 = irtk.sum %19 [1] : tensor<?x?xf64> -> tensor<?xf64>
    %21 = irtk.neg %20 : tensor<?xf64> -> tensor<?xf64>
    %22 = irtk.sum %21 [0] : tensor<?xf64> -> tensor<f64>
    %23 = irtk.count %21 [0] : tensor<?xf64> -> tensor<i64>
    %24 = irtk.cast %23 : tensor<i64> -> tensor<f64>
    %25 = irtk.div %22, %24 : tensor<f64>, tensor<f64> -> tensor<f64>
    %26 = irtk.constant dense<1.000000e-01> : tensor<1x1xf64>
    %27, %28, %29, %30 = irtk.grad %25 wrt %W1, %b1, %W2, %b2 : tensor<f64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?xf64>
    %31 = irtk.mul %26, %27 : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %32 = irtk.sub %W1, %31 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %33 = irtk.constant dense<1.000000e-01> : tensor<1xf64>
    %34 = irtk.mul %33, %28 : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
    %35 = irtk.sub %b1, %34 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %36 = irtk.constant dense<1.000000e-01> : tensor<1x1xf64>
    %37 = irtk.mul %36, %29 : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %38 = irtk.sub %W2, %37 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
    %39 = irtk.constant dense<1.000000e-01> : tensor<1xf64>
    %40 = irtk.mul %39, %30 : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
    %41 = irtk.sub %b2, %40 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    func.return %25, %32, %35, %38, %41 : tensor<f64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?xf64>
  }
}
