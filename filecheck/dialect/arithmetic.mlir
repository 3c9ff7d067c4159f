// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s

// The arithmetic ops beyond `+ - * /` (see elementwise.mlir): each result type follows the op's dtype rule.
// `//`, `%` and `**` keep the operands' common dtype, integers included; abs, sgn, maximum and minimum too.

// CHECK-LABEL: func.func @integer_results(
// CHECK-NEXT:    %q = irtk.int_div %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
// CHECK-NEXT:    %r = irtk.mod %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
// CHECK-NEXT:    %p = irtk.pow %s, %s : tensor<?xi8>, tensor<?xi8> -> tensor<?xi8>
// CHECK-NEXT:    %a = irtk.abs %i : tensor<?xi32> -> tensor<?xi32>
// CHECK-NEXT:    %g = irtk.sgn %s : tensor<?xi8> -> tensor<?xi8>
// CHECK-NEXT:    %hi = irtk.maximum %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
// CHECK-NEXT:    %lo = irtk.minimum %s, %b : tensor<?xi8>, tensor<?xi1> -> tensor<?xi8>
func.func @integer_results(%i: tensor<?xi32>, %s: tensor<?xi8>, %b: tensor<?xi1>) -> (tensor<?xi32>, tensor<?xi32>, tensor<?xi8>, tensor<?xi32>, tensor<?xi8>, tensor<?xi32>, tensor<?xi8>) {
  %q = irtk.int_div %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
  %r = irtk.mod %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
  %p = irtk.pow %s, %s : tensor<?xi8>, tensor<?xi8> -> tensor<?xi8>
  %a = irtk.abs %i : tensor<?xi32> -> tensor<?xi32>
  %g = irtk.sgn %s : tensor<?xi8> -> tensor<?xi8>
  %hi = irtk.maximum %i, %s : tensor<?xi32>, tensor<?xi8> -> tensor<?xi32>
  %lo = irtk.minimum %s, %b : tensor<?xi8>, tensor<?xi1> -> tensor<?xi8>
  return %q, %r, %p, %a, %g, %hi, %lo : tensor<?xi32>, tensor<?xi32>, tensor<?xi8>, tensor<?xi32>, tensor<?xi8>, tensor<?xi32>, tensor<?xi8>
}

// Mixed with floats, the common dtype is numpy's: int32 with float32 is float64, int8 with float32 stays
// float32. Size-1 dimensions stretch as for every elementwise op.
// CHECK-LABEL: func.func @float_results(
// CHECK-NEXT:    %q = irtk.int_div %f, %i : tensor<?x1xf32>, tensor<1x?xi32> -> tensor<?x?xf64>
// CHECK-NEXT:    %p = irtk.pow %f, %s : tensor<?x1xf32>, tensor<?x1xi8> -> tensor<?x1xf32>
// CHECK-NEXT:    %r = irtk.mod %d, %f : tensor<3x1xf64>, tensor<?x1xf32> -> tensor<3x1xf64>
// CHECK-NEXT:    %g = irtk.sgn %f : tensor<?x1xf32> -> tensor<?x1xf32>
// CHECK-NEXT:    %hi = irtk.maximum %f, %d : tensor<?x1xf32>, tensor<3x1xf64> -> tensor<3x1xf64>
func.func @float_results(%f: tensor<?x1xf32>, %i: tensor<1x?xi32>, %s: tensor<?x1xi8>, %d: tensor<3x1xf64>) -> (tensor<?x?xf64>, tensor<?x1xf32>, tensor<3x1xf64>, tensor<?x1xf32>, tensor<3x1xf64>) {
  %q = irtk.int_div %f, %i : tensor<?x1xf32>, tensor<1x?xi32> -> tensor<?x?xf64>
  %p = irtk.pow %f, %s : tensor<?x1xf32>, tensor<?x1xi8> -> tensor<?x1xf32>
  %r = irtk.mod %d, %f : tensor<3x1xf64>, tensor<?x1xf32> -> tensor<3x1xf64>
  %g = irtk.sgn %f : tensor<?x1xf32> -> tensor<?x1xf32>
  %hi = irtk.maximum %f, %d : tensor<?x1xf32>, tensor<3x1xf64> -> tensor<3x1xf64>
  return %q, %p, %r, %g, %hi : tensor<?x?xf64>, tensor<?x1xf32>, tensor<3x1xf64>, tensor<?x1xf32>, tensor<3x1xf64>
}
