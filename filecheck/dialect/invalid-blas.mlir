// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// irtk_blas.gemm takes operands and outs of one float element type, all tensors or all memrefs, of ranks
// (2, 2, 2), (2, 1, 1) or (3, 3, 3), whose static sizes agree; on tensors it returns its outs type.

func.func @ints(%a: tensor<?x?xi32>, %c: tensor<?x?xi32>) -> tensor<?x?xi32> {
  // expected-error @+1 {{irtk_blas.gemm: operands and outs must have one element type, f32 or f64}}
  %r = irtk_blas.gemm ins(%a, %a : tensor<?x?xi32>, tensor<?x?xi32>) outs(%c : tensor<?x?xi32>) -> tensor<?x?xi32>
  return %r : tensor<?x?xi32>
}

// -----

func.func @mixed(%a: tensor<?x?xf64>, %b: memref<?x?xf64>, %c: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk_blas.gemm: operands and outs must all be tensors or all memrefs}}
  %r = irtk_blas.gemm ins(%a, %b : tensor<?x?xf64>, memref<?x?xf64>) outs(%c : tensor<?x?xf64>) -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

func.func @ranks(%a: tensor<?xf64>, %b: tensor<?x?xf64>, %c: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_blas.gemm: operand ranks (1, 2, 1) are none of (2, 2, 2), (2, 1, 1), (3, 3, 3)}}
  %r = irtk_blas.gemm ins(%a, %b : tensor<?xf64>, tensor<?x?xf64>) outs(%c : tensor<?xf64>) -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @sizes(%a: tensor<8x16xf32>, %b: tensor<8x4xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{irtk_blas.gemm: static sizes of k differ (16 and 8)}}
  %r = irtk_blas.gemm ins(%a, %b : tensor<8x16xf32>, tensor<8x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

// -----

func.func @transposed_sizes(%a: tensor<16x8xf32>, %b: tensor<16x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{irtk_blas.gemm: static sizes of m differ (8 and 4)}}
  %r = irtk_blas.gemm transpose_lhs ins(%a, %b : tensor<16x8xf32>, tensor<16x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

func.func @vector_transposed(%a: tensor<?x?xf64>, %b: tensor<?xf64>, %c: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_blas.gemm: a vector rhs cannot be transposed}}
  %r = irtk_blas.gemm transpose_rhs ins(%a, %b : tensor<?x?xf64>, tensor<?xf64>) outs(%c : tensor<?xf64>) -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @buffers_have_no_result(%a: memref<?x?xf64>, %c: memref<?x?xf64>) {
  // expected-error @+1 {{irtk_blas.gemm: on buffers it has no result}}
  %r = "irtk_blas.gemm"(%a, %a, %c) : (memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>) -> memref<?x?xf64>
  return
}

// -----

func.func @tensors_without_result(%a: tensor<?x?xf64>, %c: tensor<?x?xf64>) {
  // expected-error @+1 {{irtk_blas.gemm: on tensors it returns its outs type}}
  "irtk_blas.gemm"(%a, %a, %c) : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> ()
  return
}

// -----

func.func @one_operand(%a: tensor<?x?xf64>, %c: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk_blas.gemm takes two operands and their two types}}
  %r = irtk_blas.gemm ins(%a : tensor<?x?xf64>) outs(%c : tensor<?x?xf64>) -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
