// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W3b (benchmarks/workloads.py): `softmax(x)` over the rows of a float64 matrix, as the frontend builds it
// (`f.tensor_ir`). The four computing nests of tests/test_fusion_counts.py: the row max; `e = exp(x - max)`,
// stored; the row sum of e; `e / sum`. Each reduction's accumulator vector is first filled by a nest of its own
// (-inf for the max, 0 for the sum), so the function runs SIX top-level parallel nests, all on threads. The
// stretched `?x1` copies of max and sum are gone: the nests read the row vectors at [row].

// NESTS:      "scf.parallel"(%c0,
// NESTS-NEXT: "scf.parallel"(%c0,
// NESTS-NEXT: "scf.parallel"(%c0, %c0,
// NESTS-NEXT: "scf.parallel"(%c0,
// NESTS-NEXT: "scf.parallel"(%c0,
// NESTS-NEXT: "scf.parallel"(%c0, %c0,
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %x: memref<?x?xf64>) -> memref<?x?xf64> {
// CHECK:         %[[MAX:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>

// Nest 1: the row maxima start at -inf (a constant).
// CHECK:         "scf.parallel"(
// CHECK-NEXT:    ^bb0(%[[I1:.*]]: index):
// CHECK-NEXT:      memref.store %{{.*}}, %[[MAX]][%[[I1]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })

// Nest 2: the row max, parallel over rows, in the blocked loops of a sum (8 lanes that g++ vectorizes: max gives
// the same value in any order), a sequential maximumf chain only for rows shorter than 32.
// CHECK:         "scf.parallel"(%c0, %{{.*}}, %c1)
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: index):
// CHECK-NEXT:      memref.load %[[MAX]][%[[I2]]] : memref<?xf64>
// CHECK-NEXT:      %short = arith.cmpi slt, %[[COLS:.*]], %c32 : index
// CHECK-NEXT:      scf.if %short -> (f64) {
// CHECK-NEXT:        scf.for %[[J2:.*]] = %c0 to %[[COLS]] step %c1 iter_args(%{{.*}}) -> (f64) {
// CHECK-NEXT:          memref.load %x[%[[I2]], %[[J2]]] : memref<?x?xf64>
// CHECK-NEXT:          arith.maximumf
// CHECK-NEXT:          scf.yield
// CHECK-NEXT:        }
// CHECK:           } else {
// CHECK:             scf.for %chunk = %c0 to %chunks step %c1 iter_args
// CHECK:                 %lanes = memref.alloca() : memref<8xf64>
// CHECK:                 scf.for %group = %second_group to %groups_end step %c8 {
// CHECK-NEXT:              scf.for %[[LANE2:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:                %[[P2:.*]] = arith.addi %group, %[[LANE2]] : index
// CHECK-NEXT:                memref.load %x[%[[I2]], %[[P2]]] : memref<?x?xf64>
// CHECK-NEXT:                memref.load %lanes[%[[LANE2]]] : memref<8xf64>
// CHECK-NEXT:                arith.maximumf
// CHECK:           memref.store %{{.*}}, %[[MAX]][%[[I2]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK:         %[[E:.*]] = memref.alloc(%{{.*}}, %[[COLS]]) : memref<?x?xf64>

