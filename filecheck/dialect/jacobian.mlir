// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.jacobian %y wrt %w... : y's type, wrt types`: y is a float vector; result i has shape (len(y), *w_i.shape)
// and w_i's dtype. Without the autodiff pass the request round-trips unchanged.

// CHECK-LABEL: func.func @jacobians(
// CHECK:         %j, %j_1 = irtk.jacobian %y wrt %x, %w : tensor<?xf64>, tensor<3xf32>, tensor<?x2xf64>
// CHECK-NEXT:    %h = irtk.jacobian %y wrt %x allow_disconnected {note = "h"} : tensor<?xf64>, tensor<3xf32>
// CHECK-NEXT:    func.return %j, %j_1, %h : tensor<?x3xf32>, tensor<?x?x2xf64>, tensor<?x3xf32>
// GENERIC-LABEL: "func.func"() <{sym_name = "jacobians"
// GENERIC:         "irtk.jacobian"(%y, %x, %w) : (tensor<?xf64>, tensor<3xf32>, tensor<?x2xf64>) -> (tensor<?x3xf32>, tensor<?x?x2xf64>)
// GENERIC:         "irtk.jacobian"(%y, %x) <{allow_disconnected}> {note = "h"} : (tensor<?xf64>, tensor<3xf32>) -> tensor<?x3xf32>
func.func @jacobians(%x: tensor<3xf32>, %w: tensor<?x2xf64>) -> (tensor<?x3xf32>, tensor<?x?x2xf64>, tensor<?x3xf32>) {
  %y = irtk.sum %w [1] : tensor<?x2xf64> -> tensor<?xf64>
  %j:2 = irtk.jacobian %y wrt %x, %w : tensor<?xf64>, tensor<3xf32>, tensor<?x2xf64>
  %h = irtk.jacobian %y wrt %x allow_disconnected {note = "h"} : tensor<?xf64>, tensor<3xf32>
  return %j#0, %j#1, %h : tensor<?x3xf32>, tensor<?x?x2xf64>, tensor<?x3xf32>
}
