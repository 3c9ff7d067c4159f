// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse and the ops that read the iteration index. Into argmax, an elementwise producer or a transpose fuses
// like into any reduction, and argmax's own `linalg.index` keeps naming its own (reduced) loop, so the index it
// returns is still a position in argmax's operand. argmax itself, with two results, is never fused into a
// consumer. An iota producer's `linalg.index` is renamed to the consumer's loop that runs over the same
// dimension, so under a transposed read index 0 becomes index 1 (fuse-index.mlir shows the rule on hand-written
// generics). count is a scalar computed outside any loop; its 0-d generic fuses, leaving the scalar as an input.

// argmax over axis 0 of a transpose: the fused generic reads %m through (d1, d0) and the index is still
// `linalg.index 0`, the reduced loop, i.e. a column index of %m.
// CHECK-LABEL: func.func @argmax_of_transpose(
// CHECK-NOT:     linalg.yield
// CHECK:         %v, %i = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[BEST:.*]]: f64, %[[BEST_I:.*]]: i64):
// CHECK-NEXT:      %[[K:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[K64:.*]] = arith.index_cast %[[K]] : index to i64
// CHECK:           %[[BETTER:.*]] = arith.ori
// CHECK-NEXT:      arith.select %[[BETTER]], %[[X]], %[[BEST]] : f64
// CHECK-NEXT:      arith.select %[[BETTER]], %[[K64]], %[[BEST_I]] : i64
// CHECK-NOT:     linalg.generic
func.func @argmax_of_transpose(%m: tensor<?x3xf64>) -> (tensor<?xf64>, tensor<?xi64>) {
  %t = irtk.dimshuffle %m [1, 0] : tensor<?x3xf64> -> tensor<3x?xf64>
  %v, %i = irtk.argmax %t [0] : tensor<3x?xf64> -> tensor<?xf64>, tensor<?xi64>
  return %v, %i : tensor<?xf64>, tensor<?xi64>
}

// -----

// argmax(x * y, axis 1): the product is computed first, then compared.
// CHECK-LABEL: func.func @argmax_of_chain(
// CHECK-NOT:     linalg.yield
// CHECK:         %v, %i = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%x, %y : tensor<?x?xf64>, tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %[[BEST:.*]]: f64, %{{.*}}: i64):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      linalg.index 1 : index
// CHECK:           arith.cmpf ogt, %[[P]], %[[BEST]] : f64
// CHECK-NOT:     linalg.generic
func.func @argmax_of_chain(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xi64>) {
  %p = irtk.mul %x, %y : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %v, %i = irtk.argmax %p [1] : tensor<?x?xf64> -> tensor<?xf64>, tensor<?xi64>
  return %v, %i : tensor<?xf64>, tensor<?xi64>
}

// -----

