// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W3b (benchmarks/workloads.py): `softmax(x)` over the rows of a float64 matrix, as the frontend builds it
// (`f.tensor_ir`). `fuse` leaves the four computing nests of tests/test_fusion_counts.py (the row max;
// `e = exp(x - max)`, stored; the row sum of e; `e / sum`), and `lower-to-loops` starts each reduction's
// accumulator vector with a fill nest of its own: six nests over the rows. Each touches only row i of what the
// others write, so `fuse-outer-loops` runs them as ONE nest over the rows, the whole softmax of a row in one
// iteration: the matrix is read once and the result written once (two passes over the data in memory), and the
// rows in between stay in cache. `forward-stores` then keeps each row's max and sum in a register: the row vectors
// and their fills are gone.

// NESTS:      "scf.parallel"(%c0,
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %x: memref<?x?xf64>) -> memref<?x?xf64> {
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xfff0000000000000 : f64
// CHECK:         %[[COLS:.*]] = memref.dim %x, %c1 : memref<?x?xf64>
// CHECK-NEXT:    %[[E:.*]] = memref.alloc(%{{.*}}, %[[COLS]]) : memref<?x?xf64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NOT:     memref.alloc
// CHECK:         "scf.parallel"(%c0, %{{.*}}, %c1)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index):

// The row max, from -inf (the fill's value, forwarded), in the blocked loops of a sum (8 lanes that g++ vectorizes:
// max gives the same value in any order), a sequential maximumf chain only for rows shorter than 32.
// CHECK-NEXT:      %short = arith.cmpi slt, %[[COLS]], %c32 : index
// CHECK-NEXT:      %[[MAX:.*]] = scf.if %short -> (f64) {
// CHECK-NEXT:        scf.for %[[J1:.*]] = %c0 to %[[COLS]] step %c1 iter_args(%{{.*}} = %[[NEGINF]]) -> (f64) {
// CHECK-NEXT:          memref.load %x[%[[I]], %[[J1]]] : memref<?x?xf64>
// CHECK-NEXT:          arith.maximumf
// CHECK-NEXT:          scf.yield
// CHECK-NEXT:        }
// CHECK:           } else {
// CHECK:             scf.for %chunk = %c0 to %chunks step %c1 iter_args(%{{.*}} = %[[NEGINF]])
// CHECK:                 %lanes = memref.alloca() : memref<8xf64>
// CHECK:                 scf.for %group = %second_group to %groups_end step %c8 {
// CHECK-NEXT:              scf.for %[[LANE2:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:                %[[P2:.*]] = arith.addi %group, %[[LANE2]] : index
// CHECK-NEXT:                memref.load %x[%[[I]], %[[P2]]] : memref<?x?xf64>
// CHECK-NEXT:                memref.load %lanes[%[[LANE2]]] : memref<8xf64>
// CHECK-NEXT:                arith.maximumf
// CHECK:         {{^      }$}}

// e = exp(x - max) along the row, the max a value, not a load.
// CHECK-NEXT:      "scf.parallel"(%c0, %[[COLS]], %c1)
// CHECK-NEXT:      ^bb0(%[[J2:.*]]: index):
// CHECK-NEXT:        memref.load %x[%[[I]], %[[J2]]] : memref<?x?xf64>
// CHECK-NEXT:        arith.subf %{{.*}}, %[[MAX]] : f64
// CHECK-NEXT:        math.exp
// CHECK-NEXT:        memref.store %{{.*}}, %[[E]][%[[I]], %[[J2]]] : memref<?x?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      })

// The row sum of e, from 0; each row is the blocked reduction (sequential chunks of 4096, 8 lanes inside a chunk).
// CHECK-NEXT:      %short_1 = arith.cmpi slt, %[[COLS]], %c32 : index
// CHECK-NEXT:      %[[SUM:.*]] = scf.if %short_1 -> (f64) {
// CHECK-NEXT:        scf.for %{{.*}} = %c0 to %[[COLS]] step %c1 iter_args(%{{.*}} = %[[ZERO]]) -> (f64) {
// CHECK:             scf.for %chunk_1 = %c0 to %chunks_1 step %c1 iter_args(%{{.*}} = %[[ZERO]])
// CHECK:                 %lanes_1 = memref.alloca() : memref<8xf64>
// CHECK:                 scf.for %group_1 = %second_group_1 to %groups_end_1 step %c8 {
// CHECK-NEXT:              scf.for %[[LANE:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:                %[[P:.*]] = arith.addi %group_1, %[[LANE]] : index
// CHECK-NEXT:                memref.load %[[E]][%[[I]], %[[P]]] : memref<?x?xf64>
// CHECK-NEXT:                memref.load %lanes_1[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:                arith.addf
// CHECK-NEXT:                memref.store %{{.*}}, %lanes_1[%[[LANE]]] : memref<8xf64>
// CHECK-NEXT:              }
// CHECK-NEXT:            }
// CHECK:         {{^      }$}}

// e / sum, written over e (elementwise-in-place: the division is e's last reader), which is the result.
// CHECK-NEXT:      "scf.parallel"(%c0, %[[COLS]], %c1)
// CHECK-NEXT:      ^bb0(%[[J3:.*]]: index):
// CHECK-NEXT:        memref.load %[[E]][%[[I]], %[[J3]]] : memref<?x?xf64>
// CHECK-NEXT:        arith.divf %{{.*}}, %[[SUM]] : f64
// CHECK-NEXT:        memref.store %{{.*}}, %[[E]][%[[I]], %[[J3]]] : memref<?x?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      })
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NEXT:    func.return %[[E]] : memref<?x?xf64>

// In C++ the nest is one threaded loop over rows (units), each counting a row's length as its work; inside a row,
// plain loops with unit-stride row-major indexing, calling only irtk_math.h's irtk_exp, and the row's max and sum
// held in locals. The row max's short-row loop calls irtk_maximumf (NaN- and signed-zero-aware, branch-free) in a
// sequential chain; long rows use lanes.
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP:         double* [[E:v[0-9]+]] = arena.alloc_result<double>(irtk_element_count({{.*}}));
// CPP-NOT:     arena.alloc
// CPP:         irtk_parallel region(arena.threads, n0, irtk_element_count({([[COLS:v[0-9]+]] > 0 ? [[COLS]] : 0)}));
// CPP-NEXT:    IRTK_PARALLEL_FOR(region)
// CPP:         const int64_t i0 = unit;
// CPP:         for (int64_t i1 = c0; i1 < [[COLS]]; i1 += c1) {
// CPP-NEXT:      const double [[XV:v[0-9]+]] = x[i0 * x_d1 + i1];
// CPP-NEXT:      const double {{v[0-9]+}} = irtk_maximumf({{v[0-9]+}}, [[XV]]);
// CPP:         for (int64_t lane_1 = c0; lane_1 < c8; lane_1 += c1) {
// CPP-NEXT:      const int64_t position_1 = irtk_addi(group, lane_1);
// CPP-NEXT:      const double [[XL:v[0-9]+]] = x[i0 * x_d1 + position_1];
// CPP-NEXT:      const double lane_value = lanes[lane_1];
// CPP-NEXT:      const double [[ML:v[0-9]+]] = irtk_maximumf(lane_value, [[XL]]);
// CPP-NEXT:      lanes[lane_1] = [[ML]];
// CPP:         for (int64_t [[J3C:i1_[0-9]+]] = c0; [[J3C]] < [[COLS]]; [[J3C]] += c1) {
// CPP-NEXT:      const double [[X3:v[0-9]+]] = x[i0 * x_d1 + [[J3C]]];
// CPP-NEXT:      const double [[D3:v[0-9]+]] = [[X3]] - [[M3:v[0-9]+]];
// CPP-NEXT:      const double [[E3:v[0-9]+]] = irtk_exp([[D3]]);
// CPP-NEXT:      [[E]][i0 * [[COLS]] + [[J3C]]] = [[E3]];
// CPP-NEXT:    }
// CPP:         for (int64_t lane_3 = c0; lane_3 < c8; lane_3 += c1) {
// CPP-NEXT:      const int64_t position_3 = irtk_addi(group_1, lane_3);
// CPP-NEXT:      const double [[EL:v[0-9]+]] = [[E]][i0 * [[COLS]] + position_3];
// CPP-NEXT:      const double lane_value_1 = lanes_1[lane_3];
// CPP-NEXT:      const double [[L:v[0-9]+]] = lane_value_1 + [[EL]];
// CPP-NEXT:      lanes_1[lane_3] = [[L]];
// CPP-NEXT:    }
// CPP:         for (int64_t [[J6C:i1_[0-9]+]] = c0; [[J6C]] < [[COLS]]; [[J6C]] += c1) {
// CPP-NEXT:      const double [[E6:v[0-9]+]] = [[E]][i0 * [[COLS]] + [[J6C]]];
// CPP-NEXT:      const double [[Q6:v[0-9]+]] = [[E6]] / [[S6:v[0-9]+]];
// CPP-NEXT:      [[E]][i0 * [[COLS]] + [[J6C]]] = [[Q6]];
// CPP-NEXT:    }
// CPP:         region.finish();
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
