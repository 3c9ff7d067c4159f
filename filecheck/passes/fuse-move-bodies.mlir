// RUN: irtk-opt %s --split-input-file -p fuse | filecheck %s

// fuse builds a fused body by moving the smaller body's ops into the larger body's block (never by cloning the
// growing body of a long chain). Either way round, the fused op is the same: P's ops, then C's, and the block
// arguments in the order [C's inputs before k, P's inputs, C's inputs after k, (P's init), C's outputs].

// The producer's body is the larger one, read at input 1 of 3: the consumer's arguments go around P's in P's block.
// CHECK-LABEL: func.func @larger_producer_in_the_middle(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>]
// CHECK-SAME:      ins(%a, %x, %y, %b : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) outs(%init : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[X:.*]]: f64, %[[Y:.*]]: f64, %[[B:.*]]: f64, %[[O:.*]]: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[S]], %[[S]] : f64
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[M]] : f64
// CHECK-NEXT:      %[[T:.*]] = arith.constant true
// CHECK-NEXT:      %[[C:.*]] = arith.select %[[T]], %[[A]], %[[E]] : f64
// CHECK-NEXT:      %[[R:.*]] = arith.subf %[[C]], %[[B]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK-NOT:     linalg.generic
func.func @larger_producer_in_the_middle(%a: tensor<?xf64>, %x: tensor<?xf64>, %y: tensor<?xf64>, %b: tensor<?xf64>,
                                         %init: tensor<?xf64>) -> tensor<?xf64> {
  %p = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<?xf64>, tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%xi: f64, %yi: f64, %o: f64):
    %s = arith.addf %xi, %yi : f64
    %m = arith.mulf %s, %s : f64
    %e = math.exp %m : f64
    linalg.yield %e : f64
  } -> tensor<?xf64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%a, %p, %b : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%ai: f64, %pi: f64, %bi: f64, %o: f64):
    %t = arith.constant true
    %sel = arith.select %t, %ai, %pi : f64
    %r = arith.subf %sel, %bi : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// The consumer's body is the larger one and reads the producer transposed: P's ops move in front of C's, and
// P's `linalg.index 0` becomes the consumer's `linalg.index 1`.
// CHECK-LABEL: func.func @smaller_producer_with_an_index(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      ins(%a, %x, %b : tensor<?x?xi64>, tensor<?x?xi64>, tensor<?x?xi64>) outs(%init : tensor<?x?xi64>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i64, %[[X:.*]]: i64, %[[B:.*]]: i64, %[[O:.*]]: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[II:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      %[[P:.*]] = arith.addi %[[X]], %[[II]] : i64
// CHECK-NEXT:      %[[U:.*]] = arith.addi %[[A]], %[[P]] : i64
// CHECK-NEXT:      %[[V:.*]] = arith.muli %[[U]], %[[B]] : i64
// CHECK-NEXT:      %[[W:.*]] = arith.subi %[[V]], %[[P]] : i64
// CHECK-NEXT:      %[[Z:.*]] = arith.xori %[[W]], %[[U]] : i64
// CHECK-NEXT:      linalg.yield %[[Z]] : i64
// CHECK-NOT:     linalg.generic
func.func @smaller_producer_with_an_index(%a: tensor<?x?xi64>, %x: tensor<?x?xi64>, %b: tensor<?x?xi64>,
                                          %init: tensor<?x?xi64>) -> tensor<?x?xi64> {
  %p = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xi64>) outs(%init : tensor<?x?xi64>) {
  ^bb0(%xi: i64, %o: i64):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %s = arith.addi %xi, %ii : i64
    linalg.yield %s : i64
  } -> tensor<?x?xi64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%a, %p, %b : tensor<?x?xi64>, tensor<?x?xi64>, tensor<?x?xi64>) outs(%init : tensor<?x?xi64>) {
  ^bb0(%ai: i64, %pi: i64, %bi: i64, %o: i64):
    %u = arith.addi %ai, %pi : i64
    %v = arith.muli %u, %bi : i64
    %w = arith.subi %v, %pi : i64
    %z = arith.xori %w, %u : i64
    linalg.yield %z : i64
  } -> tensor<?x?xi64>
  return %c : tensor<?x?xi64>
}

// -----

// A producer that reads no tensor bounds the consumer's loop with its init, which stays as the last input; here
// its body is the larger one, so the consumer's argument before it and its output go around P's in P's block.
// CHECK-LABEL: func.func @larger_index_only_producer(
// CHECK:         linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME:      ins(%s, %init : tensor<f64>, tensor<?xf64>) outs(%acc : tensor<f64>)
// CHECK-NEXT:    ^bb0(%[[S:.*]]: f64, %[[BOUND:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[II:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      %[[F:.*]] = arith.sitofp %[[II]] : i64 to f64
// CHECK-NEXT:      %[[G:.*]] = arith.mulf %[[F]], %[[F]] : f64
// CHECK-NEXT:      %[[H:.*]] = arith.mulf %[[S]], %[[G]] : f64
// CHECK-NEXT:      %[[R:.*]] = arith.addf %[[ACC]], %[[H]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK-NOT:     linalg.generic
func.func @larger_index_only_producer(%s: tensor<f64>, %init: tensor<?xf64>, %acc: tensor<f64>) -> tensor<f64> {
  %p = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%init : tensor<?xf64>) {
  ^bb0(%o: f64):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %f = arith.sitofp %ii : i64 to f64
    %g = arith.mulf %f, %f : f64
    linalg.yield %g : f64
  } -> tensor<?xf64>
  %c = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%s, %p : tensor<f64>, tensor<?xf64>) outs(%acc : tensor<f64>) {
  ^bb0(%si: f64, %pi: f64, %a: f64):
    %h = arith.mulf %si, %pi : f64
    %r = arith.addf %a, %h : f64
    linalg.yield %r : f64
  } -> tensor<f64>
  return %c : tensor<f64>
}
