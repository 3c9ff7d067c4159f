// RUN: irtk-opt %s -p lower-to-structured,fuse | filecheck %s
// A sum over a new size-1 axis: only the dimshuffle's result bounds the reduced loop, so fusing the dimshuffle
// into the sum would leave that loop without a size. fuse keeps them apart (the IR stays valid).

// CHECK-LABEL: func.func @sum_new_axis
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT:     linalg.generic
func.func @sum_new_axis(%x: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.dimshuffle %x [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %s = irtk.sum %e [1] : tensor<?x1xf64> -> tensor<?xf64>
  func.return %s : tensor<?xf64>
}
