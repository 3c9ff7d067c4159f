// RUN: irtk-opt %s -p fuse | filecheck %s

// fuse never moves a producer into a loop: the exp below is computed once, outside the scf.for, not at every
// iteration inside the consumer that the loop body holds.

// CHECK-LABEL: func.func @producer_outside_a_loop(
// CHECK:         %e = linalg.generic
// CHECK:           math.exp
// CHECK:         scf.for
// CHECK:           linalg.generic {{.*}} ins(%e, %acc : tensor<?xf64>, tensor<?xf64>)
// CHECK-NOT:         math.exp
func.func @producer_outside_a_loop(%x: tensor<?xf64>, %n: index) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %size = tensor.dim %x, %c0 : tensor<?xf64>
  %init = tensor.empty(%size) : tensor<?xf64>
  %e = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %t = math.exp %a : f64
    linalg.yield %t : f64
  } -> tensor<?xf64>
  %r = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %x) -> (tensor<?xf64>) {
    %out = tensor.empty(%size) : tensor<?xf64>
    %next = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%e, %acc : tensor<?xf64>, tensor<?xf64>) outs(%out : tensor<?xf64>) {
    ^bb0(%a: f64, %b: f64, %o: f64):
      %t = arith.addf %a, %b : f64
      linalg.yield %t : f64
    } -> tensor<?xf64>
    scf.yield %next : tensor<?xf64>
  }
  func.return %r : tensor<?xf64>
}
