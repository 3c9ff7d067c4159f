// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// MLIR's linalg canonicalization patterns and folds that irtk adds to xDSL's
// (irtk/passes/upstream_folds/linalg.py).

// CHECK-LABEL: func.func @identity_generic_and_dead_ops
// CHECK-SAME:    (%[[A:.*]]: tensor<4x8xf32>, %{{.*}}: f32)
// CHECK-NEXT:    func.return %[[A]] : tensor<4x8xf32>
func.func @identity_generic_and_dead_ops(%a: tensor<4x8xf32>, %v: f32) -> tensor<4x8xf32> {
  %o = tensor.empty() : tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  } -> tensor<4x8xf32>
  %f = linalg.fill ins(%v : f32) outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
  %s = linalg.add ins(%a, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @identity_generic_that_reduces_is_kept
// CHECK:         linalg.generic
func.func @identity_generic_that_reduces_is_kept(%a: tensor<4xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["reduction"]} ins(%a : tensor<4xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @buffers
// CHECK-SAME:    (%[[M:.*]]: memref<8xf32>, %[[E:.*]]: memref<0x8xf32>, %[[N:.*]]: memref<8xf32>)
// CHECK-NEXT:    linalg.copy ins(%[[M]]{{ ?}}:{{ ?}}memref<8xf32>) outs(%[[N]]{{ ?}}:{{ ?}}memref<8xf32>)
// CHECK-NEXT:    func.return
func.func @buffers(%m: memref<8xf32>, %e: memref<0x8xf32>, %n: memref<8xf32>) {
  linalg.copy ins(%m : memref<8xf32>) outs(%m : memref<8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%e : memref<0x8xf32>) {
  ^bb0(%y: f32):
    "test.effect"() : () -> ()
    linalg.yield %y : f32
  }
  linalg.copy ins(%m : memref<8xf32>) outs(%n : memref<8xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @fill_then_extract
// CHECK-SAME:    (%[[V:.*]]: f32, %{{.*}}: index)
// CHECK-NEXT:    func.return %[[V]] : f32
func.func @fill_then_extract(%v: f32, %i: index) -> f32 {
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %x = tensor.extract %f[%i, %i] : tensor<4x4xf32>
  return %x : f32
}

// -----

// CHECK-LABEL: func.func @transposes_and_broadcast
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<3x4xf32>)
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[A]]{{ ?}}:{{ ?}}tensor<2x3x4xf32>) outs(%{{.*}}{{ ?}}:{{ ?}}tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK-NEXT:    func.return %[[T]], %[[B]]
func.func @transposes_and_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<3x4xf32>) -> (tensor<4x2x3xf32>, tensor<3x4xf32>) {
  %o1 = tensor.empty() : tensor<3x2x4xf32>
  %t1 = linalg.transpose ins(%a : tensor<2x3x4xf32>) outs(%o1 : tensor<3x2x4xf32>) permutation = [1, 0, 2]
  %o2 = tensor.empty() : tensor<4x2x3xf32>
  %t2 = linalg.transpose ins(%t1 : tensor<3x2x4xf32>) outs(%o2 : tensor<4x2x3xf32>) permutation = [2, 1, 0]
  %o3 = tensor.empty() : tensor<3x4xf32>
  %t3 = linalg.transpose ins(%b : tensor<3x4xf32>) outs(%o3 : tensor<3x4xf32>) permutation = [0, 1]
  %c = linalg.broadcast ins(%t3 : tensor<3x4xf32>) outs(%o3 : tensor<3x4xf32>) dimensions = []
  return %t2, %c : tensor<4x2x3xf32>, tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @cast_into_generic
// CHECK-SAME:    (%[[A:.*]]: tensor<16xf32>)
// CHECK-NOT:     tensor.cast
// CHECK:         linalg.generic {{.*}} ins(%[[A]] : tensor<16xf32>) outs(%{{.*}} : tensor<?xf32>)
func.func @cast_into_generic(%a: tensor<16xf32>) -> tensor<?xf32> {
  %c = tensor.cast %a : tensor<16xf32> to tensor<?xf32>
  %o = "test.source"() : () -> tensor<?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%c : tensor<?xf32>) outs(%o : tensor<?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.mulf %x, %x : f32
    linalg.yield %e : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}
