// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ %mlir_opt %s --mlir-print-op-generic | irtk-opt | filecheck %s %}

// tensor.rank, which xDSL 0.74 lacks (irtk/dialects/upstream/tensor.py), of ranked and unranked tensors, and
// the reshapes canonicalize composes, read and printed in a form mlir-opt accepts.

// CHECK-LABEL: func.func @ranks(
// CHECK:         %{{.*}} = tensor.rank %{{.*}} : tensor<*xf32>
// CHECK-NEXT:    %{{.*}} = tensor.rank %{{.*}} : tensor<4x?xf32>
// GENERIC:       "tensor.rank"(%{{.*}}) : (tensor<*xf32>) -> index
// MLIR-LABEL:  func.func @ranks(
// MLIR:          tensor.rank
func.func @ranks(%t: tensor<*xf32>, %r: tensor<4x?xf32>) -> (index, index) {
  %a = tensor.rank %t : tensor<*xf32>
  %b = tensor.rank %r : tensor<4x?xf32>
  return %a, %b : index, index
}

// CHECK-LABEL: func.func @reshapes(
// CHECK:         %{{.*}} = tensor.collapse_shape %{{.*}} {{\[\[}}0{{( : i64)?}}, 1{{( : i64)?}}, 2{{( : i64)?}}]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK-NEXT:    %{{.*}} = tensor.expand_shape %{{.*}} {{\[\[}}0{{( : i64)?}}, 1{{( : i64)?}}]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// MLIR-LABEL:  func.func @reshapes(
// MLIR:          tensor.collapse_shape
// MLIR:          tensor.expand_shape
func.func @reshapes(%t: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %c = tensor.collapse_shape %t [[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
  %e = tensor.expand_shape %c [[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
  return %e : tensor<4x6xf32>
}
