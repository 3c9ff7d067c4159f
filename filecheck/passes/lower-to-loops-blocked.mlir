// RUN: irtk-opt %s -p lower-to-loops | filecheck %s

// The blocked order of a float sum or product (docs/numerical-policy.md, "Reductions"): under 32
// elements left to right; otherwise chunks of 4096 elements, each reduced with 8 lanes (a
// memref.alloca<8> the C++ compiler keeps in vector registers), the lanes combined as a tree, the
// chunk's leftovers added in order, and the chunk results folded into the initial value in order.
// The order depends only on the length, never on how the chunks are spread over threads.

// sum(x * w) of a length known at run time: the choice is made at run time. With nothing parallel
// around it, the chunks are an scf.parallel writing one result each; an scf.for folds them in order.

// CHECK-LABEL: func.func @dot(%a: memref<?xf64>, %b: memref<?xf64>, %out: memref<f64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c32 = arith.constant 32 : index
// CHECK-NEXT:    %c4095 = arith.constant 4095 : index
// CHECK-NEXT:    %c4096 = arith.constant 4096 : index
// CHECK-NEXT:    %c8 = arith.constant 8 : index
// CHECK-NEXT:    %c2 = arith.constant 2 : index
// CHECK-NEXT:    %c3 = arith.constant 3 : index
// CHECK-NEXT:    %c4 = arith.constant 4 : index
// CHECK-NEXT:    %c5 = arith.constant 5 : index
// CHECK-NEXT:    %c6 = arith.constant 6 : index
// CHECK-NEXT:    %c7 = arith.constant 7 : index
// CHECK-NEXT:    %[[N:.*]] = memref.dim %a, %c0 : memref<?xf64>
// CHECK-NEXT:    %[[INIT:.*]] = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %short = arith.cmpi slt, %[[N]], %c32 : index
// CHECK-NEXT:    %[[SUM:.*]] = scf.if %short -> (f64) {
// CHECK-NEXT:      %[[SEQ:.*]] = scf.for %i0 = %c0 to %[[N]] step %c1 iter_args(%acc = %[[INIT]]) -> (f64) {
// CHECK-NEXT:        %x = memref.load %a[%i0] : memref<?xf64>
// CHECK-NEXT:        %y = memref.load %b[%i0] : memref<?xf64>
// CHECK-NEXT:        %p = arith.mulf %x, %y : f64
// CHECK-NEXT:        %s = arith.addf %acc, %p : f64
// CHECK-NEXT:        scf.yield %s : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield %[[SEQ]] : f64
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %rounded = arith.addi %[[N]], %c4095 : index
// CHECK-NEXT:      %chunks = arith.divsi %rounded, %c4096 : index
// CHECK-NEXT:      %chunk_results = memref.alloca(%chunks) : memref<?xf64>
// CHECK-NEXT:      "scf.parallel"(%c0, %chunks, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:      ^bb0(%chunk: index):
// CHECK-NEXT:        %start = arith.muli %chunk, %c4096 : index
// CHECK-NEXT:        %end = arith.addi %start, %c4096 : index
// CHECK-NEXT:        %stop = arith.minsi %end, %[[N]] : index
// CHECK-NEXT:        %count = arith.subi %stop, %start : index
// CHECK-NEXT:        %long = arith.cmpi sge, %count, %c32 : index
// CHECK-NEXT:        %[[CHUNK_VALUE:.*]] = scf.if %long -> (f64) {
// CHECK-NEXT:          %lanes = memref.alloca() : memref<8xf64>
// CHECK-NEXT:          scf.for %lane = %c0 to %c8 step %c1 {
// CHECK-NEXT:            %position = arith.addi %start, %lane : index
// CHECK-NEXT:            %x_1 = memref.load %a[%position] : memref<?xf64>
// CHECK-NEXT:            %y_1 = memref.load %b[%position] : memref<?xf64>
// CHECK-NEXT:            %p_1 = arith.mulf %x_1, %y_1 : f64
// CHECK-NEXT:            memref.store %p_1, %lanes[%lane] : memref<8xf64>
// CHECK-NEXT:          }
// CHECK-NEXT:          %leftover = arith.remsi %count, %c8 : index
// CHECK-NEXT:          %groups_end = arith.subi %stop, %leftover : index
// CHECK-NEXT:          %second_group = arith.addi %start, %c8 : index
// CHECK-NEXT:          scf.for %group = %second_group to %groups_end step %c8 {
// CHECK-NEXT:            scf.for %lane_1 = %c0 to %c8 step %c1 {
// CHECK-NEXT:              %position_1 = arith.addi %group, %lane_1 : index
// CHECK-NEXT:              %x_2 = memref.load %a[%position_1] : memref<?xf64>
// CHECK-NEXT:              %y_2 = memref.load %b[%position_1] : memref<?xf64>
// CHECK-NEXT:              %p_2 = arith.mulf %x_2, %y_2 : f64
// CHECK-NEXT:              %lane_value = memref.load %lanes[%lane_1] : memref<8xf64>
// CHECK-NEXT:              %s_1 = arith.addf %lane_value, %p_2 : f64
// CHECK-NEXT:              memref.store %s_1, %lanes[%lane_1] : memref<8xf64>
// CHECK-NEXT:            }
// CHECK-NEXT:          }
// CHECK-NEXT:          %l0 = memref.load %lanes[%c0] : memref<8xf64>
// CHECK-NEXT:          %l1 = memref.load %lanes[%c1] : memref<8xf64>
// CHECK-NEXT:          %l2 = memref.load %lanes[%c2] : memref<8xf64>
// CHECK-NEXT:          %l3 = memref.load %lanes[%c3] : memref<8xf64>
// CHECK-NEXT:          %l4 = memref.load %lanes[%c4] : memref<8xf64>
// CHECK-NEXT:          %l5 = memref.load %lanes[%c5] : memref<8xf64>
// CHECK-NEXT:          %l6 = memref.load %lanes[%c6] : memref<8xf64>
// CHECK-NEXT:          %l7 = memref.load %lanes[%c7] : memref<8xf64>
// CHECK-NEXT:          %s_2 = arith.addf %l0, %l1 : f64
// CHECK-NEXT:          %s_3 = arith.addf %l2, %l3 : f64
// CHECK-NEXT:          %s_4 = arith.addf %l4, %l5 : f64
// CHECK-NEXT:          %s_5 = arith.addf %l6, %l7 : f64
// CHECK-NEXT:          %s_6 = arith.addf %s_2, %s_3 : f64
// CHECK-NEXT:          %s_7 = arith.addf %s_4, %s_5 : f64
// CHECK-NEXT:          %s_8 = arith.addf %s_6, %s_7 : f64
// CHECK-NEXT:          %[[TAIL:.*]] = scf.for %i0_1 = %groups_end to %stop step %c1 iter_args(%acc_1 = %s_8) -> (f64) {
// CHECK-NEXT:            %x_3 = memref.load %a[%i0_1] : memref<?xf64>
// CHECK-NEXT:            %y_3 = memref.load %b[%i0_1] : memref<?xf64>
// CHECK-NEXT:            %p_3 = arith.mulf %x_3, %y_3 : f64
// CHECK-NEXT:            %s_9 = arith.addf %acc_1, %p_3 : f64
// CHECK-NEXT:            scf.yield %s_9 : f64
// CHECK-NEXT:          }
// CHECK-NEXT:          scf.yield %[[TAIL]] : f64
// CHECK-NEXT:        } else {
// CHECK-NEXT:          %x_4 = memref.load %a[%start] : memref<?xf64>
// CHECK-NEXT:          %y_4 = memref.load %b[%start] : memref<?xf64>
// CHECK-NEXT:          %p_4 = arith.mulf %x_4, %y_4 : f64
// CHECK-NEXT:          %second = arith.addi %start, %c1 : index
// CHECK-NEXT:          %[[SHORT_CHUNK:.*]] = scf.for %i0_2 = %second to %stop step %c1 iter_args(%acc_2 = %p_4) -> (f64) {
// CHECK-NEXT:            %x_5 = memref.load %a[%i0_2] : memref<?xf64>
// CHECK-NEXT:            %y_5 = memref.load %b[%i0_2] : memref<?xf64>
// CHECK-NEXT:            %p_5 = arith.mulf %x_5, %y_5 : f64
// CHECK-NEXT:            %s_10 = arith.addf %acc_2, %p_5 : f64
// CHECK-NEXT:            scf.yield %s_10 : f64
// CHECK-NEXT:          }
// CHECK-NEXT:          scf.yield %[[SHORT_CHUNK]] : f64
// CHECK-NEXT:        }
// CHECK-NEXT:        memref.store %[[CHUNK_VALUE]], %chunk_results[%chunk] : memref<?xf64>
// CHECK-NEXT:        scf.reduce
// CHECK-NEXT:      }) {irtk.work_per_iteration = 4096 : i64} : (index, index, index) -> ()
// CHECK-NEXT:      %[[TOTAL:.*]] = scf.for %chunk_1 = %c0 to %chunks step %c1 iter_args(%acc_3 = %[[INIT]]) -> (f64) {
// CHECK-NEXT:        %chunk_result = memref.load %chunk_results[%chunk_1] : memref<?xf64>
// CHECK-NEXT:        %s_11 = arith.addf %acc_3, %chunk_result : f64
// CHECK-NEXT:        scf.yield %s_11 : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.yield %[[TOTAL]] : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    memref.store %[[SUM]], %out[] : memref<f64>
// CHECK-NEXT:    func.return
func.func @dot(%a: memref<?xf64>, %b: memref<?xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a, %b : memref<?xf64>, memref<?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return
}

