// RUN: irtk-opt %s -p lower-to-structured,fuse | filecheck %s

// A gather is an ordinary parallel generic: it fuses into the reduction that consumes it (the tutorial's
// `-mean(log(p)[arange(n), y])`), its tensor.extract reading the captured log(p) inside the fused body. The
// producer it reads through tensor.extract (log) is not an input, so it stays a generic of its own, computed once.

// CHECK-LABEL: func.func @negative_log_likelihood(
// CHECK:         %[[LOG:.*]] = linalg.generic
// CHECK:           math.log
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]}
// CHECK:           tensor.extract %[[LOG]][%{{.*}}, %{{.*}}] : tensor<?x?xf64>
// CHECK:           arith.addf
func.func @negative_log_likelihood(%p: tensor<?x?xf64>, %rows: tensor<?xi64>, %y: tensor<?xi64>) -> tensor<f64> {
  %l = irtk.log %p : tensor<?x?xf64> -> tensor<?x?xf64>
  %g = irtk.advanced_subtensor %l[%rows, %y] : tensor<?x?xf64>, tensor<?xi64>, tensor<?xi64> -> tensor<?xf64>
  %s = irtk.sum %g [0] : tensor<?xf64> -> tensor<f64>
  return %s : tensor<f64>
}
