// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// Basic indexing is a `tensor.extract_slice`: a slice's start, count and step (normalised by the frontend) are its
// offset, size and stride; an integer is checked and wrapped, then a unit size the result drops; dimensions the key
// does not name are taken whole. A step of zero fails the call.

// CHECK-LABEL: func.func @slice_and_index(
// CHECK:         %[[STEP:.*]] = tensor.extract %k[] : tensor<i64>
// CHECK:         cf.assert %{{.*}}, "irtk.subtensor: a slice's step cannot be zero
// CHECK:         %[[I:.*]] = tensor.extract %i[] : tensor<i64>
// CHECK:         cf.assert %{{.*}}, "irtk.subtensor: index is out of bounds for dimension 1
// CHECK:         %[[WRAPPED:.*]] = arith.select %{{.*}}, %{{.*}}, %[[I]] : i64
// CHECK:         %[[J:.*]] = arith.index_cast %[[WRAPPED]] : i64 to index
// CHECK:         %v = tensor.extract_slice %x[%{{.*}}, %[[J]], 0] [%{{.*}}, 1, 3] [%{{.*}}, 1, 1] : tensor<?x?x3xf64> to tensor<?x3xf64>
// CHECK-NEXT:    func.return %v : tensor<?x3xf64>
func.func @slice_and_index(%x: tensor<?x?x3xf64>, %s: tensor<i64>, %n: tensor<i64>, %k: tensor<i64>, %i: tensor<i64>) -> tensor<?x3xf64> {
  %v = irtk.subtensor %x[%s : %n : %k, %i] : tensor<?x?x3xf64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?x3xf64>
  return %v : tensor<?x3xf64>
}

// -----

// A count known when the program is written is a static size.
// CHECK-LABEL: func.func @static_count(
// CHECK:         %v = tensor.extract_slice %x[%{{.*}}] [2] [%{{.*}}] : tensor<8xf32> to tensor<2xf32>
func.func @static_count(%x: tensor<8xf32>) -> tensor<2xf32> {
  %s = irtk.constant dense<1> : tensor<i64>
  %n = irtk.constant dense<2> : tensor<i64>
  %k = irtk.constant dense<3> : tensor<i64>
  %v = irtk.subtensor %x[%s : %n : %k] : tensor<8xf32>, tensor<i64>, tensor<i64>, tensor<i64> -> tensor<2xf32>
  return %v : tensor<2xf32>
}