// Nest 3: e = exp(x - max), stored (both the sum and the division read it).
// CHECK:         "scf.parallel"(%c0, %c0, %{{.*}}, %[[COLS]], %c1, %c1)
// CHECK-NEXT:    ^bb0(%[[I3:.*]]: index, %[[J3:.*]]: index):
// CHECK-NEXT:      memref.load %x[%[[I3]], %[[J3]]] : memref<?x?xf64>
// CHECK-NEXT:      memref.load %[[MAX]][%[[I3]]] : memref<?xf64>
// CHECK-NEXT:      arith.subf
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      memref.store %{{.*}}, %[[E]][%[[I3]], %[[J3]]] : memref<?x?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK:         %[[SUM:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>

// Nest 4: the row sums start at 0.
// CHECK:         "scf.parallel"(
// CHECK-NEXT:    ^bb0(%[[I4:.*]]: index):
// CHECK-NEXT:      memref.store %{{.*}}, %[[SUM]][%[[I4]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })

// Nest 5: the row sums of e, parallel over rows; each row is the blocked reduction (sequential chunks of 4096,
// 8 lanes inside a chunk).
// CHECK:         "scf.parallel"(%c0, %{{.*}}, %c1)
// CHECK-NEXT:    ^bb0(%[[I5:.*]]: index):
// CHECK-NEXT:      memref.load %[[SUM]][%[[I5]]] : memref<?xf64>
// CHECK-NEXT:      %short_1 = arith.cmpi slt, %{{.*}}, %c32 : index
// CHECK-NEXT:      scf.if %short_1 -> (f64) {
// CHECK:           } else {
// CHECK:             scf.for %chunk_1 = %c0 to %chunks_1 step %c1 iter_args
// CHECK:                 %lanes_1 = memref.alloca() : memref<8xf64>
// CHECK:                 scf.for %group_1 = %second_group_1 to %groups_end_1 step %c8 {
// CHECK-NEXT:              scf.for %[[LANE:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:                %[[P:.*]] = arith.addi %group_1, %[[LANE]] : index
// CHECK-NEXT:                memref.load %[[E]][%[[I5]], %[[P]]] : memref<?x?xf64>
// CHECK-NEXT:                memref.load %lanes_1[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:                arith.addf
// CHECK-NEXT:                memref.store %{{.*}}, %lanes_1[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:              }
// CHECK-NEXT:            }
// CHECK:           memref.store %{{.*}}, %[[SUM]][%[[I5]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NOT:     memref.alloc

// Nest 6: e / sum, written over e (elementwise-in-place: the division is e's last reader), which is the result.
// CHECK:         "scf.parallel"(%c0, %c0, %{{.*}}, %{{.*}}, %c1, %c1)
// CHECK-NEXT:    ^bb0(%[[I6:.*]]: index, %[[J6:.*]]: index):
// CHECK-NEXT:      memref.load %[[E]][%[[I6]], %[[J6]]] : memref<?x?xf64>
// CHECK-NEXT:      memref.load %[[SUM]][%[[I6]]] : memref<?xf64>
// CHECK-NEXT:      arith.divf
// CHECK-NEXT:      memref.store %{{.*}}, %[[E]][%[[I6]], %[[J6]]] : memref<?x?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NEXT:    memref.dealloc %[[MAX]] : memref<?xf64>
// CHECK-NEXT:    memref.dealloc %[[SUM]] : memref<?xf64>
// CHECK-NEXT:    func.return %[[E]] : memref<?x?xf64>

// In C++ each of the six nests is a threaded loop over rows (units); the two 2-D nests keep the row as a plain
// inner loop with unit-stride row-major indexing, calling only irtk_math.h's irtk_exp. The row max's short-row
// loop calls irtk_maximumf (NaN- and signed-zero-aware, branch-free) in a sequential chain; long rows use lanes.
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP:         double* [[MAX:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>({{v[0-9]+}});
// CPP:         irtk_parallel region(arena.threads, n0, 1);
// CPP-NEXT:    IRTK_PARALLEL_FOR(region)
// The blocked row max and row sum count a row's length as each unit's work (the short branch's loop), so they
// run on threads like the 2-D nests.
// CPP:         irtk_parallel region_1(arena.threads, n0_1, irtk_element_count({([[COLS:v[0-9]+]] > 0 ? [[COLS]] : 0)}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_1)
// CPP:         for (int64_t i1 = c0; i1 < [[COLS]]; i1 += c1) {
// CPP-NEXT:      const double [[XV:v[0-9]+]] = x[i0_1 * x_d1 + i1];
// CPP-NEXT:      const double {{v[0-9]+}} = irtk_maximumf({{v[0-9]+}}, [[XV]]);
// CPP:         for (int64_t lane_1 = c0; lane_1 < c8; lane_1 += c1) {
// CPP-NEXT:      const int64_t position_1 = irtk_addi(group, lane_1);
// CPP-NEXT:      const double [[XL:v[0-9]+]] = x[i0_1 * x_d1 + position_1];
// CPP-NEXT:      const double lane_value = lanes[lane_1];
// CPP-NEXT:      const double [[ML:v[0-9]+]] = irtk_maximumf(lane_value, [[XL]]);
// CPP-NEXT:      lanes[lane_1] = [[ML]];
// CPP:         double* [[E:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>(irtk_element_count({{.*}}));
// CPP:         irtk_parallel region_2(arena.threads, irtk_element_count({n0_2}), irtk_element_count({n1}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_2)
// CPP:         for (int64_t unit_2 = region_2.begin(block_2); unit_2 < unit_2_end; ++unit_2) {
// CPP-NEXT:      const int64_t i0_2 = unit_2;
// CPP-NEXT:      for (int64_t [[J3C:i1_[0-9]+]] = c0; [[J3C]] < [[COLS]]; [[J3C]] += c1) {
// CPP-NEXT:        const double [[X3:v[0-9]+]] = x[i0_2 * x_d1 + [[J3C]]];
// CPP-NEXT:        const double [[M3:v[0-9]+]] = [[MAX]][i0_2];
// CPP-NEXT:        const double [[D3:v[0-9]+]] = [[X3]] - [[M3]];
// CPP-NEXT:        const double [[E3:v[0-9]+]] = irtk_exp([[D3]]);
// CPP-NEXT:        [[E]][i0_2 * [[COLS]] + [[J3C]]] = [[E3]];
// CPP-NEXT:      }
// CPP-NEXT:    }
// CPP:         double* [[SUM:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>({{v[0-9]+}});
// CPP:         irtk_parallel region_3(arena.threads, n0_3, 1);
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_3)
// CPP:         irtk_parallel region_4(arena.threads, n0_4, irtk_element_count({([[COLS]] > 0 ? [[COLS]] : 0)}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_4)
// CPP:         for (int64_t lane_3 = c0; lane_3 < c8; lane_3 += c1) {
// CPP-NEXT:      const int64_t position_3 = irtk_addi(group_1, lane_3);
// CPP-NEXT:      const double [[EL:v[0-9]+]] = [[E]][i0_4 * [[COLS]] + position_3];
// CPP-NEXT:      const double lane_value_1 = lanes_1[lane_3];
// CPP-NEXT:      const double [[L:v[0-9]+]] = lane_value_1 + [[EL]];
// CPP-NEXT:      lanes_1[lane_3] = [[L]];
// CPP-NEXT:    }
// CPP-NOT:     arena.{{alloc|alloc_result}}
// CPP:         irtk_parallel region_5(arena.threads, irtk_element_count({n0_5}), irtk_element_count({n1_1}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region_5)
// CPP:         for (int64_t unit_5 = region_5.begin(block_5); unit_5 < unit_5_end; ++unit_5) {
// CPP-NEXT:      const int64_t i0_5 = unit_5;
// CPP-NEXT:      for (int64_t [[J6C:i1_[0-9]+]] = c0; [[J6C]] < {{v[0-9]+}}; [[J6C]] += c1) {
// CPP-NEXT:        const double [[E6:v[0-9]+]] = [[E]][i0_5 * [[COLS]] + [[J6C]]];
// CPP-NEXT:        const double [[S6:v[0-9]+]] = [[SUM]][i0_5];
// CPP-NEXT:        const double [[Q6:v[0-9]+]] = [[E6]] / [[S6]];
// CPP-NEXT:        [[E]][i0_5 * [[COLS]] + [[J6C]]] = [[Q6]];
// CPP-NEXT:      }
// CPP-NEXT:    }
// CPP:         region_5.finish();
// CPP-NOT:     irtk_parallel
// CPP-NOT:     for (
// CPP:         out0 = [[E]];

builtin.module {
  func.func @main(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
    %0 = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
    %1 = irtk.dimshuffle %0 [0, x] : tensor<?xf64> -> tensor<?x1xf64>
    %2 = irtk.sub %x, %1 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
    %3 = irtk.exp %2 : tensor<?x?xf64> -> tensor<?x?xf64>
    %4 = irtk.sum %3 [1] : tensor<?x?xf64> -> tensor<?xf64>
    %5 = irtk.dimshuffle %4 [0, x] : tensor<?xf64> -> tensor<?x1xf64>
    %6 = irtk.div %3, %5 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
    func.return %6 : tensor<?x?xf64>
  }
}
