// RUN: irtk-opt %s --split-input-file -p elementwise-in-place | filecheck %s
// RUN: irtk-opt %s --split-input-file -p elementwise-in-place,bufferize | filecheck %s --check-prefix=BUF

// An elementwise generic that is the only reader of a freshly computed tensor takes that tensor as its destination
// (`outs`), so that bufferize writes in place. Everything else is left as it was.

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>

// The epilogue of a matrix product: bias and tanh written over the gemm's result, whose argument in the body
// becomes the output's; the tensor.empty that was the destination is gone. After bufferize: one buffer.
// CHECK-LABEL: func.func @gemm_epilogue(
// CHECK:         %[[G:.*]] = irtk_blas.gemm ins(%x, %w : tensor<?x?xf64>, tensor<?x?xf64>) outs(%{{.*}} : tensor<?x?xf64>)
// CHECK-NOT:     tensor.empty
// CHECK:         %[[H:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<?xf64>) outs(%[[G]] : tensor<?x?xf64>) {
// CHECK-NEXT:    ^bb0(%[[BV:.*]]: f64, %[[GV:.*]]: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[GV]], %[[BV]] : f64
// CHECK-NEXT:      %[[T:.*]] = math.tanh %[[S]] : f64
// CHECK-NEXT:      linalg.yield %[[T]] : f64
// CHECK:         func.return %[[H]]
// BUF-LABEL: func.func @gemm_epilogue(
// BUF:         %[[A:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// BUF-NEXT:    irtk_blas.gemm ins(%x, %w : memref<?x?xf64>, memref<?x?xf64>) outs(%[[A]] : memref<?x?xf64>)
// BUF-NOT:     memref.alloc
// BUF-NOT:     memref.copy
// BUF:         linalg.generic {{.*}} ins(%b : memref<?xf64>) outs(%[[A]] : memref<?x?xf64>)
// BUF:         func.return %[[A]]
func.func @gemm_epilogue(%x: tensor<?x?xf64>, %w: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %w, %c1 : tensor<?x?xf64>
  %e0 = tensor.empty(%m, %n) : tensor<?x?xf64>
  %g = irtk_blas.gemm ins(%x, %w : tensor<?x?xf64>, tensor<?x?xf64>) outs(%e0 : tensor<?x?xf64>) -> tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %h = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%g, %b : tensor<?x?xf64>, tensor<?xf64>) outs(%e : tensor<?x?xf64>) {
  ^bb0(%gv: f64, %bv: f64, %out: f64):
    %s = arith.addf %gv, %bv : f64
    %t = math.tanh %s : f64
    linalg.yield %t : f64
  } -> tensor<?x?xf64>
  func.return %h : tensor<?x?xf64>
}

// -----

#id = affine_map<(d0) -> (d0)>

// Not rewritten: the product is read again afterwards (it has two uses), an argument is never a destination, a
// different element type (f64 -> f32) cannot share the buffer, and a result computed into an argument's tensor
// (which bufferize copies, a view or a copy being no buffer of the producer's own) is not reused.
// CHECK-LABEL: func.func @left_alone(
// CHECK:         %a = linalg.generic {{.*}} ins(%p : tensor<?xf64>) outs(%e1 : tensor<?xf64>)
// CHECK:         %b = linalg.generic {{.*}} ins(%x : tensor<?xf64>) outs(%e2 : tensor<?xf64>)
// CHECK:         %c = linalg.generic {{.*}} ins(%p : tensor<?xf64>) outs(%e3 : tensor<?xf32>)
// CHECK:         %d = linalg.generic {{.*}} ins(%q : tensor<?xf64>) outs(%e4 : tensor<?xf64>)
func.func @left_alone(%x: tensor<?xf64>, %w: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf32>, tensor<?xf64>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %w, %c0 : tensor<?x?xf64>
  %e0 = tensor.empty(%n) : tensor<?xf64>
  %p = irtk_blas.gemm ins(%w, %x : tensor<?x?xf64>, tensor<?xf64>) outs(%e0 : tensor<?xf64>) -> tensor<?xf64>
  %e1 = tensor.empty(%n) : tensor<?xf64>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%p : tensor<?xf64>) outs(%e1 : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = math.exp %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  %e2 = tensor.empty(%n) : tensor<?xf64>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<?xf64>) outs(%e2 : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = arith.negf %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  %e3 = tensor.empty(%n) : tensor<?xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%p : tensor<?xf64>) outs(%e3 : tensor<?xf32>) {
  ^bb0(%in: f64, %out: f32):
    %v = arith.truncf %in : f64 to f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  %q = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%p : tensor<?xf64>) outs(%x : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = arith.addf %in, %out : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  %e4 = tensor.empty(%n) : tensor<?xf64>
  %d = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%q : tensor<?xf64>) outs(%e4 : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = math.sqrt %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  func.return %a, %b, %c, %d : tensor<?xf64>, tensor<?xf64>, tensor<?xf32>, tensor<?xf64>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
#rows = affine_map<(d0, d1) -> (d0)>

// Not rewritten: a transposed read (another iteration writes the element this one reads), a reduction, and an
// output whose initial value the body reads.
// CHECK-LABEL: func.func @not_elementwise(
// CHECK:         %t = linalg.generic {{.*}} ins(%g : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>)
// CHECK:         %r = linalg.generic {{.*}} ins(%g1 : tensor<?x?xf64>) outs(%z : tensor<?xf64>)
// CHECK:         %u = linalg.generic {{.*}} ins(%g2 : tensor<?x?xf64>) outs(%x : tensor<?x?xf64>)
func.func @not_elementwise(%x: tensor<?x?xf64>, %n: index) -> (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>) {
  %e0 = tensor.empty(%n, %n) : tensor<?x?xf64>
  %g = irtk_blas.gemm ins(%x, %x : tensor<?x?xf64>, tensor<?x?xf64>) outs(%e0 : tensor<?x?xf64>) -> tensor<?x?xf64>
  %e = tensor.empty(%n, %n) : tensor<?x?xf64>
  %t = linalg.generic {indexing_maps = [#tr, #id2], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
  ^bb0(%in: f64, %out: f64):
    linalg.yield %in : f64
  } -> tensor<?x?xf64>
  %e1 = tensor.empty(%n, %n) : tensor<?x?xf64>
  %g1 = irtk_blas.gemm ins(%x, %x : tensor<?x?xf64>, tensor<?x?xf64>) outs(%e1 : tensor<?x?xf64>) -> tensor<?x?xf64>
  %z = tensor.empty(%n) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id2, #rows], iterator_types = ["parallel", "reduction"]} ins(%g1 : tensor<?x?xf64>) outs(%z : tensor<?xf64>) {
  ^bb0(%in: f64, %acc: f64):
    %s = arith.addf %acc, %in : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  %e2 = tensor.empty(%n, %n) : tensor<?x?xf64>
  %g2 = irtk_blas.gemm ins(%x, %x : tensor<?x?xf64>, tensor<?x?xf64>) outs(%e2 : tensor<?x?xf64>) -> tensor<?x?xf64>
  %u = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g2 : tensor<?x?xf64>) outs(%x : tensor<?x?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %s = arith.addf %in, %out : f64
    linalg.yield %s : f64
  } -> tensor<?x?xf64>
  func.return %t, %r, %u : tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>
}
