// RUN: irtk-opt %s --split-input-file -p fuse | filecheck %s

// Two rules of fuse beyond the index algebra of fuse.mlir: a producer's `linalg.index` is remapped to the
// consumer's loops, and an op that can trap (here arith.divsi) never runs where it did not run before.

// The producer computes x[i, j] - (i - j); the consumer reads it transposed, so in the fused loop producer
// loop 0 is consumer loop 1 and producer loop 1 is consumer loop 0: the indices swap.
// CHECK-LABEL: func.func @transposed_index(
// CHECK:         %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x : tensor<?x?xi64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[II:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      %[[JJ:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-NEXT:      %[[D:.*]] = arith.subi %[[II]], %[[JJ]] : i64
// CHECK-NEXT:      %[[R:.*]] = arith.subi %[[A]], %[[D]] : i64
// CHECK-NEXT:      %[[N:.*]] = arith.addi %[[R]], %[[R]] : i64
// CHECK-NEXT:      linalg.yield %[[N]] : i64
// CHECK-NOT:     linalg.generic
func.func @transposed_index(%x: tensor<?x?xi64>, %init: tensor<?x?xi64>) -> tensor<?x?xi64> {
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x?xi64>) outs(%init : tensor<?x?xi64>) {
  ^bb0(%a: i64, %o: i64):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i64
    %jj = arith.index_cast %j : index to i64
    %d = arith.subi %ii, %jj : i64
    %r = arith.subi %a, %d : i64
    linalg.yield %r : i64
  } -> tensor<?x?xi64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%p : tensor<?x?xi64>) outs(%init : tensor<?x?xi64>) {
  ^bb0(%a: i64, %o: i64):
    %n = arith.addi %a, %a : i64
    linalg.yield %n : i64
  } -> tensor<?x?xi64>
  func.return %c : tensor<?x?xi64>
}

// -----

// A single-element producer stretched over the consumer's loop is normally recomputed per iteration, and its
// index becomes the constant the consumer reads it at. With arith.divsi in its body it stays apart: the
// division would run once per element of %v (or never, for an empty %v, hiding a division by zero).
// CHECK-LABEL: func.func @trapping_single_element(
// CHECK:         %q = linalg.generic
// CHECK:           arith.divsi
// CHECK:         %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>]
// CHECK-SAME:      ins(%q, %v : tensor<1xi64>, tensor<?xi64>)
// CHECK-NOT:       arith.divsi
// CHECK:         func.return %c
func.func @trapping_single_element(%a: tensor<1xi64>, %b: tensor<1xi64>, %v: tensor<?xi64>, %init: tensor<?xi64>) -> tensor<?xi64> {
  %e = tensor.empty() : tensor<1xi64>
  %q = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<1xi64>, tensor<1xi64>) outs(%e : tensor<1xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %r = arith.divsi %x, %y : i64
    linalg.yield %r : i64
  } -> tensor<1xi64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%q, %v : tensor<1xi64>, tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %s = arith.addi %x, %y : i64
    linalg.yield %s : i64
  } -> tensor<?xi64>
  func.return %c : tensor<?xi64>
}

// -----

// The same producer with arith.muli, which cannot trap, fuses; its `linalg.index 0` becomes the constant 0.
// CHECK-LABEL: func.func @pure_single_element(
// CHECK:         %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>]
// CHECK-SAME:      ins(%a, %b, %v : tensor<1xi64>, tensor<1xi64>, tensor<?xi64>)
// CHECK:           %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT:      arith.index_cast %[[Z]] : index to i64
// CHECK:           arith.muli
// CHECK:           arith.addi
// CHECK-NOT:     linalg.generic
func.func @pure_single_element(%a: tensor<1xi64>, %b: tensor<1xi64>, %v: tensor<?xi64>, %init: tensor<?xi64>) -> tensor<?xi64> {
  %e = tensor.empty() : tensor<1xi64>
  %q = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<1xi64>, tensor<1xi64>) outs(%e : tensor<1xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %m = arith.muli %x, %y : i64
    %r = arith.addi %m, %ii : i64
    linalg.yield %r : i64
  } -> tensor<1xi64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%q, %v : tensor<1xi64>, tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %s = arith.addi %x, %y : i64
    linalg.yield %s : i64
  } -> tensor<?xi64>
  func.return %c : tensor<?xi64>
}

// -----

// Read through a full permutation over the same loops, each quotient is computed exactly once: the
// division may fuse.
// CHECK-LABEL: func.func @trapping_read_once(
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%a, %b, %v : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
// CHECK:           arith.divsi
// CHECK-NEXT:      arith.addi
// CHECK-NOT:     linalg.generic
func.func @trapping_read_once(%a: tensor<?xi64>, %b: tensor<?xi64>, %v: tensor<?xi64>, %init: tensor<?xi64>) -> tensor<?xi64> {
  %q = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<?xi64>, tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %r = arith.divsi %x, %y : i64
    linalg.yield %r : i64
  } -> tensor<?xi64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%q, %v : tensor<?xi64>, tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %s = arith.addi %x, %y : i64
    linalg.yield %s : i64
  } -> tensor<?xi64>
  func.return %c : tensor<?xi64>
}
