// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s
// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s --check-prefix=ONE

// Contractions and fusion. An elementwise producer fuses into a contraction that reads each of its elements
// once (through a permutation of all the contraction's loops); one read many times (a matrix product's
// operands) or through a diagonal stays a generic of its own, as fusing would recompute it. A contraction
// that sums nothing is itself elementwise, and fuses into its consumer.

// matrix . vector reads each matrix element once: exp(a) fuses; the vector is read once per row, so
// neg(v) does not.
// CHECK-LABEL: func.func @producer_into_matvec(
// CHECK:         %n = linalg.generic
// CHECK-SAME:      ins(%v : tensor<?xf64>)
// CHECK:           arith.negf
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%a, %n : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[N:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[A]] : f64
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[E]], %[[N]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @producer_into_matvec(%a: tensor<?x?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %a : tensor<?x?xf64> -> tensor<?x?xf64>
  %n = irtk.neg %v : tensor<?xf64> -> tensor<?xf64>
  %r = irtk.contract %e, %n {spec = "ij,j->i"} : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// The row-wise dot of a batched_dot reads both operands once: both producers fuse, and a transposed read
// becomes a transposed map.
// ONE-LABEL:   func.func @producers_into_rowwise_dot(
// ONE-COUNT-1:   linalg.generic
// ONE-NOT:       linalg.generic
// CHECK-LABEL: func.func @producers_into_rowwise_dot(
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%a, %b : tensor<?x?xf64>, tensor<?x?xf64>)
// CHECK:           math.exp
// CHECK:           arith.mulf
// CHECK-NEXT:      arith.addf
func.func @producers_into_rowwise_dot(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %a : tensor<?x?xf64> -> tensor<?x?xf64>
  %t = irtk.dimshuffle %b [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %r = irtk.contract %e, %t {spec = "bk,bk->b"} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

// An outer product sums nothing: it is elementwise and fuses into the add that consumes it.
// ONE-LABEL:   func.func @outer_into_consumer(
// ONE-COUNT-1:   linalg.generic
// ONE-NOT:       linalg.generic
// CHECK-LABEL: func.func @outer_into_consumer(
// CHECK:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%u, %v, %m : tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>)
// CHECK:           arith.mulf
// CHECK-NEXT:      arith.addf
func.func @outer_into_consumer(%u: tensor<?xf64>, %v: tensor<?xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %o = irtk.contract %u, %v {spec = "i,j->ij"} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
  %s = irtk.add %o, %m : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %s : tensor<?x?xf64>
}

// -----

// The frontend's trace is the sum of the diagonal: the diagonal read fuses into the sum, one generic whose
// single reduction loop reads (i, i).
// ONE-LABEL:   func.func @diagonal_into_sum(
// ONE-COUNT-1:   linalg.generic
// ONE-NOT:       linalg.generic
// CHECK-LABEL: func.func @diagonal_into_sum(
// CHECK:         %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME:      ins(%m : tensor<?x?xf64>)
func.func @diagonal_into_sum(%m: tensor<?x?xf64>) -> tensor<f64> {
  %d = irtk.contract %m {spec = "ii->i"} : tensor<?x?xf64> -> tensor<?xf64>
  %t = irtk.sum %d [0] : tensor<?xf64> -> tensor<f64>
  return %t : tensor<f64>
}

// -----

// Not fused: a matrix product reads each operand element once per row or column of the other; a diagonal
// read uses a few elements of its producer (fusing would need the producer computed on the diagonal only);
// a diagonal write leaves zeros that its consumer must read.
// ONE-LABEL:   func.func @not_fused(
// CHECK-LABEL: func.func @not_fused(
// CHECK:         %e = linalg.generic
// CHECK:         %p = linalg.generic
// CHECK-SAME:      ins(%e, %b : tensor<?x?xf64>, tensor<?x?xf64>)
// CHECK:         %x = linalg.generic
// CHECK:         %d = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?x?xf64>)
// CHECK:         %w = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0, d0)>], iterator_types = ["parallel"]}
// CHECK:         %n = linalg.generic
// CHECK-SAME:      ins(%w : tensor<?x?xf64>)
func.func @not_fused(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>, %v: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>) {
  %e = irtk.exp %a : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.contract %e, %b {spec = "ij,jk->ik"} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %x = irtk.exp %b : tensor<?x?xf64> -> tensor<?x?xf64>
  %d = irtk.contract %x {spec = "ii->i"} : tensor<?x?xf64> -> tensor<?xf64>
  %w = irtk.contract %v {spec = "i->ii"} : tensor<?xf64> -> tensor<?x?xf64>
  %n = irtk.neg %w : tensor<?x?xf64> -> tensor<?x?xf64>
  return %p, %d, %n : tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>
}