// A static length: no run-time choice, and since 10000 = 2 * 4096 + 1808 every chunk has at least
// 32 elements, so no chunk is short.

// CHECK-LABEL: func.func @dot_static(
// CHECK-NOT:     scf.if
// CHECK:         %[[INIT:.*]] = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %chunk_results = memref.alloca() : memref<3xf64>
// CHECK-NEXT:    "scf.parallel"(%c0, %c3, %c1)
// CHECK:           %lanes = memref.alloca() : memref<8xf64>
// CHECK-NOT:     scf.if
// CHECK:         scf.for %chunk_1 = %c0 to %c3 step %c1 iter_args(%{{.*}} = %[[INIT]]) -> (f64) {
// CHECK:         func.return
func.func @dot_static(%a: memref<10000xf64>, %b: memref<10000xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a, %b : memref<10000xf64>, memref<10000xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return
}

// A row product of float32: the rows are the scf.parallel, so the chunks of a row are an scf.for
// carrying the row's product; each chunk has 8 float32 lanes.

// CHECK-LABEL: func.func @prod_rows(
// CHECK:         "scf.parallel"
// CHECK:           %[[INIT:.*]] = memref.load %out[%i0] : memref<?xf32>
// CHECK:           scf.for %i1 = %c0 to %{{.*}} step %c1 iter_args(%acc = %[[INIT]]) -> (f32) {
// CHECK:           } else {
// CHECK:             %{{.*}} = scf.for %chunk = %c0 to %chunks step %c1 iter_args(%acc_1 = %[[INIT]]) -> (f32) {
// CHECK:               %lanes = memref.alloca() : memref<8xf32>
// CHECK:                   %s_1 = arith.mulf %lane_value, %x_2 : f32
// CHECK-NOT:       "scf.parallel"
// CHECK:         func.return
func.func @prod_rows(%a: memref<?x?xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<?x?xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.mulf %acc, %x : f32
    linalg.yield %s : f32
  }
  func.return
}

