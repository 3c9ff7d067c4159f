// RUN: irtk-opt %s -p toy-fuse-mul-add | filecheck %s

// A product that only feeds a sum becomes one toy.mul_add, whichever side of the sum it is on.
// CHECK-LABEL: func.func @product_then_sum
// CHECK-NEXT:    %r = toy.mul_add %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %r
func.func @product_then_sum(%a: tensor<?xf64>, %b: tensor<?xf64>, %c: tensor<?xf64>) -> tensor<?xf64> {
  %m = irtk.mul %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = irtk.add %m, %c : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// CHECK-LABEL: func.func @sum_of_addend_and_product
// CHECK-NEXT:    %r = toy.mul_add %a, %b, %c : tensor<3x1xf32>, tensor<1x4xf32>, tensor<1x1xf32> -> tensor<3x4xf32>
func.func @sum_of_addend_and_product(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>, %c: tensor<1x1xf32>) -> tensor<3x4xf32> {
  %m = irtk.mul %a, %b : tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x4xf32>
  %r = irtk.add %c, %m : tensor<1x1xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// The product is also returned: fusing would compute it twice. Left alone.
// CHECK-LABEL: func.func @product_used_twice
// CHECK-NEXT:    irtk.mul
// CHECK-NEXT:    irtk.add
func.func @product_used_twice(%a: tensor<?xf64>, %b: tensor<?xf64>, %c: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %m = irtk.mul %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = irtk.add %m, %c : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r, %m : tensor<?xf64>, tensor<?xf64>
}

// float32 * float32 rounds to float32 before the float64 sum; one op in float64 would not. Left alone.
// CHECK-LABEL: func.func @mixed_dtypes
// CHECK-NEXT:    irtk.mul
// CHECK-NEXT:    irtk.add
func.func @mixed_dtypes(%a: tensor<?xf32>, %b: tensor<?xf32>, %c: tensor<?xf64>) -> tensor<?xf64> {
  %m = irtk.mul %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %r = irtk.add %m, %c : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// Integers are left to irtk.mul and irtk.add.
// CHECK-LABEL: func.func @integers
// CHECK-NEXT:    irtk.mul
func.func @integers(%a: tensor<?xi64>, %b: tensor<?xi64>, %c: tensor<?xi64>) -> tensor<?xi64> {
  %m = irtk.mul %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %r = irtk.add %m, %c : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}
