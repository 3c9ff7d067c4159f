// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A contraction (`irtk.contract`, `irtk.dot`) is one linalg.generic: a parallel loop per result index, in the
// result's order, then a reduction loop per summed index, innermost, in the order the spec first names them.
// Operands are upcast in the body; a sum starts from a linalg.fill of 0 and adds each product to it; without
// a sum the product is yielded as it is, into a tensor.empty (so the generic is elementwise and can fuse).

// numpy's dot of rank-3 operands: loops (i, j, m, n, k), t read at (i, j, k), s at (m, k, n).
// CHECK-LABEL: func.func @dot_tensor3(
// CHECK:         cf.assert %{{.*}}, "irtk.dot: size mismatch in dimension 1 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d2, d4, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%t, %s : tensor<?x?x?xf64>, tensor<?x?x?xf32>) outs(%[[ACC]] : tensor<?x?x?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f32, %[[C:.*]]: f64):
// CHECK-NEXT:      %[[BE:.*]] = arith.extf %[[B]] : f32 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[A]], %[[BE]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[C]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @dot_tensor3(%t: tensor<?x?x?xf64>, %s: tensor<?x?x?xf32>) -> tensor<?x?x?x?xf64> {
  %r = irtk.dot %t, %s : tensor<?x?x?xf64>, tensor<?x?x?xf32> -> tensor<?x?x?x?xf64>
  return %r : tensor<?x?x?x?xf64>
}

// -----

// tensordot over two axes: two reduction loops, j outside k; static sizes need no run-time check.
// CHECK-LABEL: func.func @tensordot_two_axes(
// CHECK-NOT:     cf.assert
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d2, d3, d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME:      ins(%a, %b : tensor<2x3x4xf64>, tensor<3x4x5xf64>) outs(%[[ACC]] : tensor<2x5xf64>)
func.func @tensordot_two_axes(%a: tensor<2x3x4xf64>, %b: tensor<3x4x5xf64>) -> tensor<2x5xf64> {
  %r = irtk.contract %a, %b {spec = "ijk,jkl->il"} : tensor<2x3x4xf64>, tensor<3x4x5xf64> -> tensor<2x5xf64>
  return %r : tensor<2x5xf64>
}

// -----

// A batched matrix product: the batch index is a parallel loop that both operands and the result share.
// CHECK-LABEL: func.func @batched_matmul(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
func.func @batched_matmul(%a: tensor<?x?x?xf64>, %b: tensor<?x?x?xf64>) -> tensor<?x?x?xf64> {
  %r = irtk.contract %a, %b {spec = "bij,bjk->bik"} : tensor<?x?x?xf64>, tensor<?x?x?xf64> -> tensor<?x?x?xf64>
  return %r : tensor<?x?x?xf64>
}

// -----

// Nothing summed (an outer product): no fill, no accumulator read; the upcast product is yielded.
// CHECK-LABEL: func.func @outer(
// CHECK-NOT:     linalg.fill
// CHECK:         %[[EMPTY:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%u, %v : tensor<?xi32>, tensor<?xf32>) outs(%[[EMPTY]] : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: i32, %[[V:.*]]: f32, %{{.*}}: f64):
// CHECK-NEXT:      %[[UF:.*]] = arith.sitofp %[[U]] : i32 to f64
// CHECK-NEXT:      %[[VF:.*]] = arith.extf %[[V]] : f32 to f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[UF]], %[[VF]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
func.func @outer(%u: tensor<?xi32>, %v: tensor<?xf32>) -> tensor<?x?xf64> {
  %r = irtk.contract %u, %v {spec = "i,j->ij"} : tensor<?xi32>, tensor<?xf32> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// A scalar operand of dot is read through the empty map: an elementwise product.
// CHECK-LABEL: func.func @dot_scalar(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT:    ^bb0(%[[S:.*]]: f64, %[[M:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[S]], %[[M]] : f64
// CHECK-NEXT:      linalg.yield %[[P]] : f64
func.func @dot_scalar(%s: tensor<f64>, %m: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %r = irtk.dot %s, %m : tensor<f64>, tensor<?x3xf64> -> tensor<?x3xf64>
  return %r : tensor<?x3xf64>
}

// -----

// A diagonal read repeats a loop in the operand's map; the two sizes must agree (a square matrix).
// CHECK-LABEL: func.func @diagonal(
// CHECK:         %[[N:.*]] = tensor.dim %m, %{{.*}} : tensor<?x?xf64>
// CHECK:         %[[M:.*]] = tensor.dim %m, %{{.*}} : tensor<?x?xf64>
// CHECK-NEXT:    %[[EQ:.*]] = arith.cmpi eq, %[[N]], %[[M]] : index
// CHECK-NEXT:    cf.assert %[[EQ]], "irtk.contract: size mismatch in dimension 1 of operand #0 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?xf64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%m : tensor<?x?xf64>) outs(%[[EMPTY]] : tensor<?xf64>)
func.func @diagonal(%m: tensor<?x?xf64>) -> tensor<?xf64> {
  %r = irtk.contract %m {spec = "ii->i"} : tensor<?x?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// The trace: the diagonal read, summed.
// CHECK-LABEL: func.func @trace(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
func.func @trace(%m: tensor<?x?xf64>) -> tensor<f64> {
  %r = irtk.contract %m {spec = "ii->"} : tensor<?x?xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// -----

// A diagonal write repeats a loop in the result's map, over a fill of 0: a vector becomes a diagonal matrix.
// CHECK-LABEL: func.func @diagonal_matrix(
// CHECK:         %[[N:.*]] = tensor.dim %v, %{{.*}} : tensor<?xf64>
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[N]], %[[N]]) : tensor<?x?xf64>
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:    %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[EMPTY]] : tensor<?x?xf64>) -> tensor<?x?xf64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0, d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%v : tensor<?xf64>) outs(%[[INIT]] : tensor<?x?xf64>)
func.func @diagonal_matrix(%v: tensor<?xf64>) -> tensor<?x?xf64> {
  %r = irtk.contract %v {spec = "i->ii"} : tensor<?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// Booleans: the product is `and`, the sum `or` (numpy's dot of booleans).
// CHECK-LABEL: func.func @bool_matvec(
// CHECK:         ^bb0(%[[A:.*]]: i1, %[[B:.*]]: i1, %[[C:.*]]: i1):
// CHECK-NEXT:      %[[P:.*]] = arith.andi %[[A]], %[[B]] : i1
// CHECK-NEXT:      %[[S:.*]] = arith.ori %[[C]], %[[P]] : i1
// CHECK-NEXT:      linalg.yield %[[S]] : i1
func.func @bool_matvec(%a: tensor<?x?xi1>, %v: tensor<?xi1>) -> tensor<?xi1> {
  %r = irtk.contract %a, %v {spec = "ij,j->i"} : tensor<?x?xi1>, tensor<?xi1> -> tensor<?xi1>
  return %r : tensor<?xi1>
}
