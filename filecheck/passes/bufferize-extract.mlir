// RUN: irtk-opt %s --split-input-file -p bufferize | filecheck %s
// RUN: irtk-opt %s --split-input-file -p bufferize,lower-to-loops | filecheck %s --check-prefix=LOOPS

// `tensor.extract` (how a constructor reads a size held in a 0-d tensor) becomes a `memref.load` of the
// tensor's buffer, an argument's or one a generic wrote, read where the extract was.

// CHECK-LABEL: func.func @size_from_argument(
// CHECK-SAME:    %n: memref<i64>) -> memref<?xf64> {
// CHECK-NEXT:    %[[N:.*]] = memref.load %n[] : memref<i64>
// CHECK-NEXT:    %[[I:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK-NEXT:    %[[B:.*]] = memref.alloc(%[[I]]) : memref<?xf64>
// CHECK-NOT:     tensor
// LOOPS-LABEL: func.func @size_from_argument(
// LOOPS-NEXT:    memref.load %n[] : memref<i64>
func.func @size_from_argument(%n: tensor<i64>) -> tensor<?xf64> {
  %v = tensor.extract %n[] : tensor<i64>
  %i = arith.index_cast %v : i64 to index
  %e = tensor.empty(%i) : tensor<?xf64>
  %c = arith.constant 1.0 : f64
  %f = linalg.fill ins(%c : f64) outs(%e : tensor<?xf64>) -> tensor<?xf64>
  return %f : tensor<?xf64>
}

// -----

// CHECK-LABEL: func.func @element_of_computed(
// CHECK:         linalg.generic {{.*}} outs(%[[T:.*]] : memref<2xi32>)
// CHECK:         %[[X:.*]] = memref.load %[[T]][%{{.*}}] : memref<2xi32>
// CHECK-NEXT:    memref.dealloc %[[T]] : memref<2xi32>
// CHECK-NEXT:    func.return %[[X]] : i32
func.func @element_of_computed(%a: tensor<2xi32>) -> i32 {
  %e = tensor.empty() : tensor<2xi32>
  %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<2xi32>) outs(%e : tensor<2xi32>) {
  ^bb0(%x: i32, %o: i32):
    %y = arith.addi %x, %x : i32
    linalg.yield %y : i32
  } -> tensor<2xi32>
  %one = arith.constant 1 : index
  %r = tensor.extract %t[%one] : tensor<2xi32>
  return %r : i32
}
