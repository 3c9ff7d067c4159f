// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// tensor folds of MLIR's canonicalize that xDSL 0.74 lacks (irtk/passes/upstream_folds/tensor.py).

// CHECK-LABEL: func.func @casts(
// CHECK-NEXT:    %[[T:.*]] = "test.source"() : () -> tensor<4xf32>
// CHECK-NEXT:    %[[U:.*]] = tensor.cast %[[T]] : tensor<4xf32> to tensor<*xf32>
// CHECK-NEXT:    "test.use"(%[[T]], %[[T]], %[[U]])
func.func @casts() {
  %t = "test.source"() : () -> tensor<4xf32>
  %same = tensor.cast %t : tensor<4xf32> to tensor<4xf32>
  %a = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  %b = tensor.cast %a : tensor<?xf32> to tensor<4xf32>
  %u = tensor.cast %a : tensor<?xf32> to tensor<*xf32>
  %unused = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  "test.use"(%same, %b, %u) : (tensor<4xf32>, tensor<4xf32>, tensor<*xf32>) -> ()
  return
}

// -----

// The middle type knows a size neither end does: the chain stays.
// CHECK-LABEL: func.func @cast_chain_stays(
// CHECK:         tensor.cast %{{.*}} : tensor<?x?xf32> to tensor<4x?xf32>
// CHECK-NEXT:    tensor.cast %{{.*}} : tensor<4x?xf32> to tensor<?x?xf32>
func.func @cast_chain_stays() {
  %t = "test.source"() : () -> tensor<?x?xf32>
  %a = tensor.cast %t : tensor<?x?xf32> to tensor<4x?xf32>
  %b = tensor.cast %a : tensor<4x?xf32> to tensor<?x?xf32>
  "test.use"(%b) : (tensor<?x?xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @dims_and_ranks(
// CHECK-SAME:      %[[N:.*]]: index, %[[I:.*]]: index
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[C4:.*]] = arith.constant 4 : index
// CHECK:         %[[D:.*]] = tensor.dim %{{.*}}, %[[I]] : tensor<?x8xf32>
// CHECK:         func.return %[[N]], %[[C8]], %[[C2]], %[[C4]], %[[D]]
func.func @dims_and_ranks(%n: index, %i: index) -> (index, index, index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t = tensor.empty(%n) : tensor<?x8xf32>
  "test.use"(%t) : (tensor<?x8xf32>) -> ()
  %s = "test.source"() : () -> tensor<4xf32>
  %c = tensor.cast %s : tensor<4xf32> to tensor<?xf32>
  %d0 = tensor.dim %t, %c0 : tensor<?x8xf32>
  %d1 = tensor.dim %t, %c1 : tensor<?x8xf32>
  %r = tensor.rank %t : tensor<?x8xf32>
  %dc = tensor.dim %c, %c0 : tensor<?xf32>
  %di = tensor.dim %t, %i : tensor<?x8xf32>
  return %d0, %d1, %r, %dc, %di : index, index, index, index, index
}

// -----

// CHECK-LABEL: func.func @extracts(
// CHECK-SAME:      %[[A:.*]]: i32, %[[B:.*]]: i32, %[[I:.*]]: index
// CHECK-NEXT:    %[[K:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK-NEXT:    %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-NEXT:    %[[SPLAT:.*]] = arith.constant 7 : i32
// CHECK-NEXT:    %[[T:.*]] = "test.source"() : () -> tensor<4xi32>
// CHECK-NEXT:    %[[E:.*]] = tensor.extract %[[T]][%[[I]]] : tensor<4xi32>
// CHECK-NEXT:    %[[F:.*]] = tensor.extract %[[K]][%[[I]]] : tensor<3xf32>
// CHECK-NEXT:    func.return %[[THREE]], %[[B]], %[[SPLAT]], %[[E]], %[[F]]
func.func @extracts(%a: i32, %b: i32, %i: index) -> (f32, i32, i32, i32, f32) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %k = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %x = tensor.extract %k[%c2] : tensor<3xf32>
  %fe = tensor.from_elements %a, %b : tensor<2xi32>
  %y = tensor.extract %fe[%c1] : tensor<2xi32>
  %s = arith.constant dense<7> : tensor<4xi32>
  %z = tensor.extract %s[%i] : tensor<4xi32>
  %t = "test.source"() : () -> tensor<4xi32>
  %c = tensor.cast %t : tensor<4xi32> to tensor<?xi32>
  %w = tensor.extract %c[%i] : tensor<?xi32>
  %v = tensor.extract %k[%i] : tensor<3xf32>
  return %x, %y, %z, %w, %v : f32, i32, i32, i32, f32
}

// -----

// CHECK-LABEL: func.func @constants(
// CHECK-DAG:     %{{.*}} = arith.constant dense<[1, 2]> : tensor<2xi32>
// CHECK-DAG:     %{{.*}} = arith.constant dense<1.500000e+00> : tensor<2x2xf32>
// CHECK-DAG:     %{{.*}} = arith.constant dense<2.000000e+00> : tensor<8xf32>
// CHECK-NOT:     tensor.
func.func @constants() {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  %f = arith.constant 1.5 : f32
  %t = tensor.from_elements %a, %b : tensor<2xi32>
  %s = tensor.splat %f : tensor<2x2xf32>
  %k = arith.constant dense<2.0> : tensor<2x4xf32>
  %c = tensor.collapse_shape %k [[0, 1]] : tensor<2x4xf32> into tensor<8xf32>
  "test.use"(%t, %s, %c) : (tensor<2xi32>, tensor<2x2xf32>, tensor<8xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @slices(
// CHECK-SAME:      %[[I:.*]]: index
// CHECK-NEXT:    %[[T:.*]] = "test.source"() : () -> tensor<2x8xf32>
// CHECK-NEXT:    %[[D:.*]] = "test.source"() : () -> tensor<4x8xf32>
// CHECK-NEXT:    "test.source"() : () -> tensor<4x8xf32>
// CHECK-NEXT:    %[[S:.*]] = tensor.extract_slice %[[D]][%[[I]], 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
// CHECK-NEXT:    "test.use"(%[[D]], %[[D]], %[[T]], %[[D]], %[[S]])
func.func @slices(%i: index) {
  %t = "test.source"() : () -> tensor<2x8xf32>
  %d = "test.source"() : () -> tensor<4x8xf32>
  %d2 = "test.source"() : () -> tensor<4x8xf32>
  %full = tensor.extract_slice %d[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> to tensor<4x8xf32>
  %over = tensor.insert_slice %d into %d2[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<4x8xf32>
  %n = tensor.insert_slice %t into %d[%i, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<4x8xf32>
  %back = tensor.extract_slice %n[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  %e = tensor.extract_slice %d[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  %same = tensor.insert_slice %e into %d[%i, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<4x8xf32>
  %other = tensor.extract_slice %d[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  "test.use"(%full, %over, %back, %same, %other) : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<2x8xf32>, tensor<4x8xf32>, tensor<2x8xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @reshapes(
// CHECK-NEXT:    %[[T:.*]] = "test.source"() : () -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.collapse_shape %[[T]] {{\[\[}}0{{( : i64)?}}, 1{{( : i64)?}}, 2{{( : i64)?}}]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK-NEXT:    "test.use"(%[[C]], %[[C]], %[[T]])
func.func @reshapes() {
  %t = "test.source"() : () -> tensor<2x3x4xf32>
  %a = tensor.collapse_shape %t [[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
  %b = tensor.collapse_shape %a [[0, 1]] : tensor<6x4xf32> into tensor<24xf32>
  %e = tensor.expand_shape %b [[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
  %f = tensor.collapse_shape %e [[0, 1]] : tensor<6x4xf32> into tensor<24xf32>
  %g = tensor.expand_shape %b [[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
  %h = tensor.expand_shape %g [[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
  "test.use"(%b, %f, %h) : (tensor<24xf32>, tensor<24xf32>, tensor<2x3x4xf32>) -> ()
  return
}
