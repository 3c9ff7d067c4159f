// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// The ops whose bodies read the iteration index. argmax/argmin are ONE generic with two outputs, the value
// (filled with -inf or the dtype's extreme) and the index (filled with 0), in one pass over the data: the
// element replaces the best so far only when strictly better, so ties keep the first occurrence; for floats a
// NaN is better than any number and the first NaN stays (numpy's argmax). The index is the row-major position
// among the reduced elements, built from `linalg.index` of the reduced loops. iota yields `linalg.index` of
// its axis; count is the product of the counted sizes, passed to a 0-d generic as a scalar input.

// CHECK-LABEL: func.func @argmax_rows(
// CHECK:         %[[N:.*]] = tensor.dim %m, %{{.*}} : tensor<?x?xf64>
// CHECK:         %[[EMPTY_V:.*]] = tensor.empty(%[[N]]) : tensor<?xf64>
// CHECK-NEXT:    %[[NEG_INF:.*]] = arith.constant 0xfff0000000000000 : f64
// CHECK-NEXT:    %[[V0:.*]] = linalg.fill ins(%[[NEG_INF]] : f64) outs(%[[EMPTY_V]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT:    %[[EMPTY_I:.*]] = tensor.empty(%[[N]]) : tensor<?xi64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:    %[[I0:.*]] = linalg.fill ins(%[[ZERO]] : i64) outs(%[[EMPTY_I]] : tensor<?xi64>) -> tensor<?xi64>
// CHECK-NEXT:    %v, %i = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x?xf64>) outs(%[[V0]], %[[I0]] : tensor<?xf64>, tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[BEST:.*]]: f64, %[[BEST_I:.*]]: i64):
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-NEXT:      %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[BEST]] : f64
// CHECK-NEXT:      %[[X_NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f64
// CHECK-NEXT:      %[[BEST_NAN:.*]] = arith.cmpf uno, %[[BEST]], %[[BEST]] : f64
// CHECK-NEXT:      %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:      %[[BEST_NUM:.*]] = arith.xori %[[BEST_NAN]], %[[TRUE]] : i1
// CHECK-NEXT:      %[[FIRST_NAN:.*]] = arith.andi %[[X_NAN]], %[[BEST_NUM]] : i1
// CHECK-NEXT:      %[[BETTER:.*]] = arith.ori %[[GT]], %[[FIRST_NAN]] : i1
// CHECK-NEXT:      %[[NEW_V:.*]] = arith.select %[[BETTER]], %[[X]], %[[BEST]] : f64
// CHECK-NEXT:      %[[NEW_I:.*]] = arith.select %[[BETTER]], %[[J64]], %[[BEST_I]] : i64
// CHECK-NEXT:      linalg.yield %[[NEW_V]], %[[NEW_I]] : f64, i64
// CHECK-NEXT:    } -> (tensor<?xf64>, tensor<?xi64>)
// CHECK-NEXT:    func.return %v, %i
func.func @argmax_rows(%m: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xi64>) {
  %v, %i = irtk.argmax %m [1] : tensor<?x?xf64> -> tensor<?xf64>, tensor<?xi64>
  return %v, %i : tensor<?xf64>, tensor<?xi64>
}

// -----

// Integers: the value starts at the largest int32, `<` is signed, and there is no NaN test. Over both axes of
// an ?x3 matrix the index is i * 3 + j.
// CHECK-LABEL: func.func @argmin_all(
// CHECK:         %[[HIGHEST:.*]] = arith.constant 2147483647 : i32
// CHECK:         %[[THREE:.*]] = arith.constant 3 : index
// CHECK-NEXT:    %v, %i = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[BEST:.*]]: i32, %[[BEST_I:.*]]: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[ROW:.*]] = arith.muli %[[I]], %[[THREE]] : index
// CHECK-NEXT:      %[[FLAT:.*]] = arith.addi %[[ROW]], %[[J]] : index
// CHECK-NEXT:      %[[FLAT64:.*]] = arith.index_cast %[[FLAT]] : index to i64
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpi slt, %[[X]], %[[BEST]] : i32
// CHECK-NEXT:      %[[NEW_V:.*]] = arith.select %[[LT]], %[[X]], %[[BEST]] : i32
// CHECK-NEXT:      %[[NEW_I:.*]] = arith.select %[[LT]], %[[FLAT64]], %[[BEST_I]] : i64
// CHECK-NEXT:      linalg.yield %[[NEW_V]], %[[NEW_I]] : i32, i64
func.func @argmin_all(%m: tensor<?x3xi32>) -> (tensor<i32>, tensor<i64>) {
  %v, %i = irtk.argmin %m [0, 1] : tensor<?x3xi32> -> tensor<i32>, tensor<i64>
  return %v, %i : tensor<i32>, tensor<i64>
}

