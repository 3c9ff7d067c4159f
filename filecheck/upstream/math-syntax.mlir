// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ %mlir_opt %s | irtk-opt | filecheck %s %}

// math's float classifications, which xDSL 0.74 lacks (irtk/dialects/upstream/math.py): the result is i1 in
// the operand's shape, only the operand's type is written, and fastmath flags go in the attribute dictionary.

// CHECK-LABEL: func.func @classify(
// CHECK:         %{{.*}} = math.isnan %{{.*}} : f32
// CHECK:         %{{.*}} = math.isinf %{{.*}} {fastmath = #arith.fastmath<nnan,ninf>} : vector<4xf32>
// CHECK:         %{{.*}} = math.isfinite %{{.*}} : tensor<2x?xf64>
// CHECK:         %{{.*}} = math.isnormal %{{.*}} : f16
// MLIR-LABEL:  func.func @classify(
// MLIR:          math.isnan %{{.*}} : f32
// MLIR:          math.isinf %{{.*}} {fastmath = #arith.fastmath<nnan,ninf>} : vector<4xf32>
// MLIR:          math.isfinite %{{.*}} : tensor<2x?xf64>
// MLIR:          math.isnormal %{{.*}} : f16
func.func @classify(%x: f32, %v: vector<4xf32>, %t: tensor<2x?xf64>, %h: f16) -> (i1, vector<4xi1>, tensor<2x?xi1>, i1) {
  %a = math.isnan %x : f32
  %b = math.isinf %v {fastmath = #arith.fastmath<nnan,ninf>} : vector<4xf32>
  %c = math.isfinite %t : tensor<2x?xf64>
  %d = math.isnormal %h : f16
  return %a, %b, %c, %d : i1, vector<4xi1>, tensor<2x?xi1>, i1
}
