// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// `irtk.contract`: a sum of products described by an einsum-like spec. One term per operand names a loop (a
// letter) for each dimension; letters missing from the result are summed over; a letter repeated in an
// operand's term reads a diagonal, one repeated in the result writes one (0 elsewhere).

// CHECK-LABEL: func.func @products(
// CHECK-NEXT:    %mm = irtk.contract %a, %b {spec = "ij,jk->ik"} : tensor<3x?xf64>, tensor<?x5xf64> -> tensor<3x5xf64>
// CHECK-NEXT:    %abt = irtk.contract %a, %c {spec = "ij,kj->ik"} : tensor<3x?xf64>, tensor<5x?xf32> -> tensor<3x5xf64>
// CHECK-NEXT:    %bmm = irtk.contract %s, %t {spec = "bij,bjk->bik"} : tensor<?x3x4xf64>, tensor<?x4x2xf64> -> tensor<?x3x2xf64>
// CHECK-NEXT:    %outer = irtk.contract %u, %v {spec = "i,j->ij"} : tensor<?xi32>, tensor<4xi32> -> tensor<?x4xi32>
// CHECK-NEXT:    %all = irtk.contract %a {spec = "ij->"} : tensor<3x?xf64> -> tensor<f64>
// GENERIC-LABEL: "func.func"() <{sym_name = "products"
// GENERIC:         %mm = "irtk.contract"(%a, %b) <{spec = "ij,jk->ik"}> : (tensor<3x?xf64>, tensor<?x5xf64>) -> tensor<3x5xf64>
func.func @products(%a: tensor<3x?xf64>, %b: tensor<?x5xf64>, %c: tensor<5x?xf32>, %s: tensor<?x3x4xf64>, %t: tensor<?x4x2xf64>, %u: tensor<?xi32>, %v: tensor<4xi32>) -> (tensor<3x5xf64>, tensor<3x5xf64>, tensor<?x3x2xf64>, tensor<?x4xi32>, tensor<f64>) {
  %mm = irtk.contract %a, %b {spec = "ij,jk->ik"} : tensor<3x?xf64>, tensor<?x5xf64> -> tensor<3x5xf64>
  %abt = irtk.contract %a, %c {spec = "ij,kj->ik"} : tensor<3x?xf64>, tensor<5x?xf32> -> tensor<3x5xf64>
  %bmm = irtk.contract %s, %t {spec = "bij,bjk->bik"} : tensor<?x3x4xf64>, tensor<?x4x2xf64> -> tensor<?x3x2xf64>
  %outer = irtk.contract %u, %v {spec = "i,j->ij"} : tensor<?xi32>, tensor<4xi32> -> tensor<?x4xi32>
  %all = irtk.contract %a {spec = "ij->"} : tensor<3x?xf64> -> tensor<f64>
  return %mm, %abt, %bmm, %outer, %all : tensor<3x5xf64>, tensor<3x5xf64>, tensor<?x3x2xf64>, tensor<?x4xi32>, tensor<f64>
}

// Diagonals: read (`ii->i`), summed (`ii->`, the trace), written (`i->ii`); a static size of a repeated index
// fixes the other dimension's.
// CHECK-LABEL: func.func @diagonals(
// CHECK-NEXT:    %d = irtk.contract %m {spec = "ii->i"} : tensor<?x4xf64> -> tensor<4xf64>
// CHECK-NEXT:    %tr = irtk.contract %m {spec = "ii->"} : tensor<?x4xf64> -> tensor<f64>
// CHECK-NEXT:    %w = irtk.contract %v {spec = "i->ii"} : tensor<?xf32> -> tensor<?x?xf32>
func.func @diagonals(%m: tensor<?x4xf64>, %v: tensor<?xf32>) -> (tensor<4xf64>, tensor<f64>, tensor<?x?xf32>) {
  %d = irtk.contract %m {spec = "ii->i"} : tensor<?x4xf64> -> tensor<4xf64>
  %tr = irtk.contract %m {spec = "ii->"} : tensor<?x4xf64> -> tensor<f64>
  %w = irtk.contract %v {spec = "i->ii"} : tensor<?xf32> -> tensor<?x?xf32>
  return %d, %tr, %w : tensor<4xf64>, tensor<f64>, tensor<?x?xf32>
}