// Both results of argmin feed an add: argmin stays, the add reads both of its outputs.
// CHECK-LABEL: func.func @argmin_results_consumed(
// CHECK:         %v, %i = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK:         %r = linalg.generic
// CHECK-SAME:      ins(%v, %i : tensor<?xf64>, tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f64, %[[I:.*]]: i64, %{{.*}}: f64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i64 to f64
// CHECK-NEXT:      arith.addf %[[V]], %[[IF]] : f64
func.func @argmin_results_consumed(%m: tensor<?x?xf64>) -> tensor<?xf64> {
  %v, %i = irtk.argmin %m [1] : tensor<?x?xf64> -> tensor<?xf64>, tensor<?xi64>
  %f = irtk.cast %i : tensor<?xi64> -> tensor<?xf64>
  %r = irtk.add %v, %f : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// t = transpose(iota(m, 0)), so t[a, b] = b; j = iota(t, 0), so j[a, b] = a; t - j = b - a. In the fused body
// the first iota's index is consumer loop 1, the second's loop 0. Neither iota reads its operand's elements, so
// the fused generic has no input at all.
// CHECK-LABEL: func.func @iota_transposed(
// CHECK:         %d = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-NOT:       ins(
// CHECK-NEXT:    ^bb0(%{{.*}}: i64):
// CHECK-DAG:       %[[B:.*]] = linalg.index 1 : index
// CHECK-DAG:       %[[A:.*]] = linalg.index 0 : index
// CHECK-DAG:       %[[B64:.*]] = arith.index_cast %[[B]] : index to i64
// CHECK-DAG:       %[[A64:.*]] = arith.index_cast %[[A]] : index to i64
// CHECK:           %[[D:.*]] = arith.subi %[[B64]], %[[A64]] : i64
// CHECK-NEXT:      linalg.yield %[[D]] : i64
// CHECK-NOT:     linalg.generic
func.func @iota_transposed(%m: tensor<?x?xf64>) -> tensor<?x?xi64> {
  %i = irtk.iota %m [0] : tensor<?x?xf64> -> tensor<?x?xi64>
  %t = irtk.dimshuffle %i [1, 0] : tensor<?x?xi64> -> tensor<?x?xi64>
  %j = irtk.iota %t [0] : tensor<?x?xi64> -> tensor<?x?xi64>
  %d = irtk.sub %t, %j : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  return %d : tensor<?x?xi64>
}

// -----

// eye: iota(m, 0) == iota(m, 1), one generic comparing the two loop indices.
// CHECK-LABEL: func.func @eye(
// CHECK:         %e = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT:    ^bb0(%{{.*}}: i1):
// CHECK-DAG:       %[[J:.*]] = linalg.index 1 : index
// CHECK-DAG:       %[[I:.*]] = linalg.index 0 : index
// CHECK-DAG:       %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-DAG:       %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK:           %[[EQ:.*]] = arith.cmpi eq, %[[I64]], %[[J64]] : i64
// CHECK-NEXT:      linalg.yield %[[EQ]] : i1
// CHECK-NOT:     linalg.generic
func.func @eye(%m: tensor<?x?xf64>) -> tensor<?x?xi1> {
  %i = irtk.iota %m [0] : tensor<?x?xf64> -> tensor<?x?xi64>
  %j = irtk.iota %m [1] : tensor<?x?xf64> -> tensor<?x?xi64>
  %e = irtk.eq %i, %j : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi1>
  return %e : tensor<?x?xi1>
}

// -----

// sum(m * iota(m, 1), axis 1): the column index, converted to float64, inside the reduction.
// CHECK-LABEL: func.func @iota_into_sum(
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-NEXT:      %[[JF:.*]] = arith.sitofp %[[J64]] : i64 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[JF]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK-NOT:     linalg.generic
func.func @iota_into_sum(%m: tensor<?x?xf64>) -> tensor<?xf64> {
  %i = irtk.iota %m [1] : tensor<?x?xf64> -> tensor<?x?xi64>
  %p = irtk.mul %m, %i : tensor<?x?xf64>, tensor<?x?xi64> -> tensor<?x?xf64>
  %s = irtk.sum %p [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}

// -----

// The mean of each row, sum / count: the count (the row length, read with tensor.dim) reaches the division as a
// scalar input read through `(d0) -> ()`; the count's generic and the dimshuffle of it are gone, the sum stays.
// The float32 sum accumulates in float64; its rounding to float32 fuses into the division.
// CHECK-LABEL: func.func @mean_rows(
// CHECK:         %[[SUMS:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK:         %[[COLS:.*]] = tensor.dim %m, %{{.*}} : tensor<?x?xf32>
// CHECK-NEXT:    %[[N:.*]] = arith.muli %{{.*}}, %[[COLS]] : index
// CHECK-NEXT:    %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%[[SUMS]], %[[N64]] : tensor<?xf64>, i64)
// CHECK-NEXT:    ^bb0(%[[S64:.*]]: f64, %[[C:.*]]: i64, %{{.*}}: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.truncf %[[S64]] : f64 to f32
// CHECK-NEXT:      %[[SF:.*]] = arith.extf %[[S]] : f32 to f64
// CHECK-NEXT:      %[[CF:.*]] = arith.sitofp %[[C]] : i64 to f64
// CHECK-NEXT:      %[[MEAN:.*]] = arith.divf %[[SF]], %[[CF]] : f64
// CHECK-NEXT:      linalg.yield %[[MEAN]] : f64
// CHECK-NOT:     linalg.generic
func.func @mean_rows(%m: tensor<?x?xf32>) -> tensor<?xf64> {
  %s = irtk.sum %m [1] : tensor<?x?xf32> -> tensor<?xf32>
  %n = irtk.count %m [1] : tensor<?x?xf32> -> tensor<i64>
  %n1 = irtk.dimshuffle %n [x] : tensor<i64> -> tensor<1xi64>
  %r = irtk.div %s, %n1 : tensor<?xf32>, tensor<1xi64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}
