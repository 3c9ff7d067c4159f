// RUN: irtk-opt %s --split-input-file -p bufferize | filecheck %s

// inc_subtensor in place: a scatter writes into its target's buffer when nothing else reads the old value (here a
// fresh tensor that only the scatter uses); when the old value is read later, it writes into a copy.

// CHECK-LABEL: func.func @in_place(
// CHECK:         %[[T:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK:         linalg.generic {{.*}} outs(%[[T]] : memref<?x4xf64>)
// CHECK-NOT:     memref.copy
// CHECK:         irtk_ext.scatter ins(%u, %i : memref<?x4xf64>, memref<?xi64>) outs(%[[T]] : memref<?x4xf64>)
// CHECK:         func.return %[[T]] : memref<?x4xf64>
func.func @in_place(%x: tensor<?x4xf64>, %u: tensor<?x4xf64>, %i: tensor<?xi64>) -> tensor<?x4xf64> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf64>
  %e = tensor.empty(%n) : tensor<?x4xf64>
  %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x4xf64>) outs(%e : tensor<?x4xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.mulf %a, %a : f64
    linalg.yield %s : f64
  } -> tensor<?x4xf64>
  %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}

// -----

// The old value %t is returned too: the scatter writes into a copy, and %t keeps its values.
// CHECK-LABEL: func.func @old_value_read_later(
// CHECK:         %[[T:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK:         linalg.generic {{.*}} outs(%[[T]] : memref<?x4xf64>)
// CHECK:         %[[COPY:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK-NEXT:    "memref.copy"(%[[T]], %[[COPY]])
// CHECK-NEXT:    irtk_ext.scatter ins(%u, %i : memref<?x4xf64>, memref<?xi64>) outs(%[[COPY]] : memref<?x4xf64>)
// CHECK:         func.return %[[COPY]], %[[T]] : memref<?x4xf64>, memref<?x4xf64>
func.func @old_value_read_later(%x: tensor<?x4xf64>, %u: tensor<?x4xf64>, %i: tensor<?xi64>) -> (tensor<?x4xf64>, tensor<?x4xf64>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf64>
  %e = tensor.empty(%n) : tensor<?x4xf64>
  %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x4xf64>) outs(%e : tensor<?x4xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.mulf %a, %a : f64
    linalg.yield %s : f64
  } -> tensor<?x4xf64>
  %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%t : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    %s = arith.addf %current, %update : f64
    irtk_ext.yield %s : f64
  } -> tensor<?x4xf64>
  return %r, %t : tensor<?x4xf64>, tensor<?x4xf64>
}

// -----

// An argument is never written: a scatter into one writes into a copy.
// CHECK-LABEL: func.func @argument_target(
// CHECK:         %[[COPY:.*]] = memref.alloc(%{{.*}}) : memref<?x4xf64>
// CHECK-NEXT:    "memref.copy"(%x, %[[COPY]])
// CHECK-NEXT:    irtk_ext.scatter ins(%u, %i : memref<?x4xf64>, memref<?xi64>) outs(%[[COPY]] : memref<?x4xf64>)
func.func @argument_target(%x: tensor<?x4xf64>, %u: tensor<?x4xf64>, %i: tensor<?xi64>) -> tensor<?x4xf64> {
  %r = irtk_ext.scatter ins(%u, %i : tensor<?x4xf64>, tensor<?xi64>) outs(%x : tensor<?x4xf64>) {
  ^bb0(%update: f64, %current: f64):
    irtk_ext.yield %update : f64
  } -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}
