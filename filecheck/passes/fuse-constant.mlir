// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// fuse and constants. A splat constant operand is a scalar inside the body from lower-to-structured on, so it
// is no input at all: an elementwise chain with splats fuses as if they were not there, each splat staying next
// to the op that reads it. A dense constant is an ordinary input (a tensor no generic produces), read by the
// fused generic through the composed map, and, unlike a generic's result, may be read by several fused ops.

// x * 2 + 3: one generic, one input.
// CHECK-LABEL: func.func @affine(
// CHECK-NOT:     dense<
// CHECK:         %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x?xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[TWO]] : f32
// CHECK-NEXT:      %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[P]], %[[THREE]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK-NOT:     linalg.generic
func.func @affine(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %two = irtk.constant dense<2.0> : tensor<1x1xf32>
  %three = irtk.constant dense<3.0> : tensor<1x1xf32>
  %a = irtk.mul %x, %two : tensor<?x?xf32>, tensor<1x1xf32> -> tensor<?x?xf32>
  %b = irtk.add %a, %three : tensor<?x?xf32>, tensor<1x1xf32> -> tensor<?x?xf32>
  return %b : tensor<?x?xf32>
}

// -----

// One splat read by two ops of the chain (two uses of the constant, none of a generic): each op has its own
// scalar, and the two ops fuse.
// CHECK-LABEL: func.func @shared_splat(
// CHECK-NOT:     dense<
// CHECK:         %b = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[C:.*]] = arith.constant 2.500000e-01 : f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[C]] : f64
// CHECK-NEXT:      %[[C2:.*]] = arith.constant 2.500000e-01 : f64
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[P]], %[[C2]] : f64
// CHECK-NEXT:      linalg.yield %[[D]] : f64
// CHECK-NOT:     linalg.generic
func.func @shared_splat(%x: tensor<?xf64>) -> tensor<?xf64> {
  %c = irtk.constant dense<0.25> : tensor<1xf64>
  %a = irtk.mul %x, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = irtk.sub %a, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  return %b : tensor<?xf64>
}

// -----

// A weighted row sum with dense weights: the product fuses into the sum, the weights read at (0, d1).
// CHECK-LABEL: func.func @dense_row(
// CHECK:         %w = arith.constant dense<{{\[\[}}5.000000e-01, 1.500000e+00, -2.000000e+00]]> : tensor<1x3xf64>
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%x, %w : tensor<?x3xf64>, tensor<1x3xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[W:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[W]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK-NOT:     linalg.generic
func.func @dense_row(%x: tensor<?x3xf64>) -> tensor<?xf64> {
  %w = irtk.constant dense<[[0.5, 1.5, -2.0]]> : tensor<1x3xf64>
  %p = irtk.mul %x, %w : tensor<?x3xf64>, tensor<1x3xf64> -> tensor<?x3xf64>
  %s = irtk.sum %p [1] : tensor<?x3xf64> -> tensor<?xf64>
  return %s : tensor<?xf64>
}

// -----

// (x + d) * d with a dense d used by both ops: they still fuse into one generic (d is no generic's result,
// so its two uses do not keep anything apart), which reads x and d, d at (0, d1).
// CHECK-LABEL: func.func @dense_read_twice(
// CHECK-NOT:     linalg.yield
// CHECK:         %b = linalg.generic
// CHECK-SAME:      affine_map<(d0, d1) -> (0, d1)>
// CHECK-SAME:      ins(%x, %d
// CHECK-NEXT:    ^bb0(%[[X:[^:]+]]: i32, %[[D:[^:]+]]: i32,
// CHECK-NEXT:      %[[A:.*]] = arith.addi %[[X]], %[[D]] : i32
// CHECK-NEXT:      %[[B:.*]] = arith.muli %[[A]], %{{.*}} : i32
// CHECK-NEXT:      linalg.yield %[[B]] : i32
// CHECK-NOT:     linalg.generic
func.func @dense_read_twice(%x: tensor<?x2xi32>) -> tensor<?x2xi32> {
  %d = irtk.constant dense<[[1, 2]]> : tensor<1x2xi32>
  %a = irtk.add %x, %d : tensor<?x2xi32>, tensor<1x2xi32> -> tensor<?x2xi32>
  %b = irtk.mul %a, %d : tensor<?x2xi32>, tensor<1x2xi32> -> tensor<?x2xi32>
  return %b : tensor<?x2xi32>
}
