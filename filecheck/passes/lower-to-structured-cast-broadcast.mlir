// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// irtk.cast is one generic whose body is the conversion numpy's astype makes: floats are extended or
// truncated, integers sign-extended (bool zero-extended) or truncated, a number becomes a bool by `!= 0`
// (unordered for floats: NaN is true), floats and integers convert with the signedness of the integer side.
// A cast to the same dtype is a plain copy. irtk.broadcast yields its first operand's element over the
// shape of the second, which it reads for its sizes only.

// CHECK-LABEL: func.func @conversions(
// CHECK:         %f32 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %{{.*}}: f32):
// CHECK-NEXT:      %[[R:.*]] = arith.truncf %[[A]] : f64 to f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         %f64 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[B:.*]]: f32, %{{.*}}: f64):
// CHECK-NEXT:      %[[R2:.*]] = arith.extf %[[B]] : f32 to f64
// CHECK-NEXT:      linalg.yield %[[R2]] : f64
// CHECK:         %fbool = linalg.generic
// CHECK-NEXT:    ^bb0(%[[C:.*]]: f64, %{{.*}}: i1):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[R3:.*]] = arith.cmpf une, %[[C]], %[[ZERO]] : f64
// CHECK-NEXT:      linalg.yield %[[R3]] : i1
// CHECK:         %ibool = linalg.generic
// CHECK-NEXT:    ^bb0(%[[D:.*]]: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[IZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:      %[[R4:.*]] = arith.cmpi ne, %[[D]], %[[IZERO]] : i64
// CHECK-NEXT:      linalg.yield %[[R4]] : i1
// CHECK:         %i8 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[E:.*]]: i64, %{{.*}}: i8):
// CHECK-NEXT:      %[[R5:.*]] = arith.trunci %[[E]] : i64 to i8
// CHECK-NEXT:      linalg.yield %[[R5]] : i8
// CHECK:         %i64 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[F:.*]]: i8, %{{.*}}: i64):
// CHECK-NEXT:      %[[R6:.*]] = arith.extsi %[[F]] : i8 to i64
// CHECK-NEXT:      linalg.yield %[[R6]] : i64
// CHECK:         %bf32 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[G:.*]]: i1, %{{.*}}: f32):
// CHECK-NEXT:      %[[R7:.*]] = arith.uitofp %[[G]] : i1 to f32
// CHECK-NEXT:      linalg.yield %[[R7]] : f32
// CHECK:         %bi64 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[H:.*]]: i1, %{{.*}}: i64):
// CHECK-NEXT:      %[[R8:.*]] = arith.extui %[[H]] : i1 to i64
// CHECK-NEXT:      linalg.yield %[[R8]] : i64
// CHECK:         %i32 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: f32, %{{.*}}: i32):
// CHECK-NEXT:      %[[R9:.*]] = arith.fptosi %[[I]] : f32 to i32
// CHECK-NEXT:      linalg.yield %[[R9]] : i32
// CHECK:         %i16f = linalg.generic
// CHECK-NEXT:    ^bb0(%[[J:.*]]: i16, %{{.*}}: f64):
// CHECK-NEXT:      %[[R10:.*]] = arith.sitofp %[[J]] : i16 to f64
// CHECK-NEXT:      linalg.yield %[[R10]] : f64
// CHECK:         %same = linalg.generic
// CHECK-NEXT:    ^bb0(%[[K:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      linalg.yield %[[K]] : f64
func.func @conversions(%f: tensor<?xf64>, %g: tensor<?xf32>, %i: tensor<?xi64>, %s: tensor<?xi8>, %b: tensor<?xi1>, %h: tensor<?xi16>) -> (tensor<?xf32>, tensor<?xf64>, tensor<?xi1>, tensor<?xi1>, tensor<?xi8>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>, tensor<?xi32>, tensor<?xf64>, tensor<?xf64>) {
  %f32 = irtk.cast %f : tensor<?xf64> -> tensor<?xf32>
  %f64 = irtk.cast %g : tensor<?xf32> -> tensor<?xf64>
  %fbool = irtk.cast %f : tensor<?xf64> -> tensor<?xi1>
  %ibool = irtk.cast %i : tensor<?xi64> -> tensor<?xi1>
  %i8 = irtk.cast %i : tensor<?xi64> -> tensor<?xi8>
  %i64 = irtk.cast %s : tensor<?xi8> -> tensor<?xi64>
  %bf32 = irtk.cast %b : tensor<?xi1> -> tensor<?xf32>
  %bi64 = irtk.cast %b : tensor<?xi1> -> tensor<?xi64>
  %i32 = irtk.cast %g : tensor<?xf32> -> tensor<?xi32>
  %i16f = irtk.cast %h : tensor<?xi16> -> tensor<?xf64>
  %same = irtk.cast %f : tensor<?xf64> -> tensor<?xf64>
  return %f32, %f64, %fbool, %ibool, %i8, %i64, %bf32, %bi64, %i32, %i16f, %same : tensor<?xf32>, tensor<?xf64>, tensor<?xi1>, tensor<?xi1>, tensor<?xi8>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>, tensor<?xi32>, tensor<?xf64>, tensor<?xf64>
}

