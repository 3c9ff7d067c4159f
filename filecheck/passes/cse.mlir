// RUN: irtk-opt %s -p cse | filecheck %s

// irtk ops are pure, so cse merges identical ones: same op, same operands in the same order, same
// properties (dimshuffle patterns, sum axes, constant values). Operand order matters (no commutativity).

// CHECK-LABEL: func.func @duplicates(
// CHECK-NEXT:    %a = irtk.add %x, %y
// CHECK-NEXT:    %c = irtk.add %y, %x
// CHECK-NEXT:    %k1 = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %k3 = irtk.constant dense<3.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %m1 = irtk.mul %a, %k1
// CHECK-NEXT:    %m3 = irtk.mul %a, %k3
// CHECK-NEXT:    func.return %a, %c, %m1, %m1, %m3
func.func @duplicates(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %a = irtk.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.add %y, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %k1 = irtk.constant dense<2.0> : tensor<1xf64>
  %k2 = irtk.constant dense<2.0> : tensor<1xf64>
  %k3 = irtk.constant dense<3.0> : tensor<1xf64>
  %m1 = irtk.mul %a, %k1 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m2 = irtk.mul %b, %k2 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m3 = irtk.mul %b, %k3 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  return %b, %c, %m1, %m2, %m3 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// CHECK-LABEL: func.func @properties(
// CHECK-NEXT:    %r1 = irtk.dimshuffle %x [x, 0]
// CHECK-NEXT:    %c = irtk.dimshuffle %x [0, x]
// CHECK-NEXT:    %o1 = irtk.add %r1, %c
// CHECK-NEXT:    %s0 = irtk.sum %o1 [0]
// CHECK-NEXT:    %s1 = irtk.sum %o1 [1]
// CHECK-NEXT:    func.return %o1, %o1, %s0, %s0, %s1
func.func @properties(%x: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %r1 = irtk.dimshuffle %x [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %c = irtk.dimshuffle %x [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %r2 = irtk.dimshuffle %x [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %o1 = irtk.add %r1, %c : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %o2 = irtk.add %r2, %c : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %s0 = irtk.sum %o1 [0] : tensor<?x?xf64> -> tensor<?xf64>
  %t0 = irtk.sum %o2 [0] : tensor<?x?xf64> -> tensor<?xf64>
  %s1 = irtk.sum %o2 [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %o1, %o2, %s0, %t0, %s1 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

