// RUN: irtk-opt %s --split-input-file -p use-blas | filecheck %s
// RUN: irtk-opt %s --split-input-file -p use-blas | irtk-opt --split-input-file | filecheck %s
// RUN: irtk-opt %s --split-input-file -p use-blas,lower-to-structured,fuse,bufferize,lower-to-loops | filecheck %s --check-prefix=LOOPS

// use-blas: matrix products of one float dtype become irtk_blas.gemm (a BLAS call in FAST_RUN); the operand that
// holds the result's first letter is the lhs, and an operand stored the other way round is transposed. Dynamic
// sizes get the contraction's run-time checks, with its messages, and the result a tensor.empty. The second RUN
// line checks that the printed form parses back; the third that the later passes keep the gemm, on buffers.

// CHECK-LABEL: func.func @matrix_matrix(
// CHECK:         tensor.dim %b, %{{.*}} : tensor<?x?xf64>
// CHECK-NEXT:    %[[EQ:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK:         cf.assert %[[EQ]], "irtk.dot: size mismatch in dimension 0 of operand #1
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64>
// CHECK:         %{{.*}} = irtk_blas.gemm ins(%a, %b : tensor<?x?xf64>, tensor<?x?xf64>) outs(%[[INIT]] : tensor<?x?xf64>) -> tensor<?x?xf64>
// CHECK-NOT:     irtk.dot
// LOOPS-LABEL: func.func @matrix_matrix(
// LOOPS:         %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// LOOPS:         irtk_blas.gemm ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%[[OUT]] : memref<?x?xf64>)
// LOOPS:         func.return %[[OUT]] : memref<?x?xf64>
func.func @matrix_matrix(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %r = irtk.dot %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// Every transposition of either operand, and of the result (out^T = B^T A^T: the operands swap).
// CHECK-LABEL: func.func @transpositions(
// CHECK:         irtk_blas.gemm transpose_lhs ins(%a, %b : tensor<64x32xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<32x16xf32>) -> tensor<32x16xf32>
// CHECK:         irtk_blas.gemm transpose_rhs ins(%c, %d : tensor<32x64xf32>, tensor<16x64xf32>) outs(%{{.*}} : tensor<32x16xf32>) -> tensor<32x16xf32>
// CHECK:         irtk_blas.gemm transpose_lhs transpose_rhs ins(%a, %d : tensor<64x32xf32>, tensor<16x64xf32>) outs(%{{.*}} : tensor<32x16xf32>) -> tensor<32x16xf32>
// CHECK:         irtk_blas.gemm transpose_lhs transpose_rhs ins(%b, %c : tensor<64x16xf32>, tensor<32x64xf32>) outs(%{{.*}} : tensor<16x32xf32>) -> tensor<16x32xf32>
// CHECK:         irtk_blas.gemm ins(%c, %b : tensor<32x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<32x16xf32>) -> tensor<32x16xf32>
// CHECK-NOT:     irtk.contract
func.func @transpositions(%a: tensor<64x32xf32>, %b: tensor<64x16xf32>, %c: tensor<32x64xf32>, %d: tensor<16x64xf32>)
    -> (tensor<32x16xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<16x32xf32>, tensor<32x16xf32>) {
  %ki_kj = irtk.contract %a, %b {spec = "ki,kj->ij"} : tensor<64x32xf32>, tensor<64x16xf32> -> tensor<32x16xf32>
  %ik_jk = irtk.contract %c, %d {spec = "ik,jk->ij"} : tensor<32x64xf32>, tensor<16x64xf32> -> tensor<32x16xf32>
  %ki_jk = irtk.contract %a, %d {spec = "ki,jk->ij"} : tensor<64x32xf32>, tensor<16x64xf32> -> tensor<32x16xf32>
  %out_t = irtk.contract %c, %b {spec = "ij,jk->ki"} : tensor<32x64xf32>, tensor<64x16xf32> -> tensor<16x32xf32>
  %swapped = irtk.contract %b, %c {spec = "jk,ij->ik"} : tensor<64x16xf32>, tensor<32x64xf32> -> tensor<32x16xf32>
  return %ki_kj, %ik_jk, %ki_jk, %out_t, %swapped : tensor<32x16xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<16x32xf32>, tensor<32x16xf32>
}

// -----

// Matrix-vector and vector-matrix: the matrix is the lhs, transposed for the vector-matrix product.
// CHECK-LABEL: func.func @matrix_vector(
// CHECK:         cf.assert %{{.*}}, "irtk.dot: size mismatch in dimension 0 of operand #1
// CHECK:         irtk_blas.gemm ins(%m, %v : tensor<?x?xf64>, tensor<?xf64>) outs(%{{.*}} : tensor<?xf64>) -> tensor<?xf64>
// CHECK:         cf.assert %{{.*}}, "irtk.dot: size mismatch in dimension 0 of operand #1
// CHECK:         irtk_blas.gemm transpose_lhs ins(%m, %u : tensor<?x?xf64>, tensor<?xf64>) outs(%{{.*}} : tensor<?xf64>) -> tensor<?xf64>
// CHECK:         irtk_blas.gemm transpose_lhs ins(%m, %u : tensor<?x?xf64>, tensor<?xf64>) outs(%{{.*}} : tensor<?xf64>) -> tensor<?xf64>
// LOOPS-LABEL: func.func @matrix_vector(
// LOOPS:         irtk_blas.gemm ins(%m, %v : memref<?x?xf64>, memref<?xf64>) outs(%{{.*}} : memref<?xf64>)
func.func @matrix_vector(%m: tensor<?x?xf64>, %v: tensor<?xf64>, %u: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %mv = irtk.dot %m, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %vm = irtk.dot %u, %m : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %ji_j = irtk.contract %m, %u {spec = "ji,j->i"} : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %mv, %vm, %ji_j : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// Batched products, the batch letter leading every term, with any transposition of the matrices.
// CHECK-LABEL: func.func @batched(
// CHECK:         irtk_blas.gemm ins(%a, %b : tensor<4x?x?xf64>, tensor<4x?x?xf64>) outs(%{{.*}} : tensor<4x?x?xf64>) -> tensor<4x?x?xf64>
// CHECK:         irtk_blas.gemm transpose_lhs transpose_rhs ins(%a, %b : tensor<4x?x?xf64>, tensor<4x?x?xf64>) outs(%{{.*}} : tensor<4x?x?xf64>) -> tensor<4x?x?xf64>
// LOOPS-LABEL: func.func @batched(
// LOOPS:         irtk_blas.gemm ins(%a, %b : memref<4x?x?xf64>, memref<4x?x?xf64>) outs(%{{.*}} : memref<4x?x?xf64>)
func.func @batched(%a: tensor<4x?x?xf64>, %b: tensor<4x?x?xf64>) -> (tensor<4x?x?xf64>, tensor<4x?x?xf64>) {
  %r = irtk.contract %a, %b {spec = "bij,bjk->bik"} : tensor<4x?x?xf64>, tensor<4x?x?xf64> -> tensor<4x?x?xf64>
  %t = irtk.contract %a, %b {spec = "bji,bkj->bik"} : tensor<4x?x?xf64>, tensor<4x?x?xf64> -> tensor<4x?x?xf64>
  return %r, %t : tensor<4x?x?xf64>, tensor<4x?x?xf64>
}

// -----

// Left alone: a vector dot product, an outer product, a trace-like sum, a batch letter that is not first, two
// summed letters, integers, mixed dtypes, and a product of fewer than 4096 multiply-adds (3 x 4 x 5).
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     irtk_blas.gemm
// CHECK-COUNT-8: irtk.{{dot|contract}}
// CHECK-NOT:     irtk_blas.gemm
func.func @left_alone(%v: tensor<?xf64>, %m: tensor<?x?xf64>, %t: tensor<?x?x?xf64>, %i: tensor<?x?xi32>,
                      %f: tensor<?x?xf32>, %s: tensor<3x4xf64>, %s2: tensor<4x5xf64>)
    -> (tensor<f64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?x?xf64>, tensor<?xf64>, tensor<?x?xi32>, tensor<?x?xf64>, tensor<3x5xf64>) {
  %dot = irtk.dot %v, %v : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %outer = irtk.contract %v, %v {spec = "i,j->ij"} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
  %rows = irtk.contract %m, %m {spec = "ij,ij->i"} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %batch_last = irtk.contract %t, %t {spec = "ijb,jkb->ikb"} : tensor<?x?x?xf64>, tensor<?x?x?xf64> -> tensor<?x?x?xf64>
  %two_sums = irtk.contract %t, %m {spec = "ijk,jk->i"} : tensor<?x?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %ints = irtk.dot %i, %i : tensor<?x?xi32>, tensor<?x?xi32> -> tensor<?x?xi32>
  %mixed = irtk.dot %m, %f : tensor<?x?xf64>, tensor<?x?xf32> -> tensor<?x?xf64>
  %small = irtk.dot %s, %s2 : tensor<3x4xf64>, tensor<4x5xf64> -> tensor<3x5xf64>
  return %dot, %outer, %rows, %batch_last, %two_sums, %ints, %mixed, %small
      : tensor<f64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?x?xf64>, tensor<?xf64>, tensor<?x?xi32>, tensor<?x?xf64>, tensor<3x5xf64>
}
