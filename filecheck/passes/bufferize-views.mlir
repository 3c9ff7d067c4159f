// RUN: irtk-opt %s --split-input-file -p bufferize | filecheck %s

// Views: a slice becomes a `memref.subview` of its source's buffer and a reshape of a contiguous buffer a
// `memref.collapse_shape`/`expand_shape` of it; neither copies an element. The layout of a subview is the one MLIR
// infers: strides and offset static where the source's layout and the slice make them so.

#id = affine_map<(d0, d1) -> (d0, d1)>

// A slice of an argument, read by a generic: a view, no allocation and no copy for it.
// CHECK-LABEL: func.func @slice_of_argument(
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %m = memref.dim %x, %c1 : memref<?x?xf64>
// CHECK-NEXT:    %[[V:.*]] = memref.subview %x[%s, 0] [%n, %m] [2, 1] : memref<?x?xf64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK-NEXT:    %[[OUT:.*]] = memref.alloc(%n, %m) : memref<?x?xf64>
// CHECK-NEXT:    linalg.generic {{.*}} ins(%[[V]] : memref<?x?xf64, strided<[?, 1], offset: ?>>) outs(%[[OUT]] : memref<?x?xf64>)
// CHECK-NOT:     memref.copy
// CHECK:         func.return %[[OUT]] : memref<?x?xf64>
func.func @slice_of_argument(%x: tensor<?x?xf64>, %s: index, %n: index) -> tensor<?x?xf64> {
  %c1 = arith.constant 1 : index
  %m = tensor.dim %x, %c1 : tensor<?x?xf64>
  %v = tensor.extract_slice %x[%s, 0] [%n, %m] [2, 1] : tensor<?x?xf64> to tensor<?x?xf64>
  %e = tensor.empty(%n, %m) : tensor<?x?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%v : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %t = math.exp %a : f64
    linalg.yield %t : f64
  } -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// Static sizes give static strides and offset; an integer index (a unit size the result drops) reduces the rank.
// CHECK-LABEL: func.func @static_row(
// CHECK:         memref.subview %x[2, 1] [1, 3] [1, 2] : memref<4x8xf64> to memref<3xf64, strided<[2], offset: 17>>
func.func @static_row(%x: tensor<4x8xf64>) -> tensor<3xf64> {
  %v = tensor.extract_slice %x[2, 1] [1, 3] [1, 2] : tensor<4x8xf64> to tensor<3xf64>
  return %v : tensor<3xf64>
}

// -----

// A result that is a slice is copied into a contiguous buffer the function owns (the kernel ABI's rule).
// CHECK-LABEL: func.func @returned_slice(
// CHECK:         %[[V:.*]] = memref.subview %x
// CHECK:         %[[OUT:.*]] = memref.alloc() : memref<3xf64>
// CHECK-NEXT:    "memref.copy"(%[[V]], %[[OUT]])
// CHECK-NEXT:    func.return %[[OUT]] : memref<3xf64>
func.func @returned_slice(%x: tensor<8xf64>) -> tensor<3xf64> {
  %v = tensor.extract_slice %x[1] [3] [2] : tensor<8xf64> to tensor<3xf64>
  return %v : tensor<3xf64>
}

// -----

// A reshape of a contiguous buffer is a view of it; the generic reads the view, nothing is copied.
// CHECK-LABEL: func.func @reshape_of_argument(
// CHECK:         %[[FLAT:.*]] = memref.collapse_shape %x {{\[\[}}0 : i64, 1 : i64]] : memref<?x?xf64> into memref<?xf64>
// CHECK-NEXT:    %[[R:.*]] = memref.expand_shape %[[FLAT]] {{\[\[}}0 : i64, 1 : i64]] output_shape [%n, 6] : memref<?xf64> into memref<?x6xf64>
// CHECK-NOT:     memref.copy
// CHECK:         linalg.generic {{.*}} ins(%[[R]] : memref<?x6xf64>)
func.func @reshape_of_argument(%x: tensor<?x?xf64>, %n: index) -> tensor<?x6xf64> {
  %f = tensor.collapse_shape %x [[0, 1]] : tensor<?x?xf64> into tensor<?xf64>
  %r = tensor.expand_shape %f [[0, 1]] output_shape [%n, 6] : tensor<?xf64> into tensor<?x6xf64>
  %e = tensor.empty(%n) : tensor<?x6xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<?x6xf64>) outs(%e : tensor<?x6xf64>) {
  ^bb0(%a: f64, %o: f64):
    %t = arith.negf %a : f64
    linalg.yield %t : f64
  } -> tensor<?x6xf64>
  return %y : tensor<?x6xf64>
}

// -----

