// RUN: irtk-opt %s --split-input-file -p bufferize | filecheck %s

// In place or not: a generic writes straight into the buffer of its `outs` tensor only when nothing reads that
// tensor after it; arguments are read-only, so an argument used as `outs` is copied first.

#id = affine_map<(d0) -> (d0)>

// Two generics share one tensor.empty: the first writes into a copy, because the second still reads the empty
// tensor; the second, its last reader, writes into the tensor's own buffer.
// CHECK-LABEL: func.func @shared_init(
// CHECK:         %[[E:.*]] = memref.alloc(%n) : memref<?xf64>
// CHECK:         %[[A:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%[[E]], %[[A]])
// CHECK-NEXT:    linalg.generic {{.*}} outs(%[[A]] : memref<?xf64>)
// CHECK-NOT:     memref.copy
// CHECK:         linalg.generic {{.*}} outs(%[[E]] : memref<?xf64>)
// CHECK-NOT:     memref.dealloc
// CHECK:         func.return %[[A]], %[[E]]
func.func @shared_init(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf64>
  %e = tensor.empty(%n) : tensor<?xf64>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = math.exp %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = arith.negf %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  return %a, %b : tensor<?xf64>, tensor<?xf64>
}

// -----

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @accumulate_into_argument(
// CHECK-SAME:    %x: memref<?xf64>, %acc: memref<?xf64>) -> memref<?xf64> {
// CHECK:         %[[COPY:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%acc, %[[COPY]])
// CHECK-NEXT:    linalg.generic {{.*}} ins(%x : memref<?xf64>) outs(%[[COPY]] : memref<?xf64>)
// CHECK:         func.return %[[COPY]] : memref<?xf64>
func.func @accumulate_into_argument(%x: tensor<?xf64>, %acc: tensor<?xf64>) -> tensor<?xf64> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<?xf64>) outs(%acc : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = arith.addf %out, %in : f64
    linalg.yield %v : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}
