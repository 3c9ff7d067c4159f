// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W5 (benchmarks/workloads.py): one SGD step of logistic regression, `p = sigmoid(dot(X, w) + b)`, the mean binary
// cross-entropy, updates `w - 0.1 * gw` and `b - 0.1 * gb`, as the frontend builds it (`f.tensor_ir`).
//
// X is read twice, by two BLAS matrix-vector products: the forward `z = dot(X, w)` and, after the gradient with
// respect to z is stored, the backward `gw = dot(X^T, dz)`. Between and after them: four loop nests (the cost's
// sum, the gradient with respect to z, its sum for gb, the update of w) and two scalar computations (the mean's
// division, the update of b), as tests/test_fusion_counts.py counts them. The two sums are the blocked
// reduction (parallel over 4096-element chunks); the two elementwise nests are parallel loops. `z + b` is
// recomputed inside each nest that reads it, never stored. The gradient nest evaluates the sigmoid twice (two
// exps per element: one for `p`, one for `1 - p`, as the stabilised cross-entropy's derivative writes them).

// NESTS:      irtk_blas.gemm ins(%X, %w :
// NESTS-NEXT: scf.if %short -> (f64) {
// NESTS-NEXT: "scf.parallel"(%c0,
// NESTS-NEXT: scf.if %short_1 -> (f64) {
// NESTS-NEXT: irtk_blas.gemm transpose_lhs ins(%X,
// NESTS-NEXT: "scf.parallel"(%c0,
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %X: memref<?x?xf64>, %y: memref<?xf64>, %w: memref<?xf64>, %b: memref<f64>) -> (memref<f64>, memref<?xf64>, memref<f64>) {
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %[[Z:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    irtk_blas.gemm ins(%X, %w : memref<?x?xf64>, memref<?xf64>) outs(%[[Z]] : memref<?xf64>)
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %[[COST_SUM:.*]] = memref.alloc() : memref<f64>

// Nest 1: the sum of the cross-entropy, with z + b and both stabilised log-sigmoids inside.
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %short = arith.cmpi slt, %{{.*}}, %c32 : index
// CHECK-NEXT:    %[[SUM:.*]] = scf.if %short -> (f64) {
// CHECK:           scf.for %[[I1:.*]] = %c0 to %{{.*}} step %c1 iter_args
// CHECK-NEXT:        memref.load %y[%[[I1]]] : memref<?xf64>
// CHECK-NEXT:        memref.load %[[Z]][%[[I1]]] : memref<?xf64>
// CHECK-NEXT:        memref.load %b[] : memref<f64>
// CHECK:             math.log1p
// CHECK:             math.log1p
// CHECK:         } else {
// CHECK:           "scf.parallel"(%c0, %chunks, %c1)
// CHECK:               scf.for %group = %second_group to %groups_end step %c8 {
// CHECK-NEXT:            scf.for %[[LANE:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:              %[[P:.*]] = arith.addi %group, %[[LANE]] : index
// CHECK-NEXT:              memref.load %y[%[[P]]] : memref<?xf64>
// CHECK-NEXT:              memref.load %[[Z]][%[[P]]] : memref<?xf64>
// CHECK:           memref.store %{{.*}}, %chunk_results[%chunk] : memref<?xf64>
// CHECK:         memref.store %[[SUM]], %[[COST_SUM]][] : memref<f64>

// The mean: a scalar division, no loop, written over the sum (elementwise-in-place).
// CHECK-NEXT:    arith.index_cast
// CHECK-NEXT:    memref.load %[[COST_SUM]][] : memref<f64>
// CHECK-NEXT:    arith.sitofp
// CHECK-NEXT:    arith.divf
// CHECK-NEXT:    memref.store %{{.*}}, %[[COST_SUM]][] : memref<f64>
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %[[DZ:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>

// Nest 2: the gradient with respect to z, stored: both the sum for gb and the backward product read it.
// CHECK-NEXT:    "scf.parallel"(%c0, %{{.*}}, %c1)
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: index):
// CHECK-NEXT:      memref.load %y[%[[I2]]] : memref<?xf64>
// CHECK-NEXT:      memref.load %[[Z]][%[[I2]]] : memref<?xf64>
// CHECK-NEXT:      memref.load %b[] : memref<f64>
// CHECK-NOT:       scf.
// CHECK-COUNT-2:   math.exp
// CHECK-NOT:       math.exp
// CHECK:           memref.store %{{.*}}, %[[DZ]][%[[I2]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NEXT:    %[[GB:.*]] = memref.alloc() : memref<f64>

// Nest 3: gb, the sum of dz.
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %short_1 = arith.cmpi slt, %{{.*}}, %c32 : index
// CHECK-NEXT:    %[[GB_SUM:.*]] = scf.if %short_1 -> (f64) {
// CHECK-NEXT:      scf.for %[[I3:.*]] = %c0 to %{{.*}} step %c1 iter_args
// CHECK-NEXT:        memref.load %[[DZ]][%[[I3]]] : memref<?xf64>
// CHECK:         } else {
// CHECK:           "scf.parallel"(%c0, %chunks_1, %c1)
// CHECK:         memref.store %[[GB_SUM]], %[[GB]][] : memref<f64>

// X's second read: gw = dot(X^T, dz), a BLAS product.
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         %[[GW:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    irtk_blas.gemm transpose_lhs ins(%X, %[[DZ]] : memref<?x?xf64>, memref<?xf64>) outs(%[[GW]] : memref<?xf64>)

// Nest 4: the update of w, written over gw (elementwise-in-place: nothing reads gw after it).
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.if|irtk_blas|memref\.alloc)}}
// CHECK:         "scf.parallel"(%c0, %{{.*}}, %c1)
// CHECK-NEXT:    ^bb0(%[[I4:.*]]: index):
// CHECK-NEXT:      memref.load %[[GW]][%[[I4]]] : memref<?xf64>
// CHECK-NEXT:      memref.load %w[%[[I4]]] : memref<?xf64>
// CHECK:           memref.store %{{.*}}, %[[GW]][%[[I4]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })

// The update of b: scalar, no loop, written over gb.
// CHECK-NEXT:    memref.load %[[GB]][] : memref<f64>
// CHECK-NEXT:    memref.load %b[] : memref<f64>
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if|irtk_blas)}}
// CHECK:         func.return %[[COST_SUM]], %[[GW]], %[[GB]] : memref<f64>, memref<?xf64>, memref<f64>