// -----

// A cast that forgets static sizes: the result is still built with the operand's sizes (3 and 1), and the
// size-1 dimension is read at index 0.
// CHECK-LABEL: func.func @forget_sizes(
// CHECK-DAG:     %[[THREE:.*]] = arith.constant 3 : index
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : index
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[THREE]], %[[ONE]]) : tensor<?x?xi32>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<3x1xf64>) outs(%[[INIT]] : tensor<?x?xi32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: i32):
// CHECK-NEXT:      %[[R:.*]] = arith.fptosi %[[X]] : f64 to i32
// CHECK-NEXT:      linalg.yield %[[R]] : i32
func.func @forget_sizes(%x: tensor<3x1xf64>) -> tensor<?x?xi32> {
  %a = irtk.cast %x : tensor<3x1xf64> -> tensor<?x?xi32>
  return %a : tensor<?x?xi32>
}

// -----

// broadcast: a single element stretched over both dimensions of `like` (map (0, 0)), with the result's
// dynamic size taken from `like`; the element keeps its dtype (no conversion to like's dtype).
// CHECK-LABEL: func.func @broadcast_single_element(
// CHECK:         %[[N:.*]] = tensor.dim %like, %{{.*}} : tensor<?x4xf64>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4xi8>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x, %like : tensor<1x1xi8>, tensor<?x4xf64>) outs(%[[INIT]] : tensor<?x4xi8>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i8, %{{.*}}: f64, %{{.*}}: i8):
// CHECK-NEXT:      linalg.yield %[[X]] : i8
func.func @broadcast_single_element(%x: tensor<1x1xi8>, %like: tensor<?x4xf64>) -> tensor<?x4xi8> {
  %a = irtk.broadcast %x to %like : tensor<1x1xi8>, tensor<?x4xf64> -> tensor<?x4xi8>
  return %a : tensor<?x4xi8>
}

// -----

// A dynamic dimension the two operands share must agree at run time, like any elementwise op's.
// CHECK-LABEL: func.func @broadcast_column(
// CHECK:         %[[M:.*]] = tensor.dim %col, %{{.*}} : tensor<?x1xf32>
// CHECK:         %[[N:.*]] = tensor.dim %like, %{{.*}} : tensor<?x4xf64>
// CHECK-NEXT:    %[[EQ:.*]] = arith.cmpi eq, %[[M]], %[[N]] : index
// CHECK-NEXT:    cf.assert %[[EQ]], "irtk.broadcast: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[M]]) : tensor<?x4xf32>
// CHECK-NEXT:    %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%col, %like : tensor<?x1xf32>, tensor<?x4xf64>)
// CHECK-NEXT:    ^bb0(%[[C:.*]]: f32, %{{.*}}: f64, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[C]] : f32
func.func @broadcast_column(%col: tensor<?x1xf32>, %like: tensor<?x4xf64>) -> tensor<?x4xf32> {
  %b = irtk.broadcast %col to %like : tensor<?x1xf32>, tensor<?x4xf64> -> tensor<?x4xf32>
  return %b : tensor<?x4xf32>
}

// -----

// Rank 0: no loops at all.
// CHECK-LABEL: func.func @broadcast_scalar(
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<f64>
// CHECK-NEXT:    %c = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
// CHECK-SAME:      ins(%s, %t : tensor<f64>, tensor<f32>) outs(%[[INIT]] : tensor<f64>)
// CHECK-NEXT:    ^bb0(%[[S:.*]]: f64, %{{.*}}: f32, %{{.*}}: f64):
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @broadcast_scalar(%s: tensor<f64>, %t: tensor<f32>) -> tensor<f64> {
  %c = irtk.broadcast %s to %t : tensor<f64>, tensor<f32> -> tensor<f64>
  return %c : tensor<f64>
}
