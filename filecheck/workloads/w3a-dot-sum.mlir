// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W3a (benchmarks/workloads.py): `sum(x * w)` on float64 vectors, as the frontend builds it (`f.tensor_ir`).
// The product fuses into the sum: ONE nest and no temporary vector. It is the blocked reduction: below 32
// elements a plain sequential loop; otherwise a parallel loop over 4096-element chunks, each summed in 8 lanes
// (8 partial sums over consecutive elements, added pairwise at the chunk's end, then its leftover elements), and
// the chunks' sums added in order after the parallel loop. The order of the additions depends only on the size,
// never on the thread count.

// NESTS:      scf.if %short -> (f64) {
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %x: memref<?xf64>, %w: memref<?xf64>) -> memref<f64> {
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if)}}
// CHECK:         %[[OUT:.*]] = memref.alloc() : memref<f64>
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if)}}
// CHECK:         memref.load %[[OUT]][] : memref<f64>
// CHECK-NEXT:    %short = arith.cmpi slt, %{{.*}}, %c32 : index
// CHECK-NEXT:    %[[SUM:.*]] = scf.if %short -> (f64) {
// CHECK-NEXT:      %{{.*}} = scf.for %[[I:.*]] = %c0 to %{{.*}} step %c1 iter_args(%{{.*}}) -> (f64) {
// CHECK-NEXT:        memref.load %x[%[[I]]] : memref<?xf64>
// CHECK-NEXT:        memref.load %w[%[[I]]] : memref<?xf64>
// CHECK-NEXT:        arith.mulf
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        scf.yield
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield
// CHECK-NEXT:    } else {
// CHECK:           %chunks = arith.divsi %rounded, %c4096 : index
// CHECK-NEXT:      %chunk_results = memref.alloca(%chunks) : memref<?xf64>
// CHECK-NEXT:      "scf.parallel"(%c0, %chunks, %c1)
// CHECK-NEXT:      ^bb0(%chunk: index):
// CHECK:             %lanes = memref.alloca() : memref<8xf64>
// CHECK:             scf.for %group = %second_group to %groups_end step %c8 {
// CHECK-NEXT:          scf.for %[[LANE:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:            %[[P:.*]] = arith.addi %group, %[[LANE]] : index
// CHECK-NEXT:            memref.load %x[%[[P]]] : memref<?xf64>
// CHECK-NEXT:            memref.load %w[%[[P]]] : memref<?xf64>
// CHECK-NEXT:            arith.mulf
// CHECK-NEXT:            memref.load %lanes[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:            arith.addf
// CHECK-NEXT:            memref.store %{{.*}}, %lanes[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK:             memref.store %{{.*}}, %chunk_results[%chunk] : memref<?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      })
// CHECK-NEXT:      scf.for %{{.*}} = %c0 to %chunks step %c1 iter_args
// CHECK-NEXT:        memref.load %chunk_results
// CHECK-NEXT:        arith.addf
// CHECK-NEXT:        scf.yield
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield
// CHECK-NEXT:    }
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if)}}
// CHECK:         memref.store %[[SUM]], %[[OUT]][] : memref<f64>
// CHECK-NEXT:    func.return %[[OUT]] : memref<f64>

// In C++ the chunk loop is the threaded loop (irtk_parallel under IRTK_PARALLEL_FOR, each chunk counted as the
// 4096 elements of work that `irtk.work_per_iteration` records, so 10^7 elements start threads); inside a chunk the lanes
// are a stack array and the innermost loop runs over 8 consecutive elements: unit-stride loads of x and w, a
// product and an addition into the lane, no call, which the C++ compiler vectorizes.
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP:         if (v_short) {
// CPP-NEXT:      double [[ACC:v[0-9]+]] = {{v[0-9]+}};
// CPP-NEXT:      for (int64_t [[I:i0]] = c0; [[I]] < {{v[0-9]+}}; [[I]] += c1) {
// CPP-NEXT:        const double [[X:v[0-9]+]] = x[[[I]]];
// CPP-NEXT:        const double [[W:v[0-9]+]] = w[[[I]]];
// CPP-NEXT:        const double [[XW:v[0-9]+]] = [[X]] * [[W]];
// CPP-NEXT:        const double [[NEXT:v[0-9]+]] = [[ACC]] + [[XW]];
// CPP-NEXT:        [[ACC]] = [[NEXT]];
// CPP-NEXT:      }
// CPP:         } else {
// CPP:           irtk_parallel region(arena.threads, n0, irtk_element_count({4096}));
// CPP-NEXT:      IRTK_PARALLEL_FOR(region)
// CPP-NEXT:      for (int64_t block = 0; block < region.blocks(); ++block) {
// CPP:           for (int64_t unit = region.begin(block); unit < unit_end; ++unit) {
// CPP-NEXT:        const int64_t chunk = unit;
// CPP:             alignas(64) double lanes[8];
// CPP:             for (int64_t group = second_group; group < groups_end; group += c8) {
// CPP-NEXT:          for (int64_t lane_1 = c0; lane_1 < c8; lane_1 += c1) {
// CPP-NEXT:            const int64_t position_1 = irtk_addi(group, lane_1);
// CPP-NEXT:            const double [[X1:v[0-9]+]] = x[position_1];
// CPP-NEXT:            const double [[W1:v[0-9]+]] = w[position_1];
// CPP-NEXT:            const double [[XW1:v[0-9]+]] = [[X1]] * [[W1]];
// CPP-NEXT:            const double lane_value = lanes[lane_1];
// CPP-NEXT:            const double [[L:v[0-9]+]] = lane_value + [[XW1]];
// CPP-NEXT:            lanes[lane_1] = [[L]];
// CPP-NEXT:          }
// CPP-NEXT:        }
// CPP:             chunk_results[chunk] = {{v[0-9]+}};
// CPP:           region.finish();
// CPP-NOT:       irtk_parallel
// CPP:           for (int64_t chunk_1 = c0; chunk_1 < chunks; chunk_1 += c1) {
// CPP-NOT:       for (
// CPP:         out0 = {{v[0-9]+}};
// CPP-NEXT:  }
builtin.module {
  func.func @main(%x: tensor<?xf64>, %w: tensor<?xf64>) -> tensor<f64> {
    %0 = irtk.mul %x, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %1 = irtk.sum %0 [0] : tensor<?xf64> -> tensor<f64>
    func.return %1 : tensor<f64>
  }
}
