// RUN: irtk-opt %s --split-input-file -p fast-run | filecheck %s

// Views and in-place updates through the whole FAST_RUN pipeline, from the irtk dialect to loops.

// A slice of an input is a view of the input's buffer: the sum reads it through its strides, no element is copied.
// CHECK-LABEL: func.func @slice_sum(
// CHECK-NOT:     memref.copy
// CHECK:         %[[V:.*]] = memref.subview %x[%{{.*}}, 0] [%{{.*}}, %{{.*}}] [%{{.*}}, 1] : memref<?x?xf64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK-NOT:     memref.copy
// CHECK:         memref.load %[[V]][%i0, %i1] : memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK-NOT:     memref.copy
// CHECK:         func.return
func.func @slice_sum(%x: tensor<?x?xf64>, %s: tensor<i64>, %n: tensor<i64>, %k: tensor<i64>) -> tensor<f64> {
  %v = irtk.subtensor %x[%s : %n : %k] : tensor<?x?xf64>, tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?x?xf64>
  %r = irtk.sum %v [0, 1] : tensor<?x?xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// -----

// A reshape of an input is a view of its buffer: the product reads it in place.
// CHECK-LABEL: func.func @reshape_scale(
// CHECK-NOT:     memref.copy
// CHECK:         %[[FLAT:.*]] = memref.collapse_shape %x
// CHECK-NEXT:    %[[R:.*]] = memref.expand_shape %[[FLAT]] {{.*}} into memref<?x6xf64>
// CHECK-NOT:     memref.copy
// CHECK:         memref.load %[[R]][%i0, %i1] : memref<?x6xf64>
// CHECK-NOT:     memref.copy
// CHECK:         func.return
func.func @reshape_scale(%x: tensor<?x?xf64>, %n: tensor<i64>) -> tensor<?x6xf64> {
  %r = irtk.reshape %x, %n : tensor<?x?xf64>, tensor<i64> -> tensor<?x6xf64>
  %c = irtk.constant dense<2.0> : tensor<f64>
  %b = irtk.dimshuffle %c [-1, -1] : tensor<f64> -> tensor<1x1xf64>
  %y = irtk.mul %r, %b : tensor<?x6xf64>, tensor<1x1xf64> -> tensor<?x6xf64>
  return %y : tensor<?x6xf64>
}

// -----

// inc_subtensor of a value nothing reads afterwards updates its buffer in place...
// CHECK-LABEL: func.func @inc_in_place(
// CHECK:         %[[T:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK:         math.exp
// CHECK-NEXT:    memref.store %{{.*}}, %[[T]][%i0]
// CHECK-NOT:     memref.copy
// CHECK:         %current = memref.load %[[T]]
// CHECK:         memref.store %{{.*}}, %[[T]]
// CHECK:         func.return %[[T]] : memref<?xf64>
func.func @inc_in_place(%x: tensor<?xf64>, %u: tensor<?xf64>, %i: tensor<?xi64>) -> tensor<?xf64> {
  %t = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %r = irtk.advanced_inc_subtensor %t[%i], %u : tensor<?xf64>, tensor<?xf64>, tensor<?xi64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// ...and one whose old value is read later (the sum) updates a copy.
// CHECK-LABEL: func.func @inc_copies(
// CHECK:         %[[T:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK:         math.exp
// CHECK:         %[[C:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%[[T]], %[[C]])
// CHECK:         %current = memref.load %[[C]]
// CHECK:         memref.load %[[T]][%{{.*}}] : memref<?xf64>
// CHECK:         func.return %[[C]], %{{.*}} : memref<?xf64>, memref<f64>
func.func @inc_copies(%x: tensor<?xf64>, %u: tensor<?xf64>, %i: tensor<?xi64>) -> (tensor<?xf64>, tensor<f64>) {
  %t = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %r = irtk.advanced_inc_subtensor %t[%i], %u : tensor<?xf64>, tensor<?xf64>, tensor<?xi64> -> tensor<?xf64>
  %s = irtk.sum %t [0] : tensor<?xf64> -> tensor<f64>
  return %r, %s : tensor<?xf64>, tensor<f64>
}
