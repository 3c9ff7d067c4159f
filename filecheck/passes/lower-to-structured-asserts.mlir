// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// Sizes that must agree but are not both static get a cf.assert before the generic, so a mismatch is a
// clean run-time error, not an out-of-bounds access. Two static sizes were checked by the verifier, and a
// stretched size-1 dimension needs nothing.

// CHECK-LABEL: func.func @both_dynamic(
// CHECK:         %[[X0:.*]] = tensor.dim %x, %{{.*}} : tensor<?x?xf64>
// CHECK:         %[[X1:.*]] = tensor.dim %x, %{{.*}} : tensor<?x?xf64>
// CHECK:         %[[Y0:.*]] = tensor.dim %y, %{{.*}} : tensor<?x?xf64>
// CHECK-NEXT:    %[[EQ0:.*]] = arith.cmpi eq, %[[X0]], %[[Y0]] : index
// CHECK-NEXT:    cf.assert %[[EQ0]], "irtk.add: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK:         %[[Y1:.*]] = tensor.dim %y, %{{.*}} : tensor<?x?xf64>
// CHECK-NEXT:    %[[EQ1:.*]] = arith.cmpi eq, %[[X1]], %[[Y1]] : index
// CHECK-NEXT:    cf.assert %[[EQ1]], "irtk.add: size mismatch in dimension 1 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK-NEXT:    tensor.empty(%[[X0]], %[[X1]]) : tensor<?x?xf64>
// CHECK:         linalg.generic
func.func @both_dynamic(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %a = irtk.add %x, %y : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// A dynamic size meeting a static one is compared with the constant; the result is static.
// CHECK-LABEL: func.func @dynamic_meets_static(
// CHECK:         %[[X0:.*]] = tensor.dim %x, %{{.*}} : tensor<?x4xf64>
// CHECK-NEXT:    %[[THREE:.*]] = arith.constant 3 : index
// CHECK-NEXT:    %[[EQ0:.*]] = arith.cmpi eq, %[[X0]], %[[THREE]] : index
// CHECK-NEXT:    cf.assert %[[EQ0]], "irtk.mul: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK:         %[[Y1:.*]] = tensor.dim %y, %{{.*}} : tensor<3x?xf64>
// CHECK-NEXT:    %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT:    %[[EQ1:.*]] = arith.cmpi eq, %[[FOUR]], %[[Y1]] : index
// CHECK-NEXT:    cf.assert %[[EQ1]], "irtk.mul: size mismatch in dimension 1 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK-NEXT:    tensor.empty() : tensor<3x4xf64>
func.func @dynamic_meets_static(%x: tensor<?x4xf64>, %y: tensor<3x?xf64>) -> tensor<3x4xf64> {
  %a = irtk.mul %x, %y : tensor<?x4xf64>, tensor<3x?xf64> -> tensor<3x4xf64>
  return %a : tensor<3x4xf64>
}

// -----

// CHECK-LABEL: func.func @no_assert_needed(
// CHECK-NOT:     cf.assert
// CHECK:         linalg.generic
// CHECK-NOT:     cf.assert
// CHECK:         func.return
func.func @no_assert_needed(%s: tensor<3x4xf64>, %t: tensor<3x4xf64>, %row: tensor<1x?xf64>, %col: tensor<?x1xf64>) -> (tensor<3x4xf64>, tensor<?x?xf64>) {
  %a = irtk.sub %s, %t : tensor<3x4xf64>, tensor<3x4xf64> -> tensor<3x4xf64>
  %b = irtk.sub %row, %col : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %a, %b : tensor<3x4xf64>, tensor<?x?xf64>
}

// -----

// A splat constant becomes a scalar in the body, but its static size still bounds the loop: the dynamic
// operand is checked against it.
// CHECK-LABEL: func.func @splat_with_static_size(
// CHECK:         %[[N:.*]] = tensor.dim %x, %{{.*}} : tensor<?xf64>
// CHECK-NEXT:    %[[THREE:.*]] = arith.constant 3 : index
// CHECK-NEXT:    %[[EQ:.*]] = arith.cmpi eq, %[[N]], %[[THREE]] : index
// CHECK-NEXT:    cf.assert %[[EQ]], "irtk.add: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK-NEXT:    tensor.empty() : tensor<3xf64>
func.func @splat_with_static_size(%x: tensor<?xf64>) -> tensor<3xf64> {
  %c = irtk.constant dense<2.0> : tensor<3xf64>
  %a = irtk.add %x, %c : tensor<?xf64>, tensor<3xf64> -> tensor<3xf64>
  return %a : tensor<3xf64>
}

// -----

// dot: the contracted sizes must agree.
// CHECK-LABEL: func.func @dot_contracted(
// CHECK:         %[[K:.*]] = tensor.dim %a, %{{.*}} : tensor<2x?xf64>
// CHECK:         %[[L:.*]] = tensor.dim %b, %{{.*}} : tensor<?xf64>
// CHECK-NEXT:    %[[EQ:.*]] = arith.cmpi eq, %[[K]], %[[L]] : index
// CHECK-NEXT:    cf.assert %[[EQ]], "irtk.dot: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
func.func @dot_contracted(%a: tensor<2x?xf64>, %b: tensor<?xf64>) -> tensor<2xf64> {
  %r = irtk.dot %a, %b : tensor<2x?xf64>, tensor<?xf64> -> tensor<2xf64>
  return %r : tensor<2xf64>
}
