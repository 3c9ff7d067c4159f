// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s

// irtk.argsort: one axis; the positions are int64 whatever the keys' dtype.

// CHECK-LABEL: func.func @argsort(
// CHECK-NEXT:    %a = irtk.argsort %x [1] : tensor<?x3xf32> -> tensor<?x3xi64>
// CHECK-NEXT:    %b = irtk.argsort %i [0] : tensor<4xi8> -> tensor<4xi64>
// CHECK-NEXT:    %c = irtk.argsort %p [0] : tensor<?xi1> -> tensor<?xi64>
func.func @argsort(%x: tensor<?x3xf32>, %i: tensor<4xi8>, %p: tensor<?xi1>) -> (tensor<?x3xi64>, tensor<4xi64>, tensor<?xi64>) {
  %a = irtk.argsort %x [1] : tensor<?x3xf32> -> tensor<?x3xi64>
  %b = irtk.argsort %i [0] : tensor<4xi8> -> tensor<4xi64>
  %c = irtk.argsort %p [0] : tensor<?xi1> -> tensor<?xi64>
  return %a, %b, %c : tensor<?x3xi64>, tensor<4xi64>, tensor<?xi64>
}