// A reshape of a value the function computed, returned: the view hands over the buffer itself (no copy, no dealloc).
// CHECK-LABEL: func.func @reshape_returned(
// CHECK:         %[[B:.*]] = memref.alloc() : memref<2x6xf64>
// CHECK:         linalg.generic {{.*}} outs(%[[B]] : memref<2x6xf64>)
// CHECK:         %[[FLAT:.*]] = memref.collapse_shape %[[B]]
// CHECK-NEXT:    %[[R:.*]] = memref.expand_shape %[[FLAT]]
// CHECK-NOT:     memref.copy
// CHECK-NOT:     memref.dealloc
// CHECK:         func.return %[[R]] : memref<3x4xf64>
func.func @reshape_returned(%x: tensor<2x6xf64>) -> tensor<3x4xf64> {
  %e = tensor.empty() : tensor<2x6xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<2x6xf64>) outs(%e : tensor<2x6xf64>) {
  ^bb0(%a: f64, %o: f64):
    %t = arith.negf %a : f64
    linalg.yield %t : f64
  } -> tensor<2x6xf64>
  %f = tensor.collapse_shape %y [[0, 1]] : tensor<2x6xf64> into tensor<12xf64>
  %r = tensor.expand_shape %f [[0, 1]] output_shape [3, 4] : tensor<12xf64> into tensor<3x4xf64>
  return %r : tensor<3x4xf64>
}

// -----

// A reshape of a strided view cannot reinterpret it: the view is copied into a contiguous buffer first.
// CHECK-LABEL: func.func @reshape_of_slice(
// CHECK:         %[[V:.*]] = memref.subview %x[0, 0] [4, 2] [1, 2]
// CHECK-NEXT:    %[[C:.*]] = memref.alloc() : memref<4x2xf64>
// CHECK-NEXT:    "memref.copy"(%[[V]], %[[C]])
// CHECK-NEXT:    memref.collapse_shape %[[C]]
func.func @reshape_of_slice(%x: tensor<4x4xf64>) -> tensor<8xf64> {
  %v = tensor.extract_slice %x[0, 0] [4, 2] [1, 2] : tensor<4x4xf64> to tensor<4x2xf64>
  %f = tensor.collapse_shape %v [[0, 1]] : tensor<4x2xf64> into tensor<8xf64>
  return %f : tensor<8xf64>
}

// -----

// Alias analysis: a scatter into a buffer whose old value was read only before it (here by a slice and the generic
// reading it) updates the buffer in place...
// CHECK-LABEL: func.func @read_before_update(
// CHECK:         %[[T:.*]] = memref.alloc() : memref<8xf64>
// CHECK:         linalg.generic {{.*}} outs(%[[T]] : memref<8xf64>)
// CHECK:         %[[V:.*]] = memref.subview %[[T]][0] [4] [1]
// CHECK:         linalg.generic {{.*}} ins(%[[V]] : {{.*}}) outs(%{{.*}} : memref<4xf64>)
// CHECK-NOT:     memref.copy
// CHECK:         irtk_ext.scatter ins(%u, %i : memref<2xf64>, memref<2xi64>) outs(%[[T]] : memref<8xf64>)
func.func @read_before_update(%x: tensor<8xf64>, %u: tensor<2xf64>, %i: tensor<2xi64>) -> (tensor<4xf64>, tensor<8xf64>) {
  %e = tensor.empty() : tensor<8xf64>
  %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf64>) outs(%e : tensor<8xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.mulf %a, %a : f64
    linalg.yield %s : f64
  } -> tensor<8xf64>
  %v = tensor.extract_slice %t[0] [4] [1] : tensor<8xf64> to tensor<4xf64>
  %e4 = tensor.empty() : tensor<4xf64>
  %w = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v : tensor<4xf64>) outs(%e4 : tensor<4xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.negf %a : f64
    linalg.yield %s : f64
  } -> tensor<4xf64>
  %r = irtk_ext.scatter ins(%u, %i : tensor<2xf64>, tensor<2xi64>) outs(%t : tensor<8xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<8xf64>
  return %w, %r : tensor<4xf64>, tensor<8xf64>
}

// -----

// ...but when a view of the old value is read after the update, the scatter writes into a copy.
// CHECK-LABEL: func.func @view_read_after_update(
// CHECK:         %[[T:.*]] = memref.alloc() : memref<8xf64>
// CHECK:         %[[V:.*]] = memref.subview %[[T]][0] [4] [1]
// CHECK:         %[[COPY:.*]] = memref.alloc() : memref<8xf64>
// CHECK-NEXT:    "memref.copy"(%[[T]], %[[COPY]])
// CHECK-NEXT:    irtk_ext.scatter ins(%u, %i : memref<2xf64>, memref<2xi64>) outs(%[[COPY]] : memref<8xf64>)
// CHECK:         linalg.generic {{.*}} ins(%[[V]] : {{.*}})
func.func @view_read_after_update(%x: tensor<8xf64>, %u: tensor<2xf64>, %i: tensor<2xi64>) -> (tensor<4xf64>, tensor<8xf64>) {
  %e = tensor.empty() : tensor<8xf64>
  %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf64>) outs(%e : tensor<8xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.mulf %a, %a : f64
    linalg.yield %s : f64
  } -> tensor<8xf64>
  %v = tensor.extract_slice %t[0] [4] [1] : tensor<8xf64> to tensor<4xf64>
  %r = irtk_ext.scatter ins(%u, %i : tensor<2xf64>, tensor<2xi64>) outs(%t : tensor<8xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<8xf64>
  %e4 = tensor.empty() : tensor<4xf64>
  %w = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v : tensor<4xf64>) outs(%e4 : tensor<4xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.negf %a : f64
    linalg.yield %s : f64
  } -> tensor<4xf64>
  return %w, %r : tensor<4xf64>, tensor<8xf64>
}
