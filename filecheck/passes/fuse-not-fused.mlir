// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// What fuse leaves alone, because fusing would recompute work or change what is computed.

// A producer with two uses stays when its body is dear: fusing it into both would compute exp(tanh(x)) twice
// per element, 16 units more than the default recompute-limit of 4 allows (fuse-softmax.mlir has cheaper ones).
// CHECK-LABEL: func.func @multi_use_producer(
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xf64>)
// CHECK:           math.tanh
// CHECK:           math.exp
// CHECK:         %c = linalg.generic
// CHECK-SAME:      ins(%e : tensor<?xf64>)
// CHECK-NOT:       math.exp
// CHECK:         %n = linalg.generic
// CHECK-SAME:      ins(%e : tensor<?xf64>)
// CHECK-NOT:       math.exp
// CHECK:         func.return %c, %n
func.func @multi_use_producer(%x: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
  %t = irtk.tanh %x : tensor<?xf64> -> tensor<?xf64>
  %e = irtk.exp %t : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %n = irtk.neg %e : tensor<?xf64> -> tensor<?xf64>
  return %c, %n : tensor<f64>, tensor<?xf64>
}

// -----

// A producer whose result is also returned has two uses as well.
// CHECK-LABEL: func.func @returned_producer(
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT:     linalg.generic
func.func @returned_producer(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %n = irtk.neg %e : tensor<?xf64> -> tensor<?xf64>
  return %e, %n : tensor<?xf64>, tensor<?xf64>
}

// -----

// The consumer stretches a row the producer computes: each element would be recomputed once per row.
// CHECK-LABEL: func.func @stretched_producer(
// CHECK:         %e = linalg.generic
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      ins(%e, %m : tensor<1x?xf64>, tensor<?x?xf64>)
func.func @stretched_producer(%row: tensor<1x?xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %row : tensor<1x?xf64> -> tensor<1x?xf64>
  %a = irtk.add %e, %m : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

// A reduction is never a producer to fuse: its result needs the whole loop nest first.
// CHECK-LABEL: func.func @reduction_producer(
// CHECK:         %s = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK:         %e = linalg.generic
// CHECK-SAME:      ins(%s : tensor<?xf64>)
func.func @reduction_producer(%m: tensor<?x?xf64>) -> tensor<?xf64> {
  %s = irtk.sum %m [1] : tensor<?x?xf64> -> tensor<?xf64>
  %e = irtk.exp %s : tensor<?xf64> -> tensor<?xf64>
  return %e : tensor<?xf64>
}

// -----

// A dot reads each operand element many times: an elementwise producer of its operand stays separate.
// CHECK-LABEL: func.func @producer_of_dot_operand(
// CHECK:         %e = linalg.generic
// CHECK:         %r = linalg.generic
// CHECK-SAME:      ins(%e, %b : tensor<?x?xf64>, tensor<?x?xf64>)
func.func @producer_of_dot_operand(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %a : tensor<?x?xf64> -> tensor<?x?xf64>
  %r = irtk.dot %e, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
