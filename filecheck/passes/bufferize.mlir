// RUN: irtk-opt %s --split-input-file -p lower-to-structured,bufferize | filecheck %s

// bufferize turns tensors into memrefs: the signature takes and returns memrefs; every tensor.empty is a
// memref.alloc (with the same dynamic sizes) that a generic or fill writes in place; every buffer that is
// not returned is freed just before the return; no tensor is left.

// CHECK-LABEL: func.func @chain(
// CHECK-SAME:    %x: memref<?xf64>, %s: memref<f32>) -> memref<f64> {
// CHECK:         %[[N:.*]] = memref.dim %x, %{{.*}} : memref<?xf64>
// CHECK-NEXT:    %[[E:.*]] = memref.alloc(%[[N]]) : memref<?xf64>
// CHECK-NEXT:    linalg.generic {{.*}} ins(%x : memref<?xf64>) outs(%[[E]] : memref<?xf64>) {
// CHECK:           math.exp
// CHECK:         %[[NEG:.*]] = memref.alloc(%[[N]]) : memref<?xf64>
// CHECK-NEXT:    linalg.generic {{.*}} ins(%[[E]] : memref<?xf64>) outs(%[[NEG]] : memref<?xf64>) {
// CHECK:           arith.negf
// CHECK:         %[[ACC:.*]] = memref.alloc() : memref<f64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:    linalg.fill ins(%[[ZERO]] : f64) outs(%[[ACC]] : memref<f64>)
// CHECK-NEXT:    linalg.generic {{.*}} ins(%[[NEG]] : memref<?xf64>) outs(%[[ACC]] : memref<f64>) {
// CHECK:         }
// CHECK-NEXT:    memref.dealloc %[[E]] : memref<?xf64>
// CHECK-NEXT:    memref.dealloc %[[NEG]] : memref<?xf64>
// CHECK-NEXT:    func.return %[[ACC]] : memref<f64>
// CHECK-NOT:     tensor
func.func @chain(%x: tensor<?xf64>, %s: tensor<f32>) -> tensor<f64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %n = irtk.neg %e : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %n [0] : tensor<?xf64> -> tensor<f64>
  return %c : tensor<f64>
}

// -----

// Several results, static and dynamic, of several dtypes; the intermediate row is freed (the unused sum
// was dropped as dead code).
// CHECK-LABEL: func.func @signature(
// CHECK-SAME:    %m: memref<?x4xf32>, %v: memref<4xi32>) -> (memref<?x4xf64>, memref<4xi64>) {
// CHECK-NEXT:    %[[ROW:.*]] = memref.alloc() : memref<1x4xi32>
// CHECK:         %[[P:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK:         %[[C:.*]] = memref.alloc() : memref<4xi64>
// CHECK:         memref.dealloc %[[ROW]] : memref<1x4xi32>
// CHECK-NEXT:    func.return %[[P]], %[[C]] : memref<?x4xf64>, memref<4xi64>
// CHECK-NOT:     tensor<
func.func @signature(%m: tensor<?x4xf32>, %v: tensor<4xi32>) -> (tensor<?x4xf64>, tensor<4xi64>) {
  %row = irtk.dimshuffle %v [x, 0] : tensor<4xi32> -> tensor<1x4xi32>
  %p = irtk.mul %m, %row : tensor<?x4xf32>, tensor<1x4xi32> -> tensor<?x4xf64>
  %s = irtk.sum %m [0] : tensor<?x4xf32> -> tensor<4xf32>
  %c = irtk.cast %v : tensor<4xi32> -> tensor<4xi64>
  return %p, %c : tensor<?x4xf64>, tensor<4xi64>
}

// -----

// Results are allocated inside; a function without tensors is left as it is.
// CHECK-LABEL: func.func @no_tensors(
// CHECK-SAME:    %a: f64) -> f64 {
// CHECK-NEXT:    %b = arith.addf %a, %a : f64
// CHECK-NEXT:    func.return %b : f64
func.func @no_tensors(%a: f64) -> f64 {
  %b = arith.addf %a, %a : f64
  return %b : f64
}
