// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// Each elementwise op becomes one linalg.generic with a parallel loop per result dimension, identity
// maps for same-shaped operands, and the op's scalar code in the body (operands cast to the compute dtype
// first). The result's initial value comes from a tensor.empty sized by the operands.

// CHECK-LABEL: func.func @static_binary(
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty() : tensor<3x4xf64>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x, %y : tensor<3x4xf64>, tensor<3x4xf64>) outs(%[[INIT]] : tensor<3x4xf64>) {
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[R:.*]] = arith.subf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK-NEXT:    } -> tensor<3x4xf64>
// CHECK-NEXT:    func.return %a
// CHECK-NOT:   irtk.
func.func @static_binary(%x: tensor<3x4xf64>, %y: tensor<3x4xf64>) -> tensor<3x4xf64> {
  %a = irtk.sub %x, %y : tensor<3x4xf64>, tensor<3x4xf64> -> tensor<3x4xf64>
  return %a : tensor<3x4xf64>
}

// -----

// Broadcasting: a stretched size-1 dimension is read at index 0 (the constant 0 in the map); the result's
// dynamic sizes come from the operand that has them. Mixed dtypes: the f32 operand is extended in the body.
// CHECK-LABEL: func.func @row_times_col(
// CHECK:         %[[N:.*]] = tensor.dim %row, %{{.*}} : tensor<1x?xf32>
// CHECK:         %[[M:.*]] = tensor.dim %col, %{{.*}} : tensor<?x1xf64>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf64>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%row, %col : tensor<1x?xf32>, tensor<?x1xf64>) outs(%[[INIT]] : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[R:.*]]: f32, %[[C:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[RE:.*]] = arith.extf %[[R]] : f32 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[RE]], %[[C]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
// CHECK-NOT:     cf.assert
func.func @row_times_col(%row: tensor<1x?xf32>, %col: tensor<?x1xf64>) -> tensor<?x?xf64> {
  %a = irtk.mul %row, %col : tensor<1x?xf32>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// Integer operands: true division converts to float64 first; negation is 0 - x.
// CHECK-LABEL: func.func @integers(
// CHECK:         %d = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i8, %{{.*}}: f64):
// CHECK-NEXT:      %[[AF:.*]] = arith.sitofp %[[A]] : i32 to f64
// CHECK-NEXT:      %[[BF:.*]] = arith.sitofp %[[B]] : i8 to f64
// CHECK-NEXT:      %[[Q:.*]] = arith.divf %[[AF]], %[[BF]] : f64
// CHECK-NEXT:      linalg.yield %[[Q]] : f64
// CHECK:         %n = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[NEG:.*]] = arith.subi %[[ZERO]], %[[X]] : i32
// CHECK-NEXT:      linalg.yield %[[NEG]] : i32
func.func @integers(%x: tensor<?xi32>, %y: tensor<?xi8>) -> (tensor<?xf64>, tensor<?xi32>) {
  %d = irtk.div %x, %y : tensor<?xi32>, tensor<?xi8> -> tensor<?xf64>
  %n = irtk.neg %x : tensor<?xi32> -> tensor<?xi32>
  return %d, %n : tensor<?xf64>, tensor<?xi32>
}

// -----

// The float-valued unary ops use math; an int8 operand is converted to float32 first (Theano's rule).
// CHECK-LABEL: func.func @unary(
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[SQ:.*]] = arith.mulf %[[X]], %[[X]] : f64
// CHECK:         %b = linalg.generic
// CHECK:           math.log %{{.*}} : f64
// CHECK:         %c = linalg.generic
// CHECK:           math.sqrt %{{.*}} : f64
// CHECK:         %e = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i8, %{{.*}}: f32):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i8 to f32
// CHECK-NEXT:      %[[EXP:.*]] = math.exp %[[IF]] : f32
// CHECK-NEXT:      linalg.yield %[[EXP]] : f32
func.func @unary(%x: tensor<f64>, %i: tensor<i8>) -> (tensor<f64>, tensor<f32>) {
  %a = irtk.sqr %x : tensor<f64> -> tensor<f64>
  %b = irtk.log %a : tensor<f64> -> tensor<f64>
  %c = irtk.sqrt %b : tensor<f64> -> tensor<f64>
  %e = irtk.exp %i : tensor<i8> -> tensor<f32>
  return %c, %e : tensor<f64>, tensor<f32>
}

// -----

// cast: the conversion is the whole body. broadcast: the value of x, read at index 0 where it is stretched.
// CHECK-LABEL: func.func @cast_and_broadcast(
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: i16):
// CHECK-NEXT:      %[[T:.*]] = arith.fptosi %[[X]] : f64 to i16
// CHECK-NEXT:      linalg.yield %[[T]] : i16
// CHECK:         %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%row, %like : tensor<1x3xf32>, tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[R:.*]]: f32, %{{.*}}: f64, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @cast_and_broadcast(%x: tensor<?xf64>, %row: tensor<1x3xf32>, %like: tensor<?x3xf64>) -> (tensor<?xi16>, tensor<?x3xf32>) {
  %c = irtk.cast %x : tensor<?xf64> -> tensor<?xi16>
  %b = irtk.broadcast %row to %like : tensor<1x3xf32>, tensor<?x3xf64> -> tensor<?x3xf32>
  return %c, %b : tensor<?xi16>, tensor<?x3xf32>
}