// -----

// Non-adjacent reduced axes 0 and 2 of a 2x?x4 tensor: the index is i0 * 4 + i2 (the size of the later axis),
// whatever the kept axis between them.
// CHECK-LABEL: func.func @argmax_outer_axes(
// CHECK:         %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT:    %v, %i = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1)>, affine_map<(d0, d1, d2) -> (d1)>], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-NEXT:    ^bb0(%{{.*}}: f32, %{{.*}}: f32, %{{.*}}: i64):
// CHECK-NEXT:      %[[I0:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[I2:.*]] = linalg.index 2 : index
// CHECK-NEXT:      %[[OUTER:.*]] = arith.muli %[[I0]], %[[FOUR]] : index
// CHECK-NEXT:      %[[FLAT:.*]] = arith.addi %[[OUTER]], %[[I2]] : index
// CHECK-NEXT:      arith.index_cast %[[FLAT]] : index to i64
// CHECK:           arith.cmpf ogt
func.func @argmax_outer_axes(%m: tensor<2x?x4xf32>) -> (tensor<?xf32>, tensor<?xi64>) {
  %v, %i = irtk.argmax %m [0, 2] : tensor<2x?x4xf32> -> tensor<?xf32>, tensor<?xi64>
  return %v, %i : tensor<?xf32>, tensor<?xi64>
}

// -----

// count: 1 * each counted size (a static size as a constant, a dynamic one read with tensor.dim), cast to i64
// and returned through a 0-d generic. Counting no axes gives 1.
// CHECK-LABEL: func.func @count(
// CHECK:         %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[D0:.*]] = tensor.dim %m, %[[C0]] : tensor<?x4x?xf64>
// CHECK-NEXT:    %[[P0:.*]] = arith.muli %[[ONE]], %[[D0]] : index
// CHECK-NEXT:    %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT:    %[[P1:.*]] = arith.muli %[[P0]], %[[FOUR]] : index
// CHECK-NEXT:    %[[N:.*]] = arith.index_cast %[[P1]] : index to i64
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty() : tensor<i64>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
// CHECK-SAME:      ins(%[[N]] : i64) outs(%[[EMPTY]] : tensor<i64>)
// CHECK-NEXT:    ^bb0(%[[S:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      linalg.yield %[[S]] : i64
// CHECK:         %[[ONE2:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[N2:.*]] = arith.index_cast %[[ONE2]] : index to i64
// CHECK-NEXT:    %[[EMPTY2:.*]] = tensor.empty() : tensor<i64>
// CHECK-NEXT:    %c = linalg.generic
// CHECK-SAME:      ins(%[[N2]] : i64)
func.func @count(%m: tensor<?x4x?xf64>) -> (tensor<i64>, tensor<i64>) {
  %a = irtk.count %m [0, 1] : tensor<?x4x?xf64> -> tensor<i64>
  %c = irtk.count %m [] : tensor<?x4x?xf64> -> tensor<i64>
  return %a, %c : tensor<i64>, tensor<i64>
}

// -----

// iota: x gives the loops their sizes; its elements are not read, the body yields the index of the axis.
// CHECK-LABEL: func.func @iota(
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x3xf32>) outs(%{{.*}} : tensor<?x3xi64>)
// CHECK-NEXT:    ^bb0(%{{.*}}: f32, %{{.*}}: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      linalg.yield %[[I64]] : i64
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%{{.*}}: f32, %{{.*}}: i64):
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-NEXT:      linalg.yield %[[J64]] : i64
func.func @iota(%m: tensor<?x3xf32>) -> (tensor<?x3xi64>, tensor<?x3xi64>) {
  %a = irtk.iota %m [0] : tensor<?x3xf32> -> tensor<?x3xi64>
  %b = irtk.iota %m [1] : tensor<?x3xf32> -> tensor<?x3xi64>
  return %a, %b : tensor<?x3xi64>, tensor<?x3xi64>
}