// A full sum of a matrix: the rule applies to the inner reduced loop; the outer one stays an scf.for
// carrying the sum, and each row's blocked sum starts from it.

// CHECK-LABEL: func.func @sum_matrix(
// CHECK:         %[[INIT:.*]] = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %{{.*}} = scf.for %i0 = %c0 to %{{.*}} step %c1 iter_args(%[[OUTER:.*]] = %[[INIT]]) -> (f64) {
// CHECK-NEXT:      %short = arith.cmpi slt, %{{.*}}, %c32 : index
// CHECK:             scf.for %i1 = %c0 to %{{.*}} step %c1 iter_args(%acc = %[[OUTER]]) -> (f64) {
// CHECK:             scf.for %chunk = %c0 to %chunks step %c1 iter_args(%acc_1 = %[[OUTER]]) -> (f64) {
// CHECK-NOT:     "scf.parallel"
// CHECK:         func.return
func.func @sum_matrix(%a: memref<?x?xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>],
                  iterator_types = ["reduction", "reduction"]}
      ins(%a : memref<?x?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}

// Under 32 elements, known statically: the sequential loop alone.

// CHECK-LABEL: func.func @short_static(
// CHECK-NOT:     scf.if
// CHECK-NOT:     memref.alloca
// CHECK:         scf.for %i0 = %c0 to %c31 step %c1 iter_args(%acc = %{{.*}}) -> (f64) {
// CHECK:         func.return
func.func @short_static(%a: memref<31xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a : memref<31xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    linalg.yield %s : f64
  }
  func.return
}

// Other bodies keep the sequential order: a combination that is not `acc ⊕ value`, and an integer sum
// (exact in any order).

// CHECK-LABEL: func.func @not_acc_combine(
// CHECK-NOT:     memref.alloca
// CHECK:         scf.for %i0 = %c0 to %{{.*}} step %c1 iter_args(%acc = %{{.*}}) -> (f64) {
// CHECK-NEXT:      %x = memref.load %a[%i0] : memref<?xf64>
// CHECK-NEXT:      %s = arith.addf %acc, %x : f64
// CHECK-NEXT:      %t = arith.mulf %s, %x : f64
// CHECK-NEXT:      scf.yield %t : f64
// CHECK:         func.return
func.func @not_acc_combine(%a: memref<?xf64>, %out: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a : memref<?xf64>) outs(%out : memref<f64>) {
  ^bb0(%x: f64, %acc: f64):
    %s = arith.addf %acc, %x : f64
    %t = arith.mulf %s, %x : f64
    linalg.yield %t : f64
  }
  func.return
}

// CHECK-LABEL: func.func @integer_sum(
// CHECK-NOT:     memref.alloca
// CHECK:         scf.for %i0 = %c0 to %{{.*}} step %c1 iter_args(%acc = %{{.*}}) -> (i64) {
// CHECK:         func.return
func.func @integer_sum(%a: memref<?xi64>, %out: memref<i64>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%a : memref<?xi64>) outs(%out : memref<i64>) {
  ^bb0(%x: i64, %acc: i64):
    %s = arith.addi %acc, %x : i64
    linalg.yield %s : i64
  }
  func.return
}