// In C++: the two products are calls of irtk_gemv_double (numpy's OpenBLAS dgemv), X first as it is, then
// transposed (strides swapped); the four nests are threaded loops (irtk_parallel, IRTK_PARALLEL_FOR) over
// chunks or elements, reading vectors at unit stride and calling only irtk_math.h (irtk_exp, irtk_log1p) and
// the scalar helpers.
// CPP:         extern "C" void scipy_cblas_dgemv64_(
// CPP:         inline void irtk_gemv_double(
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP:         double* [[Z:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>({{v[0-9]+}});
// CPP-NEXT:    irtk_gemv_double(X_d0, X_d1, X, X_d1, 1, w, 1, [[Z]], 1);
// CPP:         if (v_short) {
// CPP:         irtk_parallel region(arena.threads, n0, irtk_element_count({4096}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region)
// The gradient nest's element is two units of work (at least 16 arithmetic ops: codegen/threads.py's body weight).
// CPP:         irtk_parallel region_1(arena.threads, n0_1, irtk_element_count({2}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_1)
// CPP:         for (int64_t unit_1 = region_1.begin(block_1); unit_1 < unit_1_end; ++unit_1) {
// CPP-NEXT:      const int64_t [[I:i0_[0-9]+]] = unit_1;
// CPP-NEXT:      const double {{v[0-9]+}} = y[[[I]]];
// CPP-NEXT:      const double {{v[0-9]+}} = [[Z]][[[I]]];
// CPP-NEXT:      const double {{v[0-9]+}} = b[0];
// CPP-COUNT-2:   irtk_exp(
// CPP:           [[DZ:v[0-9]+]][[[I]]] = {{v[0-9]+}};
// CPP-NEXT:    }
// CPP:         if (v_short_1) {
// CPP:         irtk_parallel region_2(arena.threads, n0_2, irtk_element_count({4096}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_2)
// CPP:         double* [[GW:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>({{v[0-9]+}});
// CPP-NEXT:    irtk_gemv_double(X_d1, X_d0, X, 1, X_d1, [[DZ]], 1, [[GW]], 1);
// CPP:         irtk_parallel region_3(arena.threads, n0_3, 1);
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_3)
// CPP:         for (int64_t unit_3 = region_3.begin(block_3); unit_3 < unit_3_end; ++unit_3) {
// CPP-NEXT:      const int64_t [[K:i0_[0-9]+]] = unit_3;
// CPP-NEXT:      const double [[GK:v[0-9]+]] = [[GW]][[[K]]];
// CPP-NEXT:      const double [[WK:v[0-9]+]] = w[[[K]]];
// CPP-NOT:       {{[A-Za-z_]+\(}}
// CPP:           const double [[STEP:v[0-9]+]] = {{v[0-9]+}} * [[GK]];
// CPP-NEXT:      const double [[NEW:v[0-9]+]] = [[WK]] - [[STEP]];
// CPP-NEXT:      [[GW]][[[K]]] = [[NEW]];
// CPP-NEXT:    }
// CPP:         region_3.finish();
// CPP-NOT:     irtk_parallel
// CPP-NOT:     irtk_gemv
// CPP-NOT:     for (
// CPP:         out0 = {{v[0-9]+}};
builtin.module {
  func.func @main(%X: tensor<?x?xf64>, %y: tensor<?xf64>, %w: tensor<?xf64>, %b: tensor<f64>) -> (tensor<f64>, tensor<?xf64>, tensor<f64>) {
    %0 = irtk.dot %X, %w : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
    %1 = irtk.dimshuffle %b [x] : tensor<f64> -> tensor<1xf64>
    %2 = irtk.add %0, %1 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
    %3 = irtk.sigmoid %2 : tensor<?xf64> -> tensor<?xf64>
    %4 = irtk.log %3 : tensor<?xf64> -> tensor<?xf64>
    %5 = irtk.mul %y, %4 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %6 = irtk.constant dense<1> : tensor<1xi8>
    %7 = irtk.sub %6, %y : tensor<1xi8>, tensor<?xf64> -> tensor<?xf64>
    %8 = irtk.constant dense<1> : tensor<1xi8>
    %9 = irtk.sub %8, %3 : tensor<1xi8>, tensor<?xf64> -> tensor<?xf64>
    %10 = irtk.log %9 : tensor<?xf64> -> tensor<?xf64>
    %11 = irtk.mul %7, %10 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %12 = irtk.add %5, %11 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %13 = irtk.neg %12 : tensor<?xf64> -> tensor<?xf64>
    %14 = irtk.sum %13 [0] : tensor<?xf64> -> tensor<f64>
    %15 = irtk.count %13 [0] : tensor<?xf64> -> tensor<i64>
    %16 = irtk.cast %15 : tensor<i64> -> tensor<f64>
    %17 = irtk.div %14, %16 : tensor<f64>, tensor<f64> -> tensor<f64>
    %18 = irtk.constant dense<1.000000e-01> : tensor<1xf64>
    %19, %20 = irtk.grad %17 wrt %w, %b : tensor<f64>, tensor<?xf64>, tensor<f64>
    %21 = irtk.mul %18, %19 : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
    %22 = irtk.sub %w, %21 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %23 = irtk.constant dense<1.000000e-01> : tensor<f64>
    %24 = irtk.mul %23, %20 : tensor<f64>, tensor<f64> -> tensor<f64>
    %25 = irtk.sub %b, %24 : tensor<f64>, tensor<f64> -> tensor<f64>
    func.return %17, %22, %25 : tensor<f64>, tensor<?xf64>, tensor<f64>
  }
}
